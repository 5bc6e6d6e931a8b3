// The programme's durability tests as predictions, the degradation-factor map, and the fits of
// the ageing mechanisms recovering known parameters from results they generate.
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_AGEING,
  fitCalendarAgeing,
  fitCycleAgeing,
  predictAgeing,
  programmeAgeing,
  programmeDegradationMap,
  rateAt,
  type AgeingParameters,
} from '../../src/index.js';

const DAY = 86400;

describe('programme ageing tests', () => {
  it('42-day storage at 45 °C follows the √t SEI closed form; SOC 100 % loses more than 50 %', () => {
    const a = programmeAgeing(ASSUMED_AGEING);
    const sei = ASSUMED_AGEING.sei!;
    // loss = k(45 °C)·exp(β·(SOC − 0.5))·√(42 d), by hand from the closed form.
    const k45 = rateAt(sei, 318.15);
    for (const s of a.storage)
      expect(1 - s.retention).toBeCloseTo(
        k45 * Math.exp(sei.socSensitivity! * (s.soc - 0.5)) * Math.sqrt(42 * DAY),
        12,
      );
    expect(a.storage[1]!.retention).toBeLessThan(a.storage[0]!.retention);
    // β = ln 2 / 0.5: the loss at 100 % SOC is twice that at 50 %.
    expect((1 - a.storage[1]!.retention) / (1 - a.storage[0]!.retention)).toBeCloseTo(2, 12);
  });

  it('the 28-day cycle test adds cycling SEI (√N) and contact loss (N) to the calendar loss', () => {
    const a = programmeAgeing(ASSUMED_AGEING);
    expect(a.cycle.cycles).toBe(28 * 12);
    const calendarOnly = predictAgeing(
      { sei: ASSUMED_AGEING.sei!, source: '' },
      { temperature: 318.15, soc: 0.5, time: 28 * DAY },
    );
    const cyc = rateAt(ASSUMED_AGEING.cycling!, 318.15) * Math.sqrt(336);
    const contact = rateAt(ASSUMED_AGEING.contactLoss!, 318.15) * 336;
    expect(1 - a.cycle.retention).toBeCloseTo(1 - calendarOnly.retention + cyc + contact, 12);
    expect(a.cycle.resistanceFactor).toBeGreaterThan(1);
  });

  it('the degradation-factor map grows with temperature, SOC and rate', () => {
    const m = programmeDegradationMap(ASSUMED_AGEING);
    expect(m.loss).toHaveLength(5);
    for (let i = 1; i < m.temperatures.length; i++) expect(m.loss[i]![1]![1]!).toBeGreaterThan(m.loss[i - 1]![1]![1]!);
    for (let j = 1; j < m.socs.length; j++) expect(m.loss[1]![j]![1]!).toBeGreaterThan(m.loss[1]![j - 1]![1]!);
    for (let k = 1; k < m.rates.length; k++) expect(m.loss[1]![1]![k]!).toBeGreaterThan(m.loss[1]![1]![k - 1]!);
    // At C/3 calendar SEI dominates more than at 6C.
    expect(m.calendarShare[1]![1]![0]!).toBeGreaterThan(m.calendarShare[1]![1]![3]!);
  });
});

describe('ageing fits', () => {
  const truth: AgeingParameters = {
    sei: { reference: 4e-6, activationEnergy: 42_000, socSensitivity: 1.1, referenceSoc: 0.5 },
    cycling: { reference: 8e-4, activationEnergy: 25_000 },
    contactLoss: { reference: 2e-5, activationEnergy: 15_000 },
    source: 'synthetic',
  };

  it('recovers calendar SEI parameters from storage results at two temperatures and two SOCs', () => {
    const results = [298.15, 318.15, 333.15].flatMap((temperature) =>
      [0.5, 1].map((soc) => {
        const time = 42 * DAY;
        return { temperature, soc, time, retention: predictAgeing(truth, { temperature, soc, time }).retention };
      }),
    );
    const fit = fitCalendarAgeing(results);
    expect(fit.problems).toEqual([]);
    expect(fit.parameters!.reference).toBeCloseTo(4e-6, 15);
    expect(fit.parameters!.activationEnergy).toBeCloseTo(42_000, 4);
    expect(fit.parameters!.socSensitivity).toBeCloseTo(1.1, 9);
    expect(fit.rmsError!).toBeLessThan(1e-12);
  });

  it('says what one temperature cannot determine', () => {
    const fit = fitCalendarAgeing([
      { temperature: 318.15, soc: 0.5, time: 42 * DAY, retention: 0.97 },
      { temperature: 318.15, soc: 1, time: 42 * DAY, retention: 0.95 },
    ]);
    expect(fit.problems).toContain('one storage temperature: no activation energy can be fitted (taken as 0)');
    expect(fit.parameters!.activationEnergy).toBe(0);
  });

  it('separates cycling SEI (√N) from contact loss (N) in cycle results', () => {
    const results = [100, 200, 336, 500].map((cycles) => {
      const c = { temperature: 318.15, soc: 0.5, time: (cycles / 12) * DAY, cycles };
      return { ...c, retention: predictAgeing(truth, c).retention };
    });
    const fit = fitCycleAgeing(results, truth.sei, { cycling: 25_000, contact: 15_000 });
    expect(fit.problems).toEqual([]);
    expect(fit.parameters!.cycling.reference).toBeCloseTo(8e-4, 10);
    expect(fit.parameters!.contactLoss.reference).toBeCloseTo(2e-5, 12);
  });
});
