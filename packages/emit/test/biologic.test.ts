/** BioLogic settings of the fixture plan read back from bytes and checked column by column. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { emitBioLogic } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { checkBioLogic } from './checks.js';

describe('BioLogic settings, read back', () => {
  const plan = standardPlan();
  const { files } = emitBioLogic(plan);
  const tests = plan.tests.filter((t) => t.electrical);

  it('encodes µ as the single Windows-1252 byte 0xB5', () => {
    const bytes = Buffer.from(files.find((f) => f.name.endsWith('custom.mps'))!.content as Uint8Array);
    expect(bytes.includes(0xb5)).toBe(true);
    expect(bytes.includes(Buffer.from([0xc2, 0xb5]))).toBe(false);
    expect(iconv.decode(bytes, 'win1252')).toMatch(/\r\nlim1_value_unit .*µA/);
  });
  for (const [i, test] of tests.entries()) {
    it(`${test.id}: column by column`, () => checkBioLogic(test, files[i]!.content as Uint8Array));
  }
});
