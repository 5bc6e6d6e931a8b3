/**
 * Measured-data readers on small sample files written for the tests (test/measured/README.md
 * says where each layout was taken from). Each file describes the same kind of run — rest,
 * C/10 charge at 0.8 mA, rest, C/10 discharge — so every reader must give the same signs
 * (discharge positive) and units (s, V, A, K).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectMeasuredFormat, MeasuredDataError, readMeasured, type MeasuredFormat } from '../src/index.js';

const DIR = join(import.meta.dirname, 'measured');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const SAMPLES: [string, MeasuredFormat][] = [
  ['maccor-export.txt', 'maccor'],
  ['biologic-export.mpt', 'biologic'],
  ['neware-export.csv', 'neware'],
  ['arbin-export.csv', 'arbin'],
  ['neutral.csv', 'neutral'],
];

describe('readMeasured', () => {
  it.each(SAMPLES)('%s is detected as %s', (file, format) => {
    expect(detectMeasuredFormat(read(file))).toBe(format);
  });

  it('Maccor: unsigned amps take their sign from the state (C charge, D discharge, R rest)', () => {
    const s = readMeasured(read('maccor-export.txt'));
    expect(s.time).toEqual([0, 600, 630, 3630, 36630, 37230, 37260, 73260]);
    expect(s.current).toEqual([0, 0, -0.0008, -0.0008, -0.0008, 0, 0.0008, 0.0008]);
    expect(s.voltage[4]).toBe(4.25);
    expect(s.cycle).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(s.step).toEqual([1, 1, 2, 2, 2, 3, 4, 4]);
  });

  it('BioLogic .mpt: header length from line 2, decimal commas, mA → A, positive I is charge', () => {
    const s = readMeasured(read('biologic-export.mpt'));
    expect(s.time).toEqual([0, 3600, 3660, 3690]);
    expect(s.voltage).toEqual([3.6015, 3.9522, 3.93, 3.91]);
    expect(s.current).toEqual([-0.0008, -0.0008, -0, 0.0008]);
    expect(s.cycle).toEqual([0, 0, 0, 1]);
    expect(s.temperature![0]).toBeCloseTo(298.15, 10);
  });

  it('Neware CSV: time from the Realtime column, mA → A, negative current is discharge', () => {
    const s = readMeasured(read('neware-export.csv'));
    expect(s.time).toEqual([0, 600, 630, 4230, 4830, 4860]);
    expect(s.current).toEqual([-0, -0, -0.0008, -0.0008, -0, 0.0008]);
    expect(s.step).toEqual([1, 1, 2, 2, 3, 4]);
  });

  it('Arbin CSV: Test_Time(s) from the first row, negative current is discharge, °C → K', () => {
    const s = readMeasured(read('arbin-export.csv'));
    expect(s.time.map((t) => Math.round(t * 1e4) / 1e4)).toEqual([0, 600, 630, 4230, 4260]);
    expect(s.current).toEqual([-0, -0, -0.0008, -0.0008, 0.0008]);
    expect(s.temperature![4]).toBeCloseTo(298.35, 10);
    expect(s.cycle).toEqual([1, 1, 1, 1, 1]);
  });

  it('neutral CSV: cellspec’s own curve columns, read as written', () => {
    const s = readMeasured(read('neutral.csv'));
    expect(s).toEqual({
      format: 'neutral',
      time: [0, 1800, 3600],
      voltage: [4.1, 3.8, 3.7],
      current: [0.0008, 0.0008, 0.0008],
      temperature: [298.15, 298.2, 298.25],
    });
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => readMeasured('just some text\n1,2,3\n')).toThrow(/not one cellspec reads/);
    expect(() => readMeasured('time_s,voltage_V\n0,4.1\n', 'neutral')).toThrow(MeasuredDataError);
    expect(() => readMeasured('time_s,voltage_V,current_A\n0,4.1,abc\n')).toThrow(
      /row 1 current: 'abc' is not a number/,
    );
    expect(() => readMeasured('time_s,voltage_V,current_A\n10,4.1,0\n5,4.0,0\n')).toThrow(/time goes back/);
    expect(() => readMeasured('EC-Lab ASCII FILE\nno count here\n')).toThrow(/Nb header lines/);
  });
});
