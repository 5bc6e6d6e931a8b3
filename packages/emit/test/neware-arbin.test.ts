/**
 * Neware BTS step files and Arbin schedules of the fixture plan, read back with generic readers
 * (an XML parser; an INI parser) and checked step by step against the plan's concrete steps.
 */
import { describe, expect, it } from 'vitest';
import { expandPlan } from '@cellspec/physics';
import { emitArbin, emitNeware } from '../src/index.js';
import { SB21, standardPlan } from './fixtures.js';
import { checkArbin, checkNeware } from './checks.js';

const abusePlan = () =>
  expandPlan(
    {
      name: 'A',
      cell: 'SB21',
      tests: [{ name: 'oc', steps: [{ type: 'procedure', name: 'overcharge', arguments: {} }], criteria: [] }],
    },
    SB21,
  );

describe('Neware step files, read back', () => {
  const plan = standardPlan();
  const { files, notes } = emitNeware(plan);
  const tests = plan.tests.filter((t) => t.electrical);
  it('one step file per electrical sub-test', () => {
    expect(files.map((f) => f.name)).toEqual(tests.map((t) => expect.stringMatching(new RegExp(`${t.test}.*\\.xml$`))));
  });
  for (const [i, test] of tests.entries())
    it(`${test.id}: steps match the plan`, () => checkNeware(plan, test, files[i]!.content as string));
  it('a chamber set-point is an operator pause with its temperature and soak, not a comment', () => {
    const custom = files.find((f) => f.name.includes('custom'))!.content as string;
    expect(custom).toMatch(/<Step1 Step_ID="1" Step_Type="13" \/>/);
    expect(custom).toMatch(/<Step2 Step_ID="2" Step_Type="4">[\s\S]*?<Time Value="3600000" \/>/);
    expect(notes.map((n) => n.message)).toContain(
      'step 1 pauses for the operator: set the chamber to 25 °C and resume; step 2 soaks 1 h',
    );
  });
  it('an abuse test has no window protection, and says so', () => {
    const p = abusePlan();
    const r = emitNeware(p);
    checkNeware(p, p.tests[0]!, r.files[0]!.content as string);
    expect(r.files[0]!.content).toMatch(/<Protect>\s*<\/Protect>/);
    expect(r.notes[0]!.message).toMatch(/no whole-test voltage protection/);
  });
});

describe('Arbin schedules, read back', () => {
  const plan = standardPlan();
  const { files } = emitArbin(plan);
  const tests = plan.tests.filter((t) => t.electrical);
  it('one schedule per electrical sub-test, CRLF line ends as MITS Pro writes them', () => {
    expect(files.map((f) => f.name)).toEqual(tests.map((t) => expect.stringMatching(new RegExp(`${t.test}.*\\.sdu$`))));
    for (const f of files) expect((f.content as string).split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });
  for (const [i, test] of tests.entries())
    it(`${test.id}: steps match the plan`, () => checkArbin(plan, test, files[i]!.content as string));
  it('an abuse test widens the safety scope to its own voltage limit', () => {
    const p = abusePlan();
    const text = emitArbin(p).files[0]!.content as string;
    checkArbin(p, p.tests[0]!, text);
    // Overcharge to 120 % of 4.25 V = 5.1 V: the scope reaches 5.15 V.
    expect(text).toMatch(/m_VoltageSafetyScope=\d\.\d+\^5\.150000/);
  });
});

describe('the read-back checks fail on wrong files', () => {
  const plan = standardPlan();
  const test = plan.tests.find((t) => t.id === 'custom')!;
  const i = plan.tests.filter((t) => t.electrical).indexOf(test);
  const neware = emitNeware(plan).files[i]!.content as string;
  const arbin = emitArbin(plan).files[i]!.content as string;
  it('a changed current, a pause turned into a rest, a flipped sign, a wrong repeat count', () => {
    expect(() => checkNeware(plan, test, neware.replace('Curr Value="4"', 'Curr Value="5"'))).toThrow();
    expect(() => checkNeware(plan, test, neware.replace('Step_Type="13"', 'Step_Type="4"'))).toThrow();
    expect(() => checkArbin(plan, test, arbin.replace('m_szCtrlValue=0.004', 'm_szCtrlValue=-0.004'))).toThrow();
    expect(() =>
      checkArbin(plan, test, arbin.replace(/(TC_Counter1\r\nEquation0_szCompareSign=<\r\nEquation0_szRight=)3/, '$14')),
    ).toThrow();
  });
});
