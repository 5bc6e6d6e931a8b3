/**
 * The npm package, installed as a user installs it: `npm pack`'s tarball goes into an empty folder
 * with plain `npm install`, specs are copied beside it, and `npx cellspec` runs `check`, `report`,
 * `protocols` and `simulate` there — on the machine's own Node (20 here) and on the workspace's
 * Node 22. The installed package must answer exactly as the workspace's bundle does.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBuiltCli } from '../cli/built-cli.js';
import {
  installInto,
  machineNode,
  npxCellspec,
  packedTarball,
  workspaceNode,
  type NodeRuntime,
} from './installed-package.js';

const SB21 = 'specs/cells/standard-battery-2-1.cellspec';
const PLANS = 'specs/test-plans/sb21-test-plans.cellspec';

let tarball: string;
beforeAll(() => {
  tarball = packedTarball();
}, 180_000);

describe('the packed tarball', () => {
  it('holds the entry, its chunks, the manifest, README and licence, and nothing else', () => {
    const listed = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    const chunks = listed.filter((f) => f.startsWith('package/dist/chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(chunk).toMatch(/^package\/dist\/chunks\/[\w-]+\.mjs$/);
    expect(listed.filter((f) => !chunks.includes(f))).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/dist/cellspec.mjs',
      'package/package.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/cli/npm/package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ cellspec: 'dist/cellspec.mjs' });
    expect(manifest.engines.node).toBe('>=20');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.license).toBe('MIT');
  });
});

const machine = machineNode();
const runtimes: NodeRuntime[] = [workspaceNode()];
// The machine's Node is the one the package must not break on; CI installs Debian's (Node 20).
if (machine && machine.path !== runtimes[0]!.path) runtimes.unshift(machine);

it('runs on the machine’s own Node 20 as well as the workspace’s Node 22', () => {
  expect(runtimes.map((r) => r.major).sort()).toEqual(expect.arrayContaining([20, 22]));
});

describe.each(runtimes)('installed with npm, run by $label', (node) => {
  let folder: string;
  beforeAll(() => {
    folder = installInto(tarball, node);
    cpSync(join(ROOT, 'examples'), join(folder, 'specs'), { recursive: true });
  }, 120_000);

  it('installs the bin and prints its version', () => {
    expect(existsSync(join(folder, 'node_modules/.bin/cellspec'))).toBe(true);
    const r = npxCellspec(node, ['--version'], folder);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version);
  });

  it('checks: the example cells have no error, a broken spec has its finding (exit 1)', () => {
    writeFileSync(
      join(folder, 'broken.cellspec'),
      'import "specs/materials/programme-materials.cellspec"\nmaterial Typo cathode-active extends NoSuchMaterial { }\n',
    );
    const r = npxCellspec(node, ['check', '--format', 'json', 'specs/cells', 'broken.cellspec'], folder);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      files: { path: string; diagnostics: { severity: string; message: string }[] }[];
    };
    const errorsIn = (path: RegExp) =>
      report.files.filter((f) => path.test(f.path)).flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'));
    expect(report.files.filter((f) => /^specs\/cells\//.test(f.path)).length).toBeGreaterThanOrEqual(5);
    expect(errorsIn(/^specs\//)).toEqual([]);
    expect(
      errorsIn(/^broken\.cellspec$/)
        .map((d) => d.message)
        .join('\n'),
    ).toContain('NoSuchMaterial');
  });

  it('reports the design figures the workspace bundle reports', () => {
    const r = npxCellspec(node, ['report', '--format', 'json', SB21], folder);
    expect(r.code).toBe(0);
    const cells = JSON.parse(r.stdout).cells;
    // SB21 is designed for 8 mAh (examples/cells/standard-battery-2-1.cellspec, targets).
    expect(cells[0].name).toBe('SB21');
    expect(cells[0].capacity_mAh).toBeCloseTo(8, 0);
    const reference = runBuiltCli(['report', '--format', 'json', SB21], folder);
    expect(r.stdout).toBe(reference.stdout);
  });

  it('writes cycler protocols', () => {
    // (What Maccor cannot say is printed as notes on stderr.)
    const args = ['protocols', PLANS, '--plan', 'SB21Acceptance', '--format', 'maccor', '--out', 'protocols'];
    const r = npxCellspec(node, args, folder);
    expect(r.code).toBe(0);
    const written = readdirSync(join(folder, 'protocols')).filter((f) => f.endsWith('.000'));
    expect(written.length).toBeGreaterThan(0);
  });

  it('simulates a discharge with the reduced model', () => {
    const r = npxCellspec(
      node,
      ['simulate', SB21, '--discharge', '1C', '--model', 'reduced', '--format', 'csv'],
      folder,
    );
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('time_s,voltage_V,current_A,temperature_K,soc,anode_potential_V');
    expect(rows.length).toBeGreaterThan(20);
    const last = rows[rows.length - 1]!.split(',').map(Number);
    // A 1C discharge ends at the lower voltage limit after most of an hour.
    expect(last[0]).toBeGreaterThan(1800);
    expect(last[1]).toBeLessThan(3.2);
  });
});
