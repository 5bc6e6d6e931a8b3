/**
 * Road-load vehicle model: the power a battery delivers to follow a speed trace.
 *
 * Tractive force at the wheels (Gillespie, Fundamentals of Vehicle Dynamics, 1992, ch. 4;
 * Ehsani et al., Modern Electric, Hybrid Electric and Fuel Cell Vehicles, 3rd ed., §2.2):
 *   F = m_eff·a + ½·ρ·C_d·A·v² + m·g·(C_rr·cos θ + sin θ),   θ = atan(grade)
 * with m_eff = m·(1 + rotational inertia factor). Wheel power P_w = F·v. The battery supplies
 *   P_b = P_w / η_drive + P_aux           when P_w ≥ 0 (traction),
 *   P_b = P_w · η_drive · f_regen + P_aux when P_w < 0 (braking: a fraction is recovered).
 * Accelerations are the central differences of the 1 Hz trace (forward/backward at its ends).
 */
export interface Vehicle {
  /** Test mass, kg (vehicle, driver and load). */
  readonly mass: number;
  /** Aerodynamic drag coefficient C_d. */
  readonly dragCoefficient: number;
  /** Frontal area, m². */
  readonly frontalArea: number;
  /** Rolling-resistance coefficient C_rr. */
  readonly rollingResistance: number;
  /** Battery-to-wheel efficiency of the drivetrain (inverter, motor, gears), 0..1. */
  readonly drivetrainEfficiency: number;
  /** Fraction of braking power the drivetrain recovers into the battery, 0..1. */
  readonly regenerationFraction: number;
  /** Rotating masses as a fraction of `mass` (default 0). */
  readonly rotationalInertiaFactor?: number;
  /** Auxiliary power drawn throughout, W (default 0). */
  readonly auxiliaryPower?: number;
  /** Air density, kg/m³ (default 1.2, dry air at 20 °C and sea level). */
  readonly airDensity?: number;
}

export const GRAVITY = 9.80665; // m/s², standard gravity (CGPM 1901)

export interface DrivePower {
  /** s */
  readonly time: readonly number[];
  /** m/s */
  readonly speed: readonly number[];
  /** Wheel power, W (negative when braking). */
  readonly wheelPower: readonly number[];
  /** Battery power, W (negative when charging by regeneration). */
  readonly batteryPower: readonly number[];
  /** Battery energy over the trace, J (net), and the distance, m. */
  readonly batteryEnergy: number;
  readonly distance: number;
}

/**
 * Battery power to follow `speedKmh` (one value every `dt` seconds) on a constant `grade`
 * (rise over run: 0.05 is 5 %).
 */
export function drivePower(vehicle: Vehicle, speedKmh: readonly number[], grade = 0, dt = 1): DrivePower {
  const v = speedKmh.map((s) => s / 3.6);
  const n = v.length;
  const theta = Math.atan(grade);
  const rho = vehicle.airDensity ?? 1.2;
  const mEff = vehicle.mass * (1 + (vehicle.rotationalInertiaFactor ?? 0));
  const aux = vehicle.auxiliaryPower ?? 0;
  const eta = vehicle.drivetrainEfficiency;
  const time: number[] = [];
  const wheelPower: number[] = [];
  const batteryPower: number[] = [];
  let energy = 0;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const a =
      n < 2
        ? 0
        : i === 0
          ? (v[1]! - v[0]!) / dt
          : i === n - 1
            ? (v[i]! - v[i - 1]!) / dt
            : (v[i + 1]! - v[i - 1]!) / (2 * dt);
    const speed = v[i]!;
    const force =
      mEff * a +
      0.5 * rho * vehicle.dragCoefficient * vehicle.frontalArea * speed * speed +
      vehicle.mass * GRAVITY * (vehicle.rollingResistance * Math.cos(theta) + Math.sin(theta));
    // No rolling resistance or grade force acts on a car standing still (it is held by its brakes).
    const wheel = speed > 0 ? force * speed : 0;
    const battery = (wheel >= 0 ? wheel / eta : wheel * eta * vehicle.regenerationFraction) + aux;
    time.push(i * dt);
    wheelPower.push(wheel);
    batteryPower.push(battery);
    if (i > 0) {
      energy += 0.5 * (batteryPower[i - 1]! + battery) * dt;
      distance += 0.5 * (v[i - 1]! + speed) * dt;
    }
  }
  return { time, speed: v, wheelPower, batteryPower, batteryEnergy: energy, distance };
}
