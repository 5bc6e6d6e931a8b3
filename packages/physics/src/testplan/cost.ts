/**
 * What a plan costs: cycler time (sub-tests one after another), channels (the largest sample
 * count of any electrical test, since each cell needs its own channel), channel-time and the
 * chamber set-points. Durations come from the ideal-cell estimate (see ideal.ts).
 */
import { advance, initialState, type IdealCell } from './ideal.js';
import type { ConcreteStep, ConcreteTest, PlanCost } from './types.js';

const K0 = 273.15;

export function testDuration(test: ConcreteTest, cell: IdealCell): number {
  const state = initialState();
  return test.steps.reduce((t, s) => t + advance(s, state, cell), 0);
}

export function planCost(tests: readonly ConcreteTest[], cell: IdealCell): PlanCost {
  const perTest = tests
    .filter((t) => t.electrical)
    .map((t) => ({ id: t.id, duration: testDuration(t, cell), samples: t.samples }));
  const cyclerTime = perTest.reduce((a, t) => a + t.duration, 0);
  const channels = perTest.reduce((a, t) => Math.max(a, t.samples), 0);
  const channelTime = perTest.reduce((a, t) => a + t.duration * t.samples, 0);
  const temps = new Set<number>();
  const collect = (steps: readonly ConcreteStep[]): void => {
    for (const s of steps) {
      if (s.kind === 'temperature') temps.add(Math.round(s.setpoint * 100) / 100);
      if (s.kind === 'loop') collect(s.steps);
    }
  };
  for (const t of tests) collect(t.steps);
  const chamberTemperatures = [...temps].sort((a, b) => a - b);
  return {
    cyclerTime,
    channels,
    channelTime,
    chamberTemperatures,
    perTest,
    summary: costSummary(cyclerTime, channels, chamberTemperatures),
  };
}

/** "41 days on 3 channels at −20, 25, 45 °C" (estimated from the ideal cell). */
export function costSummary(seconds: number, channels: number, temperatures: readonly number[]): string {
  const time = formatDuration(seconds);
  const ch = `${channels} channel${channels === 1 ? '' : 's'}`;
  const at = temperatures.length
    ? ` at ${temperatures.map((k) => String(Math.round((k - K0) * 10) / 10).replace('-', '−')).join(', ')} °C`
    : '';
  return `${time} on ${ch}${at}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown time';
  const days = seconds / 86400;
  if (days >= 2) return `${Math.round(days * 10) / 10} days`;
  const hours = seconds / 3600;
  if (hours >= 1) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round(seconds / 60)} min`;
}
