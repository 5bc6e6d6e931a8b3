/**
 * The open-circuit mean voltage a model runs on: the mean of U_p(y) − U_n(x) as the cell moves
 * through the windows `from-cell.ts` placed (100 % → 0 % SOC, x and y linear in the charge
 * passed), by Simpson's rule (`design/voltage.ts`). A lithium-metal anode sits at 0 V. A slow
 * discharge (C/20) of the model approaches this value from below by its small overpotentials,
 * so it is the model's side of the design report's mean voltage.
 */
import { integrateUnit } from '../design/voltage.js';
import type { ModelParameters } from './parameters.js';

export function openCircuitMeanVoltage(p: ModelParameters): number {
  const pos = p.positive;
  const neg = p.negative;
  const anode = (t: number) =>
    neg.type === 'porous'
      ? neg.ocp.value(neg.stoichiometryAt100Soc + t * (neg.stoichiometryAt0Soc - neg.stoichiometryAt100Soc))
      : 0;
  return integrateUnit(
    (t) =>
      pos.ocp.value(pos.stoichiometryAt100Soc + t * (pos.stoichiometryAt0Soc - pos.stoichiometryAt100Soc)) - anode(t),
  );
}
