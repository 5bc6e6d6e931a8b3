/**
 * A lumped thermal network for a module or pack: each node (a cell, a cooling plate) is one
 * thermal mass; nodes exchange heat through conductances with each other and with a coolant at
 * a fixed temperature:
 *   C_i dT_i/dt = Q_i(t) − Σ_j G_ij (T_i − T_j) − G_i (T_i − T_coolant)
 * (Incropera & DeWitt, Fundamentals of Heat and Mass Transfer, 6th ed., §5.2 lumped capacitance,
 * §3.1 thermal resistance networks). Integrated by backward Euler: unconditionally stable, so a
 * step may exceed the network's fastest time constant; first-order accurate in the step.
 *
 * A design-level model: it resolves cell-to-cell spread along a cooling path, not temperature
 * gradients inside a cell (the 3-D finite-element studies do that); conductances come from the
 * contact areas and materials the caller states.
 */
export interface ThermalNode {
  readonly name: string;
  /** Heat capacity, J/K. */
  readonly capacity: number;
  /** Conductance to the coolant, W/K (0: none). */
  readonly toCoolant: number;
}

export interface ThermalLink {
  readonly a: number;
  readonly b: number;
  /** W/K */
  readonly conductance: number;
}

export interface ThermalNetwork {
  readonly nodes: readonly ThermalNode[];
  readonly links: readonly ThermalLink[];
  /** Coolant (and initial) temperature, K. */
  readonly coolant: number;
}

export interface ThermalRun {
  readonly time: readonly number[];
  /** temperatures[k][i]: node i at time[k], K. */
  readonly temperatures: readonly (readonly number[])[];
}

/**
 * Temperatures of the network under heat inputs `heat(t, T) → W per node`, from `initial`
 * (default: every node at the coolant temperature), for `duration` seconds in steps of `dt`.
 */
export function runThermalNetwork(
  network: ThermalNetwork,
  heat: (time: number, temperatures: readonly number[]) => readonly number[],
  duration: number,
  dt: number,
  initial?: readonly number[],
): ThermalRun {
  let T = initial ? [...initial] : network.nodes.map(() => network.coolant);
  const time = [0];
  const temperatures: number[][] = [[...T]];
  const steps = Math.ceil(duration / dt - 1e-9);
  for (let k = 1; k <= steps; k++) {
    const h = Math.min(dt, duration - (k - 1) * dt);
    const t = (k - 1) * dt + h;
    T = stepThermalNetwork(network, T, heat(t, T), h);
    time.push(t);
    temperatures.push([...T]);
  }
  return { time, temperatures };
}

/**
 * One backward-Euler step of length h from temperatures T under heat inputs q (W per node).
 * `coolant` gives each node's own coolant temperature (a coolant warming along its path);
 * without it every node sees `network.coolant`.
 */
export function stepThermalNetwork(
  network: ThermalNetwork,
  T: readonly number[],
  q: readonly number[],
  h: number,
  coolant?: readonly number[],
): number[] {
  const n = network.nodes.length;
  // (C_i/h + G_i + Σ_j G_ij) T_i − Σ_j G_ij T_j = C_i/h T_i,old + Q_i + G_i T_c,i
  const A = Array.from({ length: n }, () => new Float64Array(n));
  const rhs = new Float64Array(n);
  network.nodes.forEach((node, i) => {
    A[i]![i] = node.capacity / h + node.toCoolant;
    rhs[i] = (node.capacity / h) * T[i]! + (q[i] ?? 0) + node.toCoolant * (coolant?.[i] ?? network.coolant);
  });
  for (const link of network.links) {
    A[link.a]![link.a]! += link.conductance;
    A[link.b]![link.b]! += link.conductance;
    A[link.a]![link.b]! -= link.conductance;
    A[link.b]![link.a]! -= link.conductance;
  }
  return solve(A, rhs);
}

/** Gaussian elimination with partial pivoting; the matrix is diagonally dominant, so it never fails. */
function solve(A: Float64Array[], b: Float64Array): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r]![k]! -= f * A[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= A[r]![k]! * x[k]!;
    x[r] = s / A[r]![r]!;
  }
  return x;
}
