/**
 * The model fuzz run: property-based cases built from the resolved example cells (varied
 * geometry, loadings, porosities, temperatures, rates; zero, negative and huge values) through
 * the P2D and reduced models with the thermal coupling, as `cellspec simulate` and the editor's
 * analysis worker run them (`test/models/model-fuzz.ts`).
 *
 *   npx -y pnpm@12.4.2 run fuzz:models -- --count 500 [--seed 1] [--out /tmp/cellspec-model-fuzz]
 *
 * Every case must solve (finite voltages, capacity ≥ 0) or give a clear reason within its time
 * budget; no exception, no NaN or Infinity. The cases run one at a time in a worker thread (the
 * models use one core each); a case still running at twice its budget is a hang: the worker is
 * replaced and the run goes on with the next case. Prints counts, outcomes and failures by kind
 * (each failure kind's first case is saved as JSON under --out), the slowest case and the
 * median. Exit 1 when any case failed.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelledExampleCells } from '../test/models/example-cells.js';
import { CASE_BUDGET_MS, nthModelCase } from '../test/models/model-fuzz.js';
import type { ModelCaseReport, ModelWorkerTask } from './fuzz-models-worker.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const count = Number(arg('count', '500'));
const seed = Number(arg('seed', '1'));
const out = arg('out', '/tmp/cellspec-model-fuzz');
const HANG_MS = Number(arg('hang-ms', String(2 * CASE_BUDGET_MS)));
mkdirSync(out, { recursive: true });

const cells = await modelledExampleCells();
console.log(
  `model fuzz: ${count} cases (seed ${seed}) from ${cells.length} example cells: ${cells.map((c) => c.name).join(', ')}`,
);
const statuses = { solved: 0, refused: 0, failed: 0 };
/** Solved and refused cases by kind. */
const outcomes = new Map<string, number>();
const failures = new Map<string, { count: number; first: number; file: string }>();
const times: number[] = [];
let slowest = { ms: 0, index: -1, detail: '' };
const started = performance.now();

function record(r: ModelCaseReport): void {
  statuses[r.status]++;
  times.push(r.ms);
  if (r.ms > slowest.ms) slowest = { ms: r.ms, index: r.index, detail: r.detail };
  if (r.status !== 'failed') outcomes.set(r.kind, (outcomes.get(r.kind) ?? 0) + 1);
  if (r.status !== 'failed') return;
  let kind = failures.get(r.kind);
  if (!kind) {
    const file = join(out, `case-${r.index}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        { seed, index: r.index, kind: r.kind, detail: r.detail, case: nthModelCase(cells.length, seed, r.index) },
        null,
        2,
      ),
    );
    failures.set(r.kind, (kind = { count: 0, first: r.index, file }));
    console.log(`new failure at case ${r.index}: ${r.kind}\n  ${r.detail.split('\n')[0]}\n  saved ${file}`);
  }
  kind.count++;
}

/** Runs cases from `from` on; resolves when all are done. A hang replaces the worker. */
function runFrom(from: number): Promise<void> {
  if (from >= count) return Promise.resolve();
  const progress = new Int32Array(new SharedArrayBuffer(8));
  Atomics.store(progress, 0, from);
  const task: ModelWorkerTask = {
    seed,
    start: from,
    end: count,
    cells,
    progress: progress.buffer as SharedArrayBuffer,
  };
  const worker = new Worker(new URL('./fuzz-models-worker.ts', import.meta.url), { workerData: task });
  let crash: string | undefined;
  worker.on('message', (r: ModelCaseReport) => record(r));
  worker.on('error', (e) => {
    crash = `${e.name}: ${e.message}`.split('\n')[0];
  });
  return new Promise((resolve) => {
    let index = from,
      since = performance.now(),
      lastLog = since;
    const timer = setInterval(() => {
      const now = performance.now();
      const current = Atomics.load(progress, 0);
      if (current !== index) {
        index = current;
        since = now;
      }
      if (now - lastLog > 60_000) {
        lastLog = now;
        console.log(`${times.length}/${count} cases after ${((now - started) / 1000).toFixed(0)} s`);
      }
      if (now - since > HANG_MS) {
        clearInterval(timer);
        record({
          index,
          status: 'failed',
          kind: 'hang',
          detail: `no result after ${HANG_MS / 1000} s`,
          ms: now - since,
        });
        void worker
          .terminate()
          .then(() => runFrom(index + 1))
          .then(resolve);
      }
    }, 1000);
    worker.on('exit', () => {
      if (performance.now() - since > HANG_MS) return; // stopped above as a hang
      clearInterval(timer);
      const finished = from + Atomics.load(progress, 1);
      if (finished >= count) {
        resolve();
        return;
      }
      // Died on its own: the case it was on is a crash; go on with the next.
      record({
        index: finished,
        status: 'failed',
        kind: `crash: ${crash ?? 'worker exited'}`,
        detail: crash ?? '',
        ms: 0,
      });
      void runFrom(finished + 1).then(resolve);
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.log(`\nstopped by ${signal}`);
    summary();
  });
await runFrom(0);
summary();

function summary(): never {
  const wallS = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1]! : 0;
  console.log(
    `\nmodel fuzz: ${times.length} of ${count} cases (seed ${seed}) in ${wallS.toFixed(0)} s, ${(times.length / wallS).toFixed(2)} cases/s`,
  );
  console.log(
    `solved ${statuses.solved}, refused with a reason ${statuses.refused}, failed ${statuses.failed}; case budget ${CASE_BUDGET_MS / 1000} s`,
  );
  console.log('solved and refused by kind:');
  for (const [kind, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${kind}`);
  console.log(`failures by kind:${failures.size === 0 ? ' none' : ''}`);
  for (const [kind, f] of failures) console.log(`  ${f.count} × ${kind} — first at case ${f.first} (${f.file})`);
  console.log(
    `slowest case: ${slowest.ms.toFixed(0)} ms (case ${slowest.index}: ${slowest.detail.slice(0, 200)}); median ${median.toFixed(1)} ms`,
  );
  process.exit(statuses.failed > 0 || times.length !== count ? 1 : 0);
}
