/**
 * Pseudo-two-dimensional (P2D, Doyle–Fuller–Newman) model of a liquid or solid-state cell.
 *
 * Equations (x across the cell, r inside particles; Doyle, Fuller & Newman, J. Electrochem. Soc.
 * 140, 1526 (1993); notation of Marquis et al., J. Electrochem. Soc. 166, A3693 (2019)):
 *   electrolyte salt   ε ∂c_e/∂t = ∂/∂x(D_eff ∂c_e/∂x) + (1 − t+) a i_n / F
 *   electrolyte charge ∂i_e/∂x = a i_n,  i_e = −κ_eff ∂φ_e/∂x + κ_eff (2RT/F)(1 − t+)·TDF·∂ln c_e/∂x
 *   solid charge       ∂i_s/∂x = −a i_n,  i_s = −σ_eff ∂φ_s/∂x
 *   kinetics           i_n = i0 [exp(α F η/RT) − exp(−(1−α) F η/RT)],
 *                      η = φ_s − φ_e − U(c_surf) − R_film(T) i_n,  i0 = m c_e^½ c_s^½ (c_max − c_s)^½
 *                      (solid electrolytes: i0 = m c_s^½ (c_max − c_s)^½, see below)
 *   particles          spherical Fick diffusion, −D_s ∂c_s/∂r|_R = f_c i_n / F (particle.ts)
 * a = 3ε_am/R·f_c is the reacting area per volume (f_c: contact fraction, 1 for liquids);
 * D_eff = D·τ_eff, κ_eff = κ·τ_eff with τ_eff = ε^b (Bruggeman) or ε/τ² (tortuosity factor;
 * solid-state composites: Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021)) or 1/(path
 * resistance coefficient). Boundary conditions: i_e = 0 and i_s = I at both collectors, i_s = 0
 * at the separator faces; φ_s = 0 at the negative collector fixes the potential level.
 * Solid-state electrolytes are single-ion conductors: t+ = 1, so the salt equation drops out
 * (c_e stays uniform) and the diffusion-potential term vanishes. Their charge transfer has no salt
 * term either: the Li⁺ concentration of a single-ion conductor is fixed by its lattice, so the mass-
 * action factor c_e^½ is a constant absorbed into m (i0 = m c_s^½ (c_max − c_s)^½; e.g. Danilov,
 * Niessen & Notten, J. Electrochem. Soc. 158, A215 (2011) for thin-film solid-state cells).
 * Bulk ion conduction (κ), coating film (R_film), charge transfer (m) and solid diffusion (D_s)
 * are separate terms, each with its own activation energy; no lumped interface term doubles them. A lithium-metal anode is a planar
 * Butler–Volmer interface at x = 0: φ_e(0) = −η_Li with I = 2 i0,Li sinh(F η_Li / 2RT).
 * All rate constants and transport properties follow Arrhenius: X(T) = X_ref·exp(E/R (1/T_ref − 1/T)).
 *
 * Discretisation: cell-centred finite volumes in x (uniform per region; face conductances are
 * harmonic means, exact for piecewise-constant properties), finite-volume shells in r.
 *
 * Time integration: the semi-discrete system is an index-1 DAE (potentials and i_n algebraic),
 * stiff (particle and electrolyte time constants from ms to hours). Variable-step BDF2 (first
 * step implicit Euler) is A-stable, L-stable enough for this DAE, second-order accurate and needs
 * one Newton solve per step; explicit or IMEX schemes would need steps far below a second. Each
 * Newton step solves the Jacobian with unknowns ordered node by node [c_e, φ_e, φ_s, i_n]: it is
 * block-tridiagonal, so a banded LU (banded.ts) costs O(n). Particle states are condensed out
 * (particle.ts), because with D_s independent of c they are affine in i_n within a step.
 * Hand-written because no maintained TypeScript DAE/BDF solver exists (SUNDIALS IDA, which PyBaMM
 * uses, has no JavaScript port), and a general one could not exploit this structure.
 */
import { bdf2Coefficients } from './bdf2.js';
import { BandedMatrix } from './banded.js';
import { FARADAY as F, GAS_CONSTANT as R, arrhenius } from './constants.js';
import { ParticleGrid } from './particle.js';
import {
  DEFAULT_MESH,
  filmResistanceAt,
  seriesResistanceAt,
  stoichiometryAtSoc,
  type ElectrodeParameters,
  type LithiumMetalParameters,
  type Mesh,
  type ModelParameters,
} from './parameters.js';
import { tabulateOcp } from '../ocp/table.js';
import type { OcpFunction } from '../ocp/types.js';
import type { CellModel, Control, HeatSources, Profiles } from './model.js';

const CE = 0,
  PE = 1,
  PS = 2,
  IN = 3,
  VARS = 4;
const NEG = 0,
  SEP = 1,
  POS = 2;

/**
 * What one assembly pass writes into and reads: the band (writes inlined as
 * A[row·W + col − row + kl], since a method call per entry would box doubles), the residual,
 * the iterate and the step's constants.
 */
interface Assembly {
  readonly A: Float64Array;
  readonly W: number;
  readonly KL: number;
  readonly r: Float64Array;
  readonly u: Float64Array;
  readonly T: number;
  /** F/RT. */
  readonly f: number;
  readonly tPlus: number;
  readonly solid: boolean;
  /** Diffusion potential coefficient ν = 2RT(1 − t+)·TDF/F. */
  readonly nu: number;
}

/** Per-electrode constants and the step-dependent values derived from them. */
interface ElectrodeState {
  readonly p: ElectrodeParameters;
  readonly grid: ParticleGrid;
  readonly ocp: OcpFunction;
  readonly firstNode: number;
  readonly nodes: number;
  /** Reacting area per volume, 1/m. */
  readonly area: number;
  /** Outward molar flux per unit i_n: f_c / F. */
  readonly fluxPerCurrent: number;
  readonly sigmaEff: number;
  /** Updated per step: */
  rate: number; // m(T)
  film: number; // R_film(T)
  diffusivity: number; // D_s(T)
  surfaceSlope: number; // ∂c_surf/∂i_n
}

export class P2DModel implements CellModel {
  readonly kind = 'p2d';
  readonly nodes: number;
  readonly x: Float64Array; // node centres, m
  private readonly h: Float64Array;
  private readonly eps: Float64Array;
  private readonly tf: Float64Array;
  private readonly region: Int8Array;
  private readonly electrodes: ElectrodeState[];
  private readonly electrodeOf: (ElectrodeState | undefined)[];
  private readonly particleOffset: Int32Array;
  private readonly metal: LithiumMetalParameters | undefined;
  private readonly solidElectrolyte: boolean;
  private readonly matrix: BandedMatrix;
  private readonly u: Float64Array; // Newton iterate
  private readonly residual: Float64Array;
  private readonly ce1: Float64Array; // c_e at the last accepted step
  private readonly ce2: Float64Array; // …and the one before
  private readonly ceHistory: Float64Array;
  private cs1: Float64Array;
  private cs2: Float64Array;
  private csNew: Float64Array;
  private readonly csHistory: Float64Array;
  private readonly surfaceBase: Float64Array; // c_surf at i_n = 0 for this step
  private readonly kappa: Float64Array;
  private readonly dKappa: Float64Array;
  private readonly diff: Float64Array;
  private readonly dDiff: Float64Array;
  private readonly saved: Float64Array[];
  private savedScalars: number[] = [];
  private readonly newtonStart: Float64Array;
  private readonly uPrevious: Float64Array;
  private readonly scratchBand: Float64Array;
  factorisations = 0;
  /** Whether the last step attempt met an electrode surface at its stoichiometry bound (0 or c_max). */
  saturated = false;
  /** Whether the latest assembly clipped a surface concentration to its bound. */
  private clippedNow = false;
  private hPrevious = 0;
  private hasHistory = false;
  private temperature: number;
  private metalLithium = 0;
  private lastCurrent = 0;
  /** Newton iterations of the last step (for diagnostics and benchmarks). */
  iterations = 0;
  totalIterations = 0;

  constructor(
    readonly parameters: ModelParameters,
    readonly mesh: Mesh = DEFAULT_MESH,
  ) {
    const p = parameters;
    this.metal = p.negative.type === 'lithium-metal' ? p.negative : undefined;
    this.solidElectrolyte = p.electrolyte.type === 'solid';
    const nNeg = this.metal ? 0 : mesh.negative,
      nSep = mesh.separator,
      nPos = mesh.positive;
    const n = nNeg + nSep + nPos;
    this.nodes = n;
    this.h = new Float64Array(n);
    this.eps = new Float64Array(n);
    this.tf = new Float64Array(n);
    this.region = new Int8Array(n);
    this.x = new Float64Array(n);
    this.electrodeOf = new Array(n).fill(undefined);
    this.particleOffset = new Int32Array(n).fill(-1);
    this.electrodes = [];
    let node = 0,
      position = 0,
      particle = 0;
    const addElectrode = (e: ElectrodeParameters, count: number, region: number) => {
      const grid = new ParticleGrid(mesh.particle, e.particleRadius);
      const state: ElectrodeState = {
        p: e,
        grid,
        ocp: tabulateOcp(e.ocp),
        firstNode: node,
        nodes: count,
        area: ((3 * e.activeFraction) / e.particleRadius) * e.contactFraction,
        fluxPerCurrent: e.contactFraction / F,
        sigmaEff: e.electronicConductivity * e.solidTransportEfficiency,
        rate: 0,
        film: 0,
        diffusivity: 0,
        surfaceSlope: 0,
      };
      this.electrodes.push(state);
      for (let k = 0; k < count; k++, node++) {
        this.h[node] = e.thickness / count;
        this.eps[node] = e.electrolyteFraction;
        this.tf[node] = e.ionicTransportEfficiency;
        this.region[node] = region;
        this.x[node] = position + ((k + 0.5) * e.thickness) / count;
        this.electrodeOf[node] = state;
        this.particleOffset[node] = particle++ * mesh.particle;
      }
      position += e.thickness;
    };
    if (!this.metal) addElectrode(p.negative as ElectrodeParameters, nNeg, NEG);
    for (let k = 0; k < nSep; k++, node++) {
      this.h[node] = p.separator.thickness / nSep;
      this.eps[node] = p.separator.electrolyteFraction;
      this.tf[node] = p.separator.ionicTransportEfficiency;
      this.region[node] = SEP;
      this.x[node] = position + ((k + 0.5) * p.separator.thickness) / nSep;
    }
    position += p.separator.thickness;
    addElectrode(p.positive, nPos, POS);

    const states = particle * mesh.particle;
    this.matrix = new BandedMatrix(VARS * n, 5, 4);
    this.u = new Float64Array(VARS * n);
    this.residual = new Float64Array(VARS * n);
    this.ce1 = new Float64Array(n);
    this.ce2 = new Float64Array(n);
    this.ceHistory = new Float64Array(n);
    this.cs1 = new Float64Array(states);
    this.cs2 = new Float64Array(states);
    this.csNew = new Float64Array(states);
    this.csHistory = new Float64Array(states);
    this.surfaceBase = new Float64Array(n);
    this.kappa = new Float64Array(n);
    this.dKappa = new Float64Array(n);
    this.diff = new Float64Array(n);
    this.dDiff = new Float64Array(n);
    this.saved = [this.u, this.ce1, this.ce2, this.cs1, this.cs2, this.u].map((a) => new Float64Array(a.length));
    this.newtonStart = new Float64Array(this.u.length);
    this.uPrevious = new Float64Array(this.u.length);
    this.scratchBand = new Float64Array(this.matrix.data.length);
    this.temperature = p.temperature;
    this.initialise(1, p.temperature);
  }

  /** Uniform state at the given SOC (stoichiometries interpolated in the 0–100 % windows), at rest. */
  initialise(soc: number, temperature: number): void {
    this.temperature = temperature;
    const c0 = this.parameters.electrolyte.initialConcentration;
    this.ce1.fill(c0);
    this.ce2.fill(c0);
    for (const e of this.electrodes) {
      const c = stoichiometryAtSoc(e.p, soc) * e.p.maxConcentration;
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        const o = this.particleOffset[i]!;
        this.cs1.fill(c, o, o + this.mesh.particle);
        this.cs2.fill(c, o, o + this.mesh.particle);
      }
    }
    this.metalLithium = this.metal?.lithiumAmount ?? 0;
    this.u.fill(0);
    for (let i = 0; i < this.nodes; i++) this.u[VARS * i + CE] = c0;
    // Potentials at open circuit: φ_e from the negative OCP, φ_s = φ_e + U in each electrode.
    const neg = this.metal ? undefined : this.electrodes[0]!;
    const phiE = neg ? -neg.ocp.value(stoichiometryAtSoc(neg.p, soc)) : 0;
    for (let i = 0; i < this.nodes; i++) {
      this.u[VARS * i + PE] = phiE;
      const e = this.electrodeOf[i];
      if (e) this.u[VARS * i + PS] = phiE + e.ocp.value(stoichiometryAtSoc(e.p, soc));
    }
    this.hasHistory = false;
    this.hPrevious = 0;
    this.lastCurrent = 0;
  }

  private stateArrays(): Float64Array[] {
    return [this.u, this.ce1, this.ce2, this.cs1, this.cs2, this.uPrevious];
  }

  setTemperature(temperature: number): void {
    this.temperature = temperature;
  }
  getTemperature(): number {
    return this.temperature;
  }

  /** Forgets the multistep history (after a jump in the operating mode). */
  resetHistory(): void {
    this.hasHistory = false;
  }

  save(): void {
    this.stateArrays().forEach((a, k) => this.saved[k]!.set(a));
    this.savedScalars = [
      this.hPrevious,
      this.hasHistory ? 1 : 0,
      this.temperature,
      this.metalLithium,
      this.lastCurrent,
    ];
  }

  restore(): void {
    this.stateArrays().forEach((a, k) => a.set(this.saved[k]!));
    const s = this.savedScalars;
    this.hPrevious = s[0]!;
    this.hasHistory = s[1] === 1;
    this.temperature = s[2]!;
    this.metalLithium = s[3]!;
    this.lastCurrent = s[4]!;
  }

  /**
   * Advances by h seconds under `control`. Returns false (state unchanged) when Newton fails;
   * the caller then retries with a smaller step.
   */
  step(h: number, control: Control): boolean {
    // BDF2 with variable step (`bdf2.ts`); implicit Euler on the first step.
    const { a0, a1, a2 } = bdf2Coefficients(h, this.hasHistory ? this.hPrevious : undefined);
    const T = this.temperature;
    const np = this.mesh.particle;
    for (const e of this.electrodes) {
      e.rate = e.p.rateConstant * arrhenius(e.p.reactionActivationEnergy, T);
      e.film = filmResistanceAt(e.p, T);
      e.diffusivity = e.p.diffusivity * arrhenius(e.p.diffusivityActivationEnergy, T);
      e.grid.prepare(a0 / h, e.diffusivity);
      e.surfaceSlope = e.grid.unitSurface * e.fluxPerCurrent;
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        const o = this.particleOffset[i]!;
        for (let k = o; k < o + np; k++) this.csHistory[k] = (a1 * this.cs1[k]! + a2 * this.cs2[k]!) / h;
        this.surfaceBase[i] = e.grid.zeroFluxSolution(this.csHistory, this.csNew, o);
      }
    }
    for (let i = 0; i < this.nodes; i++) this.ceHistory[i] = (a1 * this.ce1[i]! + a2 * this.ce2[i]!) / h;

    const u = this.u,
      n = VARS * this.nodes;
    const start = this.newtonStart;
    start.set(u);
    // Predictor: linear extrapolation of the last two accepted states.
    if (this.hasHistory) {
      const w = h / this.hPrevious,
        prev = this.uPrevious;
      for (let k = 0; k < n; k++) u[k] = u[k]! + w * (u[k]! - prev[k]!);
    }
    // Newton iteration; the Jacobian is factored on the first iteration and re-factored only
    // when an update fails to shrink fast (chord / modified Newton, as in SUNDIALS).
    let converged = false;
    this.saturated = false;
    let refactor = true;
    let previousNorm = Infinity;
    this.iterations = 0;
    const c0 = this.parameters.electrolyte.initialConcentration;
    for (let iter = 0; iter < 30; iter++) {
      this.iterations++;
      this.assemble(a0 / h, control, refactor, iter === 0);
      if (refactor) {
        this.factorisations++;
        if (!this.matrix.factor()) break;
      }
      this.matrix.solve(this.residual);
      // Damping: Butler–Volmer is exponential in the potentials, so a full Newton step from a
      // poor guess can overflow; potential updates are limited to 0.2 V per iteration.
      let largest = 0;
      for (let k = 0; k < n; k += VARS) {
        largest = Math.max(largest, Math.abs(this.residual[k + PE]!), Math.abs(this.residual[k + PS]!));
      }
      const damping = largest > 0.2 ? 0.2 / largest : 1;
      let worst = 0;
      for (let k = 0; k < n; k += VARS) {
        const dc = damping * this.residual[k + CE]!,
          dpe = damping * this.residual[k + PE]!;
        const dps = damping * this.residual[k + PS]!,
          di = damping * this.residual[k + IN]!;
        u[k + CE]! -= dc;
        u[k + PE]! -= dpe;
        u[k + PS]! -= dps;
        u[k + IN]! -= di;
        if (u[k + CE]! < 1e-6 * c0) u[k + CE] = 1e-6 * c0;
        // Scaled update: 1 V in potentials ~ c_e0 in concentration ~ 1e6 A/m² in i_n.
        const s = Math.max(Math.abs(dc) / c0, Math.abs(dpe) + Math.abs(dps), Math.abs(di) * 1e-6);
        if (!(s <= worst)) worst = s; // also catches NaN
      }
      if (!Number.isFinite(worst)) break;
      if (damping < 1) {
        refactor = true;
        previousNorm = Infinity;
        continue;
      }
      if (worst < 1e-7) {
        converged = true;
        break;
      }
      refactor = worst > 0.2 * previousNorm;
      previousNorm = worst;
    }
    this.totalIterations += this.iterations;
    // A solution that needs a surface beyond its bound (empty or full) is no solution: the
    // clipped kinetics would let lithium flow into a full particle. Reject it; the runner then
    // shrinks the step and ends it as 'saturated' (the electrode's capacity is used up).
    if (converged && this.clippedNow && this.surfaceOutOfBounds()) converged = false;
    if (!converged) {
      u.set(start);
      return false;
    }

    // Accept: particle states from the condensed relation c = a + j·s, then rotate histories.
    for (const e of this.electrodes) {
      const s = e.grid.unitResponse;
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        const o = this.particleOffset[i]!;
        const j = u[VARS * i + IN]! * e.fluxPerCurrent;
        for (let k = 0; k < np; k++) this.csNew[o + k]! += j * s[k]!;
      }
    }
    const old = this.cs2;
    this.cs2 = this.cs1;
    this.cs1 = this.csNew;
    this.csNew = old;
    this.uPrevious.set(start);
    this.ce2.set(this.ce1);
    for (let i = 0; i < this.nodes; i++) this.ce1[i] = u[VARS * i + CE]!;
    this.lastCurrent = this.currentFromState(control);
    if (this.metal) this.metalLithium -= (this.lastCurrent * h) / F;
    this.hPrevious = h;
    this.hasHistory = true;
    return true;
  }

  /** Whether the present iterate puts a particle surface beyond its bounds (as `assemble` clips it). */
  private surfaceOutOfBounds(): boolean {
    for (const e of this.electrodes) {
      const cmax = e.p.maxConcentration,
        lo = 1e-9 * cmax;
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        const cs = this.surfaceBase[i]! + e.surfaceSlope * this.u[VARS * i + IN]!;
        if (cs < lo || cs > cmax - lo) return true;
      }
    }
    return false;
  }

  /** Resistance from the last positive node centre to the terminal (half cell + series), Ω·m². */
  private terminalResistance(): number {
    const pos = this.electrodes[this.electrodes.length - 1]!;
    return this.h[this.nodes - 1]! / (2 * pos.sigmaEff) + seriesResistanceAt(this.parameters, this.temperature);
  }

  /** ∂I/∂φ_s,last of the last `currentFor` call. */
  private currentSlope = 0;

  /**
   * Terminal current density for a control, given the positive solid potential at the last node;
   * sets `currentSlope` (no object is returned: this runs in the Newton loop).
   */
  private currentFor(control: Control, phiLast: number): number {
    if (control.mode === 'current') {
      this.currentSlope = 0;
      return control.value;
    }
    const r = this.terminalResistance();
    if (control.mode === 'voltage') {
      this.currentSlope = 1 / r;
      return (phiLast - control.value) / r;
    }
    // Power: I·(φ − I r) = P  ⇒  I = 2P / (φ + √(φ² − 4rP)) (the root that tends to P/φ as r → 0).
    const P = control.value;
    const root = Math.sqrt(Math.max(phiLast * phiLast - 4 * r * P, 0));
    const denom = phiLast + root;
    this.currentSlope = root > 0 ? (-2 * P * (1 + phiLast / root)) / (denom * denom) : 0;
    return (2 * P) / denom;
  }

  private currentFromState(control: Control): number {
    return this.currentFor(control, this.u[VARS * (this.nodes - 1) + PS]!);
  }

  /** Fills the Jacobian and residual at the current iterate: properties, faces, boundaries, nodes. */
  private assemble(a0OverH: number, control: Control, jacobian: boolean, propertySlopes: boolean): void {
    const J = this.matrix;
    const T = this.temperature;
    const el = this.parameters.electrolyte;
    const f = F / (R * T);
    const tPlus = el.transferenceNumber;
    const solid = this.solidElectrolyte;
    const band: Assembly = {
      // Without a new Jacobian the writes go to a scratch band and the factors stay intact.
      A: jacobian ? J.data : this.scratchBand,
      W: J.width,
      KL: J.kl,
      r: this.residual,
      u: this.u,
      T,
      f,
      tPlus,
      solid,
      // Diffusion potential coefficient ν = 2RT(1 − t+)·TDF/F.
      nu: solid ? 0 : (2 * (1 - tPlus) * el.thermodynamicFactor) / f,
    };
    band.A.fill(0);
    band.r.fill(0);
    this.clippedNow = false;
    this.updateTransportProperties(band, propertySlopes);
    this.assembleFaces(band);
    this.assembleBoundaries(band, control);
    this.assembleNodes(band, a0OverH);
  }

  /** Effective conductivity and diffusivity per node (and their slopes in c, once per step). */
  private updateTransportProperties({ u, T, solid }: Assembly, propertySlopes: boolean): void {
    const el = this.parameters.electrolyte;
    const n = this.nodes;
    for (let i = 0; i < n; i++) {
      const c = u[VARS * i + CE]!;
      const tf = this.tf[i]!;
      this.kappa[i] = el.conductivity(c, T) * tf;
      if (!solid) {
        this.diff[i] = el.diffusivity(c, T) * tf;
        // Slopes dκ/dc, dD/dc by forward difference, refreshed once per step: they only shape
        // the Jacobian, and Newton tolerates a slightly stale Jacobian.
        if (propertySlopes) {
          const dc = 1e-6 * c;
          this.dKappa[i] = (el.conductivity(c + dc, T) * tf - this.kappa[i]!) / dc;
          this.dDiff[i] = (el.diffusivity(c + dc, T) * tf - this.diff[i]!) / dc;
        }
      }
    }
  }

  /** Fluxes across the faces between nodes: electrolyte current and salt flux, solid current. */
  private assembleFaces({ A, W, KL, r, u, nu, solid }: Assembly): void {
    const n = this.nodes;
    // Faces between nodes i and i+1.
    for (let i = 0; i < n - 1; i++) {
      const hi = this.h[i]!,
        hj = this.h[i + 1]!;
      const ri = VARS * i,
        rj = VARS * (i + 1);
      // Electrolyte current i_e = −G_κ [(φ_j − φ_i) − ν (ln c_j − ln c_i)], G harmonic mean.
      const ki = this.kappa[i]!,
        kj = this.kappa[i + 1]!;
      const G = 1 / (hi / (2 * ki) + hj / (2 * kj));
      const ci = u[ri + CE]!,
        cj = u[rj + CE]!;
      const X = u[rj + PE]! - u[ri + PE]! - (solid ? 0 : nu * Math.log(cj / ci));
      const ie = -G * X;
      r[ri + PE]! += ie;
      r[rj + PE]! -= ie;
      A[(ri + PE) * (W - 1) + (rj + PE) + KL]! += -G;
      A[(ri + PE) * (W - 1) + (ri + PE) + KL]! += G;
      A[(rj + PE) * (W - 1) + (rj + PE) + KL]! += G;
      A[(rj + PE) * (W - 1) + (ri + PE) + KL]! += -G;
      if (!solid) {
        const dGi = ((G * G * hi) / (2 * ki * ki)) * this.dKappa[i]!;
        const dGj = ((G * G * hj) / (2 * kj * kj)) * this.dKappa[i + 1]!;
        const dIdcj = -dGj * X + (G * nu) / cj;
        const dIdci = -dGi * X - (G * nu) / ci;
        A[(ri + PE) * (W - 1) + (rj + CE) + KL]! += dIdcj;
        A[(ri + PE) * (W - 1) + (ri + CE) + KL]! += dIdci;
        A[(rj + PE) * (W - 1) + (rj + CE) + KL]! += -dIdcj;
        A[(rj + PE) * (W - 1) + (ri + CE) + KL]! += -dIdci;
        // Salt flux N = −G_D (c_j − c_i).
        const di = this.diff[i]!,
          dj = this.diff[i + 1]!;
        const GD = 1 / (hi / (2 * di) + hj / (2 * dj));
        const dGDi = ((GD * GD * hi) / (2 * di * di)) * this.dDiff[i]!;
        const dGDj = ((GD * GD * hj) / (2 * dj * dj)) * this.dDiff[i + 1]!;
        const N = -GD * (cj - ci);
        const dNdcj = -GD - dGDj * (cj - ci),
          dNdci = GD - dGDi * (cj - ci);
        r[ri + CE]! += N;
        r[rj + CE]! -= N;
        A[(ri + CE) * (W - 1) + (rj + CE) + KL]! += dNdcj;
        A[(ri + CE) * (W - 1) + (ri + CE) + KL]! += dNdci;
        A[(rj + CE) * (W - 1) + (rj + CE) + KL]! += -dNdcj;
        A[(rj + CE) * (W - 1) + (ri + CE) + KL]! += -dNdci;
      }
      // Solid current within one electrode.
      const e = this.electrodeOf[i];
      if (e && this.electrodeOf[i + 1] === e) {
        const Gs = e.sigmaEff / ((hi + hj) / 2);
        const is = -Gs * (u[rj + PS]! - u[ri + PS]!);
        r[ri + PS]! += is;
        r[rj + PS]! -= is;
        A[(ri + PS) * (W - 1) + (rj + PS) + KL]! += -Gs;
        A[(ri + PS) * (W - 1) + (ri + PS) + KL]! += Gs;
        A[(rj + PS) * (W - 1) + (rj + PS) + KL]! += Gs;
        A[(rj + PS) * (W - 1) + (ri + PS) + KL]! += -Gs;
      }
    }
  }

  /** The lithium-metal or collector boundary at x = 0 and the current leaving at x = L. */
  private assembleBoundaries({ A, W, KL, r, u, T, f, tPlus, solid }: Assembly, control: Control): void {
    const n = this.nodes;
    // Boundary at x = 0.
    if (this.metal) {
      // φ_e at the Li interface = −η_Li, I = 2 i0 sinh(F η / 2RT) ⇒ η = (2RT/F) asinh(I / 2 i0).
      const i0 = this.metal.exchangeCurrentDensity * arrhenius(this.metal.activationEnergy, T);
      const I = control.mode === 'current' ? control.value : this.currentFromState(control);
      const eta = (2 / f) * Math.asinh(I / (2 * i0));
      const g = (2 * this.kappa[0]!) / this.h[0]!;
      r[PE]! += g * (u[PE]! + eta);
      A[PE * (W - 1) + PE + KL]! += g;
      if (!solid) r[CE]! -= ((1 - tPlus) * I) / F; // salt entering from the dissolving Li
    } else {
      const g = (2 * this.electrodes[0]!.sigmaEff) / this.h[0]!;
      r[PS]! += g * u[PS]!; // i_s(0) = −σ_eff (φ_s,0 − 0)/(h/2)
      A[PS * (W - 1) + PS + KL]! += g;
    }
    // Boundary at x = L: i_s = I leaves through the positive collector.
    {
      const k = VARS * (n - 1) + PS;
      const current = this.currentFor(control, u[k]!);
      const slope = this.currentSlope;
      r[k]! += current;
      if (slope !== 0) A[k * (W - 1) + k + KL]! += slope;
    }
  }

  /** Node terms: storage, reaction sources and the Butler–Volmer rows. */
  private assembleNodes({ A, W, KL, r, u, f, tPlus, solid }: Assembly, a0OverH: number): void {
    const n = this.nodes;
    const el = this.parameters.electrolyte;
    // Node terms: storage, reaction sources and Butler–Volmer rows.
    for (let i = 0; i < n; i++) {
      const ri = VARS * i,
        hi = this.h[i]!;
      if (solid) {
        r[ri + CE] = u[ri + CE]! - el.initialConcentration;
        A[(ri + CE) * (W - 1) + (ri + CE) + KL]! += 1;
      } else {
        const eh = this.eps[i]! * hi;
        r[ri + CE]! += eh * (a0OverH * u[ri + CE]! + this.ceHistory[i]!);
        A[(ri + CE) * (W - 1) + (ri + CE) + KL]! += eh * a0OverH;
      }
      const e = this.electrodeOf[i];
      if (!e) {
        r[ri + PS] = u[ri + PS]!;
        A[(ri + PS) * (W - 1) + (ri + PS) + KL]! += 1;
        r[ri + IN] = u[ri + IN]!;
        A[(ri + IN) * (W - 1) + (ri + IN) + KL]! += 1;
        continue;
      }
      const iN = u[ri + IN]!;
      const ah = e.area * hi;
      r[ri + PE]! -= ah * iN;
      A[(ri + PE) * (W - 1) + (ri + IN) + KL]! += -ah;
      r[ri + PS]! += ah * iN;
      A[(ri + PS) * (W - 1) + (ri + IN) + KL]! += ah;
      if (!solid) {
        const s = ((1 - tPlus) * ah) / F;
        r[ri + CE]! -= s * iN;
        A[(ri + CE) * (W - 1) + (ri + IN) + KL]! += -s;
      }
      // Butler–Volmer with c_surf = base + slope·i_n (condensed particle).
      const cmax = e.p.maxConcentration;
      let cs = this.surfaceBase[i]! + e.surfaceSlope * iN;
      const lo = 1e-9 * cmax,
        hiC = cmax - lo;
      const clipped = cs < lo || cs > hiC;
      if (clipped) {
        this.saturated = true;
        this.clippedNow = true;
      }
      if (cs < lo) cs = lo;
      else if (cs > hiC) cs = hiC;
      const ce = solid ? 1 : Math.max(u[ri + CE]!, 1e-9); // single-ion conductor: no salt term
      const sto = cs / cmax;
      const U = e.ocp.value(sto),
        dUdc = clipped ? 0 : e.ocp.derivative(sto) / cmax;
      const i0 = e.rate * Math.sqrt(ce * cs * (cmax - cs));
      const di0dc = clipped ? 0 : 0.5 * i0 * (1 / cs - 1 / (cmax - cs));
      const di0dce = (0.5 * i0) / ce;
      const Rf = e.film;
      const eta = u[ri + PS]! - u[ri + PE]! - U - Rf * iN;
      const alpha = e.p.chargeTransferCoefficient;
      const ea = Math.exp(alpha * f * eta);
      const ec = alpha === 0.5 ? 1 / ea : Math.exp(-(1 - alpha) * f * eta);
      const g = ea - ec,
        dg = f * (alpha * ea + (1 - alpha) * ec);
      r[ri + IN] = iN - i0 * g;
      A[(ri + IN) * (W - 1) + (ri + IN) + KL]! +=
        1 - (di0dc * e.surfaceSlope * g + i0 * dg * (-dUdc * e.surfaceSlope - Rf));
      A[(ri + IN) * (W - 1) + (ri + PS) + KL]! += -i0 * dg;
      A[(ri + IN) * (W - 1) + (ri + PE) + KL]! += i0 * dg;
      if (!solid) A[(ri + IN) * (W - 1) + (ri + CE) + KL]! += -di0dce * g;
    }
  }

  // ---- Read-outs ------------------------------------------------------------------------------

  get current(): number {
    return this.lastCurrent;
  }

  /** Terminal voltage, V. */
  get voltage(): number {
    return this.u[VARS * (this.nodes - 1) + PS]! - this.lastCurrent * this.terminalResistance();
  }

  /**
   * Lowest potential of the negative solid against Li/Li⁺ in the adjacent electrolyte, V; below
   * 0 V lithium plating is thermodynamically possible. 0 for a lithium-metal anode.
   */
  get anodePotential(): number {
    if (this.metal) return 0;
    const e = this.electrodes[0]!;
    let m = Infinity;
    for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
      m = Math.min(m, this.u[VARS * i + PS]! - this.u[VARS * i + PE]!);
    }
    return m;
  }

  /** Mean stoichiometry of each electrode's active material. */
  stoichiometry(): { negative: number; positive: number } {
    const mean = (e: ElectrodeState) => {
      let s = 0,
        L = 0;
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        s += this.h[i]! * e.grid.mean(this.cs1, this.particleOffset[i]!);
        L += this.h[i]!;
      }
      return s / L / e.p.maxConcentration;
    };
    const pos = this.electrodes[this.electrodes.length - 1]!;
    return { negative: this.metal ? NaN : mean(this.electrodes[0]!), positive: mean(pos) };
  }

  /** Open-circuit voltage of the mean stoichiometries, V. */
  openCircuitVoltage(): number {
    const s = this.stoichiometry();
    const pos = this.electrodes[this.electrodes.length - 1]!;
    return pos.ocp.value(s.positive) - (this.metal ? 0 : this.electrodes[0]!.ocp.value(s.negative));
  }

  /** Cyclable lithium per electrode area, mol/m²: particles + electrolyte (+ metal anode). */
  lithiumInventory(): number {
    let total = this.metalLithium;
    for (const e of this.electrodes) {
      for (let i = e.firstNode; i < e.firstNode + e.nodes; i++) {
        total += this.h[i]! * e.p.activeFraction * e.grid.mean(this.cs1, this.particleOffset[i]!);
      }
    }
    for (let i = 0; i < this.nodes; i++) total += this.h[i]! * this.eps[i]! * this.ce1[i]!;
    return total;
  }

  /**
   * Heat per electrode area, W/m² (Bernardi et al., J. Electrochem. Soc. 132, 5 (1985)):
   * irreversible I(U_ocv − V) (includes the series resistance), reversible −I·T·∂U_ocv/∂T,
   * contact I²R_series (part of the irreversible term, reported separately).
   */
  heat(): HeatSources {
    const I = this.lastCurrent,
      T = this.temperature;
    const s = this.stoichiometry();
    const pos = this.electrodes[this.electrodes.length - 1]!;
    const neg = this.metal ? undefined : this.electrodes[0]!;
    const dUdT =
      (pos.ocp.entropic?.(s.positive, pos.p.maxConcentration) ?? 0) -
      (neg?.ocp.entropic?.(s.negative, neg.p.maxConcentration) ?? 0);
    const ocv = pos.ocp.value(s.positive) - (neg ? neg.ocp.value(s.negative) : 0);
    const irreversible = I * (ocv - this.voltage);
    return {
      irreversible,
      reversible: -I * T * dUdT,
      contact: I * I * seriesResistanceAt(this.parameters, this.temperature),
    };
  }

  profiles(): Profiles {
    const n = this.nodes;
    const pick = (v: number) => Array.from({ length: n }, (_, i) => this.u[VARS * i + v]!);
    const surface = Array.from({ length: n }, (_, i) => {
      const e = this.electrodeOf[i];
      if (!e) return NaN;
      const o = this.particleOffset[i]!;
      return this.cs1[o + this.mesh.particle - 1]! / e.p.maxConcentration;
    });
    return {
      x: Array.from(this.x),
      electrolyteConcentration: pick(CE),
      electrolytePotential: pick(PE),
      solidPotential: pick(PS).map((v, i) => (this.electrodeOf[i] ? v : NaN)),
      reactionCurrent: pick(IN).map((v, i) => (this.electrodeOf[i] ? v : NaN)),
      surfaceStoichiometry: surface,
    };
  }
}
