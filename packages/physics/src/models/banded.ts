/**
 * Banded LU factorisation with partial pivoting, for the Newton systems of the P2D model.
 *
 * The P2D Jacobian, with unknowns ordered node by node across the cell, is block-tridiagonal:
 * a node couples only to its neighbours, so with 4 unknowns per node every non-zero lies within
 * 5 below and 4 above the diagonal. Band LU costs O(n·kl·(kl+ku)) — about 30k flops for a
 * 70-node mesh — against O(n³) dense. Row interchanges (partial pivoting) keep it stable when a
 * diagonal entry is small (the reaction rows at low exchange current); with pivoting the upper
 * band grows to kl+ku, which the storage reserves (the LAPACK dgbtrf layout, row-wise here).
 * Hand-written: no maintained TypeScript linear-algebra package offers a banded solver, and a
 * dense one would cost ~300× more per solve.
 */
export class BandedMatrix {
  /** Row i stores columns i−kl … i+kl+ku at offsets 0 … 2kl+ku. */
  readonly data: Float64Array;
  readonly width: number;
  private readonly multipliers: Float64Array;
  private readonly pivots: Int32Array;

  constructor(
    readonly n: number,
    readonly kl: number,
    readonly ku: number,
  ) {
    this.width = 2 * kl + ku + 1;
    this.data = new Float64Array(n * this.width);
    this.multipliers = new Float64Array(n * kl);
    this.pivots = new Int32Array(n);
  }

  clear(): void {
    this.data.fill(0);
  }

  /** Adds v to A(i, j); |j − i| must lie within the band. */
  add(i: number, j: number, v: number): void {
    this.data[i * this.width + (j - i + this.kl)]! += v;
  }

  get(i: number, j: number): number {
    const o = j - i + this.kl;
    return o < 0 || o >= this.width ? 0 : this.data[i * this.width + o]!;
  }

  /** In-place LU with partial pivoting. Returns false if the matrix is singular. */
  factor(): boolean {
    const { n, kl, ku, width: w, data: a, multipliers: m, pivots } = this;
    const reach = kl + ku;
    for (let k = 0; k < n; k++) {
      const last = Math.min(n - 1, k + kl);
      let p = k;
      let best = Math.abs(a[k * w + kl]!);
      for (let r = k + 1; r <= last; r++) {
        const v = Math.abs(a[r * w + (k - r + kl)]!);
        if (v > best) {
          best = v;
          p = r;
        }
      }
      pivots[k] = p;
      if (best === 0) return false;
      const jEnd = Math.min(n - 1, k + reach);
      if (p !== k) {
        for (let j = k; j <= jEnd; j++) {
          const ik = k * w + (j - k + kl),
            ip = p * w + (j - p + kl);
          const t = a[ik]!;
          a[ik] = a[ip]!;
          a[ip] = t;
        }
      }
      const pivot = a[k * w + kl]!;
      for (let r = k + 1; r <= last; r++) {
        const rk = r * w + (k - r + kl);
        const l = a[rk]! / pivot;
        m[k * kl + (r - k - 1)] = l;
        a[rk] = 0;
        if (l === 0) continue;
        const rowR = r * w - r + kl,
          rowK = k * w - k + kl;
        for (let j = k + 1; j <= jEnd; j++) a[rowR + j]! -= l * a[rowK + j]!;
      }
    }
    return true;
  }

  /** Solves A x = b in place (b becomes x) after `factor`. */
  solve(b: Float64Array): void {
    const { n, kl, ku, width: w, data: a, multipliers: m, pivots } = this;
    for (let k = 0; k < n; k++) {
      const p = pivots[k]!;
      if (p !== k) {
        const t = b[k]!;
        b[k] = b[p]!;
        b[p] = t;
      }
      const bk = b[k]!;
      if (bk === 0) continue;
      const last = Math.min(n - 1, k + kl);
      for (let r = k + 1; r <= last; r++) b[r]! -= m[k * kl + (r - k - 1)]! * bk;
    }
    const reach = kl + ku;
    for (let i = n - 1; i >= 0; i--) {
      const row = i * w - i + kl;
      let s = b[i]!;
      const jEnd = Math.min(n - 1, i + reach);
      for (let j = i + 1; j <= jEnd; j++) s -= a[row + j]! * b[j]!;
      b[i] = s / a[row + i]!;
    }
  }
}
