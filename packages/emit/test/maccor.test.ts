/** Maccor procedures of the fixture plan read back with a generic XML parser and checked step by step. */
import { describe, expect, it } from 'vitest';
import { emitMaccor } from '../src/index.js';
import { expandPlan } from '@cellspec/physics';
import { SB21, standardPlan } from './fixtures.js';
import { checkMaccor } from './checks.js';

describe('Maccor procedures, read back', () => {
  const plan = standardPlan();
  const { files } = emitMaccor(plan);
  const tests = plan.tests.filter((t) => t.electrical);

  it('one procedure per electrical sub-test', () => {
    expect(files.map((f) => f.name)).toEqual(tests.map((t) => expect.stringContaining(t.test)));
  });
  for (const [i, test] of tests.entries()) {
    it(`${test.id}: steps match the plan`, () => checkMaccor(plan, test, files[i]!.content as string));
  }
  it('the abuse overcharge step ends at 120 % of the upper voltage and carries no window safety end', () => {
    const abuse = expandPlan(
      {
        name: 'A',
        cell: 'SB21',
        tests: [{ name: 'oc', steps: [{ type: 'procedure', name: 'overcharge', arguments: {} }], criteria: [] }],
      },
      SB21,
    );
    const text = emitMaccor(abuse).files[0]!.content as string;
    checkMaccor(abuse, abuse.tests[0]!, text);
    const step = text.split('<TestStep>').find((s) => s.includes('abuse test'))!;
    expect(step).toContain('<Value>5.1</Value>');
    expect(step).not.toContain('<Value>4.3</Value>');
  });
});
