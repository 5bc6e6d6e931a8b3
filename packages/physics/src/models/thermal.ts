/**
 * Lumped thermal model of a cell (one temperature; Bernardi, Pawlikowski & Newman,
 * J. Electrochem. Soc. 132, 5 (1985) for the heat sources):
 *   C dT/dt = Q − hA (T − T_amb),   C = m·c_p (J/K), hA (W/K).
 * Over a step the heat Q is held at its end-of-step value (the coupling is sequential), and the
 * linear ODE is integrated exactly:
 *   T(t+Δt) = T∞ + (T − T∞) e^(−Δt·hA/C),   T∞ = T_amb + Q/hA,
 * which is unconditionally stable and, for constant Q, reproduces the analytic exponential rise.
 * With hA = 0 (adiabatic) it reduces to T + QΔt/C.
 */
export function updateLumpedTemperature(
  temperature: number,
  heat: number,
  dt: number,
  heatCapacity: number,
  heatTransfer: number,
  ambient: number,
): number {
  if (heatTransfer <= 0) return temperature + (heat * dt) / heatCapacity;
  const settled = ambient + heat / heatTransfer;
  return settled + (temperature - settled) * Math.exp((-dt * heatTransfer) / heatCapacity);
}

/** Analytic temperature under constant heat Q from T_amb: T_amb + Q/hA·(1 − e^(−t·hA/C)). */
export function constantHeatRise(
  heat: number,
  time: number,
  heatCapacity: number,
  heatTransfer: number,
  ambient: number,
): number {
  return ambient + (heat / heatTransfer) * (1 - Math.exp((-time * heatTransfer) / heatCapacity));
}
