/** `cellspec pack`: pack figures from an example cell, a drive cycle's load, usage errors. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSUMED_AGEING, predictAgeing, programmeAgeing } from '@cellspec/physics';
import { runCli } from '../src/index.js';
import { fitAgeingResults, parseAgeingResults } from '../src/commands/pack-declared.js';

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

describe('cellspec pack on a declared pack', () => {
  const EXAMPLE = 'examples/packs/next-generation-55kwh-pack.cellspec';

  it('the 55 kWh-class pack of the next-generation cell: figures, 6C charge and WLTC at 5 % grade', async () => {
    const plots = mkdtempSync(join(tmpdir(), 'cellspec-pack-'));
    const { code, stdout, stderr } = await cli('pack', EXAMPLE, '--format', 'json', '--plots', plots);
    expect(code).toBe(0);
    // The charts: each an SVG with its axis, written through the atomic writer (with its manifest).
    const svgs = readdirSync(plots).filter((f) => f.endsWith('.svg'));
    expect(svgs.sort()).toEqual(
      ['degradation-rate', 'degradation-temperature', 'soc', 'temperature', 'voltage'].map((n) => `NGP55-${n}.svg`),
    );
    expect(readFileSync(join(plots, 'NGP55-temperature.svg'), 'utf8')).toContain('Cell temperature (°C)');
    expect(stderr.trim().split('\n')).toHaveLength(5);
    rmSync(plots, { recursive: true, force: true });
    const { pack, duties, drive, ageing } = JSON.parse(stdout);
    // No ageing data are declared: the prediction says its parameters are assumed.
    expect(ageing.source).toMatch(/^assumption/);
    expect(ageing.storage.map((s: { soc: number }) => s.soc)).toEqual([0.5, 1]);
    expect(ageing.cycle.cycles).toBe(336);
    const single = JSON.parse((await cli('report', EXAMPLE, '--format', 'json')).stdout).cells[0];
    // 8 modules of 12s5p: 96 in series, 5 in parallel.
    expect(pack.cells).toBe(480);
    expect(pack.nominalEnergy / 3600 / 480).toBeCloseTo(single.energy_Wh, 3);
    // Busbars: 8 modules × 0.5 mΩ in series plus 2 mΩ between them; the loss at C/3 is (1/3)·Q²·R/3600.
    expect(pack.busbarLoss).toBeCloseTo((pack.capacity ** 2 * 0.006) / 3 / 3600, 6);
    expect(pack.usableEnergy).toBe(pack.nominalEnergy - pack.busbarLoss);
    expect(pack.usableEnergy / 3.6e6).toBeGreaterThan(50); // 55 kWh class
    expect(pack.usableEnergy / 3.6e6).toBeLessThan(60);
    // Mass: cells + busbars (8 × 0.6 + 3 kg) + plates (8 × 1.8 kg) + module housings (8 × 3 kg), with
    // housing 20 % of the whole.
    const cellsMass = pack.massBreakdown.cells;
    expect(pack.mass).toBeCloseTo((cellsMass + 7.8 + 14.4 + 24) / 0.8, 9);
    expect(pack.volume).toBeCloseTo((pack.volumeBreakdown.cells + 0.0007 * 8 + 0.0025 * 8) / 0.65, 9);
    expect(drive.grade).toBe(0.05);

    const [charge, wltc] = duties;
    expect(charge.label).toMatch(/6C, 10→80 %/);
    expect(charge.endSoc).toBeGreaterThanOrEqual(0.8 - 1e-3);
    expect(wltc.label).toMatch(/WLTC class 3b at 5 % grade/);
    expect(wltc.duration).toBe(1800);
    for (const d of duties) {
      expect(d.limitsHold).toBe(true);
      expect(d.peakTemperature).toBeGreaterThan(298.15);
      expect(d.peakSpread).toBeGreaterThan(0);
      expect(d.curves.time.length).toBeLessThanOrEqual(201);
    }
    // The charge heats the cells far more than the drive. Pinned within ±3 K of the values when
    // written (77.3 °C and 11.2 K; 30.3 °C and 0.8 K), so a model change that moves them is seen.
    expect(charge.peakTemperature - 273.15).toBeGreaterThan(74.3);
    expect(charge.peakTemperature - 273.15).toBeLessThan(80.3);
    expect(charge.peakSpread).toBeGreaterThan(8);
    expect(charge.peakSpread).toBeLessThan(14);
    expect(wltc.peakTemperature - 273.15).toBeGreaterThan(27.3);
    expect(wltc.peakTemperature - 273.15).toBeLessThan(33.3);
  });

  it('names the packs when there are several, or none', async () => {
    const { code, stderr } = await cli('pack', DEMO);
    expect(code).toBe(2);
    expect(stderr).toMatch(/declare no pack/);
  });
});

describe('ageing results for a declared pack', () => {
  const truth = {
    sei: { reference: 3e-6, activationEnergy: 45_000, socSensitivity: 1.2, referenceSoc: 0.5 },
    cycling: { reference: 6e-4, activationEnergy: ASSUMED_AGEING.cycling!.activationEnergy },
    contactLoss: { reference: 1.5e-5, activationEnergy: ASSUMED_AGEING.contactLoss!.activationEnergy },
    source: 'synthetic',
  };
  const row = (test: string, T: number, soc: number, days: number, cycles: number) => {
    const retention = predictAgeing(truth, {
      temperature: T + 273.15,
      soc: soc / 100,
      time: days * 86400,
      cycles,
      rate: 1,
    }).retention;
    return `${test},${T},${soc},${days},${cycles},${cycles ? 1 : 0},${(retention * 100).toPrecision(12)}`;
  };
  const csv = [
    'test,temperature_C,soc_percent,days,cycles,rate_C,retention_percent',
    row('storage', 25, 50, 42, 0),
    row('storage', 45, 50, 42, 0),
    row('storage', 45, 100, 42, 0),
    row('storage', 60, 100, 42, 0),
    row('cycle', 45, 50, 14, 168),
    row('cycle', 45, 50, 28, 336),
  ].join('\n');

  it('reads the CSV and fits parameters that reproduce the results', () => {
    const parsed = parseAgeingResults(csv, 'results.csv');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.storage).toHaveLength(4);
    expect(parsed.cycle).toHaveLength(2);
    const fitted = fitAgeingResults(parsed, 'results.csv');
    expect(fitted.notes).toEqual([]);
    expect(fitted.parameters!.source).toMatch(/^fitted to results.csv/);
    // Twelve significant figures in the CSV: the fit recovers the generating parameters closely.
    expect(fitted.parameters!.sei!.activationEnergy).toBeCloseTo(45_000, 0);
    expect(fitted.parameters!.cycling!.reference).toBeCloseTo(6e-4, 8);
    const a = programmeAgeing(fitted.parameters!);
    const b = programmeAgeing(truth);
    expect(a.cycle.retention).toBeCloseTo(b.cycle.retention, 8);
    expect(a.storage[1]!.retention).toBeCloseTo(b.storage[1]!.retention, 8);
  });

  it('says what is wrong with a results file', () => {
    expect(parseAgeingResults('a,b\n', 'r.csv')).toMatchObject({ error: expect.stringMatching(/first row/) });
    expect(
      parseAgeingResults(
        'test,temperature_C,soc_percent,days,cycles,rate_C,retention_percent\nstore,45,50,42,0,0,97',
        'r.csv',
      ),
    ).toEqual({ error: "r.csv:2: the test is 'storage' or 'cycle' (got 'store')" });
    expect(
      parseAgeingResults(
        'test,temperature_C,soc_percent,days,cycles,rate_C,retention_percent\ncycle,45,50,28,0,1,97',
        'r.csv',
      ),
    ).toEqual({ error: 'r.csv:2: a cycle result needs its cycle count' });
  });

  it('exits 2 on an unreadable results file', async () => {
    const { code, stderr } = await cli(
      'pack',
      'examples/packs/next-generation-55kwh-pack.cellspec',
      '--ageing-results',
      'no-such-results.csv',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-results\.csv/);
  });
});
