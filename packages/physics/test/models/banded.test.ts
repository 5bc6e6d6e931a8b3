import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BandedMatrix } from '../../src/models/banded.js';

/** Dense Gaussian elimination with partial pivoting, as the reference. */
function denseSolve(a: number[][], b: number[]): number[] {
  const n = b.length,
    m = a.map((r, i) => [...r, b[i]!]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(m[r]![k]!) > Math.abs(m[p]![k]!)) p = r;
    [m[k], m[p]] = [m[p]!, m[k]!];
    for (let r = k + 1; r < n; r++) {
      const l = m[r]![k]! / m[k]![k]!;
      for (let j = k; j <= n; j++) m[r]![j]! -= l * m[k]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x;
}

describe('banded LU', () => {
  // Random banded systems, including zero diagonals that force row interchanges. Both solvers
  // use partial pivoting on well-conditioned matrices: agreement to 1e-8 relative.
  it('agrees with dense elimination on random banded matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        (n, kl, ku, seed) => {
          let s = seed >>> 0;
          const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
          const band = new BandedMatrix(n, kl, ku);
          const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
          for (let i = 0; i < n; i++) {
            for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) {
              const v = i === j && i % 3 === 1 ? 0 : rand() + (i === j ? 4 * Math.sign(rand()) : 0);
              band.add(i, j, v);
              dense[i]![j] = v;
            }
          }
          const b = Array.from({ length: n }, rand);
          const expected = denseSolve(dense, b);
          if (expected.some((x) => !Number.isFinite(x) || Math.abs(x) > 1e6)) return; // near-singular draw
          expect(band.factor()).toBe(true);
          const x = Float64Array.from(b);
          band.solve(x);
          const scale = Math.max(1, ...expected.map(Math.abs));
          expected.forEach((e, i) => expect(Math.abs(x[i]! - e) / scale).toBeLessThan(1e-8));
        },
      ),
      { numRuns: 300 },
    );
  });
});
