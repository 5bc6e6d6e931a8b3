/**
 * Degradation with named mechanisms, each thermally activated, for predicting what the cycle and
 * storage tests will show:
 *
 * - SEI growth (calendar): a passivating film thickens diffusion-limited, so the lithium it binds
 *   grows as √t (Broussely et al., J. Power Sources 97–98 (2001) 13; Ploehn et al., J. Electrochem.
 *   Soc. 151 (2004) A456):  loss_SEI(t) = k_SEI(T, SOC)·√t
 * - SEI growth by cycling: the film cracks and re-forms with the charge passed, again
 *   diffusion-limited in throughput:  loss_cyc(N) = k_cyc(T, rate)·√N  (N equivalent full cycles)
 * - Loss of active material / contact loss (solid-state cells: particles lose contact with the
 *   solid electrolyte as they breathe; Koerver et al., Chem. Mater. 29 (2017) 5574): linear in
 *   cycles,  loss_LAM(N) = k_LAM(T)·N
 * - Resistance growth with the film: R/R₀ = 1 + r_SEI(T)·√t + r_cyc·√N
 *
 * Every rate constant follows Arrhenius, k(T) = k_ref·exp(−E_a/R·(1/T − 1/T_ref)), and the
 * calendar rate depends on SOC through a factor exp(β_SOC·(SOC − SOC_ref)) (a lower anode
 * potential at high SOC drives SEI growth; Keil et al., J. Electrochem. Soc. 163 (2016) A1872).
 * Losses add: retention = 1 − loss_SEI − loss_cyc − loss_LAM. No default rate constants are
 * shipped: they come from fitting the cell's own cycle and storage tests, or from a stated source.
 */
import { GAS_CONSTANT } from '../models/constants.js';

export interface ArrheniusRate {
  /** Rate at the reference temperature (units per mechanism). */
  readonly reference: number;
  /** J/mol */
  readonly activationEnergy: number;
  /** K (default 298.15). */
  readonly referenceTemperature?: number;
}

export interface AgeingParameters {
  /** Calendar SEI: fraction of capacity per √s. */
  readonly sei?: ArrheniusRate & { readonly socSensitivity?: number; readonly referenceSoc?: number };
  /** Cycling SEI: fraction per √(equivalent full cycle), at 1C; scaled by (rate)^rateExponent. */
  readonly cycling?: ArrheniusRate & { readonly rateExponent?: number };
  /** Loss of active material / contact loss: fraction per equivalent full cycle. */
  readonly contactLoss?: ArrheniusRate;
  /** Resistance growth: per √s (calendar) and per √cycle. */
  readonly resistance?: ArrheniusRate & { readonly perRootCycle?: number };
  /** Where the values come from: "fitted to …" or a citation. */
  readonly source: string;
}

export interface AgeingCondition {
  /** K */
  readonly temperature: number;
  /** Storage SOC, or the mean SOC of cycling, 0..1. */
  readonly soc: number;
  /** Time at the condition, s. */
  readonly time: number;
  /** Equivalent full cycles in that time (0 for storage). */
  readonly cycles?: number;
  /** C-rate of the cycling (default 1). */
  readonly rate?: number;
}

export interface AgeingPrediction {
  readonly retention: number;
  readonly resistanceFactor: number;
  /** Loss by mechanism, fractions of the initial capacity. */
  readonly losses: { readonly sei: number; readonly cycling: number; readonly contact: number };
}

/** k(T) of one mechanism. */
export function rateAt(rate: ArrheniusRate, temperature: number): number {
  const Tref = rate.referenceTemperature ?? 298.15;
  return rate.reference * Math.exp((-rate.activationEnergy / GAS_CONSTANT) * (1 / temperature - 1 / Tref));
}

export function predictAgeing(p: AgeingParameters, c: AgeingCondition): AgeingPrediction {
  const cycles = c.cycles ?? 0;
  const rate = c.rate ?? 1;
  const socFactor = p.sei ? Math.exp((p.sei.socSensitivity ?? 0) * (c.soc - (p.sei.referenceSoc ?? 0.5))) : 0;
  const sei = p.sei ? rateAt(p.sei, c.temperature) * socFactor * Math.sqrt(c.time) : 0;
  const cycling = p.cycling
    ? rateAt(p.cycling, c.temperature) * rate ** (p.cycling.rateExponent ?? 0) * Math.sqrt(cycles)
    : 0;
  const contact = p.contactLoss ? rateAt(p.contactLoss, c.temperature) * cycles : 0;
  const resistanceFactor = p.resistance
    ? 1 + rateAt(p.resistance, c.temperature) * Math.sqrt(c.time) + (p.resistance.perRootCycle ?? 0) * Math.sqrt(cycles)
    : 1;
  return {
    retention: Math.max(0, 1 - sei - cycling - contact),
    resistanceFactor,
    losses: { sei, cycling, contact },
  };
}

/**
 * Degradation-factor map: capacity loss after `time` at each temperature × SOC (× rate, when
 * cycling at `cyclesPerDay`), as the programme drew it from its 28-day cycle and 42-day storage
 * tests. loss[i][j][k] for temperatures[i], socs[j], rates[k].
 */
export function degradationMap(
  p: AgeingParameters,
  temperatures: readonly number[],
  socs: readonly number[],
  rates: readonly number[],
  time: number,
  cyclesPerDay = 0,
): number[][][] {
  const cycles = (cyclesPerDay * time) / 86400;
  return temperatures.map((temperature) =>
    socs.map((soc) => rates.map((rate) => 1 - predictAgeing(p, { temperature, soc, time, cycles, rate }).retention)),
  );
}
