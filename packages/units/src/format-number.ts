/** Number formatting shared by `quantity.ts` and `display.ts`; it needs no units library. */

/** A number to `digits` significant figures without exponent noise for everyday magnitudes. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
    // toFixed, then trailing zeros (and a bare point) dropped: "1.50" → "1.5", "-0.00" → "0".
    const fixed = v.toFixed(decimals);
    if (decimals === 0) return fixed === '-0' ? '0' : fixed;
    let end = fixed.length;
    while (fixed.charCodeAt(end - 1) === 48) end--;
    if (fixed.charCodeAt(end - 1) === 46) end--;
    const text = fixed.slice(0, end);
    return text === '-0' ? '0' : text;
  }
  return v.toPrecision(digits);
}
