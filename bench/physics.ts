/**
 * Benchmarks of the cell models: medians over repeated full runs after a warm-up.
 * Run: npx pnpm run bench:physics  (options: --runs N, --warmup N)
 */
import { loadavg, cpus } from 'node:os';
import {
  marquis2019,
  operate,
  constantCurrentDischarge,
  parametersFromCell,
  P2DModel,
  SPMeModel,
  type CellModel,
  type ModelParameters,
  type SimulationResult,
} from '../packages/physics/src/index.js';
import { sb21 } from '../packages/physics/test/models/fixtures/sb21.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 100);
const WARMUP = option('warmup', 20);

interface Case {
  readonly name: string;
  readonly run: () => SimulationResult;
}

function discharge(make: () => CellModel, rate: number, thermal = false): () => SimulationResult {
  return () => {
    const model = make();
    return operate(model, [constantCurrentDischarge(model.parameters.oneCCurrent, rate)], { thermal });
  };
}

const comsol = marquis2019({ comsol: true });
const marquisCell = marquis2019();
const mapped = parametersFromCell(sb21());
if (!mapped.parameters) throw new Error(mapped.problems.join('; '));
const sb: ModelParameters = mapped.parameters;

const cases: Case[] = [
  { name: 'liquid P2D, 1C discharge, COMSOL case (Marquis2019)', run: discharge(() => new P2DModel(comsol), 1) },
  { name: 'solid-state P2D, 1C discharge, standard battery 2.1', run: discharge(() => new P2DModel(sb), 1) },
  { name: 'reduced (SPMe), 1C discharge, COMSOL case', run: discharge(() => new SPMeModel(comsol), 1) },
  { name: 'reduced (SPM+ohmic), 1C discharge, standard battery 2.1', run: discharge(() => new SPMeModel(sb), 1) },
  {
    name: 'coupled thermal P2D, 1C discharge, Marquis2019 cell',
    run: discharge(() => new P2DModel(marquisCell), 1, true),
  },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

console.log(
  `cellspec physics benchmarks — ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log("Wall time includes waiting for a core when the machine is loaded; CPU time is the process's own.");
console.log(`mesh 10/5/10 volumes, 10 shells per particle; ${WARMUP} warm-up runs, ${RUNS} timed runs each\n`);
for (const c of cases) {
  let last: SimulationResult | undefined;
  for (let i = 0; i < WARMUP; i++) last = c.run();
  const times: number[] = [],
    cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = c.run();
    times.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const r = last!;
  console.log(`${c.name}`);
  console.log(
    `  median ${quantile(times, 0.5).toFixed(2)} ms wall (min ${times[0]!.toFixed(2)}, p10 ${quantile(times, 0.1).toFixed(2)}, p90 ${quantile(times, 0.9).toFixed(2)} ms); median ${quantile(cpu, 0.5).toFixed(2)} ms CPU`,
  );
  console.log(
    `  ${r.stats.steps} steps, ${r.stats.newtonIterations} Newton iterations, ${(r.dischargedCapacity * 1000).toFixed(2)} mAh to ${r.voltage.at(-1)!.toFixed(3)} V${r.failure ? ', FAILED: ' + r.failure : ''}`,
  );
}
