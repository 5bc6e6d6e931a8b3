/** `cellspec pack`: pack figures from an example cell, a drive cycle's load, usage errors. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const DEMO = 'examples/demonstration/demo-10-layer-1-4ah.cellspec';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: ROOT, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('cellspec pack', () => {
  it('a 100s110p pack of the 1.4 Ah demonstration cell: cells × cell figures, the stated loss, WLTC at 5 %', async () => {
    const { code, stdout } = await cli(
      'pack',
      DEMO,
      '--series',
      '100',
      '--parallel',
      '110',
      '--busbar-resistance',
      '20 mohm',
      '--busbar-mass',
      '8 kg',
      '--housing-mass',
      '25%',
      '--drive',
      'wltc3b',
      '--grade',
      '5%',
      '--vehicle-mass',
      '1900 kg',
      '--drag',
      '0.28',
      '--frontal-area',
      '2.3 m2',
      '--rolling',
      '0.009',
      '--efficiency',
      '90%',
      '--regen',
      '60%',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const { pack, drive } = JSON.parse(stdout);
    const single = JSON.parse((await cli('report', DEMO, '--format', 'json')).stdout).cells[0];
    expect(pack.cells).toBe(11000);
    // Capacity: 110 in parallel; energy: 11,000 cells (report rounds to six figures).
    expect(pack.capacity / 3.6 / 110).toBeCloseTo(single.capacity_mAh, 2);
    expect(pack.nominalEnergy / 3600 / 11000).toBeCloseTo(single.energy_Wh, 4);
    // Busbar loss at C/3: (1/3)·Q²·R/3600 with Q the pack capacity in C and R = 0.02 Ω.
    expect(pack.busbarLoss).toBeCloseTo((pack.capacity ** 2 * 0.02) / 3 / 3600, 6);
    expect(pack.usableEnergy).toBeCloseTo(pack.nominalEnergy - pack.busbarLoss, 6);
    // Housing is 25 % of the mass: total = (cells + 8 kg busbars) / 0.75.
    expect(pack.mass).toBeCloseTo((11000 * single.mass_total_g.cell * 1e-3 + 8) / 0.75, 1);
    expect(drive.distance).toBeCloseTo(23266, -1);
    expect(drive.peakCellRate).toBeGreaterThan(0);
    expect(drive.withinCellLimit).toBe(true);
  });

  it('needs whole counts and every vehicle value for a drive', async () => {
    expect((await cli('pack', DEMO, '--series', '0', '--parallel', '1')).code).toBe(2);
    const drive = await cli('pack', DEMO, '--series', '1', '--parallel', '1', '--drive', 'wltc3b');
    expect(drive.code).toBe(2);
    expect(drive.stderr).toMatch(/--drive needs --vehicle-mass/);
  });
});
