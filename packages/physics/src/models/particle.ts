/**
 * Spherical diffusion in active particles, finite volumes on uniform shells:
 *   ∂c/∂t = (1/r²) ∂/∂r (r² D ∂c/∂r),   ∂c/∂r = 0 at r = 0,   −D ∂c/∂r = j at r = R
 * (Fick's law in a sphere; Doyle, Fuller & Newman, J. Electrochem. Soc. 140, 1526 (1993)),
 * with j the outward molar flux, mol/(m²·s). Shell k spans [kΔr, (k+1)Δr]; its balance is
 *   V_k dc_k/dt = G_k (c_{k+1} − c_k) − G_{k−1} (c_k − c_{k−1}) − δ_{k,N−1} R² j,
 *   V_k = ((k+1)³ − k³)Δr³/3,  G_k = D ((k+1)Δr)²/Δr,
 * which conserves lithium exactly. The surface concentration extrapolates the last shell with the
 * boundary flux: c_surf = c_{N−1} − j·(R − r̄)/D, r̄ the shell's volume-weighted centre.
 *
 * With D independent of c and a linear multistep (BDF) step α₀c/h + (history)/h = L c − b j, the
 * new concentrations are affine in the flux: c = a + j·s. Solving the tridiagonal system once
 * for a (history) and once for s (unit flux) per step lets the P2D Newton iteration treat c_surf
 * as a + j·s_surf and keep only 4 unknowns per node (static condensation of the particle states).
 */
export class ParticleGrid {
  readonly volumes: Float64Array;
  readonly conductance: Float64Array; // G_k / D for faces k = 0 … N−2 (between k and k+1)
  readonly surfaceGap: number; // R − r̄ of the last shell
  readonly totalVolume: number; // R³/3
  private readonly lower: Float64Array;
  private readonly diag: Float64Array;
  private readonly upper: Float64Array;
  /** Concentrations per unit outward flux j for the current step's matrix. */
  readonly unitResponse: Float64Array;
  /** Surface concentration per unit j. */
  unitSurface = 0;
  private diffusivity = 0;

  constructor(
    readonly shells: number,
    readonly radius: number,
  ) {
    const n = shells,
      dr = radius / n;
    this.volumes = new Float64Array(n);
    this.conductance = new Float64Array(Math.max(n - 1, 0));
    for (let k = 0; k < n; k++) {
      this.volumes[k] = (((k + 1) ** 3 - k ** 3) * dr ** 3) / 3;
      if (k < n - 1) this.conductance[k] = ((k + 1) * dr) ** 2 / dr;
    }
    // Volume-weighted centre of the outer shell: ∫r³dr / ∫r²dr over [R−Δr, R].
    const r0 = radius - dr;
    const centre = ((3 / 4) * (radius ** 4 - r0 ** 4)) / (radius ** 3 - r0 ** 3);
    this.surfaceGap = radius - centre;
    this.totalVolume = radius ** 3 / 3;
    this.lower = new Float64Array(n);
    this.diag = new Float64Array(n);
    this.upper = new Float64Array(n);
    this.unitResponse = new Float64Array(n);
  }

  /**
   * Prepares the step matrix α₀V/h − L for diffusivity D and factors it (Thomas algorithm; the
   * matrix is diagonally dominant, so no pivoting is needed). Also computes the unit-flux response.
   */
  prepare(alpha0OverH: number, diffusivity: number): void {
    const n = this.shells,
      V = this.volumes,
      G = this.conductance;
    this.diffusivity = diffusivity;
    for (let k = 0; k < n; k++) {
      const gl = k > 0 ? G[k - 1]! * diffusivity : 0;
      const gr = k < n - 1 ? G[k]! * diffusivity : 0;
      this.lower[k] = -gl;
      this.upper[k] = -gr;
      this.diag[k] = alpha0OverH * V[k]! + gl + gr;
    }
    // Forward elimination of the constant matrix, stored in diag/upper (modified Thomas).
    for (let k = 1; k < n; k++) {
      const w = this.lower[k]! / this.diag[k - 1]!;
      this.lower[k] = w;
      this.diag[k]! -= w * this.upper[k - 1]!;
    }
    const u = this.unitResponse;
    u.fill(0);
    u[n - 1] = -(this.radius * this.radius);
    this.substitute(u);
    this.unitSurface = u[n - 1]! - this.surfaceGap / diffusivity;
  }

  /** Solves the prepared system in place: rhs → solution. */
  substitute(x: Float64Array | Float64Array, offset = 0): void {
    const n = this.shells;
    for (let k = 1; k < n; k++) x[offset + k]! -= this.lower[k]! * x[offset + k - 1]!;
    x[offset + n - 1] = x[offset + n - 1]! / this.diag[n - 1]!;
    for (let k = n - 2; k >= 0; k--) {
      x[offset + k] = (x[offset + k]! - this.upper[k]! * x[offset + k + 1]!) / this.diag[k]!;
    }
  }

  /**
   * Writes the zero-flux solution a for one particle into `out` (at `offset`), given the BDF
   * history term hist_k = Σ α_i c_k^(n−i) / h (i ≥ 1), and returns its surface concentration.
   */
  zeroFluxSolution(history: Float64Array, out: Float64Array, offset: number): number {
    const n = this.shells,
      V = this.volumes;
    for (let k = 0; k < n; k++) out[offset + k] = -V[k]! * history[offset + k]!;
    this.substitute(out, offset);
    return out[offset + n - 1]!;
  }

  /** Surface concentration of a state c (at offset) with outward flux j. */
  surface(c: Float64Array, offset: number, j: number): number {
    return c[offset + this.shells - 1]! - (j * this.surfaceGap) / this.diffusivity;
  }

  /** Mean concentration of the particle at offset, mol/m³. */
  mean(c: Float64Array, offset: number): number {
    let s = 0;
    for (let k = 0; k < this.shells; k++) s += this.volumes[k]! * c[offset + k]!;
    return s / this.totalVolume;
  }
}
