/**
 * Start-up cost of the installed `cellspec` package, as a ratio to Node's own start.
 *
 *   npx -y pnpm@12.4.2 run bench:startup [-- --runs 15 --no-pack]
 *
 * Packs the package (scripts/pack.mjs, after building it), installs the tarball with plain npm
 * into an empty folder and times, for the machine's Node (20) and the workspace's Node 22, fresh
 * processes of `node -e 0`, `cellspec --version` and `cellspec check <one spec>` (SB21, which
 * imports one materials file), interleaved so a busy machine slows each alike. One untimed run
 * of each first fills Node's compile cache (Node 22), as any earlier use of the command would.
 * Prints medians and the ratios; aims: `--version` ≤ 3×, checking one file ≤ 6× `node -e 0`.
 * On a busy machine wall time is mostly waiting for a core, so where GNU time is installed the
 * median CPU time (user + system) of each is printed too, with its ratio.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../test/scale/lsp-client.js';
import { installInto, machineNode, workspaceNode, type NodeRuntime } from '../test/install/installed-package.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--runs');
const runs = at >= 0 ? Number(argv[at + 1]) : 15;
const ROOT = new URL('..', import.meta.url).pathname;

const packOut = mkdtempSync(join(tmpdir(), 'cellspec-bench-pack-'));
const packArgs = [
  join(ROOT, 'scripts/pack.mjs'),
  '--out',
  packOut,
  ...(argv.includes('--no-pack') ? ['--no-build'] : []),
];
const tarball = execFileSync(process.execPath, packArgs, { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;

const machine = machineNode();
const nodes: NodeRuntime[] = [...(machine ? [machine] : []), workspaceNode()];

const GNU_TIME = '/usr/bin/time';
const cpuFile = join(packOut, 'cpu');

/** Wall milliseconds, and CPU milliseconds (user + system) when GNU time is there. */
function time(node: NodeRuntime, args: readonly string[], cwd: string): { wall: number; cpu?: number } {
  const withCpu = existsSync(GNU_TIME);
  const [command, commandArgs] = withCpu
    ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, node.path, ...args]]
    : [node.path, [...args]];
  const t0 = performance.now();
  const r = spawnSync(command, commandArgs, { cwd, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${node.label} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (!withCpu) return { wall };
  const [user = 0, system = 0] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000 };
}

console.log(`start-up of the installed package (${runs} runs each; load average ${loadavg()[0]!.toFixed(1)})`);
for (const node of nodes) {
  const folder = installInto(tarball, node);
  cpSync(join(ROOT, 'examples'), join(folder, 'specs'), { recursive: true });
  const bin = join(folder, 'node_modules/cellspec/dist/cellspec.mjs');
  const cases = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'cellspec --version', args: [bin, '--version'], aim: 3 },
    { name: 'cellspec check (one spec)', args: [bin, 'check', 'specs/cells/standard-battery-2-1.cellspec'], aim: 6 },
  ];
  for (const c of cases) time(node, c.args, folder);
  const samples = cases.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let i = 0; i < runs; i++)
    cases.forEach((c, k) => {
      const t = time(node, c.args, folder);
      samples[k]!.wall.push(t.wall);
      if (t.cpu !== undefined) samples[k]!.cpu.push(t.cpu);
    });
  const base = { wall: median(samples[0]!.wall), cpu: samples[0]!.cpu.length ? median(samples[0]!.cpu) : NaN };
  console.log(
    `\n${node.label}${Number.isNaN(base.cpu) ? '' : '                     wall             CPU (user + system)'}`,
  );
  cases.forEach((c, k) => {
    const wall = median(samples[k]!.wall);
    const ratio = wall / base.wall;
    const verdict = c.aim === undefined ? '' : `  (aim ≤ ${c.aim}×: ${ratio <= c.aim ? 'met' : 'not met'})`;
    const cpu = samples[k]!.cpu.length ? median(samples[k]!.cpu) : NaN;
    const cpuText = Number.isNaN(cpu)
      ? ''
      : `   ${cpu.toFixed(0).padStart(6)} ms ${(cpu / base.cpu).toFixed(2).padStart(6)}×`;
    console.log(
      `  ${c.name.padEnd(28)} ${wall.toFixed(0).padStart(6)} ms ${ratio.toFixed(2).padStart(6)}×${cpuText}${verdict}`,
    );
  });
}
