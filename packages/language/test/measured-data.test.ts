/**
 * Measured cycler data: the sample files under measured-data/ are small exports of the same
 * rest → discharge → charge sequence in each accepted layout; each must read to the same SI
 * samples (discharge positive), and bad files must fail with the line that is wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMeasuredData } from '../src/measured-data.js';

const DIR = join(import.meta.dirname, 'measured-data');
const read = (file: string, options = {}) => parseMeasuredData(readFileSync(join(DIR, file), 'utf8'), file, options);
const data = (file: string, options = {}) => {
  const result = read(file, options);
  if ('error' in result) throw new Error(result.error);
  return result.data;
};

describe('cycler layouts', () => {
  it('Maccor: preamble skipped, unsigned Amps signed by State, repeated instants keep the later sample', () => {
    const d = data('maccor.csv');
    expect(d.layout).toBe('maccor');
    expect(d.columns).toEqual({ time: 'Test (Sec)', current: 'Amps', voltage: 'Volts' });
    expect(d.series.time).toEqual([0, 10, 20, 30, 40]);
    expect(d.series.current).toEqual([0, 0.016, 0.016, -0.008, -0.008]);
    expect(d.series.voltage).toEqual([3.9012, 3.8402, 3.8311, 3.9452, 3.9501]);
    expect(d.warnings).toEqual(['1 sample at the time of the previous one: the later of each pair kept']);
  });

  it('BioLogic: tab-separated with decimal commas, mA charge positive, °C', () => {
    const d = data('biologic.txt');
    expect(d.layout).toBe('biologic');
    expect(d.columns).toEqual({ time: 'time/s', current: '<I>/mA', voltage: 'Ewe/V', temperature: 'Temperature/°C' });
    expect(d.series.time).toEqual([0, 10, 20, 30]);
    expect(d.series.current.map((i) => +i.toFixed(9))).toEqual([0, 0.016, 0.016, -0.008]);
    expect(d.series.voltage).toEqual([3.9012, 3.8402, 3.8311, 3.9452]);
    expect(d.series.temperature!.map((t) => +t.toFixed(2))).toEqual([298.25, 298.35, 298.55, 298.45]);
    expect(d.warnings).toEqual([]);
  });

  it('Neware: Total Time (not the step Time) as [d-]hh:mm:ss, Current(A) charge positive, T1(℃)', () => {
    const d = data('neware.csv');
    expect(d.layout).toBe('neware');
    expect(d.columns.time).toBe('Total Time');
    expect(d.series.time).toEqual([0, 10, 20, 30, 86400]);
    expect(d.series.current).toEqual([0, 0, 0.016, -0.008, -0.008]);
    expect(d.series.temperature![0]).toBeCloseTo(298.05, 10);
  });

  it('cellspec columns: minutes and mA, discharge positive as written', () => {
    const d = data('cellspec.csv');
    expect(d.layout).toBe('cellspec');
    expect(d.currentSign).toBe('discharge-positive');
    expect(d.series.time).toEqual([0, 30, 60, 90]);
    expect(d.series.current).toEqual([0, 0.016, 0.016, -0.008]);
  });

  // Exports in each cycler's own full layout (column maps from TRI BEEP's conversion schemas; see
  // measured-data/README.md): rest, C/10 charge at 0.8 mA, rest, C/10 discharge.
  it('Maccor text export: title line skipped, tab-delimited, State gives the sign', () => {
    const d = data('maccor-export.txt');
    expect(d.layout).toBe('maccor');
    expect(d.series.time).toEqual([0, 600, 630, 3630, 36630, 37230, 37260, 73260]);
    expect(d.series.current).toEqual([0, 0, -0.0008, -0.0008, -0.0008, 0, 0.0008, 0.0008]);
    expect(d.series.voltage[4]).toBe(4.25);
  });

  it('BioLogic .mpt: header after the settings, decimal commas, I/mA charge positive', () => {
    const d = data('biologic-export.mpt');
    expect(d.layout).toBe('biologic');
    expect(d.series.time).toEqual([0, 3600, 3660, 3690]);
    expect(d.series.voltage).toEqual([3.6015, 3.9522, 3.93, 3.91]);
    expect(d.series.current.map((i) => +i.toFixed(9))).toEqual([-0.0008, -0.0008, 0, 0.0008]);
    expect(d.series.temperature![0]).toBeCloseTo(298.15, 10);
  });

  it('Neware BTS export: Realtime as date-times (not the step time), mA, discharge negative', () => {
    const d = data('neware-export.csv');
    expect(d.layout).toBe('neware');
    expect(d.columns.time).toBe('Realtime');
    expect(d.series.time).toEqual([0, 600, 630, 4230, 4830, 4860]);
    expect(d.series.current).toEqual([0, 0, -0.0008, -0.0008, 0, 0.0008]);
  });

  it('Arbin MITS Pro export: Test_Time(s) not Step_Time(s), discharge negative, Aux_Temperature_1(C)', () => {
    const d = data('arbin-export.csv');
    expect(d.layout).toBe('arbin');
    expect(d.columns).toEqual({
      time: 'Test_Time(s)',
      current: 'Current(A)',
      voltage: 'Voltage(V)',
      temperature: 'Aux_Temperature_1(C)',
    });
    expect(d.series.time.map((t) => +t.toFixed(4))).toEqual([0, 600, 630, 4230, 4260]);
    expect(d.series.current).toEqual([0, 0, -0.0008, -0.0008, 0.0008]);
    expect(d.series.temperature![4]).toBeCloseTo(298.35, 10);
  });

  it("cellspec's own curve CSV (simulate --format csv) reads as written", () => {
    const d = data('simulate-curve.csv');
    expect(d.layout).toBe('cellspec');
    expect(d.series).toEqual({
      label: 'simulate-curve.csv',
      time: [0, 1800, 3600],
      current: [0.0008, 0.0008, 0.0008],
      voltage: [4.1, 3.8, 3.7],
      temperature: [298.15, 298.2, 298.25],
    });
  });

  it('a current whose sign disagrees with the voltage is read as asked, with a warning', () => {
    const d = data('reversed.csv');
    expect(d.series.current[1]).toBe(-0.01);
    expect(d.warnings.join()).toMatch(
      /the current's sign looks reversed \(read as discharge-positive for the cellspec layout/,
    );
    expect(data('reversed.csv', { currentSign: 'charge-positive' }).warnings).toEqual([]);
  });
});

describe('bad files name the line that is wrong', () => {
  it.each([
    ['bad-value.csv', "bad-value.csv:4: voltage 'n/a' is not a number"],
    ['bad-order.csv', "bad-order.csv:4: time 5 s is before the previous sample's 10 s"],
    ['no-header.csv', 'no-header.csv: no header row names a time, a current and a voltage column'],
  ])('%s', (file, message) => {
    const result = read(file);
    expect('error' in result && result.error).toContain(message);
  });

  it('an unknown unit is named with the known ones', () => {
    const result = parseMeasuredData('time (fortnight),current (A),voltage (V)\n0,0,3.9\n', 'x.csv');
    expect('error' in result && result.error).toBe(
      "x.csv: column 'time (fortnight)': unknown time unit 'fortnight' (known: s, sec, ms, min, h, hr)",
    );
  });

  it('a short row names its line and the header width', () => {
    const result = parseMeasuredData('time,current,voltage\n0,0,3.9\n10,0.01\n20,0.01,3.8\n', 'y.csv');
    expect('error' in result && result.error).toBe('y.csv:3: 2 columns, the header has 3');
  });
});
