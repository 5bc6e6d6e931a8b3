/**
 * Physical bounds every model run is checked against before its result leaves the package, so a
 * solver that converged to a meaningless state reports a failure instead of a curve.
 *
 * - Terminal voltage finite and in [0 V, V_max + 1 V]. No cell has a negative terminal voltage
 *   while it discharges (the reaction would run backwards, reversing the current), and 1 V above
 *   the upper limit is past any overcharge a cell survives (the margin admits the IR rise of a
 *   fast charge at low temperature). A cold cell's IR drop that lands between 0 V and the lower
 *   cut-off stays a result: it is a cell that delivers nothing at that rate.
 * - Current, SOC, anode potential and heat finite; temperature finite and above 0 K.
 */
export const VOLTAGE_MARGIN_ABOVE_MAX = 1;

export interface RecordedCurves {
  readonly time: readonly number[];
  readonly voltage: readonly number[];
  readonly current: readonly number[];
  readonly temperature: readonly number[];
  readonly soc: readonly number[];
  readonly anodePotential: readonly number[];
  readonly heat: readonly number[];
}

/** The first recorded point outside the bounds, and why; undefined when every point is inside. */
export function firstOutOfBounds(
  r: RecordedCurves,
  voltageMin: number,
  voltageMax: number,
): { readonly index: number; readonly reason: string } | undefined {
  const at = (i: number) => `at t = ${+(r.time[i] ?? 0).toPrecision(3)} s`;
  for (let i = 0; i < r.voltage.length; i++) {
    const v = r.voltage[i]!;
    if (!Number.isFinite(v)) return { index: i, reason: `the voltage is not a number ${at(i)}` };
    if (v < 0 || v > voltageMax + VOLTAGE_MARGIN_ABOVE_MAX)
      return {
        index: i,
        reason: `a voltage of ${v.toFixed(2)} V ${at(i)}, outside any physical range for a ${voltageMin}–${voltageMax} V cell`,
      };
    const T = r.temperature[i]!;
    if (!Number.isFinite(T)) return { index: i, reason: `the temperature is not a number ${at(i)}` };
    if (T <= 0) return { index: i, reason: `a temperature of ${T.toPrecision(3)} K ${at(i)}` };
    for (const [name, values] of [
      ['current', r.current],
      ['SOC', r.soc],
      ['anode potential', r.anodePotential],
      ['heat', r.heat],
    ] as const)
      if (!Number.isFinite(values[i])) return { index: i, reason: `the ${name} is not a number ${at(i)}` };
  }
  return undefined;
}
