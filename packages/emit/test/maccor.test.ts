/**
 * Maccor procedures read back with a generic XML parser (fast-xml-parser) and checked step by
 * step against the plan: step words and their fixed widths, set-points, Do/Loop nesting and
 * counts, goto targets, and the safety ends.
 */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { emitMaccor, SAFETY_MARGIN } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { cyclerSequence } from './expected.js';

const parser = new XMLParser({ isArray: (name) => ['TestStep', 'EndEntry', 'ReportEntry'].includes(name), trimValues: false, parseTagValue: false });

interface Step { StepType: string; StepMode: string; StepValue: string; Limits: { Voltage?: string } | ''; Ends: { EndEntry?: End[] } | ''; Reports: unknown; StepNote: string }
interface End { EndType: string; Oper: string; Step: string; Value: string }

const seconds = (clock: string): number => {
  const [h, m, s] = clock.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

describe('Maccor procedures, read back', () => {
  const plan = standardPlan();
  const { files } = emitMaccor(plan);
  const tests = plan.tests.filter((t) => t.electrical);

  it('one procedure per electrical sub-test', () => {
    expect(files).toHaveLength(tests.length);
  });

  for (const [i, test] of tests.entries()) {
    it(`${test.id}: steps match the plan`, () => {
      const doc = parser.parse(files[i]!.content as string);
      const steps: Step[] = doc.MaccorTestProcedure.ProcSteps.TestStep;
      const n = steps.length;
      // Fixed widths: step type and mode 8 characters, end type 8, operator 3.
      for (const s of steps) {
        expect(s.StepType).toHaveLength(8);
        expect(s.StepMode).toHaveLength(8);
        for (const e of (s.Ends || { EndEntry: [] }).EndEntry ?? []) {
          expect(e.EndType).toHaveLength(8);
          expect(e.Oper).toHaveLength(3);
          const target = Number(e.Step);
          expect(e.Step).toMatch(/^\d{3}$/);
          expect(target).toBeGreaterThanOrEqual(1);
          expect(target).toBeLessThanOrEqual(n);
        }
      }
      expect(steps[n - 1]!.StepType).toBe('  End   ');

      const expected = cyclerSequence(test.steps);
      const actual = steps.slice(0, -1);
      expect(actual).toHaveLength(expected.length);
      const open: number[] = [];
      actual.forEach((s, k) => {
        const e = expected[k]!;
        const ends = (s.Ends || { EndEntry: [] }).EndEntry ?? [];
        const stepTime = ends.find((x) => x.EndType === 'StepTime');
        switch (e.kind) {
          case 'current': {
            expect(s.StepType).toBe(e.direction === 'charge' ? ' Charge ' : 'Dischrge');
            expect(s.StepMode).toBe(e.power !== undefined ? 'Power   ' : 'Current ');
            // Values are written with 6 significant digits: relative tolerance 1e-5.
            expect(Number(s.StepValue)).toBeCloseTo(e.power ?? e.amps, 8);
            if (e.cv !== undefined) expect(Number((s.Limits as { Voltage: string }).Voltage)).toBe(e.cv);
            if (e.tail !== undefined) expect(Number(ends.find((x) => x.EndType === 'Current ')!.Value)).toBeCloseTo(e.tail, 9);
            break;
          }
          case 'pulse':
            expect(s.StepType).toBe(e.direction === 'charge' ? ' Charge ' : 'Dischrge');
            expect(Number(s.StepValue)).toBeCloseTo(e.amps, 8);
            expect(seconds(stepTime!.Value)).toBe(e.seconds);
            break;
          case 'hold':
            expect(s.StepMode).toBe('Voltage ');
            expect(Number(s.StepValue)).toBe(e.volts);
            break;
          case 'rest':
            expect(s.StepType).toBe('  Rest  ');
            if (e.seconds !== undefined) expect(seconds(stepTime!.Value)).toBeCloseTo(e.seconds, 2);
            break;
          case 'do':
            open.push(open.length + 1);
            expect(s.StepType).toBe(`  Do ${open.length}  `);
            break;
          case 'loop': {
            const level = open.pop();
            expect(s.StepType).toBe(` Loop ${level} `);
            expect(ends).toEqual([expect.objectContaining({ EndType: 'Loop Cnt', Oper: ' = ', Value: String(e.count), Step: String(k + 2).padStart(3, '0') })]);
            break;
          }
        }
        // Every electrical step (not abuse) stops the test 50 mV outside the window.
        if (['current', 'pulse', 'hold', 'rest'].includes(e.kind) && !s.StepNote.includes('abuse')) {
          const [vmin, vmax] = plan.voltageWindow;
          expect(ends).toContainEqual(expect.objectContaining({ EndType: 'Voltage ', Oper: '>= ', Step: String(n).padStart(3, '0'), Value: String(vmax + SAFETY_MARGIN) }));
          expect(ends).toContainEqual(expect.objectContaining({ EndType: 'Voltage ', Oper: '<= ', Step: String(n).padStart(3, '0'), Value: String(vmin - SAFETY_MARGIN) }));
        }
      });
      expect(open).toEqual([]);
    });
  }
});
