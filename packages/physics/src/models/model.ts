/** The interface every cell model offers to the operation runner. */
import type { ModelParameters } from './parameters.js';

/** Operating control per electrode area: current A/m² or power W/m² (discharge positive), or voltage V. */
export type Control =
  | { readonly mode: 'current'; readonly value: number }
  | { readonly mode: 'voltage'; readonly value: number }
  | { readonly mode: 'power'; readonly value: number };

/** Heat generation per electrode area, W/m². */
export interface HeatSources {
  readonly irreversible: number;
  readonly reversible: number;
  /** I²R of the series (contact) resistance; already contained in `irreversible`. */
  readonly contact: number;
}

/** Internal state across the cell at one instant (x in m from the negative collector). */
export interface Profiles {
  readonly x: number[];
  readonly electrolyteConcentration: number[];
  readonly electrolytePotential: number[];
  /** NaN in the separator. */
  readonly solidPotential: number[];
  readonly reactionCurrent: number[];
  readonly surfaceStoichiometry: number[];
}

export interface CellModel {
  readonly kind: 'p2d' | 'spme';
  readonly parameters: ModelParameters;
  initialise(soc: number, temperature: number): void;
  setTemperature(temperature: number): void;
  getTemperature(): number;
  resetHistory(): void;
  save(): void;
  restore(): void;
  step(h: number, control: Control): boolean;
  readonly voltage: number;
  /** Current density of the last step, A/m² (discharge positive). */
  readonly current: number;
  readonly anodePotential: number;
  stoichiometry(): { negative: number; positive: number };
  openCircuitVoltage(): number;
  lithiumInventory(): number;
  heat(): HeatSources;
  profiles(): Profiles;
  /** Newton iterations summed over the run, where the model iterates. */
  totalIterations: number;
  /** Whether the last step attempt drove an electrode surface to its stoichiometry bound. */
  readonly saturated?: boolean;
}
