/**
 * The cell-design IR: plain, serialisable data in SI units. The language package's `resolve`
 * produces it from a linked document; calculators, models, emitters and previews consume it.
 * Nothing here knows the AST, and every object survives `structuredClone`/`postMessage`.
 *
 * Units: m, m², kg, s, A, V, K, mol, C (coulomb) for charge, J, Pa, S/m, Ω·m²; fractions 0..1;
 * C-rates as multiples of the cell's 1C current; activation energies in J/mol.
 */
import type { PackIR } from './pack/pack-ir.js';

/** Where a value came from: a spec file position, a built-in library citation, or both. */
export interface SourceRef {
  /** Citation or provenance text ("PyBaMM Chen2020", "Lee 2020"). */
  readonly citation?: string;
  /** Workspace-relative file (or `builtin:<library>`) and 1-based line of the declaration. */
  readonly file?: string;
  readonly line?: number;
}

export type MaterialKind =
  | 'cathode-active'
  | 'anode-active'
  | 'solid-electrolyte'
  | 'liquid-electrolyte'
  | 'conductive-additive'
  | 'binder'
  | 'coating'
  | 'current-collector'
  | 'separator'
  | 'packaging'
  | 'insulation'
  | 'other';

/** Open-circuit potential: a built-in fit, an expression in `x` (stoichiometry), or a table. */
export type OcpIR =
  | { readonly type: 'builtin'; readonly name: string }
  | { readonly type: 'expression'; readonly expression: string }
  | {
      readonly type: 'table';
      readonly stoichiometry: readonly number[];
      readonly voltage: readonly number[];
      readonly file?: string;
    };

export interface MaterialProperties {
  /** Practical specific capacity, C/kg. */
  specificCapacity?: number;
  /** Theoretical specific capacity, C/kg. */
  theoreticalCapacity?: number;
  /** True (skeletal) density, kg/m³. */
  density?: number;
  /** Mean voltage against Li/Li⁺, V. */
  meanVoltage?: number;
  ocp?: OcpIR;
  /** Usable stoichiometry window [at 0 % SOC, at 100 % SOC] of the electrode's active material. */
  stoichiometryWindow?: readonly [number, number];
  /** Maximum lithium concentration in the solid, mol/m³. */
  maxConcentration?: number;
  /** Particle radius, m (from D50 / 2 when given as D50). */
  particleRadius?: number;
  /** Solid-state diffusivity, m²/s, and its activation energy, J/mol. */
  diffusivity?: number;
  diffusivityActivationEnergy?: number;
  /** Butler–Volmer rate constant, A/m² per (mol/m³)^1.5, and its activation energy. */
  reactionRateConstant?: number;
  reactionActivationEnergy?: number;
  /** Exchange-current density at reference conditions, A/m² (alternative to the rate constant). */
  exchangeCurrentDensity?: number;
  chargeTransferCoefficient?: number;
  /** Ionic conductivity, S/m, and its activation energy, J/mol. */
  ionicConductivity?: number;
  ionicActivationEnergy?: number;
  /** Electronic conductivity, S/m. */
  electronicConductivity?: number;
  /** Specific heat J/(kg·K), thermal conductivity W/(m·K), entropic coefficient V/K. */
  specificHeat?: number;
  thermalConductivity?: number;
  entropicCoefficient?: number;
  /** Interfacial film resistance (coatings) at 25 °C, Ω·m² of particle surface, and its activation energy, J/mol. */
  filmResistance?: number;
  filmActivationEnergy?: number;
  /**
   * First-charge (formation) specific capacity, C/kg: what the material takes up (anode) or gives
   * (cathode) on the first charge, before first-cycle losses; with `specificCapacity` (reversible)
   * it sets the first-cycle efficiency.
   */
  firstChargeCapacity?: number;
  /** First-cycle efficiency, 0..1 (reversible / first-charge capacity), when stated instead. */
  firstCycleEfficiency?: number;
  /** Film or foil thickness where the material has one by nature (coatings, packaging), m. */
  thickness?: number;
  /** Liquid electrolyte: salt concentration mol/m³, transference number, diffusivity m²/s. */
  saltConcentration?: number;
  transferenceNumber?: number;
  electrolyteDiffusivity?: number;
  /** Activation energy of the salt diffusivity, J/mol. */
  electrolyteDiffusivityActivationEnergy?: number;
  /** Named built-in concentration-dependent transport functions of a liquid electrolyte (`LiPF6_Marquis2019`). */
  electrolyteTransport?: string;
  /** Molar mass, kg/mol. */
  molarMass?: number;
  /** Surface coverage of a coating, 0..1. */
  coverage?: number;
}

export interface MaterialIR {
  readonly name: string;
  readonly kind: MaterialKind;
  readonly description?: string;
  readonly properties: MaterialProperties;
  /** Per-property provenance; `material` is the provenance of the whole entry. */
  readonly sources: Partial<Record<keyof MaterialProperties | 'material', SourceRef>>;
  readonly supplier?: string;
  readonly grade?: string;
  readonly lot?: string;
}

export interface Rect {
  readonly width: number;
  readonly height: number;
}

export interface ComponentIR {
  /** Name of a material in `CellIR.materials`. */
  readonly material: string;
  /** Fraction 0..1 on the basis below. */
  readonly fraction: number;
  readonly basis: 'mass' | 'volume';
  /** A surface coating of this component (e.g. LiNbO3 on NCM), by material name. */
  readonly coating?: string;
}

export interface ElectrodeIR {
  readonly role: 'cathode' | 'anode';
  /** Coated area of one side, m². */
  readonly area: number;
  readonly dimensions?: Rect;
  /** Coated on both sides of its collector. */
  readonly doubleSided: boolean;
  readonly components: readonly ComponentIR[];
  /** Coating mass per area and side, kg/m². */
  readonly loading?: number;
  /** Coating thickness per side, m. */
  readonly thickness?: number;
  /** Void fraction of the coating, 0..1. */
  readonly porosity?: number;
  /** Coating (bulk) density, kg/m³. */
  readonly density?: number;
  /** Areal capacity per side, C/m², when the spec states it instead of a loading. */
  readonly arealCapacity?: number;
  /** Lithium-metal anode: thickness of the foil (then components hold the Li metal). */
  readonly lithiumMetal?: boolean;
  /** Anode-free: a bare collector (or a host layer) on which the cathode's lithium plates on charge. */
  readonly anodeFree?: boolean;
  /** An intercalation anode meant to run with N/P below 1: the missing capacity plates as lithium. */
  readonly platingByDesign?: boolean;
  /** Lithium reservoir present at assembly (excess lithium), thickness per side, m. */
  readonly excessLithium?: number;
  readonly collector?: { readonly material: string; readonly thickness: number };
  /** Ionic path resistance coefficient σ/σ_eff = τ²/φ of the composite (the programme's term). */
  readonly pathResistance?: number;
  /** Tortuosity factor τ² (σ_eff = σ·φ/τ²) when given instead of the path resistance. */
  readonly tortuosityFactor?: number;
  /** Bruggeman exponent when transport is to follow σ·φ^b. */
  readonly bruggeman?: number;
  /** Fraction of the active surface in contact with electrolyte, 0..1. */
  readonly contactFraction?: number;
  /** Electronic conductivity of the composite, S/m, when stated. */
  readonly electronicConductivity?: number;
  /** Initial stoichiometry of the active material (for models), 0..1. */
  readonly initialStoichiometry?: number;
  /** Usable stoichiometry window of this electrode [0 % SOC, 100 % SOC], overriding the material's. */
  readonly stoichiometryWindow?: readonly [number, number];
  /** Where the loading/thickness/porosity values were written. */
  readonly sources: Partial<
    Record<'loading' | 'thickness' | 'porosity' | 'density' | 'arealCapacity' | 'area' | 'excessLithium', SourceRef>
  >;
}

/** Solid-electrolyte layer, or a separator soaked with a liquid electrolyte. */
export interface SeparatorIR {
  readonly type: 'solid-electrolyte' | 'separator';
  readonly material: string;
  readonly thickness: number;
  readonly porosity?: number;
  /** Liquid electrolyte filling separator and electrode pores, by material name. */
  readonly electrolyte?: string;
  readonly pathResistance?: number;
  readonly bruggeman?: number;
  /** Area, m², when it differs from the electrodes (SE layers overhang). */
  readonly area?: number;
}

/** A film outside the unit cell (interlayer between unit cells or bi-cells, spacer, can wall). */
export interface FilmIR {
  readonly material: string;
  readonly thickness: number;
  /** How many films; an interlayer defaults to one between each pair of stacked units, a spacer to 1. */
  readonly count?: number;
}

export interface FormatIR {
  readonly type: 'pouch' | 'coin' | 'pellet' | 'cylindrical' | 'prismatic' | 'test-jig';
  /** `wound`: a jelly roll (cylindrical cells always are). */
  readonly stacking: 'single-layer' | 'stacked' | 'bi-cell' | 'wound';
  /** Package outline in plan view, m. */
  readonly outline?: Rect;
  /** Outer thickness of the packaged cell when stated, m. */
  readonly thickness?: number;
  /** Packaging film per side: material name and thickness. */
  readonly packaging?: { readonly material: string; readonly thickness: number };
  /** Number of unit cells (cathode–SE–anode repeats) in the stack; bi-cells count as 2 each. */
  readonly layers: number;
  readonly tabs?: {
    readonly material?: string;
    readonly width?: number;
    readonly length?: number;
    readonly thickness?: number;
    readonly count?: number;
  };
  /** Edge insulation film: material and thickness. */
  readonly insulation?: { readonly material: string; readonly thickness: number; readonly width?: number };
  /** Insulating or adhesive films between stacked unit cells (or bi-cells). */
  readonly interlayer?: FilmIR;
  /** Spacer plates between the stack and the package. */
  readonly spacer?: FilmIR;
  /** Metal can: material and wall thickness (cylindrical and prismatic cells). */
  readonly can?: FilmIR;
  /** Cylindrical can: outer diameter and height, m. */
  readonly diameter?: number;
  readonly height?: number;
  /** Winding core (mandrel or centre pin) diameter, m. */
  readonly mandrel?: number;
  /** Height inside the can not wound (header, cap, tab bends), m. */
  readonly headspace?: number;
}

export interface LimitsIR {
  readonly voltageMin?: number;
  readonly voltageMax?: number;
  readonly temperatureMin?: number;
  readonly temperatureMax?: number;
  /** Maximum C-rates (multiples of 1C). */
  readonly maxChargeRate?: number;
  readonly maxDischargeRate?: number;
  readonly maxChargeCurrent?: number;
  readonly maxDischargeCurrent?: number;
}

export type MetricName =
  | 'capacity'
  | 'energy'
  | 'energyDensity'
  | 'specificEnergy'
  | 'npRatio'
  | 'arealCapacity'
  | 'meanVoltage'
  | 'thickness'
  | 'mass';

export interface TargetIR {
  readonly metric: MetricName;
  /** For energy density and specific energy: the basis. For areal capacity: the electrode. */
  readonly basis?: 'stack' | 'cell' | 'cathode' | 'anode';
  /** Comparison: '=' with tolerance, or a bound. */
  readonly op: '=' | '>=' | '<=' | 'between';
  readonly value: number;
  /** For 'between': upper bound. For '=': tolerance as absolute SI value (relative resolved). */
  readonly upper?: number;
  readonly tolerance?: number;
  readonly relativeTolerance?: number;
  readonly source?: SourceRef;
}

export type AnalysisIR =
  | {
      readonly type: 'discharge';
      readonly name: string;
      readonly rates: readonly number[];
      readonly temperature?: number;
      readonly model?: ModelFidelity;
    }
  | {
      readonly type: 'charge';
      readonly name: string;
      readonly rates: readonly number[];
      readonly targetSoc?: number;
      /** SOC the charge starts from (default 0; 10 % for a fast charge). */
      readonly fromSoc?: number;
      /** `fast-charge`: CC-CV from 10 % to 80 % SOC (unless stated) with the thermal model; time, plating margin, heating. */
      readonly fastCharge?: boolean;
      readonly temperature?: number;
      readonly model?: ModelFidelity;
    }
  | {
      readonly type: 'rate-sweep';
      readonly name: string;
      readonly rates: readonly number[];
      readonly temperature?: number;
      readonly model?: ModelFidelity;
    }
  | {
      readonly type: 'temperature-sweep';
      readonly name: string;
      readonly temperatures: readonly number[];
      readonly rate: number;
      readonly model?: ModelFidelity;
    }
  | {
      readonly type: 'thermal';
      readonly name: string;
      readonly rate: number;
      readonly ambient?: number;
      readonly heatTransferCoefficient?: number;
      readonly model?: ModelFidelity;
    };

export type ModelFidelity = 'p2d' | 'reduced';

/** Thermal boundary and mass data for models, when stated. */
export interface ThermalIR {
  readonly ambient?: number;
  readonly heatTransferCoefficient?: number;
  readonly coolingArea?: number;
}

export interface CellIR {
  readonly name: string;
  readonly title?: string;
  /** For a variant: the cell it derives from. */
  readonly base?: string;
  readonly file?: string;
  readonly format: FormatIR;
  readonly cathode: ElectrodeIR;
  readonly anode: ElectrodeIR;
  readonly separator?: SeparatorIR;
  /** Restraint (stack) pressure, Pa. */
  readonly restraintPressure?: number;
  /**
   * Interfacial resistance of the cell, Ω·m² of electrode area: both electrode|SE interfaces
   * together, in series with what the model resolves (charge transfer, coating films, SE
   * conduction), when stated; and its activation energy, J/mol.
   */
  readonly interfaceResistance?: number;
  readonly interfaceResistanceActivationEnergy?: number;
  readonly limits: LimitsIR;
  /** Nominal temperature of design figures, K (default 298.15). */
  readonly temperature?: number;
  /** Declared nominal capacity (C), distinct from the design capacity the calculator derives. */
  readonly nominalCapacity?: number;
  /** Current per 1C, A, when the spec fixes it (reference comparisons); else from the design capacity. */
  readonly oneCCurrent?: number;
  /** N/P ratio as a design input: the anode loading is solved to meet it. */
  readonly npRatio?: number;
  readonly npRatioSource?: SourceRef;
  /** Area the stack energy density divides by: the largest layer footprint (default) or the electrode area. */
  readonly stackBasis?: 'footprint' | 'electrode-area';
  readonly thermal?: ThermalIR;
  readonly targets: readonly TargetIR[];
  readonly analyses: readonly AnalysisIR[];
  /** Every material the cell uses, by name, with overrides applied. */
  readonly materials: Readonly<Record<string, MaterialIR>>;
}

// ---- Processes -------------------------------------------------------------------------------

export interface ParameterIR {
  readonly name: string;
  /** SI value, or text for words (solvent names, equipment). */
  readonly value: number | string;
  readonly kind?: string;
  /** The unit as written (`um`, `°C`, `wt%`). */
  readonly written?: string;
  /** Every value of a list (`gap: 150 um, 300 um, 250 um`), SI, when more than one was written. */
  readonly values?: readonly number[];
  readonly tolerance?: number;
  readonly relativeTolerance?: number;
}

export interface ProcessStepIR {
  readonly type: string;
  readonly name?: string;
  readonly method?: string;
  readonly parameters: readonly ParameterIR[];
}

export interface ProcessIR {
  readonly name: string;
  readonly title?: string;
  readonly cell?: string;
  readonly environment: readonly ParameterIR[];
  readonly batchSize?: number;
  readonly expectedYield?: number;
  readonly steps: readonly ProcessStepIR[];
}

// ---- Test plans ------------------------------------------------------------------------------

export type SetpointIR =
  | { readonly mode: 'crate'; readonly value: number }
  | { readonly mode: 'current'; readonly value: number }
  | { readonly mode: 'power'; readonly value: number }
  | { readonly mode: 'voltage'; readonly value: number };

export interface EndConditionIR {
  readonly quantity: 'voltage' | 'current' | 'crate' | 'time' | 'capacity' | 'soc' | 'temperature' | 'energy';
  /** SI value (fractions 0..1 for SOC, C-rate multiples for crate). */
  readonly value: number;
  readonly op?: '<=' | '>=';
}

export type TestStepIR =
  | {
      readonly type: 'charge' | 'discharge';
      readonly setpoint: SetpointIR;
      readonly cv?: number;
      readonly until: readonly EndConditionIR[];
      readonly record?: number;
    }
  | { readonly type: 'rest'; readonly until: readonly EndConditionIR[]; readonly record?: number }
  | {
      readonly type: 'hold';
      readonly voltage: number;
      readonly until: readonly EndConditionIR[];
      readonly record?: number;
    }
  | {
      readonly type: 'pulse';
      readonly direction: 'charge' | 'discharge';
      readonly setpoint: SetpointIR;
      readonly duration: number;
      readonly record?: number;
    }
  | {
      readonly type: 'impedance';
      readonly frequencyHigh: number;
      readonly frequencyLow: number;
      readonly amplitude?: number;
      readonly soc?: number;
    }
  | {
      readonly type: 'loop';
      readonly count: number;
      readonly steps: readonly TestStepIR[];
      readonly until?: readonly EndConditionIR[];
    }
  | { readonly type: 'temperature'; readonly setpoint: number; readonly soak?: number }
  | { readonly type: 'pressure'; readonly value: number }
  | { readonly type: 'set-soc'; readonly soc: number; readonly rate?: number }
  | {
      readonly type: 'procedure';
      readonly name: string;
      readonly arguments: Readonly<Record<string, number | string | readonly number[]>>;
    }
  | { readonly type: 'note'; readonly text: string };

export interface TestIR {
  readonly name: string;
  readonly title?: string;
  readonly samples?: number;
  /** Sweeps: one sub-test per point. */
  readonly temperatures?: readonly number[];
  readonly rates?: readonly number[];
  readonly socs?: readonly number[];
  readonly steps: readonly TestStepIR[];
  readonly criteria: readonly string[];
  /** Duration of a storage or cycle-life test, s. */
  readonly duration?: number;
  /** Restraint pressure during the test, Pa. */
  readonly restraintPressure?: number;
  /** Voltage range of the cycler channel, V [min, max]; a minimum below 0 V is a bipolar channel. */
  readonly channelVoltage?: readonly [number, number];
}

export interface TestPlanIR {
  readonly name: string;
  readonly title?: string;
  readonly cell: string;
  readonly tests: readonly TestIR[];
}

// ---- Documents -------------------------------------------------------------------------------

export interface DocumentControlIR {
  readonly number?: string;
  readonly title?: string;
  readonly revision?: string;
  readonly status?: 'draft' | 'in-review' | 'released' | 'obsolete';
  readonly effective?: string;
  readonly author?: string;
  readonly reviewer?: string;
  readonly approver?: string;
  readonly history: readonly {
    readonly revision: string;
    readonly date?: string;
    readonly author?: string;
    readonly text: string;
  }[];
}

/** All that one spec file resolves to. */
export interface SpecIR {
  readonly file: string;
  readonly document?: DocumentControlIR;
  readonly materials: readonly MaterialIR[];
  readonly cells: readonly CellIR[];
  readonly processes: readonly ProcessIR[];
  readonly testPlans: readonly TestPlanIR[];
  /** Modules and packs declared in the file (absent when there are none). */
  readonly packs?: readonly PackIR[];
}
