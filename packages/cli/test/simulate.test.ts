/** `cellspec simulate`: the JSON contract, CSV, cell choice and usage errors. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { parseRate, parseTemperature } from '../src/commands/simulate.js';

const ROOT = join(import.meta.dirname, '../../..');

async function cli(...args: string[]) {
  let stdout = '',
    stderr = '';
  const code = await runCli(args, {
    cwd: ROOT,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const SB21 = 'examples/cells/standard-battery-2-1.cellspec';
const COMSOL = 'examples/reference/marquis2019-comsol.cellspec';

describe('cellspec simulate', () => {
  it('writes the JSON contract for a discharge (one cell, --cell omitted)', async () => {
    const { code, stdout } = await cli('simulate', SB21, '--discharge', 'C/10', '--model', 'reduced');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.cell).toBe('SB21');
    expect(out.model).toBe('spme');
    for (const key of ['time_s', 'voltage_V', 'current_A', 'temperature_K', 'soc', 'anode_potential_V']) {
      expect(Array.isArray(out[key])).toBe(true);
      expect(out[key].length).toBe(out.time_s.length);
    }
    expect(out.voltage_V.at(-1)).toBeCloseTo(2.5, 3);
    // About the 8 mAh design capacity at 0.1C (±3 %, the programme's lot spread).
    expect(Math.abs(out.capacity_mAh - 8) / 8).toBeLessThan(0.03);
    expect(out.current_A[1]).toBeGreaterThan(0);
  });

  it('writes CSV and takes --cell, --temperature in K and a charge to a SOC', async () => {
    const { code, stdout } = await cli(
      'simulate',
      COMSOL,
      '--cell',
      'Marquis2019COMSOL',
      '--charge',
      '1C',
      '--to-soc',
      '50',
      '--temperature',
      '298.15K',
      '--format',
      'csv',
      '--model',
      'reduced',
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('time_s,voltage_V,current_A,temperature_K,soc,anode_potential_V');
    const last = lines.at(-1)!.split(',').map(Number);
    expect(last[4]).toBeCloseTo(0.5, 4);
    expect(last[2]).toBeLessThan(0); // charging current is negative
  });

  it('runs a declared analysis by its kind', async () => {
    const { code, stdout } = await cli('simulate', COMSOL, '--analysis', 'discharge', '--model', 'reduced');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.runs.map((r: { label: string }) => r.label)).toEqual([
      'C/2 discharge at 25 °C',
      '1C discharge at 25 °C',
    ]);
  });

  it.each([['--temperature', '-20'], ['--temperature=-20']])(
    'takes a negative temperature with and without "=": %j',
    async (...temperature) => {
      const { code, stdout, stderr } = await cli(
        'simulate',
        SB21,
        '--discharge',
        '1C',
        ...temperature,
        '--model',
        'reduced',
      );
      expect(stderr).not.toContain('ambiguous');
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      // (The curve's temperature_K column replaces the scalar of the same name in the JSON.)
      expect(out.temperature_K[0]).toBeCloseTo(253.15, 9);
      expect(out.capacity_mAh).toBeGreaterThan(0);
    },
  );

  it('lists the ranges a cold run extrapolates, in the JSON and on standard error', async () => {
    const { code, stdout, stderr } = await cli(
      'simulate',
      SB21,
      '--discharge',
      'C/3',
      '--temperature',
      '-40',
      '--model',
      'reduced',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.warnings.some((w: string) => w.startsWith('extrapolates:') && w.includes('-40 °C'))).toBe(true);
    expect(stderr).toContain('warning: SB21: extrapolates:');
  });

  it.each([
    [['simulate', SB21], 'exactly one of'],
    [['simulate', SB21, '--discharge', 'fast'], 'C-rate'],
    [['simulate', SB21, '--discharge', '1C', '--cell', 'Nope'], "no cell 'Nope'"],
    [['simulate', SB21, '--analysis', 'thermal-x'], 'declares no analysis'],
  ])('usage error: %j', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.each([
    ['1C', 1],
    ['0.5 C', 0.5],
    ['C/10', 0.1],
    ['2', 2],
  ])('rate %s', (text, rate) => expect(parseRate('discharge', text)).toBeCloseTo(rate, 12));
  it.each([
    ['25', 298.15],
    ['25°C', 298.15],
    ['-20 degC', 253.15],
    ['300K', 300],
  ])('temperature %s', (text, k) => expect(parseTemperature(text)).toBeCloseTo(k, 9));
});

describe('cellspec simulate: a failed run is not a result', () => {
  // The reduced model of SB21 at −40 °C and 10C (inside the cell's declared limits) leaves the
  // physical voltage range on its first step.
  it.each(['csv', 'json'])('--format %s exits 1 with the reason on standard error', async (format) => {
    const args = ['simulate', SB21, '--discharge', '10C', '--temperature', '-40', '--model', 'reduced'];
    const { code, stdout, stderr } = await cli(...args, '--format', format);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: SB21: 10C discharge at -40 °C failed: a voltage of .* outside any physical range/);
    if (format === 'json') expect(JSON.parse(stdout).failure).toMatch(/outside any physical range/);
    else expect(stdout.split('\n')[0]).toBe('time_s,voltage_V,current_A,temperature_K,soc,anode_potential_V');
  });
});
