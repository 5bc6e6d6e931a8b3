/**
 * Reduced model for instant hints: the single-particle model with electrolyte (SPMe) of
 * Marquis et al., J. Electrochem. Soc. 166, A3693 (2019), in dimensional form.
 *
 * Each electrode is represented by one particle carrying the mean reaction current
 *   i_n,neg = I/(a_n L_n),  i_n,pos = −I/(a_p L_p)
 * (spherical diffusion as in particle.ts). A liquid electrolyte follows the linear diffusion
 *   ε ∂c_e/∂t = ∂/∂x(D_eff(c_e0) ∂c_e/∂x) + (1 − t+) a i_n / F
 * on the same x-mesh as the P2D model. The terminal voltage is
 *   V = U_p(c_s,p^surf) − U_n(c_s,n^surf) + η_p − η_n
 *       + (2RT/F)(1 − t+)·TDF·(ln c̄_e,p − ln c̄_e,n)                  (concentration overpotential)
 *       − I (L_n/(3κ_n,eff) + L_s/κ_s,eff + L_p/(3κ_p,eff))           (electrolyte ohmic)
 *       − I (L_n/(3σ_n,eff) + L_p/(3σ_p,eff)) − I R_film terms − I R_series,
 * η from Butler–Volmer with i0 at the electrode-mean c_e. The L/3 factors are exact for uniform
 * reaction in each electrode. For a solid electrolyte (t+ = 1) the concentration terms vanish and
 * this is the SPM-plus-ohmic form, close to P2D while the reaction stays near uniform. Every step
 * is linear (one tridiagonal solve per particle and one for c_e): no Newton iteration.
 */
import { bdf2Coefficients } from './bdf2.js';
import { FARADAY as F, GAS_CONSTANT as R, arrhenius } from './constants.js';
import { ParticleGrid } from './particle.js';
import {
  DEFAULT_MESH,
  seriesResistanceAt,
  stoichiometryAtSoc,
  type ElectrodeParameters,
  type Mesh,
  type ModelParameters,
} from './parameters.js';
import { tabulateOcp } from '../ocp/table.js';
import type { OcpFunction } from '../ocp/types.js';
import type { CellModel, Control, HeatSources, Profiles } from './model.js';

interface Side {
  readonly p: ElectrodeParameters;
  readonly grid: ParticleGrid;
  readonly ocp: OcpFunction;
  readonly area: number; // reacting area per volume
  c1: Float64Array;
  c2: Float64Array;
  cNew: Float64Array;
  readonly history: Float64Array;
}

/**
 * Overpotential from Butler–Volmer i = i0 [e^(αfη) − e^(−(1−α)fη)]: closed form for α = ½,
 * else a few Newton steps (monotone, convex on each side, so Newton from asinh converges).
 */
function overpotential(i: number, i0: number, alpha: number, f: number): number {
  let eta = (2 / f) * Math.asinh(i / (2 * i0));
  if (alpha === 0.5) return eta;
  for (let k = 0; k < 20; k++) {
    const ea = Math.exp(alpha * f * eta),
      ec = Math.exp(-(1 - alpha) * f * eta);
    const r = i0 * (ea - ec) - i,
      d = i0 * f * (alpha * ea + (1 - alpha) * ec);
    const step = r / d;
    eta -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return eta;
}

export class SPMeModel implements CellModel {
  readonly kind = 'spme';
  private readonly sides: Side[];
  private readonly negative: Side | undefined;
  private readonly positive: Side;
  private readonly liquid: boolean;
  // Electrolyte mesh (liquid only).
  private readonly h: Float64Array;
  private readonly eps: Float64Array;
  private readonly tf: Float64Array;
  private readonly source: Float64Array; // (1 − t+) a i_n / F per unit cell current density
  private ce1: Float64Array;
  private ce2: Float64Array;
  private ceNew: Float64Array;
  private readonly ceUnit: Float64Array;
  /** During a step: electrode-mean c_e as a + b·I (the electrolyte step is linear in I). */
  private meanZero = [0, 0];
  private meanSlope = [0, 0];
  private inStep = false;
  private stepCurrent = 0;
  private readonly lower: Float64Array;
  private readonly diag: Float64Array;
  private readonly upper: Float64Array;
  private readonly nNeg: number;
  private readonly nPos: number;
  private temperature: number;
  private hPrevious = 0;
  private hasHistory = false;
  private lastCurrent = 0;
  private lastVoltage = 0;
  private saved: { arrays: Float64Array[]; scalars: number[] } | undefined;
  totalIterations = 0;

  constructor(
    readonly parameters: ModelParameters,
    readonly mesh: Mesh = DEFAULT_MESH,
  ) {
    const p = parameters;
    const side = (e: ElectrodeParameters): Side => ({
      p: e,
      grid: new ParticleGrid(mesh.particle, e.particleRadius),
      ocp: tabulateOcp(e.ocp),
      area: ((3 * e.activeFraction) / e.particleRadius) * e.contactFraction,
      c1: new Float64Array(mesh.particle),
      c2: new Float64Array(mesh.particle),
      cNew: new Float64Array(mesh.particle),
      history: new Float64Array(mesh.particle),
    });
    this.negative = p.negative.type === 'porous' ? side(p.negative) : undefined;
    this.positive = side(p.positive);
    this.sides = this.negative ? [this.negative, this.positive] : [this.positive];
    this.liquid = p.electrolyte.type === 'liquid';
    this.nNeg = this.negative ? mesh.negative : 0;
    this.nPos = mesh.positive;
    const n = this.liquid ? this.nNeg + mesh.separator + this.nPos : 0;
    this.h = new Float64Array(n);
    this.eps = new Float64Array(n);
    this.tf = new Float64Array(n);
    this.source = new Float64Array(n);
    const t1 = 1 - p.electrolyte.transferenceNumber;
    let k = 0;
    const fill = (count: number, L: number, eps: number, tf: number, src: number) => {
      for (let i = 0; i < count; i++, k++) {
        this.h[k] = L / count;
        this.eps[k] = eps;
        this.tf[k] = tf;
        this.source[k] = src;
      }
    };
    if (this.liquid) {
      if (this.negative)
        fill(
          this.nNeg,
          this.negative.p.thickness,
          this.negative.p.electrolyteFraction,
          this.negative.p.ionicTransportEfficiency,
          t1 / (F * this.negative.p.thickness),
        );
      fill(
        mesh.separator,
        p.separator.thickness,
        p.separator.electrolyteFraction,
        p.separator.ionicTransportEfficiency,
        0,
      );
      fill(
        this.nPos,
        p.positive.thickness,
        p.positive.electrolyteFraction,
        p.positive.ionicTransportEfficiency,
        -t1 / (F * p.positive.thickness),
      );
    }
    this.ce1 = new Float64Array(n);
    this.ce2 = new Float64Array(n);
    this.ceNew = new Float64Array(n);
    this.ceUnit = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.diag = new Float64Array(n);
    this.upper = new Float64Array(n);
    this.temperature = p.temperature;
    this.initialise(1, p.temperature);
  }

  initialise(soc: number, temperature: number): void {
    this.temperature = temperature;
    for (const s of this.sides) {
      const c = stoichiometryAtSoc(s.p, soc) * s.p.maxConcentration;
      s.c1.fill(c);
      s.c2.fill(c);
    }
    this.ce1.fill(this.parameters.electrolyte.initialConcentration);
    this.ce2.fill(this.parameters.electrolyte.initialConcentration);
    this.hasHistory = false;
    this.lastCurrent = 0;
    this.lastVoltage = this.voltageAt(0, this.surfaceAt(this.negative, 0), this.surfaceAt(this.positive, 0));
  }

  setTemperature(temperature: number): void {
    this.temperature = temperature;
  }
  getTemperature(): number {
    return this.temperature;
  }
  resetHistory(): void {
    this.hasHistory = false;
  }

  save(): void {
    const arrays = [this.ce1, this.ce2, ...this.sides.flatMap((s) => [s.c1, s.c2])];
    if (!this.saved) this.saved = { arrays: arrays.map((a) => new Float64Array(a.length)), scalars: [] };
    arrays.forEach((a, k) => this.saved!.arrays[k]!.set(a));
    this.saved.scalars = [
      this.temperature,
      this.hPrevious,
      this.hasHistory ? 1 : 0,
      this.lastCurrent,
      this.lastVoltage,
    ];
  }

  restore(): void {
    if (!this.saved) return;
    const arrays = [this.ce1, this.ce2, ...this.sides.flatMap((s) => [s.c1, s.c2])];
    arrays.forEach((a, k) => a.set(this.saved!.arrays[k]!));
    [this.temperature, this.hPrevious] = this.saved.scalars as [number, number];
    this.hasHistory = this.saved.scalars[2] === 1;
    this.lastCurrent = this.saved.scalars[3]!;
    this.lastVoltage = this.saved.scalars[4]!;
  }

  /** Surface concentration of a side's particle state c1 under current density I (A/m²). */
  private surfaceAt(s: Side | undefined, I: number): number {
    if (!s) return 0;
    const iN = this.reactionCurrent(s, I);
    return (
      s.c1[s.c1.length - 1]! -
      (((s.p.contactFraction * iN) / F) * s.grid.surfaceGap) /
        (s.p.diffusivity * arrhenius(s.p.diffusivityActivationEnergy, this.temperature))
    );
  }

  private reactionCurrent(s: Side, I: number): number {
    const sign = s === this.negative ? 1 : -1;
    return (sign * I) / (s.area * s.p.thickness);
  }

  /** Mean c_e over an electrode's part of the mesh (c0 for solid electrolytes). */
  private meanConcentration(which: 'negative' | 'positive'): number {
    if (!this.liquid) return this.parameters.electrolyte.initialConcentration;
    if (this.inStep) {
      const k = which === 'negative' ? 0 : 1;
      return this.meanZero[k]! + this.meanSlope[k]! * this.stepCurrent;
    }
    return this.meanOf(this.ce1, which);
  }

  private meanOf(c: Float64Array, which: 'negative' | 'positive'): number {
    const n = this.h.length;
    const [from, to] = which === 'negative' ? [0, this.nNeg] : [n - this.nPos, n];
    let s = 0,
      L = 0;
    for (let i = from; i < to; i++) {
      s += this.h[i]! * c[i]!;
      L += this.h[i]!;
    }
    return s / L;
  }

  private voltageAt(I: number, csNeg: number, csPos: number): number {
    const p = this.parameters,
      T = this.temperature,
      f = F / (R * T);
    const el = p.electrolyte;
    const sideTerms = (s: Side, cs: number, ce: number) => {
      const cmax = s.p.maxConcentration;
      const c = Math.min(Math.max(cs, 1e-9 * cmax), cmax * (1 - 1e-9));
      const iN = this.reactionCurrent(s, I);
      const i0 = s.p.rateConstant * arrhenius(s.p.reactionActivationEnergy, T) * Math.sqrt(ce * c * (cmax - c));
      return {
        U: s.ocp.value(c / cmax),
        eta: overpotential(iN, i0, s.p.chargeTransferCoefficient, f) + s.p.filmResistance * iN,
      };
    };
    const ceNeg = this.meanConcentration('negative'),
      cePos = this.meanConcentration('positive');
    const pos = sideTerms(this.positive, csPos, cePos);
    let negU = 0,
      negEta = 0;
    if (this.negative) {
      const neg = sideTerms(this.negative, csNeg, ceNeg);
      negU = neg.U;
      negEta = neg.eta;
    } else if (p.negative.type === 'lithium-metal') {
      const i0 = p.negative.exchangeCurrentDensity * arrhenius(p.negative.activationEnergy, T);
      negEta = (2 / f) * Math.asinh(I / (2 * i0));
    }
    const c0 = el.initialConcentration;
    const kappa = (L: number, tf: number) => L / (el.conductivity(c0, T) * tf);
    const sigma = (e: ElectrodeParameters) => e.thickness / (e.electronicConductivity * e.solidTransportEfficiency);
    let resistance =
      kappa(p.separator.thickness, p.separator.ionicTransportEfficiency) +
      kappa(p.positive.thickness, p.positive.ionicTransportEfficiency) / 3 +
      sigma(p.positive) / 3 +
      seriesResistanceAt(p, T);
    if (this.negative) {
      resistance +=
        kappa(this.negative.p.thickness, this.negative.p.ionicTransportEfficiency) / 3 + sigma(this.negative.p) / 3;
    }
    const concentration = this.liquid
      ? ((2 * (1 - el.transferenceNumber) * el.thermodynamicFactor) / f) * Math.log(cePos / ceNeg)
      : 0;
    return pos.U - negU + pos.eta - negEta + concentration - I * resistance;
  }

  step(h: number, control: Control): boolean {
    const { a0, a1, a2 } = bdf2Coefficients(h, this.hasHistory ? this.hPrevious : undefined);
    const T = this.temperature;
    // Particles: c = a + j·s with the known flux j = f_c i_n / F.
    const responses: { side: Side; s: Float64Array; surfaceSlope: number; base: number }[] = [];
    for (const side of this.sides) {
      side.grid.prepare(a0 / h, side.p.diffusivity * arrhenius(side.p.diffusivityActivationEnergy, T));
      for (let k = 0; k < side.history.length; k++) side.history[k] = (a1 * side.c1[k]! + a2 * side.c2[k]!) / h;
      const base = side.grid.zeroFluxSolution(side.history, side.cNew, 0);
      responses.push({ side, s: side.grid.unitResponse, surfaceSlope: side.grid.unitSurface, base });
    }
    // Electrolyte: BDF2 for ε ∂c/∂t = ∂x(D_eff ∂x c) + source·I (tridiagonal, Thomas algorithm),
    // solved for I = 0 and per unit I, since the new c_e is affine in the current.
    if (this.liquid) {
      const n = this.h.length,
        D = this.parameters.electrolyte.diffusivity(this.parameters.electrolyte.initialConcentration, T);
      for (let i = 0; i < n; i++) {
        const gl = i > 0 ? 1 / (this.h[i - 1]! / (2 * D * this.tf[i - 1]!) + this.h[i]! / (2 * D * this.tf[i]!)) : 0;
        const gr =
          i < n - 1 ? 1 / (this.h[i]! / (2 * D * this.tf[i]!) + this.h[i + 1]! / (2 * D * this.tf[i + 1]!)) : 0;
        const eh = this.eps[i]! * this.h[i]!;
        this.lower[i] = -gl;
        this.upper[i] = -gr;
        this.diag[i] = (eh * a0) / h + gl + gr;
        this.ceNew[i] = (-eh * (a1 * this.ce1[i]! + a2 * this.ce2[i]!)) / h;
        this.ceUnit[i] = this.h[i]! * this.source[i]!;
      }
      for (let i = 1; i < n; i++) {
        const w = this.lower[i]! / this.diag[i - 1]!;
        this.diag[i]! -= w * this.upper[i - 1]!;
        this.ceNew[i]! -= w * this.ceNew[i - 1]!;
        this.ceUnit[i]! -= w * this.ceUnit[i - 1]!;
      }
      this.ceNew[n - 1] = this.ceNew[n - 1]! / this.diag[n - 1]!;
      this.ceUnit[n - 1] = this.ceUnit[n - 1]! / this.diag[n - 1]!;
      for (let i = n - 2; i >= 0; i--) {
        this.ceNew[i] = (this.ceNew[i]! - this.upper[i]! * this.ceNew[i + 1]!) / this.diag[i]!;
        this.ceUnit[i] = (this.ceUnit[i]! - this.upper[i]! * this.ceUnit[i + 1]!) / this.diag[i]!;
      }
      this.meanZero = [this.meanOf(this.ceNew, 'negative'), this.meanOf(this.ceNew, 'positive')];
      this.meanSlope = [this.meanOf(this.ceUnit, 'negative'), this.meanOf(this.ceUnit, 'positive')];
      this.inStep = true;
    }
    // The current: given, or (voltage and power control) the root of V(I) − target, by secant.
    const surfaces = (I: number) =>
      responses.map(
        (r) => r.base + r.surfaceSlope * ((r.side.p.contactFraction * this.reactionCurrent(r.side, I)) / F),
      );
    const voltageFor = (I: number) => {
      this.stepCurrent = I;
      const cs = surfaces(I);
      return this.voltageAt(I, this.negative ? cs[0]! : 0, cs[cs.length - 1]!);
    };
    let I = control.mode === 'current' ? control.value : this.lastCurrent;
    if (control.mode !== 'current') {
      const g = (x: number) =>
        control.mode === 'voltage' ? voltageFor(x) - control.value : x * voltageFor(x) - control.value;
      let x0 = I,
        x1 = I + 1e-3 * (Math.abs(I) + 1);
      let g0 = g(x0),
        g1 = g(x1);
      for (let k = 0; k < 50 && Math.abs(g1) > 1e-10; k++) {
        const x2 = x1 - (g1 * (x1 - x0)) / (g1 - g0);
        x0 = x1;
        g0 = g1;
        x1 = x2;
        g1 = g(x1);
        this.totalIterations++;
      }
      if (!Number.isFinite(x1)) {
        this.inStep = false;
        return false;
      }
      I = x1;
    }
    this.inStep = false;
    if (this.liquid) {
      for (let i = 0; i < this.ceNew.length; i++) this.ceNew[i]! += I * this.ceUnit[i]!;
      [this.ce2, this.ce1, this.ceNew] = [this.ce1, this.ceNew, this.ce2];
    }
    for (const r of responses) {
      const j = (r.side.p.contactFraction * this.reactionCurrent(r.side, I)) / F;
      for (let k = 0; k < r.s.length; k++) r.side.cNew[k]! += j * r.s[k]!;
      const old = r.side.c2;
      r.side.c2 = r.side.c1;
      r.side.c1 = r.side.cNew;
      r.side.cNew = old;
    }
    this.lastCurrent = I;
    this.lastVoltage = this.voltageAt(I, this.surfaceAt(this.negative, I), this.surfaceAt(this.positive, I));
    this.hPrevious = h;
    this.hasHistory = true;
    return Number.isFinite(this.lastVoltage);
  }

  get voltage(): number {
    return this.lastVoltage;
  }
  get current(): number {
    return this.lastCurrent;
  }

  /** Anode surface potential vs Li/Li⁺ (U_n + η_n at the mean state; 0 for lithium metal). */
  get anodePotential(): number {
    if (!this.negative) return 0;
    const s = this.negative,
      T = this.temperature,
      f = F / (R * T),
      cmax = s.p.maxConcentration;
    const cs = Math.min(Math.max(this.surfaceAt(s, this.lastCurrent), 1e-9 * cmax), cmax * (1 - 1e-9));
    const iN = this.reactionCurrent(s, this.lastCurrent);
    const i0 =
      s.p.rateConstant *
      arrhenius(s.p.reactionActivationEnergy, T) *
      Math.sqrt(this.meanConcentration('negative') * cs * (cmax - cs));
    return s.ocp.value(cs / cmax) + overpotential(iN, i0, s.p.chargeTransferCoefficient, f);
  }

  stoichiometry(): { negative: number; positive: number } {
    const mean = (s: Side) => s.grid.mean(s.c1, 0) / s.p.maxConcentration;
    return { negative: this.negative ? mean(this.negative) : NaN, positive: mean(this.positive) };
  }

  openCircuitVoltage(): number {
    const s = this.stoichiometry();
    return this.positive.ocp.value(s.positive) - (this.negative ? this.negative.ocp.value(s.negative) : 0);
  }

  lithiumInventory(): number {
    let total = 0;
    for (const s of this.sides) total += s.p.thickness * s.p.activeFraction * s.grid.mean(s.c1, 0);
    for (let i = 0; i < this.h.length; i++) total += this.h[i]! * this.eps[i]! * this.ce1[i]!;
    return total;
  }

  heat(): HeatSources {
    const I = this.lastCurrent,
      T = this.temperature,
      s = this.stoichiometry();
    const dUdT =
      (this.positive.ocp.entropic?.(s.positive, this.positive.p.maxConcentration) ?? 0) -
      (this.negative?.ocp.entropic?.(s.negative, this.negative.p.maxConcentration) ?? 0);
    return {
      irreversible: I * (this.openCircuitVoltage() - this.voltage),
      reversible: -I * T * dUdT,
      contact: I * I * seriesResistanceAt(this.parameters, this.temperature),
    };
  }

  profiles(): Profiles {
    const n = this.h.length;
    const x: number[] = [];
    let pos = 0;
    for (let i = 0; i < n; i++) {
      x.push(pos + this.h[i]! / 2);
      pos += this.h[i]!;
    }
    return {
      x,
      electrolyteConcentration: Array.from(this.ce1),
      electrolytePotential: [],
      solidPotential: [],
      reactionCurrent: [],
      surfaceStoichiometry: [],
    };
  }
}
