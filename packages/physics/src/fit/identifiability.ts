/**
 * What the Jacobian J of the simulated voltage (samples × parameters, in the fit's scaled θ)
 * says about whether the data can determine the parameters, and the t quantile of the intervals.
 *
 * - No sensitivity: a column of J with an RMS below 1 µV per unit θ (a change by a factor e of a
 *   log-scaled parameter) means the parameter has no effect on these data.
 * - Parameters acting in combination: the columns scaled to unit length have singular values
 *   σ; σ_max/σ_min above 10⁵ (cond JᵀJ above 10¹⁰, beyond what forward differences at 10⁻³
 *   can resolve) means JᵀJ is singular or ill-conditioned, and the right singular vector of
 *   σ_min names the parameters that trade off against each other.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** RMS of a Jacobian column below which a parameter has no effect, V per unit θ (1 µV per factor e). */
export const NO_SENSITIVITY = 1e-6;
/** Condition number of the column-scaled Jacobian above which JᵀJ counts as singular. */
export const MAX_CONDITION = 1e5;

const columnNorm = (J: Matrix, k: number) => Math.sqrt(J.getColumn(k).reduce((s, v) => s + v * v, 0));

/** The SVD of J with every column scaled to unit length (so units and scales do not matter). */
function scaledSvd(J: Matrix): SingularValueDecomposition {
  const scaled = new Matrix(J.rows, J.columns);
  for (let k = 0; k < J.columns; k++) {
    const norm = columnNorm(J, k);
    for (let i = 0; i < J.rows; i++) scaled.set(i, k, J.get(i, k) / norm);
  }
  return new SingularValueDecomposition(scaled, { autoTranspose: true });
}

/** σ_max/σ_min of the column-scaled J: 1 for independent parameters, large when they trade off. */
export function scaledConditionNumber(J: Matrix): number {
  const sigma = scaledSvd(J).diagonal;
  return Math.max(...sigma) / Math.max(Math.min(...sigma), Number.MIN_VALUE);
}

/** Why J says the parameters (`names`, one per column) cannot be fitted, or undefined. */
export function identifiabilityProblem(J: Matrix, names: readonly string[], where: string): string | undefined {
  const rms = names.map((_, k) => columnNorm(J, k) / Math.sqrt(J.rows));
  const flat = names.filter((_, k) => !(rms[k]! >= NO_SENSITIVITY));
  if (flat.length > 0) {
    const activation = flat.some((name) => name.includes('activation-energy'));
    return (
      `${flat.join(', ')} ${flat.length === 1 ? 'has' : 'have'} no effect on the simulated voltage of these data ` +
      `(less than ${NO_SENSITIVITY * 1e6} µV RMS for a change by a factor e, ${where})` +
      (activation
        ? ': an activation energy shows only in data at more than one temperature (or away from 25 °C); add such data'
        : ': leave it out, or add data where it matters')
    );
  }
  if (names.length < 2) return undefined;
  const svd = scaledSvd(J);
  const sigma = svd.diagonal;
  const condition = Math.max(...sigma) / Math.max(Math.min(...sigma), Number.MIN_VALUE);
  if (condition <= MAX_CONDITION) return undefined;
  const direction = svd.rightSingularVectors.getColumn(sigma.indexOf(Math.min(...sigma)));
  const involved = names.filter((_, k) => Math.abs(direction[k]!) > 0.2);
  return (
    `${involved.join(' and ')} act on these data only in combination (JᵀJ is singular or ill-conditioned, ` +
    `condition number of JᵀJ ${(condition ** 2).toExponential(1)} ${where}): the data cannot separate them; ` +
    'fit fewer of them, or add data where they act differently'
  );
}

/** Student's t quantile at 0.975 for ν degrees of freedom (Abramowitz & Stegun 26.7.5; < 0.1 % error for ν ≥ 3). */
export function studentT975(nu: number): number {
  const z = 1.959963985;
  const z3 = z ** 3,
    z5 = z ** 5,
    z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * nu) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3)
  );
}
