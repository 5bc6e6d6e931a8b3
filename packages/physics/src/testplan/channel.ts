/**
 * What a cycler channel can do. A test may declare the voltage range of its channel
 * (`channel-voltage -5 V to 5 V`; a range below 0 V is a bipolar channel). Steps that need more
 * than the channel gives are problems at expansion time, so the editor shows them before a
 * protocol reaches the cycler:
 * - a forced discharge (an abuse discharge that ends on time or charge, not on a voltage at or
 *   above 0 V) drives the cell into reversal, below 0 V: it needs a bipolar channel — an error
 *   when the declared channel is unipolar, information when no channel is declared;
 * - a voltage a step sets or ends on (CV voltage, hold, voltage end) outside the declared range
 *   is an error.
 */
import type { ConcreteStep, ConcreteTest, PlanProblem } from './types.js';

function fmt(v: number): string {
  return `${+v.toFixed(3)} V`;
}

export function checkChannel(test: ConcreteTest, channel: readonly [number, number] | undefined): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const at = (s: ConcreteStep) => ({ test: test.test, subtest: test.id, ...(s.source ? { step: s.source } : {}) });
  const range = channel ? `the declared channel (${fmt(channel[0])} to ${fmt(channel[1])})` : '';
  const voltage = (s: ConcreteStep, v: number, what: string) => {
    if (channel && (v > channel[1] + 1e-9 || v < channel[0] - 1e-9))
      problems.push({
        severity: 'error',
        code: 'channel-range',
        message: `${what} ${fmt(v)} is outside ${range}`,
        at: at(s),
      });
  };
  const walk = (steps: readonly ConcreteStep[]): void => {
    for (const s of steps) {
      if (s.kind === 'loop') {
        walk(s.steps);
        continue;
      }
      if (s.kind === 'cc') {
        if (s.cv !== undefined) voltage(s, s.cv, `the ${s.direction} holds`);
        for (const e of s.ends) if (e.quantity === 'voltage') voltage(s, e.value, `the ${s.direction} ends at`);
        const reversal =
          s.direction === 'discharge' &&
          s.abuse === true &&
          !s.ends.some((e) => e.quantity === 'voltage' && e.value >= 0);
        if (reversal) {
          if (!channel)
            problems.push({
              severity: 'info',
              code: 'channel-bipolar',
              message:
                'this forced discharge drives the cell below 0 V: it needs a bipolar channel; declare the channel with channel-voltage (e.g. -5 V to 5 V)',
              at: at(s),
            });
          else if (channel[0] >= 0)
            problems.push({
              severity: 'error',
              code: 'channel-bipolar',
              message: `this forced discharge drives the cell below 0 V, which ${range} cannot follow: it needs a bipolar channel`,
              at: at(s),
            });
        }
      } else if (s.kind === 'hold') voltage(s, s.voltage, 'the hold at');
      else if (s.kind === 'rest')
        for (const e of s.ends) if (e.quantity === 'voltage') voltage(s, e.value, 'the rest ends at');
    }
  };
  walk(test.steps);
  return problems;
}
