/**
 * `cellspec fit` end to end, in process: synthetic data from standard battery 2.1 (reduced model,
 * 1 mV noise) written as a CSV, fitted back, and the suggested edit applied to a copy of the spec,
 * which must then check clean and resolve to the fitted values. Failures keep their exit codes.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, loadWorkspace, resolveDocument } from '@cellspec/language';
import { FIT_PARAMETERS, parametersFromCell, replay, segmentCurrent, type ModelParameters } from '@cellspec/physics';
import { runCli } from '../src/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const TRUTH = { 'interface-resistance': 20e-4, 'cathode.diffusivity': 2e-15 };
let dir: string;
let spec: string;

async function cli(...args: string[]) {
  let stdout = '',
    stderr = '';
  const code = await runCli(args, {
    cwd: dir,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

async function sb21(path: string): Promise<ModelParameters> {
  const workspace = await loadWorkspace([path]);
  const file = workspace.files.find((f) => f.requested)!;
  const cell = resolveDocument(workspace.services, file.document).ir.cells.find((c) => c.name === 'SB21')!;
  return parametersFromCell(cell).parameters!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellspec-fit-'));
  // Side by side (imports may not leave the folders named on the command line).
  const example = readFileSync(join(ROOT, 'examples/cells/standard-battery-2-1.cellspec'), 'utf8');
  writeFileSync(join(dir, 'sb21.cellspec'), example.replace('"../materials/', '"'));
  cpSync(join(ROOT, 'examples/materials/programme-materials.cellspec'), join(dir, 'programme-materials.cellspec'));
  spec = join(dir, 'sb21.cellspec');
  const truth = Object.entries(TRUTH).reduce(
    (p, [name, v]) => FIT_PARAMETERS.find((d) => d.name === name)!.set(p, v),
    await sb21(spec),
  );
  // Rest, 2C and 1C pulses, a 10-minute 1C discharge and its relaxation; a sample every 5 s.
  const time: number[] = [];
  const current: number[] = [];
  let t = 0;
  for (const [rate, seconds] of [
    [0, 60],
    [2, 30],
    [0, 120],
    [-1, 60],
    [0, 120],
    [1, 600],
    [0, 600],
  ] as const) {
    for (let s = 0; s < seconds; s += 5) {
      time.push(t + s);
      current.push(rate * truth.oneCCurrent);
    }
    t += seconds;
  }
  const series = { label: 'pulses', time, current, voltage: time.map(() => 0) };
  const run = replay(truth, series, segmentCurrent(series), 0.8, { model: 'reduced' });
  let seed = 7;
  const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const noise = () => 1e-3 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const rows = time.map((s, i) => `${s},${(current[i]! * 1e3).toFixed(5)},${(run.voltage[i]! + noise()).toFixed(5)}`);
  writeFileSync(join(dir, 'pulses.csv'), ['time (s),current (mA),voltage (V)', ...rows].join('\n') + '\n');
}, 60_000);

describe('cellspec fit', () => {
  it('fits, prints values with intervals, and suggests an edit that checks clean and holds the values', async () => {
    const args = ['--cell', 'SB21', '--data', 'pulses.csv', '--model', 'reduced'];
    const params = Object.keys(TRUTH).flatMap((p) => ['--param', p]);
    const { code, stdout, stderr } = await cli('fit', 'sb21.cellspec', ...args, ...params, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      parameters: { name: string; model_value_si: number; lower: number; upper: number; value: number }[];
      rmse_V: number;
      residuals: { residual_V: number[]; time_s: number[] }[];
      edits: { file: string; start: number; end: number; new_text: string }[];
    };
    for (const p of report.parameters) {
      const truth = TRUTH[p.name as keyof typeof TRUTH];
      expect(Math.abs(p.model_value_si / truth - 1)).toBeLessThan(0.02);
      expect(p.lower).toBeLessThan(p.value);
      expect(p.upper).toBeGreaterThan(p.value);
    }
    expect(report.rmse_V).toBeLessThan(1.2e-3);
    expect(report.residuals[0]!.residual_V).toHaveLength(318);
    // Apply the suggested edits (one per file here) and read the spec back.
    expect(report.edits.map((e) => e.file).sort()).toEqual(['programme-materials.cellspec', 'sb21.cellspec']);
    for (const e of report.edits) {
      const path = join(dir, e.file);
      writeFileSync(
        path,
        applyEdits(readFileSync(path, 'utf8'), [{ start: e.start, end: e.end, newText: e.new_text }]),
      );
      expect(e.new_text).toMatch(/source "fitted to pulses\.csv \(\d{4}-\d{2}-\d{2}, RMSE \d\.\d+ mV\)"/);
    }
    expect((await cli('check', 'sb21.cellspec')).code).toBe(0);
    const edited = await sb21(spec);
    const fitted = Object.fromEntries(report.parameters.map((p) => [p.name, p.model_value_si]));
    // Written to 4 significant figures: 1e-4 relative.
    expect(edited.seriesResistance / fitted['interface-resistance']! - 1).toBeCloseTo(0, 3);
    expect(edited.positive.diffusivity / fitted['cathode.diffusivity']! - 1).toBeCloseTo(0, 3);
  }, 60_000);

  it('stops with exit 1 and says why when a parameter cannot be identified', async () => {
    const { code, stdout } = await cli(
      'fit',
      'sb21.cellspec',
      '--cell',
      'SB21',
      '--data',
      'pulses.csv',
      '--model',
      'reduced',
      '--param',
      'interface-resistance',
      '--param',
      'interface-activation-energy',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/fit of SB21 failed: interface-activation-energy has no effect on the simulated voltage/);
  }, 30_000);

  it.each([
    [['--param', 'interface-resistance', '--data', 'missing.csv'], /missing\.csv: /],
    [['--param', 'no-such', '--data', 'pulses.csv'], /unknown fit parameter 'no-such'/],
    [['--param', 'interface-resistance'], /give the measured data with --data/],
    [
      ['--param', 'interface-resistance', '--data', 'pulses.csv', '--initial-soc', '120'],
      /--initial-soc needs a SOC from 0 to 100 %/,
    ],
  ])(
    'usage errors exit 2: %j',
    async (extra, message) => {
      const { code, stderr } = await cli('fit', 'sb21.cellspec', '--cell', 'SB21', '--model', 'reduced', ...extra);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    },
    30_000,
  );

  it('a bad row in the data is a usage error that names its line', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'time (s),current (A),voltage (V)\n0,0,3.9\n5,0.01,three\n');
    const { code, stderr } = await cli('fit', 'sb21.cellspec', '--data', 'bad.csv', '--param', 'interface-resistance');
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.csv:3: voltage 'three' is not a number/);
  });
});
