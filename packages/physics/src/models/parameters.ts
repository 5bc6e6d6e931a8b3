/**
 * Parameters of the electrochemical and thermal models, in SI units, per unit electrode area
 * (the models solve for current density; `electrodeArea` scales to the cell).
 */
import type { OcpFunction } from '../ocp/types.js';

/** A porous (composite) electrode of spherical active particles. */
export interface ElectrodeParameters {
  readonly type: 'porous';
  /** Coating thickness, m. */
  readonly thickness: number;
  /** Volume fraction of electrolyte: the porosity of a liquid cell, the SE fraction of a solid-state composite. */
  readonly electrolyteFraction: number;
  /** Volume fraction of active material. */
  readonly activeFraction: number;
  readonly particleRadius: number;
  /** c_s,max, mol/m³. */
  readonly maxConcentration: number;
  /** Stoichiometry (c_s/c_s,max) at 0 % and at 100 % state of charge. */
  readonly stoichiometryAt0Soc: number;
  readonly stoichiometryAt100Soc: number;
  readonly ocp: OcpFunction;
  /** Solid diffusivity at 25 °C, m²/s, and its activation energy, J/mol. */
  readonly diffusivity: number;
  readonly diffusivityActivationEnergy: number;
  /**
   * Butler–Volmer rate constant m at 25 °C and its activation energy (charge transfer only).
   * Liquid electrolyte: i0 = m·c_e^½·c_s^½·(c_s,max − c_s)^½, m in A/m² per (mol/m³)^1.5.
   * Solid electrolyte (single-ion conductor: the Li⁺ concentration is fixed by the lattice, so
   * there is no salt term): i0 = m·c_s^½·(c_s,max − c_s)^½, m in A/m² per mol/m³.
   */
  readonly rateConstant: number;
  readonly reactionActivationEnergy: number;
  /** Anodic charge-transfer coefficient α (cathodic 1 − α). */
  readonly chargeTransferCoefficient: number;
  /** Bulk electronic conductivity of the solid phase, S/m, and σ_eff/σ. */
  readonly electronicConductivity: number;
  readonly solidTransportEfficiency: number;
  /** κ_eff/κ (and D_eff/D) of the electrolyte phase: ε^b (Bruggeman), ε/τ², or 1/path-resistance. */
  readonly ionicTransportEfficiency: number;
  /** Fraction of the particle surface that touches electrolyte (1 in a liquid cell). */
  readonly contactFraction: number;
  /** Interfacial film resistance on the reacting surface (e.g. LiNbO3 coating) at 25 °C, Ω·m² of particle surface. */
  readonly filmResistance: number;
  /** Activation energy of the film's ion conduction, J/mol: R_f(T) = R_f / A(E, T) (0 when absent). */
  readonly filmActivationEnergy?: number;
}

/** A lithium-metal anode: a planar interface with Butler–Volmer kinetics, OCP 0 V. */
export interface LithiumMetalParameters {
  readonly type: 'lithium-metal';
  /** Exchange-current density at 25 °C, A/m², and its activation energy. */
  readonly exchangeCurrentDensity: number;
  readonly activationEnergy: number;
  /** Lithium excess available, mol/m² (for inventory only). */
  readonly lithiumAmount?: number;
}

export interface ElectrolyteParameters {
  /** `solid`: single-ion conductor, t+ = 1, no salt-concentration equation. */
  readonly type: 'liquid' | 'solid';
  /** Salt (or mobile-ion) concentration, mol/m³. */
  readonly initialConcentration: number;
  readonly transferenceNumber: number;
  /** 1 + d ln f±/d ln c. */
  readonly thermodynamicFactor: number;
  /** D_e(c, T), m²/s, and κ(c, T), S/m, of the bulk electrolyte. */
  readonly diffusivity: (c: number, temperature: number) => number;
  readonly conductivity: (c: number, temperature: number) => number;
}

export interface SeparatorParameters {
  readonly thickness: number;
  readonly electrolyteFraction: number;
  readonly ionicTransportEfficiency: number;
}

/** Lumped thermal model of the whole cell. */
export interface ThermalParameters {
  /** Heat capacity m·c_p of the cell, J/K. */
  readonly heatCapacity: number;
  /** Heat-transfer coefficient times cooled area, W/K. */
  readonly heatTransfer: number;
  /** Ambient temperature, K. */
  readonly ambient: number;
  /** Cooled area, m², when known (lets an analysis change the heat-transfer coefficient). */
  readonly coolingArea?: number;
}

export interface ModelParameters {
  readonly name: string;
  readonly citation?: string;
  readonly negative: ElectrodeParameters | LithiumMetalParameters;
  readonly separator: SeparatorParameters;
  readonly positive: ElectrodeParameters;
  readonly electrolyte: ElectrolyteParameters;
  /** Total electrode area carrying current (area × unit cells), m². */
  readonly electrodeArea: number;
  /** Current at 1C, A. */
  readonly oneCCurrent: number;
  readonly voltageMin: number;
  readonly voltageMax: number;
  /** Initial (and, without a thermal model, fixed) temperature, K. */
  readonly temperature: number;
  /**
   * Resistance in series with the electrochemistry (contacts, tabs, lumped interfaces), Ω·m²
   * of electrode area; its I²R is the thermal model's contact heat.
   */
  readonly seriesResistance: number;
  /** Activation energy of the series resistance, J/mol: R(T) = R / exp(E/R (1/T_ref − 1/T)). */
  readonly seriesResistanceActivationEnergy?: number;
  readonly thermal: ThermalParameters;
  /**
   * Ranges over which values were measured, fitted or sourced; a run outside one extrapolates
   * and says so (`extrapolations`).
   */
  readonly validity?: readonly ValidityRange[];
}

/** The range a value holds over: temperature in K, rate as a C-rate magnitude; either end may be open. */
export interface ValidityRange {
  /** What the value is and where it comes from ("Li6PS5Cl conductivity activation energy, Lee 2020"). */
  readonly what: string;
  readonly quantity: 'temperature' | 'rate';
  readonly min?: number;
  readonly max?: number;
}

/** A value used outside the range it holds over: what it is, that range, and where it was used. */
export interface Extrapolation {
  readonly what: string;
  /** "0 °C to 45 °C" */
  readonly range: string;
  /** "−40 °C" */
  readonly at: string;
}

/** The ranges a run at `temperature` (K) and `rate` (C-rate) leaves; empty when none. */
export function extrapolations(p: ModelParameters, temperature: number, rate: number): Extrapolation[] {
  const out: Extrapolation[] = [];
  for (const v of p.validity ?? []) {
    const x = v.quantity === 'temperature' ? temperature : Math.abs(rate);
    const below = v.min !== undefined && x < v.min - 1e-9;
    const above = v.max !== undefined && x > v.max + 1e-9;
    if (!below && !above) continue;
    const show = (y: number) =>
      v.quantity === 'temperature' ? `${+(y - 273.15).toFixed(1)} °C` : `${+y.toPrecision(3)}C`;
    const range =
      v.min !== undefined && v.max !== undefined
        ? `${show(v.min)} to ${show(v.max)}`
        : v.min !== undefined
          ? `from ${show(v.min)}`
          : `up to ${show(v.max!)}`;
    out.push({ what: v.what, range, at: show(x) });
  }
  return out;
}

/** "X holds 0 °C to 45 °C; −40 °C extrapolates it" */
export function describeExtrapolation(e: Extrapolation): string {
  return `${e.what} holds ${e.range}; ${e.at} extrapolates it`;
}

/** Mesh of a P2D run: control volumes per region and shells per particle. */
export interface Mesh {
  readonly negative: number;
  readonly separator: number;
  readonly positive: number;
  readonly particle: number;
}

/** Default mesh: within 1 mV RMSE of the COMSOL references (comsol.test.ts) and of a 4× finer mesh (physics.test.ts). */
export const DEFAULT_MESH: Mesh = { negative: 10, separator: 5, positive: 10, particle: 10 };

/** Capacity per area between the 0 % and 100 % SOC stoichiometries, C/m². */
export function electrodeCapacity(e: ElectrodeParameters): number {
  return (
    Math.abs(e.stoichiometryAt100Soc - e.stoichiometryAt0Soc) *
    e.maxConcentration *
    e.activeFraction *
    e.thickness *
    96485.33212
  );
}

export function stoichiometryAtSoc(e: ElectrodeParameters, soc: number): number {
  return e.stoichiometryAt0Soc + soc * (e.stoichiometryAt100Soc - e.stoichiometryAt0Soc);
}

/** Film resistance at temperature T, Ω·m² (ion conduction through the film is thermally activated). */
export function filmResistanceAt(e: ElectrodeParameters, temperature: number): number {
  const ea = e.filmActivationEnergy ?? 0;
  return ea === 0 || e.filmResistance === 0
    ? e.filmResistance
    : e.filmResistance / Math.exp((ea / 8.314462618) * (1 / 298.15 - 1 / temperature));
}

/** Series resistance at temperature T, Ω·m² (thermally activated interfaces conduct better when hot). */
export function seriesResistanceAt(p: ModelParameters, temperature: number): number {
  const e = p.seriesResistanceActivationEnergy ?? 0;
  return e === 0
    ? p.seriesResistance
    : p.seriesResistance / Math.exp((e / 8.314462618) * (1 / 298.15 - 1 / temperature));
}
