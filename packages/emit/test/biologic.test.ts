/**
 * BioLogic settings read back from bytes: the file decodes as Windows-1252 with µ as the single
 * byte 0xB5, the Modulo Bat table has 20-character columns, and each column (sequence) is
 * checked against the plan: control type, value and unit, direction, limits and loops.
 */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { emitBioLogic, COLUMN_WIDTH } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { cyclerSequence } from './expected.js';

const UNIT: Record<string, number> = { A: 1, mA: 1e-3, 'µA': 1e-6, V: 1, s: 1, mn: 60, h: 3600, d: 86400 };

function readTable(bytes: Uint8Array): { rows: Map<string, string[]>; text: string } {
  const text = iconv.decode(Buffer.from(bytes), 'win1252');
  const lines = text.split('\r\n');
  const start = lines.indexOf('Modulo Bat') + 1;
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start)) {
    if (!line) break;
    expect(line.length % COLUMN_WIDTH, `row '${line.slice(0, 20).trim()}' is not in 20-character columns`).toBe(0);
    const cells: string[] = [];
    for (let i = 0; i < line.length; i += COLUMN_WIDTH) cells.push(line.slice(i, i + COLUMN_WIDTH).trimEnd());
    rows.set(cells[0]!, cells.slice(1));
  }
  return { rows, text };
}

describe('BioLogic settings, read back', () => {
  const plan = standardPlan();
  const { files } = emitBioLogic(plan);
  const tests = plan.tests.filter((t) => t.electrical);

  it('encodes µ as the Windows-1252 byte 0xB5, never as UTF-8', () => {
    const custom = files.find((f) => f.name.endsWith('custom.mps'))!.content as Uint8Array;
    const bytes = Buffer.from(custom);
    expect(bytes.includes(0xb5)).toBe(true);
    expect(bytes.includes(Buffer.from([0xc2, 0xb5]))).toBe(false);
    expect(iconv.decode(bytes, 'win1252')).toContain('µA');
    expect(bytes.subarray(0, 19).toString('latin1')).toBe('BT-LAB SETTING FILE');
  });

  for (const [i, test] of tests.entries()) {
    it(`${test.id}: column by column`, () => {
      const { rows } = readTable(files[i]!.content as Uint8Array);
      const ns = rows.get('Ns')!;
      for (const [label, cells] of rows) expect(cells.length, label).toBe(ns.length);
      expect(ns).toEqual(ns.map((_, k) => String(k)));
      const get = (row: string, k: number) => rows.get(row)![k]!;
      const value = (k: number) => Number(get('ctrl1_val', k)) * UNIT[get('ctrl1_val_unit', k)]!;
      const limit = (n: number, k: number) => ({ type: get(`lim${n}_type`, k), comp: get(`lim${n}_comp`, k), value: Number(get(`lim${n}_value`, k)) * (UNIT[get(`lim${n}_value_unit`, k)] ?? 1) });

      let k = 0;
      const bodyStarts: number[] = [];
      for (const e of cyclerSequence(test.steps)) {
        switch (e.kind) {
          case 'current': {
            expect(get('ctrl_type', k)).toBe('CC');
            // Three decimals in the displayed unit: ≤ 0.0005 of that unit.
            expect(Math.abs(value(k) - e.amps)).toBeLessThanOrEqual(0.0005 * UNIT[get('ctrl1_val_unit', k)]! + 1e-15);
            expect(get('charge/discharge', k)).toBe(e.direction === 'charge' ? 'Charge' : 'Discharge');
            if (e.cv !== undefined) {
              const lims = Array.from({ length: Number(get('lim_nb', k)) }, (_, n) => limit(n + 1, k));
              expect(lims).toContainEqual({ type: 'Ecell', comp: e.direction === 'charge' ? '>' : '<', value: e.cv });
            }
            if (e.cv !== undefined && e.tail !== undefined) {
              k++;
              expect(get('ctrl_type', k)).toBe('CV');
              expect(value(k)).toBe(e.cv);
              expect(get('ctrl1_val_vs', k)).toBe('Ref');
              const tail = limit(1, k);
              expect(tail.type).toBe('|I|');
              expect(Math.abs(tail.value - e.tail)).toBeLessThanOrEqual(5e-7);
            }
            break;
          }
          case 'pulse':
            expect(get('ctrl_type', k)).toBe('CC');
            expect(Math.abs(value(k) - e.amps)).toBeLessThanOrEqual(0.0005 * UNIT[get('ctrl1_val_unit', k)]! + 1e-15);
            expect(limit(1, k)).toEqual({ type: 'Time', comp: '>', value: e.seconds });
            expect(Number(get('rec1_value', k))).toBeLessThanOrEqual(0.1);
            break;
          case 'hold':
            expect(get('ctrl_type', k)).toBe('CV');
            expect(value(k)).toBe(e.volts);
            break;
          case 'rest':
            expect(get('ctrl_type', k)).toBe('Rest');
            if (e.seconds !== undefined) expect(limit(1, k).value).toBeCloseTo(e.seconds, -1);
            break;
          case 'do':
            bodyStarts.push(k);
            continue; // no column of its own
          case 'loop':
            expect(get('ctrl_type', k)).toBe('Loop');
            expect(get('ctrl_seq', k)).toBe(String(bodyStarts.pop()));
            expect(get('ctrl_repeat', k)).toBe(String(e.count - 1));
            break;
        }
        // Limits go on to the next sequence.
        const nb = Number(get('lim_nb', k));
        for (let n = 1; n <= nb; n++) expect(get(`lim${n}_seq`, k)).toBe(String(k + 1));
        k++;
      }
      expect(k).toBe(ns.length);
    });
  }
});
