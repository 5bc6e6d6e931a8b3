/**
 * Design-space benchmarks: a sweep of 10,000 design points (design figures only) and a sweep of
 * 1,000 points each with a P2D charge (the fast-charge question a designer asks of every point).
 * Run: npx -y pnpm@12.4.2 run bench:design-space  (options: --runs N for the design sweep,
 * --sim-runs N for the simulated sweep, --simulated N for the number of simulated points,
 * --model p2d|reduced, --workers N for the parallel runs)
 * Prints medians of wall time, the simulated sweep on one thread and on N worker threads
 * (`packages/cli/src/sweep/parallel.ts`, what `cellspec sweep` runs); the machine's load is
 * printed beside them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import { lotVariation, sweepDesign, type CellIR } from '../packages/physics/src/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const RUNS = Number(option('runs', '5'));
const SIMULATED = Number(option('simulated', '1000'));
const MODEL = option('model', 'p2d') as 'p2d' | 'reduced';
const SIM_RUNS = Number(option('sim-runs', '3'));
const WORKERS = Number(option('workers', String(availableParallelism())));

const ROOT = new URL('..', import.meta.url).pathname;

async function cell(file: string, name: string): Promise<CellIR> {
  const ws = await loadWorkspace([join(ROOT, file)]);
  for (const f of ws.files) {
    const found = resolveDocument(ws.services, f.document).ir.cells.find((c) => c.name === name);
    if (found) return found;
  }
  throw new Error(`no cell ${name} in ${file}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const linspace = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

console.log(
  `${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const sb21 = await cell('examples/cells/standard-battery-2-1.cellspec', 'SB21');
const designAxes = [
  { path: 'cathode.loading', values: linspace(0.15, 0.25, 100) }, // 15–25 mg/cm²
  { path: 'separator.thickness', values: linspace(10e-6, 40e-6, 100) },
];
const times: number[] = [];
let feasible = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const result = sweepDesign(sb21, designAxes, {
    constraints: [{ metric: 'np', op: '>=', value: 1.05 }],
    objectives: [
      { metric: 'ed-stack', direction: 'max' },
      { metric: 'np', direction: 'max' },
    ],
  });
  times.push(performance.now() - t0);
  feasible = result.points.filter((p) => p.violated.length === 0).length;
}
console.log(
  `design sweep, 10,000 points (SB2.1 loading × SE thickness): median ${median(times).toFixed(0)} ms over ${RUNS} runs (aim < 1000 ms); ${feasible} feasible`,
);

const t1 = performance.now();
const lot = lotVariation(sb21, [{ path: 'cathode.loading', halfWidth: 0.03, relative: true }], { samples: 2000 });
console.log(
  `lot variation, 2,000 samples: ${(performance.now() - t1).toFixed(0)} ms (capacity σ ${((100 * lot.metrics[0]!.sd) / lot.metrics[0]!.mean).toFixed(2)} %)`,
);

const demo = await cell('examples/demonstration/demo-6c-11mah.cellspec', 'Demo6C');
const n = Math.round(Math.sqrt(SIMULATED));
const simAxes = [
  { path: 'cathode.loading', values: linspace(0.04, 0.09, n) },
  { path: 'separator.thickness', values: linspace(10e-6, 40e-6, Math.round(SIMULATED / n)) },
];
const simOptions = {
  simulation: { direction: 'charge' as const, rate: 6, targetSoc: 0.8, fidelity: MODEL },
  constraints: [{ metric: 'sim-anode-min', op: '>=' as const, value: 0 }],
  objectives: [
    { metric: 'ed-stack', direction: 'max' as const },
    { metric: 'sim-soc', direction: 'max' as const },
  ],
};
// On this thread, as the library runs it.
{
  const walls: number[] = [];
  let last: ReturnType<typeof sweepDesign> | undefined;
  for (let r = 0; r < SIM_RUNS; r++) {
    const t = performance.now();
    last = sweepDesign(demo, simAxes, simOptions);
    walls.push(performance.now() - t);
  }
  const failed = last!.points.filter((p) => p.failure).length;
  console.log(
    `simulated sweep, ${last!.points.length} points with a ${MODEL} 6C charge to 80 % (demonstration cell), in process on 1 thread: median ${(median(walls) / 1000).toFixed(1)} s over ${SIM_RUNS} runs (aim < 30 s); ${(median(walls) / last!.points.length).toFixed(1)} ms per point; ${failed} failed; ${last!.front.length} on the front`,
  );
}

// The built CLI, as a user runs it: start-up and loading the spec included; workers start from
// the bundle's own entry (from source every worker would compile the sources first).
const CLI = join(ROOT, 'packages/cli/dist/cellspec.mjs');

/** Median wall time of the built CLI's sweep over SIM_RUNS runs, and its summary line. */
function cliSweep(args: readonly string[]): { wall: number; summary: string } {
  const walls: number[] = [];
  let summary = '';
  for (let r = 0; r < SIM_RUNS; r++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, [CLI, 'sweep', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    walls.push(performance.now() - t);
    if (run.status !== 0) throw new Error(`cellspec sweep failed: ${run.stderr}`);
    summary = run.stderr.trim();
  }
  return { wall: median(walls), summary };
}

const threads = (w: number) => `${w} worker thread${w === 1 ? ' (none: on the main thread)' : 's'}`;
if (!existsSync(CLI)) console.log('cellspec sweep: skipped, build the CLI first (pnpm run build)');
else
  for (const workers of [...new Set([1, WORKERS])]) {
    const design = cliSweep([
      join(ROOT, 'examples/cells/standard-battery-2-1.cellspec'),
      '--cell',
      'SB21',
      '--vary',
      'cathode.loading=15..25/100 mg/cm2',
      '--vary',
      'separator.thickness=10..40/100 um',
      '--constraint',
      'np>=1.05',
      '--objective',
      'max:ed-stack',
      '--objective',
      'max:np',
      '--workers',
      String(workers),
    ]);
    console.log(
      `cellspec sweep (built CLI), 10,000 design points, ${threads(workers)}: median ${(design.wall / 1000).toFixed(1)} s over ${SIM_RUNS} runs, start-up, loading and CSV output included; ${design.summary}; load ${loadavg()[0]!.toFixed(1)}`,
    );
    const simulated = cliSweep([
      join(ROOT, 'examples/demonstration/demo-6c-11mah.cellspec'),
      '--cell',
      'Demo6C',
      '--vary',
      `cathode.loading=4..9/${n} mg/cm2`,
      '--vary',
      `separator.thickness=10..40/${Math.round(SIMULATED / n)} um`,
      '--charge',
      '6C',
      '--to-soc',
      '80',
      '--model',
      MODEL,
      '--constraint',
      'sim-anode-min>=0 V',
      '--objective',
      'max:ed-stack',
      '--objective',
      'max:sim-soc',
      '--workers',
      String(workers),
    ]);
    console.log(
      `cellspec sweep (built CLI), ${simulated.summary.split(',')[0]} with a ${MODEL} 6C charge, ${threads(workers)}: median ${(simulated.wall / 1000).toFixed(1)} s over ${SIM_RUNS} runs (aim < 30 s); ${simulated.summary}; load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
