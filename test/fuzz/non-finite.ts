/** The fuzzers' check that no NaN or Infinity hides in a result. */

/** Paths of numbers in `value` that are not finite (NaN, ±Infinity). */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (typeof value === 'string') {
    // Strings are shown as they are; they may name NaN only if the author wrote it.
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out, seen);
  }
  return out;
}
