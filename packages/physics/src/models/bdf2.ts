/**
 * Coefficients of variable-step BDF2 (second-order backward differentiation), shared by the P2D
 * and SPMe time steps:
 *
 *   α₀ y_{n+1} + α₁ y_n + α₂ y_{n−1} = h f(y_{n+1}),  ω = h / h_prev,
 *   α₀ = (1 + 2ω)/(1 + ω),  α₁ = −(1 + ω),  α₂ = ω²/(1 + ω);
 *
 * implicit Euler (1, −1, 0) on a first step, when there is no previous step.
 * Source: Hairer & Wanner, Solving ODEs II (2nd ed.), §III.5, variable-step BDF.
 */
export interface Bdf2Coefficients {
  readonly a0: number;
  readonly a1: number;
  readonly a2: number;
}

const IMPLICIT_EULER: Bdf2Coefficients = { a0: 1, a1: -1, a2: 0 };

/** The coefficients for a step of `h` after one of `hPrevious` (undefined: the first step). */
export function bdf2Coefficients(h: number, hPrevious: number | undefined): Bdf2Coefficients {
  if (hPrevious === undefined) return IMPLICIT_EULER;
  const w = h / hPrevious;
  return { a0: (1 + 2 * w) / (1 + w), a1: -(1 + w), a2: (w * w) / (1 + w) };
}
