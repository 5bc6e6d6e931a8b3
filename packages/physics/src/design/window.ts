/**
 * The 0 % SOC end of a stoichiometry window from the lower cut-off voltage, for cells whose
 * parameter sets give the fully charged state and the cut-offs instead of the window.
 *
 * Lithium balance on discharge of a charge Q (C) from the charged state (x₁₀₀, y₁₀₀):
 *   x(Q) = x₁₀₀ − Q / Q_n,   y(Q) = y₁₀₀ + Q / Q_p,
 * with Q_n, Q_p the charges of the full stoichiometry range of each electrode
 * (F · c_s,max · ε_am · thickness · area). The window ends where the open-circuit voltage
 * U_p(y) − U_n(x) falls to the lower cut-off; found by bisection (OCV decreases monotonically
 * with Q for the fits in use).
 */
type OcpFunction = (stoichiometry: number) => number;

export interface WindowEnd {
  /** Charge between the charged state and the cut-off, C. */
  readonly capacity: number;
  /** Anode and cathode stoichiometry at the cut-off. */
  readonly anodeStoichiometry: number;
  readonly cathodeStoichiometry: number;
}

export function windowEndAtVoltage(args: {
  cathodeOcp: OcpFunction;
  anodeOcp: OcpFunction;
  anodeCharged: number;
  cathodeCharged: number;
  anodeFullCharge: number;
  cathodeFullCharge: number;
  cutoff: number;
}): WindowEnd | undefined {
  const {
    cathodeOcp,
    anodeOcp,
    anodeCharged,
    cathodeCharged,
    anodeFullCharge: qn,
    cathodeFullCharge: qp,
    cutoff,
  } = args;
  const ocv = (q: number) => cathodeOcp(cathodeCharged + q / qp) - anodeOcp(anodeCharged - q / qn);
  let lo = 0;
  // Neither electrode may leave 0..1.
  let hi = Math.min(anodeCharged * qn, (1 - cathodeCharged) * qp);
  if (!(hi > 0) || !(ocv(lo) > cutoff)) return undefined;
  if (ocv(hi) > cutoff) {
    // The cut-off is never reached inside the stoichiometry range: one electrode runs out first.
    return { capacity: hi, anodeStoichiometry: anodeCharged - hi / qn, cathodeStoichiometry: cathodeCharged + hi / qp };
  }
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (ocv(mid) > cutoff) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  return { capacity: q, anodeStoichiometry: anodeCharged - q / qn, cathodeStoichiometry: cathodeCharged + q / qp };
}
