/**
 * Results of the cell-design calculator: plain data in SI units (kg, m, m², m³, C, V, J), every
 * number finite. What could not be computed is absent and explained in `problems`.
 */
import type { SourceRef } from '../ir.js';

export type DesignSeverity = 'error' | 'warning' | 'info';

/**
 * Every code a design problem can carry. The language maps each to a diagnostic code with an
 * exhaustive table, so a misspelt or new code fails to compile instead of falling through to a
 * generic diagnostic.
 */
export const DESIGN_PROBLEM_CODES = [
  // electrodes
  'composition-sum',
  'mixed-basis',
  'no-composition',
  'unknown-material',
  'no-active-material',
  'no-loading',
  'loading-from-capacity',
  'underdetermined',
  'missing-density',
  'negative-porosity',
  'thickness-inconsistent',
  'porosity-density-inconsistent',
  'no-collector',
  // cell
  'layers',
  'single-layer-with-layers',
  'bicell-odd-layers',
  'np-below-one',
  'no-capacity',
  'no-mean-voltage',
  'mean-voltage-negative',
  'no-separator',
  'no-packaging',
  'tabs-incomplete',
  'insulation-incomplete',
  'cell-thinner-than-stack',
  'no-outline',
  'not-computable',
  // risks
  'se-percolation',
  'porosity-unreachable',
  'layer-thinner-than-particle',
] as const;
export type DesignProblemCode = (typeof DESIGN_PROBLEM_CODES)[number];

/** A reason a value is missing, inconsistent or risky, in the words of a cell designer. */
export interface DesignProblem {
  readonly severity: DesignSeverity;
  /** Stable code for filters and quick fixes: `thickness-inconsistent`, `np-below-one`, … */
  readonly code: DesignProblemCode;
  readonly message: string;
  /** Where in the cell it belongs: `cathode.loading`, `anode`, `separator.thickness`, `format`. */
  readonly path?: string;
}

/** One input a result depends on, with where it was written or cited. */
export interface DesignInput {
  /** What it is, as a designer reads it: "NCM811 specific capacity". */
  readonly label: string;
  /** SI value. */
  readonly value: number;
  /** Quantity kind name of `@cellspec/units` for display (`specificCapacity`, `density`, …). */
  readonly kind: string;
  readonly source?: SourceRef;
}

/** How the capacity of an electrode is counted. */
export type CapacityBasis = 'practical-specific-capacity' | 'stoichiometry-window';

export interface ComponentDesign {
  readonly material: string;
  readonly role: 'active' | 'electrolyte' | 'additive' | 'binder' | 'other';
  /** Fraction of the solid mass and of the solid volume, 0..1. */
  readonly massFraction: number;
  readonly volumeFraction: number;
  /** Mass and volume per side and per area, kg/m² and m³/m² (= m). */
  readonly arealMass: number;
  readonly arealVolume?: number;
  readonly density?: number;
  /** Practical specific capacity, C/kg (active materials). */
  readonly specificCapacity?: number;
  readonly coating?: string;
}

export interface ElectrodeDesign {
  readonly role: 'cathode' | 'anode';
  /** Coated area of one side, m². */
  readonly area: number;
  readonly components: readonly ComponentDesign[];
  /** Skeletal density of the solids, 1/Σ(wᵢ/ρᵢ), kg/m³. */
  readonly solidDensity?: number;
  /** Coating mass per side and area, kg/m². */
  readonly loading?: number;
  /** Coating thickness per side, m. */
  readonly thickness?: number;
  /** Void fraction 0..1 and bulk density kg/m³ of the coating. */
  readonly porosity?: number;
  readonly density?: number;
  /** Areal capacity per side, C/m², on each basis it can be computed on. */
  readonly arealCapacityPractical?: number;
  readonly arealCapacityWindow?: number;
  /** The areal capacity the cell uses (basis in CellDesign.capacityBasis), C/m². */
  readonly arealCapacity?: number;
  /** Volume fraction of solid electrolyte in the solids, 0..1 (percolation check). */
  readonly electrolyteSolidFraction?: number;
  /** Which of loading, thickness and porosity were derived (not written). */
  readonly derived: readonly ('loading' | 'thickness' | 'porosity' | 'density')[];
  readonly inputs: readonly DesignInput[];
}

/** A layer of the stack with how many times it occurs. */
export interface LayerDesign {
  readonly name: string;
  readonly material?: string;
  readonly thickness: number;
  readonly area: number;
  readonly count: number;
  /** Total mass of all its occurrences, kg (absent when a density is missing). */
  readonly mass?: number;
}

export interface BasisFigures {
  /** m (stack height or outer cell thickness), m³, kg. */
  readonly thickness?: number;
  readonly volume?: number;
  readonly mass?: number;
  /** J/m³ and J/kg. */
  readonly energyDensity?: number;
  readonly specificEnergy?: number;
}

export interface CellDesign {
  readonly name: string;
  readonly base?: string;
  readonly file?: string;
  readonly cathode: ElectrodeDesign;
  readonly anode: ElectrodeDesign;
  /** Unit cells (cathode–electrolyte–anode repeats). */
  readonly layers: number;
  /** Area where cathode faces anode, m². */
  readonly facingArea: number;
  readonly capacityBasis?: CapacityBasis;
  /** Design capacity, C. */
  readonly capacity?: number;
  readonly limitingElectrode?: 'cathode' | 'anode';
  /** Why that electrode limits, in words. */
  readonly limitingReason?: string;
  /** Anode ÷ cathode areal capacity of facing sides on `capacityBasis`. */
  readonly npRatio?: number;
  readonly npDefinition?: string;
  /** Mean discharge voltage, V, and how it was obtained. */
  readonly meanVoltage?: number;
  readonly meanVoltageMethod?: 'ocp' | 'declared';
  /** J. */
  readonly energy?: number;
  readonly stack: BasisFigures;
  readonly cell: BasisFigures;
  readonly layersBreakdown: readonly LayerDesign[];
  /** Mass by component (kg) and volume by component (m³): `cathode NCM811`, `cathode collector`, … */
  readonly massBreakdown: Readonly<Record<string, number>>;
  readonly volumeBreakdown: Readonly<Record<string, number>>;
  readonly inputs: readonly DesignInput[];
  readonly problems: readonly DesignProblem[];
}
