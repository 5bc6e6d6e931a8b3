import { describe, expect, it } from 'vitest';
import { expandPlan, type TestPlanIR } from '@cellspec/physics';
import { protocolExport, protocolFileData, protocolFilesOf } from '../src/exports/protocols.js';
import { PROTOCOL_CHOICES, protocolFileFromData, refusalMessage } from '../src/exports/protocol-choices.js';
import { SB21 } from './cells.js';

// SB21 with a declared nominal capacity of 8 mAh (28.8 C) so 1C = 8 mA, and a 2.5–4.25 V window.
const cell = { ...SB21, nominalCapacity: 28.8, limits: { voltageMin: 2.5, voltageMax: 4.25 } };
const plan: TestPlanIR = {
  name: 'TP',
  cell: 'SB21',
  tests: [
    {
      name: 'lot-check',
      samples: 3,
      criteria: ['capacity within ±3 %'],
      steps: [
        {
          type: 'charge',
          setpoint: { mode: 'crate', value: 0.1 },
          cv: 4.25,
          until: [{ quantity: 'crate', value: 0.05 }],
        },
        { type: 'rest', until: [{ quantity: 'time', value: 600 }] },
        { type: 'discharge', setpoint: { mode: 'crate', value: 0.1 }, until: [{ quantity: 'voltage', value: 2.5 }] },
      ],
    },
  ],
};
const expanded = expandPlan(plan, cell);

describe('protocol export', () => {
  it('offers every format the emitters have', () => {
    expect(PROTOCOL_CHOICES.map((c) => c.id)).toEqual(['pybamm', 'maccor', 'biologic', 'json', 'neware', 'arbin']);
  });

  it.each([
    ['pybamm', ['TP.pybamm.json', 'TP_pybamm.py']],
    ['maccor', ['TP-lot-check.000']],
    ['biologic', ['TP-lot-check.mps']],
    ['json', ['TP.protocol.json']],
  ] as const)('writes %s files named after plan and test', (format, names) => {
    const r = protocolExport([expanded], format);
    expect(r.files.map((f) => f.name)).toEqual(names);
    expect(r.summaries).toHaveLength(1);
    expect(r.summaries[0]).toMatch(/^TP \(SB21\): .* — \d+ files?$/);
  });

  it('puts the currents in amperes from the 1C current (0.1C of 8 mAh = 0.8 mA)', () => {
    const json = JSON.parse(protocolExport([expanded], 'json').files[0]!.content as string);
    expect(JSON.stringify(json)).toMatch(/0\.0008/);
  });

  it('refuses two plans that would write the same file', () => {
    expect(() => protocolExport([expanded, expanded], 'json')).toThrow(
      'two plans would write the same file TP.protocol.json',
    );
  });

  it('words a refusal with the first errors', () => {
    expect(refusalMessage(['a', 'b', 'c', 'd', 'e'])).toBe('No protocol written: a; b; c (and 2 more).');
    expect(refusalMessage(['this file has no test-plan'])).toBe('No protocol written: this file has no test-plan.');
  });

  it('crosses the connection intact: BioLogic bytes as base64, text as text', () => {
    for (const format of ['biologic', 'pybamm'] as const) {
      const sent = protocolFilesOf([expanded], [], format);
      expect(sent.errors).toEqual([]);
      const received = JSON.parse(JSON.stringify(sent)) as typeof sent;
      const original = protocolExport([expanded], format).files;
      expect(received.files.map(protocolFileFromData)).toEqual(
        original.map((f) => ({
          name: f.name,
          content: typeof f.content === 'string' ? f.content : Buffer.from(f.content),
        })),
      );
    }
    expect(protocolFileData({ name: 'x.mps', content: new Uint8Array([0xb5]) })).toEqual({
      name: 'x.mps',
      base64: 'tQ==',
    });
  });

  it('refuses on errors or an unknown format, with nothing to write', () => {
    expect(protocolFilesOf([expanded], ['line 3: no cell'], 'json')).toEqual({
      files: [],
      notes: [],
      summaries: [],
      errors: ['line 3: no cell'],
    });
    expect(protocolFilesOf([expanded], [], 'csv').errors[0]).toMatch(/^unknown protocol format 'csv'/);
  });
});
