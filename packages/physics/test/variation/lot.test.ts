// Lot variation against cases whose answer is known in closed form.
import { describe, expect, it } from 'vitest';
import { designCell, lotVariation, seededRandom } from '../../src/index.js';
import { sb21 } from '../models/fixtures/sb21.js';

const N = 4000;

describe('seeded random source', () => {
  it('gives the same stream for the same seed and a standard normal', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 20000 }, () => a.normal());
    expect(Array.from({ length: 20000 }, () => b.normal())).toEqual(xs);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    // Sampling error of the mean is 1/√20000 ≈ 0.007 and of the sd ≈ 0.005: 4 of each allowed.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe('lot variation', () => {
  it('stack thickness is a sum of layers: mean and sd match the linear closed form', () => {
    // thickness(stack) = Σ layers, so with independent normal tolerances
    //   σ = √(σ_SE² + σ_Al²), σ = a/3 for a written band ± a (Cpk = 1).
    // SE layer ± 3 µm → σ 1 µm; cathode collector ± 1.5 µm → σ 0.5 µm; σ_stack = √1.25 µm.
    const cell = sb21();
    const lot = lotVariation(
      cell,
      [
        { path: 'separator.thickness', halfWidth: 3e-6, relative: false },
        { path: 'cathode.collector', halfWidth: 1.5e-6, relative: false },
      ],
      { samples: N, seed: 11, metrics: ['thickness-stack'] },
    );
    const m = lot.metrics[0]!;
    const sigma = Math.sqrt(1.25) * 1e-6;
    expect(m.nominal).toBeCloseTo(designCell(cell).stack.thickness!, 12);
    expect(m.linearSd).toBeCloseTo(sigma, 9); // exact for a linear function (finite differences are exact)
    // Mean within 4 standard errors σ/√N; sd within 4 of its standard error σ/√(2(N−1)).
    expect(Math.abs(m.mean - m.nominal)).toBeLessThan((4 * sigma) / Math.sqrt(N));
    expect(Math.abs(m.sd - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * (N - 1)));
    // The SE layer carries 1 / 1.25 = 80 % of the variance.
    expect(m.contributions[0]!.path).toBe('separator.thickness');
    expect(m.contributions[0]!.share).toBeCloseTo(0.8, 6);
  });

  it('capacity of a cathode-limited cell follows its loading: relative sd = relative σ of the loading', () => {
    const cell = sb21();
    const nominal = designCell(cell);
    expect(nominal.limitingElectrode).toBe('cathode');
    // ± 3 % loading → σ 1 %; capacity ∝ loading, so σ_capacity = 1 % of nominal.
    const lot = lotVariation(cell, [{ path: 'cathode.loading', halfWidth: 0.03, relative: true }], {
      samples: N,
      seed: 3,
      metrics: ['capacity'],
    });
    const m = lot.metrics[0]!;
    const sigma = 0.01 * nominal.capacity!;
    expect(m.linearSd / sigma).toBeCloseTo(1, 6);
    expect(Math.abs(m.sd - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * (N - 1)));
    expect(m.p05).toBeLessThan(m.p50);
    expect(m.p50).toBeLessThan(m.p95);
    expect(m.histogram.counts.reduce((a, b) => a + b, 0)).toBe(N);
  });

  it('yield is the fraction of samples inside the targets: ± 1 σ band gives 68 %', () => {
    const cell = sb21();
    const capacity = designCell(cell).capacity!;
    // Target capacity ± 1 % with a loading σ of 1 %: P(|z| ≤ 1) = 68.27 %.
    const targeted = {
      ...cell,
      targets: [{ metric: 'capacity' as const, op: '=' as const, value: capacity, relativeTolerance: 0.01 }],
    };
    const lot = lotVariation(targeted, [{ path: 'cathode.loading', halfWidth: 0.03, relative: true }], {
      samples: N,
      seed: 5,
      metrics: ['capacity'],
    });
    // Binomial standard error √(p(1−p)/N) ≈ 0.0074: 4 of them allowed.
    expect(Math.abs(lot.yield! - 0.6827)).toBeLessThan(0.03);
    expect(lot.misses[0]!.fraction).toBeCloseTo(1 - lot.yield!, 12);
  });

  it('the same seed gives the same lot; an unknown path or unstated value is reported, not invented', () => {
    const cell = sb21();
    const tolerances = [{ path: 'anode.loading', halfWidth: 0.02, relative: true }];
    expect(lotVariation(cell, tolerances, { samples: 50, seed: 9 })).toEqual(
      lotVariation(cell, tolerances, { samples: 50, seed: 9 }),
    );
    const odd = lotVariation(
      cell,
      [
        { path: 'cathode.colour', halfWidth: 0.1, relative: true },
        { path: 'cathode.thickness', halfWidth: 0.1, relative: true },
      ],
      { samples: 10 },
    );
    expect(odd.inputs).toEqual([]);
    expect(odd.problems).toEqual([
      'cathode.colour: not a design variable',
      'cathode.thickness: the cell does not state it, so it cannot vary',
    ]);
  });
});
