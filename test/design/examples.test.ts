/**
 * The bundled examples reproduce the programme's published figures, checked on the output of
 * `cellspec report --format json` (the stable JSON contract), within each figure's stated
 * tolerance. Published figures: ../shared/domain/standard-battery-programme.md (energy densities
 * on the electrode-stack basis); reference cells: ../shared/reference/README.md.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import type { ReportRecord } from '../../packages/cli/src/commands/report.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let records = new Map<string, ReportRecord>();
let exitCode = -1;

beforeAll(async () => {
  let out = '';
  exitCode = await runCli(['report', join(ROOT, 'examples'), '--format', 'json'], {
    cwd: ROOT,
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
  });
  records = new Map((JSON.parse(out) as { cells: ReportRecord[] }).cells.map((c) => [c.name, c]));
}, 60_000);

type Figure = {
  capacity_mAh?: number;
  capacityAtLeast_mAh?: number;
  stack_Wh_per_L?: number;
  stackAtLeast_Wh_per_L?: number;
  tolerance: number;
  why: string;
};

/** Published figure per example cell; `tolerance` is relative, for figures stated as a value. */
const PUBLISHED: Record<string, Figure> = {
  SB21: {
    capacity_mAh: 8,
    stack_Wh_per_L: 400,
    tolerance: 0.03,
    why: 'standard battery 2.1: 8 mAh, 400 Wh/L; lot spread ±3 %',
  },
  'SB21-NG2': {
    capacity_mAh: 8,
    stack_Wh_per_L: 400,
    tolerance: 0.03,
    why: 'a material variant of SB2.1 must stay on its figures',
  },
  SB2: { stack_Wh_per_L: 300, tolerance: 0.03, why: 'standard battery 2: 300 Wh/L' },
  SB1: { stack_Wh_per_L: 200, tolerance: 0.03, why: 'the third 2 cm standard cell: 200 Wh/L' },
  'SB21-L': { stack_Wh_per_L: 400, tolerance: 0.03, why: '4 × 12.5 cm single-layer standard cell: 400 Wh/L' },
  NGSC: {
    capacity_mAh: 24,
    stack_Wh_per_L: 790,
    tolerance: 0.03,
    why: 'next-generation standard cell: 24 mAh, 790 Wh/L',
  },
  Demo6C: {
    capacity_mAh: 11,
    stackAtLeast_Wh_per_L: 450,
    tolerance: 0.03,
    why: 'first-gen 2 cm demonstration: 11 mAh design, ≥ 450 Wh/L',
  },
  Demo4x12: {
    capacityAtLeast_mAh: 140,
    stackAtLeast_Wh_per_L: 450,
    tolerance: 0,
    why: '4 × 12.5 cm single layer: > 140 mAh, as the 2 cm cell (≥ 450 Wh/L)',
  },
  Demo10L: {
    capacity_mAh: 1400,
    capacityAtLeast_mAh: 1400,
    stackAtLeast_Wh_per_L: 450,
    tolerance: 0.03,
    why: '10 layers: 1.4 Ah design, > 1400 mAh, ≥ 450 Wh/L',
  },
  DemoNG550: {
    capacity_mAh: 8,
    stack_Wh_per_L: 550,
    tolerance: 0.03,
    why: 'next-gen 2 cm, first half: 8 mAh, 550 Wh/L (blade coating)',
  },
  DemoNG860: {
    capacity_mAh: 24,
    stackAtLeast_Wh_per_L: 860,
    tolerance: 0.03,
    why: 'next-gen 2 cm, second half: 24 mAh, ≥ 860 Wh/L',
  },
  // Nominal 0.680616 Ah is the 1C current × 1 h; the window capacity is the at-rest maximum (+3.2 %).
  Marquis2019: {
    capacity_mAh: 680.616,
    tolerance: 0.05,
    why: 'Marquis2019 Kokam cell, nominal 0.680616 Ah, window capacity within 5 %',
  },
};

describe('examples reproduce the published figures (cellspec report --format json)', () => {
  it('report runs cleanly over every example', () => {
    expect(exitCode).toBe(0);
    for (const name of Object.keys(PUBLISHED)) expect(records.has(name), name).toBe(true);
  });

  it.each(Object.entries(PUBLISHED))('%s', (name, f) => {
    const r = records.get(name)!;
    const within = (actual: number | null, expected: number) => {
      expect(actual, `${name}: ${f.why}`).not.toBeNull();
      expect(Math.abs(actual! / expected - 1), `${name}: ${actual} vs ${expected} (${f.why})`).toBeLessThanOrEqual(
        f.tolerance,
      );
    };
    if (f.capacity_mAh !== undefined) within(r.capacity_mAh, f.capacity_mAh);
    if (f.capacityAtLeast_mAh !== undefined)
      expect(r.capacity_mAh!, f.why).toBeGreaterThanOrEqual(f.capacityAtLeast_mAh);
    if (f.stack_Wh_per_L !== undefined) within(r.energy_density_Wh_per_L.stack, f.stack_Wh_per_L);
    if (f.stackAtLeast_Wh_per_L !== undefined)
      expect(r.energy_density_Wh_per_L.stack!, f.why).toBeGreaterThanOrEqual(f.stackAtLeast_Wh_per_L);
    expect(r.targets.filter((t) => !t.met).map((t) => t.message)).toEqual([]);
  });

  it('the packaged-cell basis is well below the stack basis for the 2 cm cells (outline 65 × 45 mm)', () => {
    // The programme's Wh/L are on the stack basis: over the pouch outline SB2.1 is ~25 Wh/L.
    const r = records.get('SB21')!;
    expect(r.energy_density_Wh_per_L.cell!).toBeLessThan(r.energy_density_Wh_per_L.stack! / 5);
  });
});
