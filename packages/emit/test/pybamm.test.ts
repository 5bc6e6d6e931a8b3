/**
 * Every PyBaMM step string is read with a parser that follows PyBaMM's own step grammar
 * (pybamm/experiment/step/steps.py `string()`, base_step.py `_convert_electric` and
 * `_convert_time_to_seconds`, step_termination.py), and the values read back are compared with
 * the plan.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitPyBaMM, pybammDocument } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { cyclerSequence, type Expected } from './expected.js';

type Electric = { typ: 'C-rate' | 'current' | 'voltage' | 'power' | 'resistance'; value: number };
interface Parsed { instruction: 'Rest' | 'Charge' | 'Discharge' | 'Hold'; electric?: Electric; duration?: number; termination?: Electric }

/** `_convert_electric`: "C/3" or a number followed by (m)A, V, W, Ohm or C. */
function convertElectric(valueString: string): Electric {
  let unit: string; let value: number;
  if (valueString[0] === 'C') {
    if (valueString[1] !== '/') throw new Error(`C-rate must be C/x: ${valueString}`);
    unit = 'C'; value = 1 / pyFloat(valueString.slice(2));
  } else {
    unit = valueString.replace(/^[0-9.\- ]+/, '');
    value = pyFloat(valueString.slice(0, valueString.length - unit.length));
    if (unit.startsWith('m')) { unit = unit.slice(1); value /= 1000; }
  }
  const typ = ({ C: 'C-rate', A: 'current', V: 'voltage', W: 'power', Ohm: 'resistance' } as const)[unit as 'C'];
  if (!typ) throw new Error(`units must be 'A', 'V', 'W', 'Ohm', or 'C': ${valueString}`);
  return { typ, value };
}

/** Python's float(): decimal text with optional surrounding spaces, nothing else. */
function pyFloat(text: string): number {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) throw new Error(`could not convert string to float: '${text}'`);
  return Number(text);
}

/** `_convert_time_to_seconds`. */
function convertTime(text: string): number {
  const units = text.replace(/^[0-9.\- ]+/, '');
  const t = pyFloat(text.slice(0, text.length - units.length));
  if (['second', 'seconds', 's', 'sec'].includes(units)) return t;
  if (['minute', 'minutes', 'm', 'min'].includes(units)) return t * 60;
  if (['hour', 'hours', 'h', 'hr'].includes(units)) return t * 3600;
  throw new Error(`time units must be 'seconds', 'minutes' or 'hours': ${text}`);
}

/** Python's str.split(sep) unpacked into exactly two names. */
function splitTwo(text: string, sep: string): [string, string] {
  const parts = text.split(sep);
  if (parts.length !== 2) throw new Error(`expected one '${sep.trim()}' in '${text}'`);
  return [parts[0]!, parts[1]!];
}

/** `pybamm.step.string(text)`, as far as it reads the text. */
export function parseStep(input: string): Parsed {
  let text = input;
  if (text.includes('oC')) throw new Error('Temperature must be specified as a keyword argument');
  if (text.includes('period)')) text = splitTwo(text, ' (')[0];
  let termination: Electric | undefined;
  if (text.includes('until')) {
    const [head, term] = splitTwo(text, ' until ');
    text = head.replaceAll(' or', '');
    termination = convertElectric(term);
    // step_termination.py builds terminations only for current, voltage and C-rate.
    if (!['current', 'voltage', 'C-rate'].includes(termination.typ)) throw new Error(`unsupported termination ${term}`);
  }
  let duration: number | undefined;
  if (text.includes('for')) {
    const [head, d] = splitTwo(text, ' for ');
    text = head; duration = convertTime(d);
  }
  if (termination === undefined && duration === undefined) throw new Error("Operating conditions must contain keyword 'for' or 'until'");
  if (text.startsWith('Rest')) return { instruction: 'Rest', ...(duration !== undefined ? { duration } : {}), ...(termination ? { termination } : {}) };
  const [instruction, valueString] = splitTwo(text, ' at ');
  if (!['Charge', 'Discharge', 'Hold'].includes(instruction)) throw new Error(`Instruction must be 'discharge', 'charge', 'rest', or 'hold': ${instruction}`);
  return { instruction: instruction as Parsed['instruction'], electric: convertElectric(valueString), ...(duration !== undefined ? { duration } : {}), ...(termination ? { termination } : {}) };
}

describe('PyBaMM step grammar', () => {
  it('reads PyBaMM\'s own documented examples', () => {
    for (const s of ['Discharge at 1C for 0.5 hours', 'Discharge at C/20 for 0.5 hours', 'Charge at 0.5 C for 45 minutes', 'Discharge at 1 A for 0.5 hours',
      'Charge at 200 mA for 45 minutes', 'Discharge at 1W for 0.5 hours', 'Charge at 200mW for 45 minutes', 'Rest for 10 minutes', 'Hold at 1V for 20 seconds',
      'Charge at 1 C until 4.1V', 'Hold at 4.1 V until 50mA', 'Hold at 3V until C/50', 'Discharge at C/3 for 2 hours or until 2.5 V']) {
      expect(() => parseStep(s), s).not.toThrow();
    }
    expect(parseStep('Discharge at C/3 for 2 hours or until 2.5 V')).toEqual({ instruction: 'Discharge', electric: { typ: 'C-rate', value: 1 / 3 }, duration: 7200, termination: { typ: 'voltage', value: 2.5 } });
    expect(() => parseStep('Discharge at 1C until 2.5 V at 25oC')).toThrow(/Temperature/);
    expect(() => parseStep('Discharge at 1C')).toThrow(/for' or 'until/);
    expect(() => parseStep('Discharge at 1e-3 A for 1 hour')).toThrow(/units/);
  });

  const plan = standardPlan();
  const doc = pybammDocument(plan);

  it('every emitted step string is valid PyBaMM and carries no temperature', () => {
    let count = 0;
    for (const e of doc.experiments) for (const c of e.cycles) for (const s of c.steps) { expect(() => parseStep(s), `${e.id}: ${s}`).not.toThrow(); count++; }
    expect(count).toBe(99);
  });

  it('the strings say what the plan says', () => {
    const oneC = plan.oneC;
    for (const e of doc.experiments) {
      const test = plan.tests.find((t) => t.id === e.id)!;
      // Unroll the plan's loops the way PyBaMM runs them (outer cycles repeated by `repeat`, inner loops written out).
      const unroll = (xs: Expected[]): Expected[] => {
        const out: Expected[] = [];
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i]!;
          if (x.kind !== 'do') { if (x.kind !== 'loop') out.push(x); continue; }
          let depth = 1; let j = i + 1;
          for (; j < xs.length && depth > 0; j++) { if (xs[j]!.kind === 'do') depth++; if (xs[j]!.kind === 'loop') depth--; }
          const body = unroll(xs.slice(i + 1, j - 1));
          for (let k = 0; k < x.count; k++) out.push(...body);
          i = j - 1;
        }
        return out;
      };
      const topLevel = test.steps.filter((s) => s.kind !== 'impedance');
      const expected = unroll(cyclerSequence(topLevel));
      const actual = e.cycles.flatMap((c) => Array.from({ length: c.repeat }, () => c.steps).flat()).map(parseStep);
      // A CCCV step is two PyBaMM steps (CC then Hold); expand the expectation the same way.
      const exp = expected.flatMap((x) => (x.kind === 'current' && x.cv !== undefined && x.tail !== undefined ? [x, { kind: 'hold' as const, volts: x.cv, tail: x.tail }] : [x]));
      expect(actual.length, e.id).toBe(exp.length);
      exp.forEach((x, k) => {
        const a = actual[k]!;
        const where = `${e.id} step ${k}`;
        switch (x.kind) {
          case 'current': case 'pulse': {
            expect(a.instruction, where).toBe(x.direction === 'charge' ? 'Charge' : 'Discharge');
            const el = a.electric!;
            // Written with 6 significant digits: compare to 1e-6 relative.
            const amps = el.typ === 'C-rate' ? el.value * oneC : el.typ === 'current' ? el.value : NaN;
            if (x.kind === 'current' && x.power !== undefined) expect(el).toEqual({ typ: 'power', value: expect.closeTo(x.power, 9) });
            else expect(Math.abs(amps - x.amps) / x.amps, where).toBeLessThan(1e-6);
            if (x.kind === 'pulse') expect(a.duration).toBe(x.seconds);
            if (x.kind === 'current' && x.cv !== undefined) expect(a.termination, where).toEqual({ typ: 'voltage', value: x.cv });
            break;
          }
          case 'hold':
            expect(a.instruction, where).toBe('Hold');
            expect(a.electric, where).toEqual({ typ: 'voltage', value: x.volts });
            break;
          case 'rest':
            expect(a.instruction, where).toBe('Rest');
            if (x.seconds !== undefined) expect(a.duration!, where).toBeCloseTo(x.seconds, 3);
            break;
        }
      });
    }
  });

  it('temperatures travel as separate values in kelvin', () => {
    const cap = doc.experiments.find((e) => e.id === 'capacity @ -20 °C')!;
    const temps = cap.cycles.flatMap((c) => c.temperatures);
    expect(new Set(temps)).toEqual(new Set([298.15, 253.15]));
  });

  it('the Python file is valid Python (when python3 is present)', (ctx) => {
    let python = true;
    try { execFileSync('python3', ['--version']); } catch { python = false; }
    if (!python) { ctx.skip(); return; }
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-pybamm-'));
    const { files } = emitPyBaMM(plan);
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    const py = files.find((f) => f.name.endsWith('.py'))!;
    execFileSync('python3', ['-m', 'py_compile', join(dir, py.name)]);
    // The JSON it loads has the shape the script reads.
    const data = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content as string);
    for (const e of data.experiments) for (const c of e.cycles) {
      expect(c.steps.length).toBe(c.temperatures.length);
      expect(c.steps.length).toBe(c.periods.length);
      expect(Number.isInteger(c.repeat) && c.repeat >= 1).toBe(true);
    }
  });
});
