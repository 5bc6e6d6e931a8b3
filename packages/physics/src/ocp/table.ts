/**
 * Table OCPs and fast tabulation.
 *
 * A measured OCP table is interpolated with the monotone piecewise-cubic Hermite scheme of
 * Fritsch & Carlson (SIAM J. Numer. Anal. 17, 238 (1980)), the PCHIP of SciPy/MATLAB: it never
 * overshoots between points, so a monotone table stays monotone (an overshooting spline would
 * create false plateaus and multiple roots for the solver). Hand-written because it is twenty
 * lines and no maintained TypeScript package offers it with derivatives.
 */
import type { OcpFunction } from './types.js';

/** Fritsch–Carlson slopes for points (xs, ys), xs strictly increasing. */
function monotoneSlopes(xs: Float64Array, ys: Float64Array): Float64Array {
  const n = xs.length;
  const d = new Float64Array(n);
  const delta = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) delta[i] = (ys[i + 1]! - ys[i]!) / (xs[i + 1]! - xs[i]!);
  if (n === 2) {
    d[0] = d[1] = delta[0]!;
    return d;
  }
  for (let i = 1; i < n - 1; i++) {
    const a = delta[i - 1]!,
      b = delta[i]!;
    if (a * b <= 0) {
      d[i] = 0;
      continue;
    }
    // Weighted harmonic mean (Fritsch–Butland form used by PCHIP).
    const h0 = xs[i]! - xs[i - 1]!,
      h1 = xs[i + 1]! - xs[i]!;
    const w1 = 2 * h1 + h0,
      w2 = h1 + 2 * h0;
    d[i] = (w1 + w2) / (w1 / a + w2 / b);
  }
  // One-sided three-point ends, limited to keep monotonicity.
  const end = (h0: number, h1: number, del0: number, del1: number) => {
    let s = ((2 * h0 + h1) * del0 - h0 * del1) / (h0 + h1);
    if (Math.sign(s) !== Math.sign(del0)) s = 0;
    else if (Math.sign(del0) !== Math.sign(del1) && Math.abs(s) > Math.abs(3 * del0)) s = 3 * del0;
    return s;
  };
  d[0] = end(xs[1]! - xs[0]!, xs[2]! - xs[1]!, delta[0]!, delta[1]!);
  d[n - 1] = end(xs[n - 1]! - xs[n - 2]!, xs[n - 2]! - xs[n - 3]!, delta[n - 2]!, delta[n - 3]!);
  return d;
}

/** Cubic Hermite interpolant on knots xs with values ys and slopes ds; flat extrapolation of slope. */
class HermiteCurve {
  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly ds: Float64Array,
    /** When the knots are uniform, 1/spacing; lets `locate` skip the binary search. */
    private readonly uniformInverse = 0,
  ) {}

  private locate(x: number): number {
    const xs = this.xs,
      n = xs.length;
    if (x <= xs[0]!) return 0;
    if (x >= xs[n - 1]!) return n - 2;
    if (this.uniformInverse > 0) return Math.min(n - 2, Math.floor((x - xs[0]!) * this.uniformInverse));
    let lo = 0,
      hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! > x) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  value(x: number): number {
    const xs = this.xs,
      n = xs.length;
    // Linear extrapolation outside the knots, with the end slopes.
    if (x < xs[0]!) return this.ys[0]! + this.ds[0]! * (x - xs[0]!);
    if (x > xs[n - 1]!) return this.ys[n - 1]! + this.ds[n - 1]! * (x - xs[n - 1]!);
    const i = this.locate(x);
    const h = xs[i + 1]! - xs[i]!,
      t = (x - xs[i]!) / h;
    const t2 = t * t,
      t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * this.ys[i]! +
      (t3 - 2 * t2 + t) * h * this.ds[i]! +
      (-2 * t3 + 3 * t2) * this.ys[i + 1]! +
      (t3 - t2) * h * this.ds[i + 1]!
    );
  }

  derivative(x: number): number {
    const xs = this.xs,
      n = xs.length;
    if (x < xs[0]!) return this.ds[0]!;
    if (x > xs[n - 1]!) return this.ds[n - 1]!;
    const i = this.locate(x);
    const h = xs[i + 1]! - xs[i]!,
      t = (x - xs[i]!) / h;
    const t2 = t * t;
    return (
      ((6 * t2 - 6 * t) * this.ys[i]! + (6 * t - 6 * t2) * this.ys[i + 1]!) / h +
      (3 * t2 - 4 * t + 1) * this.ds[i]! +
      (3 * t2 - 2 * t) * this.ds[i + 1]!
    );
  }
}

/**
 * OCP from a measured table. Points are sorted by stoichiometry; the table must be monotone in
 * voltage (an OCP always is), which `checkOcpTable` reports in the engineer's terms.
 */
export function tableOcp(
  stoichiometry: readonly number[],
  voltage: readonly number[],
  name = 'table',
  citation?: string,
): OcpFunction {
  const problem = checkOcpTable(stoichiometry, voltage);
  if (problem) throw new Error(problem);
  const order = stoichiometry.map((_, i) => i).sort((a, b) => stoichiometry[a]! - stoichiometry[b]!);
  const xs = Float64Array.from(order, (i) => stoichiometry[i]!);
  const ys = Float64Array.from(order, (i) => voltage[i]!);
  const curve = new HermiteCurve(xs, ys, monotoneSlopes(xs, ys));
  return { name, citation, value: (x) => curve.value(x), derivative: (x) => curve.derivative(x) };
}

/** Why a table cannot serve as an OCP, or undefined when it can. */
export function checkOcpTable(stoichiometry: readonly number[], voltage: readonly number[]): string | undefined {
  if (stoichiometry.length !== voltage.length) {
    return `OCP table has ${stoichiometry.length} stoichiometries but ${voltage.length} voltages`;
  }
  if (stoichiometry.length < 3) return 'OCP table needs at least 3 points';
  const order = stoichiometry.map((_, i) => i).sort((a, b) => stoichiometry[a]! - stoichiometry[b]!);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1]!,
      b = order[k]!;
    if (stoichiometry[a] === stoichiometry[b]) return `OCP table repeats stoichiometry ${stoichiometry[a]}`;
  }
  let rising = 0,
    falling = 0;
  for (let k = 1; k < order.length; k++) {
    const dv = voltage[order[k]!]! - voltage[order[k - 1]!]!;
    if (dv > 0) rising++;
    else if (dv < 0) falling++;
  }
  if (rising > 0 && falling > 0)
    return 'OCP table voltage must fall (or rise) steadily with stoichiometry, but it goes up and down';
  return undefined;
}

/**
 * Samples an OCP on a uniform grid of `intervals` steps over [0, 1] and interpolates it with
 * cubic Hermite polynomials using the exact slopes. Models evaluate OCPs hundreds of thousands
 * of times per discharge; a tanh-sum fit costs ~10 transcendental calls, this a few flops.
 * Error of cubic Hermite: ≤ h⁴/384·max|U''''|. The tests check the sampled curve against the
 * fit (below 1e-5 V on [0.005, 0.995] for every built-in at 4096 intervals).
 */
export function tabulateOcp(ocp: OcpFunction, intervals = 4096): OcpFunction {
  const cached = tabulated.get(ocp);
  if (cached && intervals === 4096) return cached;
  const n = intervals + 1;
  const xs = new Float64Array(n),
    ys = new Float64Array(n),
    ds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / intervals;
    xs[i] = x;
    ys[i] = ocp.value(x);
    ds[i] = ocp.derivative(x);
  }
  const curve = new HermiteCurve(xs, ys, ds, intervals);
  const entropic = ocp.entropic?.bind(ocp);
  const table: OcpFunction = {
    name: ocp.name,
    citation: ocp.citation,
    value: (x) => curve.value(x),
    derivative: (x) => curve.derivative(x),
    ...(entropic ? { entropic } : {}),
  };
  if (intervals === 4096) tabulated.set(ocp, table);
  return table;
}

/** Tabulations are reused across model instances (an OCP function is immutable). */
const tabulated = new WeakMap<OcpFunction, OcpFunction>();
