/**
 * Independent read-back checks of each protocol format, shared by the fixture-plan tests and the
 * examples test. Each reads the emitted bytes with a generic reader (an XML parser, PyBaMM's step
 * grammar, the BT-Lab table layout, a JSON Schema validator) and compares what it reads with the
 * plan's concrete steps (via `cyclerSequence`, written separately from the emitters).
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import ini from 'ini';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ConcreteStep, ConcreteTest, ExpandedPlan } from '@cellspec/physics';
import { COLUMN_WIDTH, SAFETY_MARGIN, type PyBaMMDocument } from '../src/index.js';
import { cyclerSequence, type Expected } from './expected.js';

// ---- Maccor ----------------------------------------------------------------------------------

const xml = new XMLParser({
  isArray: (name) => ['TestStep', 'EndEntry', 'ReportEntry'].includes(name),
  trimValues: false,
  parseTagValue: false,
});

interface MaccorStep {
  StepType: string;
  StepMode: string;
  StepValue: string;
  Limits: { Voltage?: string } | '';
  Ends: { EndEntry?: MaccorEnd[] } | '';
  StepNote: string;
}
interface MaccorEnd {
  EndType: string;
  Oper: string;
  Step: string;
  Value: string;
}

const clockSeconds = (clock: string): number => {
  const [h, m, s] = clock.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

/** Parses a Maccor procedure and checks it step by step against the sub-test. */
export function checkMaccor(plan: ExpandedPlan, test: ConcreteTest, content: string): void {
  const doc = xml.parse(content);
  const steps: MaccorStep[] = doc.MaccorTestProcedure.ProcSteps.TestStep;
  const n = steps.length;
  // Fixed widths: step type and mode 8 characters, end type 8, operator 3; gotos name a step.
  for (const s of steps) {
    expect(s.StepType).toHaveLength(8);
    expect(s.StepMode).toHaveLength(8);
    for (const e of (s.Ends || { EndEntry: [] }).EndEntry ?? []) {
      expect(e.EndType).toHaveLength(8);
      expect(e.Oper).toHaveLength(3);
      expect(e.Step).toMatch(/^\d{3}$/);
      expect(Number(e.Step)).toBeGreaterThanOrEqual(1);
      expect(Number(e.Step)).toBeLessThanOrEqual(n);
    }
  }
  expect(steps[n - 1]!.StepType).toBe('  End   ');
  const expected = cyclerSequence(test.steps);
  const actual = steps.slice(0, -1);
  expect(actual.length, test.id).toBe(expected.length);
  const open: number[] = [];
  actual.forEach((s, k) => {
    const e = expected[k]!;
    const where = `${test.id} step ${k + 1}`;
    const ends = (s.Ends || { EndEntry: [] }).EndEntry ?? [];
    const stepTime = ends.find((x) => x.EndType === 'StepTime');
    switch (e.kind) {
      case 'current':
        expect(s.StepType, where).toBe(e.direction === 'charge' ? ' Charge ' : 'Dischrge');
        expect(s.StepMode, where).toBe(e.power !== undefined ? 'Power   ' : 'Current ');
        // Six significant digits: relative error below 1e-5.
        expect(Math.abs(Number(s.StepValue) / (e.power ?? e.amps) - 1), where).toBeLessThan(1e-5);
        if (e.cv !== undefined) expect(Number((s.Limits as { Voltage: string }).Voltage), where).toBe(e.cv);
        if (e.tail !== undefined)
          expect(Math.abs(Number(ends.find((x) => x.EndType === 'Current ')!.Value) / e.tail - 1), where).toBeLessThan(
            1e-5,
          );
        break;
      case 'pulse':
        expect(s.StepType, where).toBe(e.direction === 'charge' ? ' Charge ' : 'Dischrge');
        expect(Math.abs(Number(s.StepValue) / e.amps - 1), where).toBeLessThan(1e-5);
        expect(clockSeconds(stepTime!.Value), where).toBe(e.seconds);
        break;
      case 'hold':
        expect(s.StepMode, where).toBe('Voltage ');
        expect(Number(s.StepValue), where).toBe(e.volts);
        break;
      case 'rest':
        expect(s.StepType, where).toBe('  Rest  ');
        if (e.seconds !== undefined) expect(clockSeconds(stepTime!.Value), where).toBeCloseTo(e.seconds, 1);
        break;
      case 'do':
        open.push(open.length + 1);
        expect(s.StepType, where).toBe(`  Do ${open.length}  `);
        break;
      case 'loop': {
        const level = open.pop();
        expect(s.StepType, where).toBe(` Loop ${level} `);
        expect(ends, where).toEqual([
          expect.objectContaining({
            EndType: 'Loop Cnt',
            Oper: ' = ',
            Value: String(e.count),
            Step: String(k + 2).padStart(3, '0'),
          }),
        ]);
        break;
      }
    }
    // Every electrical step except deliberate abuse stops the test 50 mV outside the window.
    if (['current', 'pulse', 'hold', 'rest'].includes(e.kind) && !s.StepNote.includes('abuse')) {
      const [vmin, vmax] = plan.voltageWindow;
      const end = String(n).padStart(3, '0');
      expect(ends, where).toContainEqual(
        expect.objectContaining({
          EndType: 'Voltage ',
          Oper: '>= ',
          Step: end,
          Value: String(Number((vmax + SAFETY_MARGIN).toFixed(6))),
        }),
      );
      expect(ends, where).toContainEqual(
        expect.objectContaining({
          EndType: 'Voltage ',
          Oper: '<= ',
          Step: end,
          Value: String(Number((vmin - SAFETY_MARGIN).toFixed(6))),
        }),
      );
    }
  });
  expect(open).toEqual([]);
}

// ---- PyBaMM ----------------------------------------------------------------------------------

export type Electric = { typ: 'C-rate' | 'current' | 'voltage' | 'power' | 'resistance'; value: number };
export interface ParsedStep {
  instruction: 'Rest' | 'Charge' | 'Discharge' | 'Hold';
  electric?: Electric;
  duration?: number;
  termination?: Electric;
}

/** Python's float(): decimal text with optional surrounding spaces, nothing else. */
function pyFloat(text: string): number {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text))
    throw new Error(`could not convert string to float: '${text}'`);
  return Number(text);
}

/** base_step.py `_convert_electric`: "C/3", or a number followed by (m)A, V, W, Ohm or C. */
function convertElectric(valueString: string): Electric {
  let unit: string;
  let value: number;
  if (valueString[0] === 'C') {
    if (valueString[1] !== '/') throw new Error(`C-rate must be C/x: ${valueString}`);
    unit = 'C';
    value = 1 / pyFloat(valueString.slice(2));
  } else {
    unit = valueString.replace(/^[0-9.\- ]+/, '');
    value = pyFloat(valueString.slice(0, valueString.length - unit.length));
    if (unit.startsWith('m')) {
      unit = unit.slice(1);
      value /= 1000;
    }
  }
  const typ = ({ C: 'C-rate', A: 'current', V: 'voltage', W: 'power', Ohm: 'resistance' } as const)[unit as 'C'];
  if (!typ) throw new Error(`units must be 'A', 'V', 'W', 'Ohm', or 'C': ${valueString}`);
  return { typ, value };
}

/** base_step.py `_convert_time_to_seconds`. */
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

/** steps.py `string(text)`, as far as it reads the text; throws where PyBaMM raises. */
export function parsePyBaMMStep(input: string): ParsedStep {
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
    text = head;
    duration = convertTime(d);
  }
  if (termination === undefined && duration === undefined)
    throw new Error("Operating conditions must contain keyword 'for' or 'until'");
  if (text.startsWith('Rest'))
    return {
      instruction: 'Rest',
      ...(duration !== undefined ? { duration } : {}),
      ...(termination ? { termination } : {}),
    };
  const [instruction, valueString] = splitTwo(text, ' at ');
  if (!['Charge', 'Discharge', 'Hold'].includes(instruction))
    throw new Error(`Instruction must be 'discharge', 'charge', 'rest', or 'hold': ${instruction}`);
  return {
    instruction: instruction as ParsedStep['instruction'],
    electric: convertElectric(valueString),
    ...(duration !== undefined ? { duration } : {}),
    ...(termination ? { termination } : {}),
  };
}

/** Loops opened the way PyBaMM runs them: every pass written out. */
function unroll(xs: readonly Expected[]): Expected[] {
  const out: Expected[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x.kind !== 'do') {
      if (x.kind !== 'loop') out.push(x);
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < xs.length && depth > 0; j++) {
      if (xs[j]!.kind === 'do') depth++;
      if (xs[j]!.kind === 'loop') depth--;
    }
    const body = unroll(xs.slice(i + 1, j - 1));
    for (let k = 0; k < x.count; k++) out.push(...body);
    i = j - 1;
  }
  return out;
}

/** Steps with nothing to say to PyBaMM: impedance, and chamber set-points without a soak. */
function withoutPyBaMMSilent(steps: readonly ConcreteStep[]): ConcreteStep[] {
  return steps
    .filter((s) => s.kind !== 'impedance' && !(s.kind === 'temperature' && s.soak === 0))
    .map((s) => (s.kind === 'loop' ? { ...s, steps: withoutPyBaMMSilent(s.steps) } : s));
}

/** Every string parses under PyBaMM's grammar and says what the plan says; returns the number of strings. */
export function checkPyBaMM(plan: ExpandedPlan, doc: PyBaMMDocument): number {
  let count = 0;
  for (const e of doc.experiments) {
    const test = plan.tests.find((t) => t.id === e.id)!;
    for (const c of e.cycles) {
      expect(c.steps.length).toBe(c.temperatures.length);
      expect(c.steps.length).toBe(c.periods.length);
      expect(Number.isInteger(c.repeat) && c.repeat >= 1).toBe(true);
    }
    const strings = e.cycles.flatMap((c) => Array.from({ length: c.repeat }, () => c.steps).flat());
    const actual = strings.map((s) => {
      try {
        return parsePyBaMMStep(s);
      } catch (err) {
        throw new Error(`${e.id}: '${s}': ${(err as Error).message}`, { cause: err });
      }
    });
    count += strings.length;
    const expected = unroll(cyclerSequence(withoutPyBaMMSilent(test.steps)))
      // A CCCV step is two PyBaMM steps (CC then Hold).
      .flatMap((x) =>
        x.kind === 'current' && x.cv !== undefined && x.tail !== undefined
          ? [x, { kind: 'hold' as const, volts: x.cv }]
          : [x],
      );
    expect(actual.length, e.id).toBe(expected.length);
    expected.forEach((x, k) => {
      const a = actual[k]!;
      const where = `${e.id} step ${k}: ${strings[k]}`;
      switch (x.kind) {
        case 'current':
        case 'pulse': {
          expect(a.instruction, where).toBe(x.direction === 'charge' ? 'Charge' : 'Discharge');
          const el = a.electric!;
          if (x.kind === 'current' && x.power !== undefined) {
            expect(el.typ, where).toBe('power');
            expect(Math.abs(el.value / x.power - 1), where).toBeLessThan(1e-5);
          } else {
            const amps = el.typ === 'C-rate' ? el.value * plan.oneC : el.typ === 'current' ? el.value : NaN;
            expect(Math.abs(amps / x.amps - 1), where).toBeLessThan(1e-5);
          }
          if (x.kind === 'pulse') expect(a.duration, where).toBe(x.seconds);
          if (x.kind === 'current' && x.cv !== undefined)
            expect(a.termination, where).toEqual({ typ: 'voltage', value: x.cv });
          break;
        }
        case 'hold':
          expect(a.instruction, where).toBe('Hold');
          expect(a.electric, where).toEqual({ typ: 'voltage', value: x.volts });
          break;
        case 'rest':
          expect(a.instruction, where).toBe('Rest');
          if (x.seconds !== undefined) expect(a.duration!, where).toBeCloseTo(x.seconds, 2);
          break;
      }
    });
  }
  return count;
}

// ---- BioLogic --------------------------------------------------------------------------------

const UNIT: Record<string, number> = { A: 1, mA: 1e-3, µA: 1e-6, V: 1, s: 1, mn: 60, h: 3600, d: 86400 };

/** Reads the Modulo Bat table of an `.mps` file (Windows-1252, CRLF, 20-character columns). */
export function readModuloBat(bytes: Uint8Array): Map<string, string[]> {
  const raw = Buffer.from(bytes);
  // Windows-1252 text: no UTF-8 multi-byte µ (0xC2 0xB5) may appear.
  expect(raw.includes(Buffer.from([0xc2, 0xb5]))).toBe(false);
  const lines = iconv.decode(raw, 'win1252').split('\r\n');
  expect(lines[0]).toBe('BT-LAB SETTING FILE');
  const start = lines.indexOf('Modulo Bat') + 1;
  expect(start).toBeGreaterThan(0);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start)) {
    if (!line) break;
    expect(
      line.length % COLUMN_WIDTH,
      `row '${line.slice(0, COLUMN_WIDTH).trim()}' is not in ${COLUMN_WIDTH}-character columns`,
    ).toBe(0);
    const cells: string[] = [];
    for (let i = 0; i < line.length; i += COLUMN_WIDTH) cells.push(line.slice(i, i + COLUMN_WIDTH).trimEnd());
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

/** Checks the table column by column (one column per sequence) against the sub-test. */
export function checkBioLogic(test: ConcreteTest, bytes: Uint8Array): void {
  const rows = readModuloBat(bytes);
  const ns = rows.get('Ns')!;
  for (const [label, cells] of rows) expect(cells.length, label).toBe(ns.length);
  expect(ns).toEqual(ns.map((_, k) => String(k)));
  const get = (row: string, k: number) => rows.get(row)![k]!;
  const value = (k: number) => Number(get('ctrl1_val', k)) * UNIT[get('ctrl1_val_unit', k)]!;
  const limit = (n: number, k: number) => ({
    type: get(`lim${n}_type`, k),
    comp: get(`lim${n}_comp`, k),
    value: Number(get(`lim${n}_value`, k)) * (UNIT[get(`lim${n}_value_unit`, k)] ?? 1),
  });
  // Three decimals in the displayed unit: within 0.0005 of that unit.
  const closeAmps = (k: number, amps: number) =>
    expect(Math.abs(value(k) - amps), `${test.id} sequence ${k}`).toBeLessThanOrEqual(
      0.0005 * UNIT[get('ctrl1_val_unit', k)]! * (1 + 1e-9),
    );
  let k = 0;
  const bodyStarts: number[] = [];
  for (const e of cyclerSequence(test.steps)) {
    const where = `${test.id} sequence ${k}`;
    switch (e.kind) {
      case 'current': {
        expect(get('ctrl_type', k), where).toBe('CC');
        closeAmps(k, e.amps);
        expect(get('charge/discharge', k), where).toBe(e.direction === 'charge' ? 'Charge' : 'Discharge');
        if (e.cv !== undefined) {
          const lims = Array.from({ length: Number(get('lim_nb', k)) }, (_, n) => limit(n + 1, k));
          expect(lims, where).toContainEqual({
            type: 'Ecell',
            comp: e.direction === 'charge' ? '>' : '<',
            value: e.cv,
          });
        }
        if (e.cv !== undefined && e.tail !== undefined) {
          k++;
          expect(get('ctrl_type', k), where).toBe('CV');
          expect(value(k), where).toBe(e.cv);
          expect(get('ctrl1_val_vs', k), where).toBe('Ref');
          const tail = limit(1, k);
          expect(tail.type, where).toBe('|I|');
          expect(Math.abs(tail.value - e.tail), where).toBeLessThanOrEqual(
            0.0005 * UNIT[get('lim1_value_unit', k)]! * (1 + 1e-9),
          );
        }
        break;
      }
      case 'pulse':
        expect(get('ctrl_type', k), where).toBe('CC');
        closeAmps(k, e.amps);
        expect(limit(1, k), where).toEqual({ type: 'Time', comp: '>', value: e.seconds });
        break;
      case 'hold':
        expect(get('ctrl_type', k), where).toBe('CV');
        expect(value(k), where).toBe(e.volts);
        break;
      case 'rest':
        expect(get('ctrl_type', k), where).toBe('Rest');
        // Three decimals of the displayed time unit (up to days): within half a unit of the last digit.
        if (e.seconds !== undefined)
          expect(Math.abs(limit(1, k).value - e.seconds), where).toBeLessThanOrEqual(
            0.0005 * UNIT[get('lim1_value_unit', k)]! + 1e-6,
          );
        break;
      case 'do':
        bodyStarts.push(k);
        continue; // a loop has no column of its own until its end
      case 'loop':
        expect(get('ctrl_type', k), where).toBe('Loop');
        expect(get('ctrl_seq', k), where).toBe(String(bodyStarts.pop()));
        expect(get('ctrl_repeat', k), where).toBe(String(e.count - 1));
        break;
    }
    const nb = Number(get('lim_nb', k));
    expect(nb, where).toBeLessThanOrEqual(3);
    for (let n = 1; n <= nb; n++) expect(get(`lim${n}_seq`, k), where).toBe(String(k + 1));
    k++;
  }
  expect(k).toBe(ns.length);
}

// ---- neutral JSON ----------------------------------------------------------------------------

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/protocol.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
export const validateProtocol = ajv.compile(schema);

export function checkJson(doc: unknown): void {
  const ok = validateProtocol(doc);
  expect(validateProtocol.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

// ---- Neware ----------------------------------------------------------------------------------

const newareXml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
});

/** Parses a BTS step file and checks it step by step against the sub-test (units: mA, 0.1 mV, ms). */
export function checkNeware(plan: ExpandedPlan, test: ConcreteTest, content: string): void {
  const doc = newareXml.parse(content);
  const config = doc.root.config;
  expect(config.type).toBe('Step File');
  const info = config.Step_Info;
  const n = Number(info.Num);
  const steps = Array.from({ length: n }, (_, i) => info[`Step${i + 1}`] as Record<string, unknown>);
  steps.forEach((s, i) => expect(Number(s.Step_ID), test.id).toBe(i + 1));
  const main = (s: Record<string, unknown>, key: string): number | undefined => {
    const v = ((s.Limit as { Main?: Record<string, { Value: string }> } | undefined)?.Main ?? {})[key]?.Value;
    return v === undefined ? undefined : Number(v);
  };
  const other = (s: Record<string, unknown>, key: string): number =>
    Number((s.Limit as { Other: Record<string, { Value: string }> }).Other[key]!.Value);
  expect(Number(steps[n - 1]!.Step_Type)).toBe(6);
  const expected = cyclerSequence(test.steps, { pauses: true });
  const starts: number[] = [];
  let k = 0;
  const close = (a: number | undefined, b: number, where: string) =>
    expect(Math.abs((a ?? NaN) / b - 1), where).toBeLessThan(1e-6);
  for (const e of expected) {
    if (e.kind === 'do') {
      starts.push(k + 1);
      continue;
    }
    const s = steps[k]!;
    const type = Number(s.Step_Type);
    const where = `${test.id} step ${k + 1}`;
    switch (e.kind) {
      case 'current':
        expect(type, where).toBe(
          e.cv !== undefined ? (e.direction === 'charge' ? 7 : 20) : e.direction === 'charge' ? 1 : 2,
        );
        close(main(s, 'Curr'), e.amps * 1000, where);
        if (e.cv !== undefined) expect(main(s, 'Volt'), where).toBe(Math.round(e.cv * 10000));
        if (e.cv !== undefined && e.tail !== undefined) close(main(s, 'Stop_Curr'), e.tail * 1000, where);
        break;
      case 'pulse':
        expect(type, where).toBe(e.direction === 'charge' ? 1 : 2);
        close(main(s, 'Curr'), e.amps * 1000, where);
        expect(main(s, 'Time'), where).toBe(Math.round(e.seconds * 1000));
        // The pulse stops at the window edge and the file goes on to the next step.
        expect(main(s, 'Stop_Volt'), where).toBe(
          Math.round(plan.voltageWindow[e.direction === 'charge' ? 1 : 0] * 10000),
        );
        break;
      case 'hold':
        expect(type, where).toBe(3);
        expect(main(s, 'Volt'), where).toBe(Math.round(e.volts * 10000));
        break;
      case 'rest':
        expect(type, where).toBe(4);
        if (e.seconds !== undefined) expect(main(s, 'Time'), where).toBe(Math.round(e.seconds * 1000));
        break;
      case 'pause':
        expect(type, where).toBe(13);
        break;
      case 'loop':
        expect(type, where).toBe(5);
        expect(other(s, 'Cycle_Count'), where).toBe(e.count);
        expect(other(s, 'Start_Step'), where).toBe(starts.pop());
        break;
    }
    k++;
  }
  expect(k + 1, test.id).toBe(n);
  const abuse = JSON.stringify(test.steps).includes('"abuse":true');
  const volt = config.Whole_Prt.Protect?.Main?.Volt;
  if (!abuse) {
    expect(Number(volt.Upper.Value)).toBe(Math.round((plan.voltageWindow[1] + SAFETY_MARGIN) * 10000));
    expect(Number(volt.Lower.Value)).toBe(Math.round((plan.voltageWindow[0] - SAFETY_MARGIN) * 10000));
  }
}

// ---- Arbin -----------------------------------------------------------------------------------

/** Parses an MITS Pro schedule (INI) and checks it step by step against the sub-test. */
export function checkArbin(plan: ExpandedPlan, test: ConcreteTest, content: string): void {
  const doc = ini.parse(content) as Record<string, Record<string, string>>;
  expect(doc['Version Section']!.Current_Version).toMatch(/^Schedule Version 7\.00/);
  const n = Number(doc.Schedule!.m_uStepNum);
  const steps = Array.from({ length: n }, (_, k) => doc[`Schedule_Step${k}`]!);
  const limits = (k: number) =>
    Array.from({ length: Number(steps[k]!.m_uLimitNum) }, (_, j) => doc[`Schedule_Step${k}_Limit${j}`]!);
  const labels = new Set(steps.map((s) => s.m_szLabel));
  for (let k = 0; k < n; k++)
    for (const l of limits(k)) {
      expect(l, `step ${k} limit`).toBeDefined();
      expect(
        l.m_szGotoStep === 'Next Step' || labels.has(l.m_szGotoStep!),
        `${test.id} step ${k + 1} goes to ${l.m_szGotoStep}`,
      ).toBe(true);
    }
  const expected = cyclerSequence(test.steps);
  expect(n, test.id).toBe(expected.length);
  const open: number[] = [];
  expected.forEach((e, k) => {
    const s = steps[k]!;
    const where = `${test.id} step ${k + 1}`;
    const stepLimits = limits(k).filter((l) => l.m_bStepLimit === '1');
    const eq = (left: string) => stepLimits.find((l) => l.Equation0_szLeft === left);
    switch (e.kind) {
      case 'current': {
        expect(s.m_szStepCtrlType, where).toBe(e.cv !== undefined ? 'CCCV' : 'Current(A)');
        const value = Number(s.m_szCtrlValue);
        expect(Math.sign(value), where).toBe(e.direction === 'charge' ? 1 : -1);
        expect(Math.abs(Math.abs(value) / e.amps - 1), where).toBeLessThan(1e-6);
        if (e.cv !== undefined) expect(Number(s.m_szExtCtrlValue1), where).toBe(e.cv);
        if (e.tail !== undefined) {
          const tail = eq(e.cv !== undefined ? 'PV_CHAN_CV_Stage_Current' : 'PV_CHAN_Current')!;
          expect(Math.abs(Math.abs(Number(tail.Equation0_szRight)) / e.tail - 1), where).toBeLessThan(1e-6);
        }
        break;
      }
      case 'pulse':
        expect(s.m_szStepCtrlType, where).toBe('Current(A)');
        expect(Number(eq('PV_CHAN_Step_Time')!.Equation0_szRight), where).toBe(e.seconds);
        // Its own voltage limit goes on to the next step.
        expect(eq('PV_CHAN_Voltage')!.m_szGotoStep, where).toBe('Next Step');
        break;
      case 'hold':
        expect(s.m_szStepCtrlType, where).toBe('Voltage(V)');
        expect(Number(s.m_szCtrlValue), where).toBe(e.volts);
        break;
      case 'rest':
        expect(s.m_szStepCtrlType, where).toBe('Rest');
        if (e.seconds !== undefined)
          expect(Number(eq('PV_CHAN_Step_Time')!.Equation0_szRight), where).toBeCloseTo(e.seconds, 3);
        break;
      case 'do':
        open.push(k);
        expect(s.m_szStepCtrlType, where).toBe('Set Variable(s)');
        expect(Number(s.m_szCtrlValue), where).toBe(2 ** (open.length + 15));
        break;
      case 'loop': {
        const level = open.length;
        const start = open.pop()!;
        expect(s.m_szStepCtrlType, where).toBe('Set Variable(s)');
        expect(Number(s.m_szExtCtrlValue1), where).toBe(2 ** level);
        const back = stepLimits.find((l) => l.Equation0_szCompareSign === '<')!;
        expect(back.Equation0_szLeft, where).toBe(`TC_Counter${level}`);
        expect(Number(back.Equation0_szRight), where).toBe(e.count);
        expect(back.m_szGotoStep, where).toBe(steps[start + 1]!.m_szLabel);
        break;
      }
      case 'pause':
        break;
    }
  });
  expect(open).toEqual([]);
  const abuse = JSON.stringify(test.steps).includes('"abuse":true');
  if (!abuse)
    expect(doc.Schedule!.m_VoltageSafetyScope).toBe(
      `${(plan.voltageWindow[0] - SAFETY_MARGIN).toFixed(6)}^${(plan.voltageWindow[1] + SAFETY_MARGIN).toFixed(6)}`,
    );
}
