/**
 * The duration of an impedance sweep (10 frequencies per decade, max(2 periods, 0.1 s) each)
 * must be finite and found in bounded time for any positive bounds, down to the smallest double.
 */
import { describe, expect, it } from 'vitest';
import { impedanceDuration } from '../../src/testplan/index.js';

describe('impedance sweep duration', () => {
  it('sums 2 periods (at least 0.1 s) over 10 points per decade', () => {
    // 1 kHz → 1 Hz: 31 points at 10^(−k/10) kHz; by hand, points above 20 Hz take 0.1 s each.
    let expected = 0;
    for (let k = 0; k <= 30; k++) expected += Math.max(2 / (1000 * 10 ** (-k / 10)), 0.1);
    expect(impedanceDuration(1000, 1)).toBeCloseTo(expected, 9);
  });

  // Fewer than 6,500 points for any pair of doubles: far below a second even on a slow machine.
  const timed = (high: number, low: number) => {
    const t0 = performance.now();
    const duration = impedanceDuration(high, low);
    expect(performance.now() - t0).toBeLessThan(1000);
    return duration;
  };

  it.each([
    [1e6, 1e-300],
    [1.7976931348623157e308, 1e-300],
  ])('is finite for %s Hz to %s Hz', (high, low) => {
    const duration = timed(high, low);
    expect(Number.isFinite(duration)).toBe(true);
    expect(duration).toBeGreaterThan(2 / low);
  });

  // Two periods of a subnormal frequency exceed the largest double: the duration is unknown
  // (shown as "unknown time"), but it is found at once and is never NaN.
  it.each([
    [1e6, 9e-323],
    [1e6, 5e-324],
  ])('ends at once for %s Hz to %s Hz', (high, low) => {
    expect(timed(high, low)).toBe(Infinity);
  });
});
