/** `cellspec lots` and `cellspec sweep` on the bundled examples: the process tolerances, the JSON contract, usage errors. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { parseTolerance } from '../src/commands/lots.js';
import { parseAxis, parseConstraint, parseObjective } from '../src/commands/sweep.js';

const ROOT = join(import.meta.dirname, '../../..');

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: ROOT,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

const SB21_CELL = 'examples/cells/standard-battery-2-1.cellspec';
const SB21_PROCESS = 'examples/processes/sb21-fabrication.cellspec';

describe('cellspec lots', () => {
  it("reads SB2.1's areal-weight tolerances from its process: ± 3 % loading gives ± 3 % capacity (3σ)", async () => {
    const { code, stdout } = await cli('lots', SB21_PROCESS, '--cell', 'SB21', '--samples', '1000', '--format', 'json');
    expect(code).toBe(0);
    const lot = JSON.parse(stdout);
    expect(lot.inputs.map((i: { path: string }) => i.path)).toEqual(['cathode.loading', 'anode.loading']);
    const capacity = lot.metrics.find((m: { key: string }) => m.key === 'capacity');
    // The cathode limits, capacity ∝ cathode loading: σ = 1 % of nominal, so ± 3σ = ± 3 %: the
    // spread the programme measured over 17 cells. Sampling error of the sd at N = 1000 is 2.2 %.
    expect(capacity.linearSd / capacity.nominal).toBeCloseTo(0.01, 6);
    expect(Math.abs(capacity.sd / capacity.nominal - 0.01)).toBeLessThan(0.001);
    expect(capacity.contributions[0].path).toBe('cathode.loading');
    expect(lot.yield).toBeGreaterThan(0.95);
  });

  it('--tol overrides the process tolerance of the same variable and adds others', async () => {
    const { code, stdout } = await cli(
      'lots',
      SB21_PROCESS,
      '--cell',
      'SB21',
      '--samples',
      '200',
      '--tol',
      'cathode.loading=1%',
      '--tol',
      'separator.thickness=2um',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/cathode loading +18\.4 mg\/cm² ± 0\.184 mg\/cm² \(σ 0\.0614 mg\/cm²\) +from --tol/);
    expect(stdout).toMatch(/electrolyte layer thickness +20 µm ± 2 µm/);
  });

  it('a cell without a process needs --tol', async () => {
    const { code, stderr } = await cli('lots', SB21_CELL, '--cell', 'SB21');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no tolerance applies to SB21/);
  });

  it('reads tolerances as relative or absolute', () => {
    expect(parseTolerance('cathode.loading=±3%')).toEqual({
      path: 'cathode.loading',
      halfWidth: 0.03,
      relative: true,
      origin: '--tol',
    });
    expect(parseTolerance('separator.thickness=2 um').halfWidth).toBeCloseTo(2e-6, 15);
    expect(() => parseTolerance('cathode.colour=3%')).toThrow(/not a design variable/);
  });
});

describe('cellspec report --variation', () => {
  it("adds SB2.1's lot to the report: the same numbers as cellspec lots with the same seed", async () => {
    const { code, stdout } = await cli('report', SB21_CELL, SB21_PROCESS, '--variation', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const sb21 = report.variation.find((v: { name: string }) => v.name === 'SB21');
    const capacity = sb21.lot.metrics.find((m: { key: string }) => m.key === 'capacity');
    // 2000 draws: the sampling error of σ is 1/√(2·2000) ≈ 1.6 % of σ, so 1 % ± 0.05 % covers 3 of them.
    expect(Math.abs(capacity.sd / capacity.nominal - 0.01)).toBeLessThan(0.0005);
    expect(capacity.contributions[0].path).toBe('cathode.loading');
    expect(sb21.lot.yield).toBeGreaterThan(0.95);
    expect(sb21.sweep).toBeNull(); // no study beside the spec
    // What examples/processes/sb21-fabrication.cellspec states (seed 1, 2000 draws: reproducible).
    expect(((100 * capacity.sd) / capacity.mean).toFixed(2)).toBe('1.00');
    expect(((300 * capacity.sd) / capacity.mean).toFixed(2)).toBe('2.99');
    expect((100 * sb21.lot.yield).toFixed(2)).toBe('99.55');
    expect(sb21.lot.misses.map((m: { fraction: number }) => (100 * m.fraction).toFixed(2))).toEqual(['0.35', '0.10']);
    const lots = JSON.parse((await cli('lots', SB21_PROCESS, '--cell', 'SB21', '--format', 'json')).stdout);
    expect(sb21.lot.yield).toBe(lots.yield);
  });

  it('refuses --variation with CSV', async () => {
    expect((await cli('report', SB21_CELL, '--variation', '--format', 'csv')).code).toBe(2);
  });
});

describe('cellspec sweep', () => {
  it('sweeps SB2.1 loading × SE thickness with a constraint and a front', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      SB21_CELL,
      '--vary',
      'cathode.loading=15..25/3 mg/cm2',
      '--vary',
      'separator.thickness=10,30 um',
      '--constraint',
      'np>=1.05',
      '--objective',
      'max:ed-stack',
      '--objective',
      'max:np',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.points).toHaveLength(6);
    expect(result.points[0].values['cathode.loading']).toBeCloseTo(0.15, 12); // 15 mg/cm² in kg/m²
    expect(result.points[0].values['separator.thickness']).toBeCloseTo(1e-5, 15);
    // The thinner SE layer beats the thicker at the same loading in both objectives, so only
    // 10 µm points are on the front; 25 mg/cm² drives N/P below 1.05.
    for (const p of result.points.filter((q: { pareto: boolean }) => q.pareto))
      expect(p.values['separator.thickness']).toBeCloseTo(1e-5, 12);
    const heavy = result.points.find(
      (p: { values: Record<string, number> }) => Math.abs(p.values['cathode.loading']! - 0.25) < 1e-9,
    );
    expect(heavy.violated).toEqual(['np >= 1.05']);
    expect(stderr).toMatch(/^6 points, \d feasible, \d on the Pareto front\n$/);
  });

  it('reads axes, constraints and objectives with units', () => {
    expect(parseAxis('cathode.loading=15..25/3 mg/cm2').values.map((v) => +v.toPrecision(6))).toEqual([
      0.15, 0.2, 0.25,
    ]);
    expect(parseAxis('cathode.porosity=5,10 %').values).toEqual([0.05, 0.1]);
    expect(parseConstraint('ed-stack>=800 Wh/L')).toEqual({ metric: 'ed-stack', op: '>=', value: 800 * 3.6e6 });
    expect(parseObjective('min:sim-anode-min')).toEqual({ metric: 'sim-anode-min', direction: 'min' });
    expect(() => parseAxis('cathode.loading')).toThrow(/--vary: an axis needs PATH=VALUES/);
  });

  it('refuses an unknown metric or a missing axis as usage errors', async () => {
    expect((await cli('sweep', SB21_CELL)).code).toBe(2);
    const unknown = await cli('sweep', SB21_CELL, '--vary', 'cathode.loading=15,20 mg/cm2', '--objective', 'max:joy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown metric 'joy'/);
  });
});
