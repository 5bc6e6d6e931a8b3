/** `cellspec simulate --plan`: a test plan run on the cell model, as text and JSON. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../src/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const PLANS = 'examples/test-plans/sb21-test-plans.cellspec';

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

describe('cellspec simulate --plan', () => {
  it('runs the IEC 62660-1 capacity test of standard battery 2.1 at every temperature and rate', async () => {
    const { code, stdout, stderr } = await cli(
      'simulate',
      PLANS,
      '--plan',
      'SB21Performance',
      '--test',
      'capacity-at-temperature',
      '--format',
      'json',
    );
    // At −40 °C and 5 C the P2D model's first step lands below 0 V: a failed run (exit 1, the
    // reason on standard error), not a capacity of 0; every other point is a result.
    expect(code, stderr).toBe(1);
    const failures = stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(failures).toEqual([
      expect.stringMatching(
        /^error: SB21Performance \/ capacity-at-temperature @ -40 °C, 5 C: the run failed: a voltage of -\d+\.\d+ V .*outside any physical range/,
      ),
    ]);
    const [run] = JSON.parse(stdout);
    expect(run.model).toBe('p2d');
    expect(run.tests).toHaveLength(8 * 4);
    const discharge = (id: string) =>
      run.tests
        .find((t: { id: string }) => t.id === id)
        .capacities.filter((c: { direction: string }) => c.direction === 'discharge')
        .at(-1);
    // 25 °C, C/3: within 10 % below the 8 mAh design (thin-film polarisation), never above it.
    const slow = discharge('capacity-at-temperature @ 25 °C, C/3').capacity_mAh;
    expect(slow).toBeGreaterThan(7.2);
    expect(slow).toBeLessThanOrEqual(8.05);
    // Faster discharges deliver less; warmer cells deliver more at the same rate.
    expect(discharge('capacity-at-temperature @ 25 °C, 5 C').capacity_mAh).toBeLessThan(slow);
    expect(discharge('capacity-at-temperature @ 60 °C, 5 C').capacity_mAh).toBeGreaterThan(
      discharge('capacity-at-temperature @ 25 °C, 5 C').capacity_mAh,
    );
    for (const t of run.tests) expect(t.duration_s).toBeGreaterThan(8 * 3600); // two 4 h soaks at least
  });

  it('reports pulse resistances per SOC as text', async () => {
    const { code, stdout } = await cli(
      'simulate',
      PLANS,
      '--plan',
      'SB21Performance',
      '--test',
      'dc-resistance',
      '--model',
      'reduced',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SB21Performance on SB21 \(SPMe model\)$/m);
    expect(stdout).toMatch(/^ {4}discharge pulse C\/2 for 10 s at SOC 50 %, 25 °C: \d+(\.\d+)? Ω$/m);
  });

  it('names the tests a plan has not', async () => {
    const { code, stderr } = await cli('simulate', PLANS, '--plan', 'SB21Performance', '--test', 'nope');
    expect(code).toBe(2);
    expect(stderr).toContain("no test 'nope' in test-plan SB21Performance");
  });
});
