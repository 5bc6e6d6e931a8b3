/**
 * Lot variation: how the tolerances of a cell's numbers spread its design figures.
 *
 * Each toleranced number x_i is drawn independently around its nominal value. A written band
 * "± a" is read as a process that keeps its parts inside the band with capability Cpk = 1, i.e. a
 * normal distribution with σ = a / 3 (99.73 % inside; Montgomery, Introduction to Statistical
 * Quality Control, 7th ed., §8.2) — `sigmas` changes the 3 — or, with `distribution: 'uniform'`,
 * uniform on [−a, a] (σ = a/√3). Every sample cell goes through the design calculator, so the
 * figures are the ones `report` gives for that cell.
 *
 * Besides the Monte Carlo spread, the linear (first-order) propagation
 *   σ_y² ≈ Σ_i (∂y/∂x_i · σ_i)²
 * with central finite differences at the nominal design gives each metric's spread analytically
 * and ranks the tolerances by their share (∂y/∂x_i · σ_i)² / σ_y² (Taylor, An Introduction to Error
 * Analysis, 2nd ed., §3.11). Where the two agree the response is linear over the band.
 *
 * Yield is the fraction of samples whose figures meet every target written on the cell (the
 * lot-acceptance criteria, e.g. "capacity 8 mAh ± 3 %").
 */
import { checkTargets } from '../design/targets.js';
import { designCell } from '../design/calculate.js';
import { METRICS, type MetricSpec } from '../design/metrics.js';
import type { CellIR } from '../ir.js';
import { seededRandom } from './random.js';
import { findVariable, type DesignVariable } from './variables.js';

export interface Tolerance {
  /** A design variable's path (`cathode.loading`, see `variables.ts`). */
  readonly path: string;
  /** Half-width of the band: a fraction of the nominal value when `relative`, else SI. */
  readonly halfWidth: number;
  readonly relative: boolean;
  /** Where the tolerance was written, for the report. */
  readonly origin?: string;
}

export interface LotOptions {
  /** Monte Carlo samples (default 2000). */
  readonly samples?: number;
  /** Seed of the random source (default 1): the same seed gives the same lot. */
  readonly seed?: number;
  readonly distribution?: 'normal' | 'uniform';
  /** Standard deviations a written band spans each side, for normal draws (default 3). */
  readonly sigmas?: number;
  /** Metric keys of `METRICS` to report (default capacity, N/P, energy densities, specific energies). */
  readonly metrics?: readonly string[];
}

export interface MetricSpread {
  readonly key: string;
  readonly label: string;
  readonly kind: string;
  readonly nominal: number;
  readonly mean: number;
  /** Sample standard deviation. */
  readonly sd: number;
  /** First-order (linear) standard deviation from the sensitivities. */
  readonly linearSd: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  /** Tolerances by their share of the linear variance, largest first. */
  readonly contributions: readonly { readonly path: string; readonly label: string; readonly share: number }[];
  /** 20 equal bins from min to max. */
  readonly histogram: { readonly edges: readonly number[]; readonly counts: readonly number[] };
}

export interface LotVariation {
  readonly cell: string;
  readonly samples: number;
  readonly seed: number;
  readonly distribution: 'normal' | 'uniform';
  readonly inputs: readonly {
    readonly path: string;
    readonly label: string;
    readonly kind: string;
    readonly nominal: number;
    readonly sd: number;
    readonly halfWidth: number;
    readonly origin?: string;
  }[];
  readonly metrics: readonly MetricSpread[];
  /** Fraction of samples meeting every target; undefined when the cell has no target. */
  readonly yield?: number;
  /** Targets by how often a sample misses them. */
  readonly misses: readonly { readonly target: string; readonly fraction: number }[];
  /** Why some tolerances or metrics were left out. */
  readonly problems: readonly string[];
}

const DEFAULT_METRICS = ['capacity', 'np', 'ed-stack', 'ed-cell', 'se-stack', 'se-cell'];

interface Input {
  readonly variable: DesignVariable;
  readonly nominal: number;
  readonly halfWidth: number;
  readonly sd: number;
  readonly origin?: string;
}

export function lotVariation(cell: CellIR, tolerances: readonly Tolerance[], options: LotOptions = {}): LotVariation {
  const samples = Math.max(2, Math.floor(options.samples ?? 2000));
  const seed = options.seed ?? 1;
  const distribution = options.distribution ?? 'normal';
  const sigmas = options.sigmas ?? 3;
  const problems: string[] = [];
  const inputs: Input[] = [];
  for (const t of tolerances) {
    const variable = findVariable(t.path);
    const nominal = variable?.get(cell);
    if (!variable) problems.push(`${t.path}: not a design variable`);
    else if (nominal === undefined) problems.push(`${t.path}: the cell does not state it, so it cannot vary`);
    else if (!(t.halfWidth >= 0)) problems.push(`${t.path}: a tolerance must be a non-negative number`);
    else {
      const halfWidth = t.relative ? Math.abs(nominal) * t.halfWidth : t.halfWidth;
      const sd = distribution === 'normal' ? halfWidth / sigmas : halfWidth / Math.sqrt(3);
      inputs.push({ variable, nominal, halfWidth, sd, ...(t.origin ? { origin: t.origin } : {}) });
    }
  }
  const specs = (options.metrics ?? DEFAULT_METRICS)
    .map((key) => METRICS.find((m) => m.key === key))
    .filter((m): m is MetricSpec => m !== undefined);
  const nominalDesign = designCell(cell);
  const metricSpecs = specs.filter((m) => m.get(nominalDesign) !== undefined);
  for (const m of specs)
    if (!metricSpecs.includes(m)) problems.push(`${m.label}: not computable for the nominal design`);

  const apply = (values: readonly number[]): CellIR =>
    inputs.reduce((c, input, i) => input.variable.set(c, values[i]!), cell);
  const sensitivities = metricSpecs.map((m) => inputs.map((input) => slope(cell, input, m)));

  const random = seededRandom(seed);
  const draws = metricSpecs.map(() => new Float64Array(samples));
  const missCounts = new Map<string, number>();
  let targets = 0;
  let met = 0;
  for (let s = 0; s < samples; s++) {
    const values = inputs.map((input) => {
      const z = distribution === 'normal' ? random.normal() : 2 * random.uniform() - 1;
      const offset = distribution === 'normal' ? z * input.sd : z * input.halfWidth;
      return physical(input.variable, input.nominal + offset);
    });
    const sampled = apply(values);
    const design = designCell(sampled);
    metricSpecs.forEach((m, k) => (draws[k]![s] = m.get(design) ?? NaN));
    const checks = checkTargets(sampled, design);
    targets = checks.length;
    if (checks.every((c) => c.met)) met++;
    for (const c of checks) {
      if (c.met) continue;
      missCounts.set(c.label, (missCounts.get(c.label) ?? 0) + 1);
    }
  }

  const metrics = metricSpecs.map((m, k): MetricSpread => {
    const values = [...draws[k]!].filter(Number.isFinite).sort((a, b) => a - b);
    const contributions = inputs.map((input, i) => (sensitivities[k]![i]! * input.sd) ** 2);
    const variance = contributions.reduce((a, b) => a + b, 0);
    return {
      key: m.key,
      label: m.label,
      kind: m.kind,
      nominal: m.get(nominalDesign)!,
      ...summary(values),
      linearSd: Math.sqrt(variance),
      contributions: inputs
        .map((input, i) => ({
          path: input.variable.path,
          label: input.variable.label,
          share: variance > 0 ? contributions[i]! / variance : 0,
        }))
        .sort((a, b) => b.share - a.share),
      histogram: histogram(values, 20),
    };
  });

  return {
    cell: cell.name,
    samples,
    seed,
    distribution,
    inputs: inputs.map((i) => ({
      path: i.variable.path,
      label: i.variable.label,
      kind: i.variable.kind,
      nominal: i.nominal,
      sd: i.sd,
      halfWidth: i.halfWidth,
      ...(i.origin ? { origin: i.origin } : {}),
    })),
    metrics,
    ...(targets > 0 ? { yield: met / samples } : {}),
    misses: [...missCounts]
      .map(([target, count]) => ({ target, fraction: count / samples }))
      .sort((a, b) => b.fraction - a.fraction),
    problems,
  };
}

/** ∂metric/∂x by a central difference of ±0.1 % of the nominal value (or of the band, if larger). */
function slope(cell: CellIR, input: Input, metric: MetricSpec): number {
  const h = Math.max(Math.abs(input.nominal) * 1e-3, input.halfWidth * 1e-2, Number.MIN_VALUE);
  const at = (x: number): number | undefined => metric.get(designCell(input.variable.set(cell, x)));
  const up = at(input.nominal + h);
  const down = at(input.nominal - h);
  return up === undefined || down === undefined ? 0 : (up - down) / (2 * h);
}

/** A drawn value kept physical: lengths, areas and loadings above zero, fractions below one. */
function physical(variable: DesignVariable, value: number): number {
  const floor = Number.EPSILON;
  if (variable.kind === 'fraction') return Math.min(Math.max(value, floor), 1 - floor);
  return Math.max(value, floor);
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function summary(sorted: readonly number[]) {
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return {
    mean,
    sd,
    p05: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

function histogram(sorted: readonly number[], bins: number) {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const width = (max - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), counts };
}
