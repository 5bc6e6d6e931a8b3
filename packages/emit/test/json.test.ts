/** The neutral protocol validates against the published schema, and the schema rejects broken ones. */
import { describe, expect, it } from 'vitest';
import { protocolDocument, emitJson } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { checkJson, validateProtocol } from './checks.js';

const validate = validateProtocol;

describe('neutral JSON protocol', () => {
  const plan = standardPlan();
  const doc = JSON.parse(emitJson(plan).files[0]!.content as string);

  it('validates against schemas/protocol.schema.json', () => {
    checkJson(doc);
  });

  it('holds every sub-test, documented ones included, with engineer units', () => {
    expect(doc.tests.map((t: { id: string }) => t.id)).toEqual(plan.tests.map((t) => t.id));
    const vib = doc.tests.find((t: { id: string }) => t.id === 'vibration');
    expect(vib.electrical).toBe(false);
    expect(vib.steps[0]).toMatchObject({ type: 'documented', title: 'Vibration' });
    const lot = doc.tests.find((t: { id: string }) => t.id === 'lot');
    const charge = lot.steps[1].steps[0];
    expect(charge).toMatchObject({
      type: 'charge',
      control: 'current',
      current_A: 0.0008,
      c_rate: 0.1,
      cv_V: 4.25,
      procedure: 'lot-check',
    });
    expect(charge.ends).toEqual([{ quantity: 'current', op: '<=', value: 0.0004, unit: 'A', c_rate: 0.05 }]);
    expect(doc.capacity_Ah).toBe(0.008);
  });

  it('the schema rejects a step without ends, a wrong unit and an unknown step type', () => {
    const broken = structuredClone(doc);
    delete broken.tests[0].steps[1].steps[0].ends;
    expect(validate(broken)).toBe(false);
    const wrongUnit = structuredClone(doc);
    wrongUnit.tests[0].steps[1].steps[0].ends[0].unit = 'V';
    expect(validate(wrongUnit)).toBe(false);
    const unknown = structuredClone(doc);
    unknown.tests[0].steps.push({ type: 'dance' });
    expect(validate(unknown)).toBe(false);
  });

  it('is the same document the emitter writes', () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(protocolDocument(plan))));
  });
});
