/**
 * The fuzz run: mutated example specs through parse → link → validate → resolve → design →
 * hover, spread over worker threads, with a watchdog that turns a hung input into a reported
 * failure instead of a stuck run.
 *
 *   npx -y pnpm@12.4.2 run fuzz -- --count 100000 [--seed 1] [--workers 2] [--out /tmp/cellspec-fuzz]
 *       [--target pipeline|cli|server] [--inputs mixed|mutations|structures]
 *
 * `--target` (default pipeline): the in-process language pipeline; `cli`, the `check` command's
 * path over a file on disk in all report formats; `server`, the language server process, which
 * must publish diagnostics and answer a symbol and a hover request after every input
 * (`test/fuzz/targets.ts`). `--inputs` (default mixed): token mutations of the seed specs, the
 * grammar-aware structures of `test/fuzz/structures.ts` (long chains, deep and wide nesting,
 * comment floods, mixed line endings, unterminated tokens), or both in turn.
 *
 * Exactly `--count` inputs are processed: each worker's finished-input count lives in shared
 * memory, so when a worker has to be stopped (a hang) or dies (a crash) the input it was on is
 * counted as a failure of that kind and the worker is restarted on the next one; no input is
 * lost or run twice. Prints the number of inputs, failures by kind (each kind's first input is
 * saved, with a minimised version, under --out), the slowest input's time and the throughput.
 * Exit 1 when anything failed.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { seedSpecs } from '../test/fuzz/corpus.js';
import {
  COUNTERS,
  Counter,
  type FuzzInputs,
  type FuzzTargetName,
  type WorkerReport,
  type WorkerTask,
} from './fuzz-protocol.js';
import { inputFor } from './fuzz-inputs.js';
import { buildServer } from '../test/scale/lsp-client.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const count = Number(arg('count', '100000'));
const seed = Number(arg('seed', '1'));
const workers = Math.max(1, Math.min(count, Number(arg('workers', String(Math.min(2, availableParallelism()))))));
const out = arg('out', '/tmp/cellspec-fuzz');
const target = arg('target', 'pipeline') as FuzzTargetName;
const inputs = arg('inputs', 'mixed') as FuzzInputs;
if (!['pipeline', 'cli', 'server'].includes(target) || !['mixed', 'mutations', 'structures'].includes(inputs)) {
  console.error('--target is pipeline, cli or server; --inputs is mixed, mutations or structures');
  process.exit(2);
}
/** An input that makes no progress for this long is a hang (far above the 1 s budget, to ride out a busy machine). */
const HANG_MS = Number(arg('hang-ms', '30000'));
mkdirSync(out, { recursive: true });

interface Totals {
  done: number;
  failed: number;
  totalMicros: number;
}

interface Slot {
  worker?: Worker;
  /** First input of the current worker; it runs `start, start + workers, …`. */
  start: number;
  lastBeat: bigint;
  lastChange: number;
  /** Set by the worker's first message: start-up (imports, workspace build) is not a hang. */
  ready: boolean;
  finished: boolean;
  /** The parent is stopping this worker; its exit is not a crash. */
  stopping: boolean;
  crash?: string;
  /** Totals of this slot's earlier, stopped workers (and the inputs they hung or crashed on). */
  carried: Totals;
}

// The server target runs the bundle as the editor would; build it once, before the workers start.
if (target === 'server') await buildServer();

const counters = new BigInt64Array(new SharedArrayBuffer(8 * COUNTERS * workers));
const read = (k: number, c: number) => Atomics.load(counters, k * COUNTERS + c);
const seeds = seedSpecs();
const slots: Slot[] = [];
const kinds = new Map<string, { count: number; first: number; file?: string }>();
let slowest = { micros: 0, index: -1 };
const started = performance.now();

/** Counts one failing input under `key`; saves the input when the kind is new to the run. */
function recordFailure(key: string, index: number, input: string, minimized?: string): void {
  let kind = kinds.get(key);
  if (!kind) {
    const file = join(out, `failure-${index}.cellspec`);
    writeFileSync(file, input);
    if (minimized !== undefined) writeFileSync(join(out, `failure-${index}.min.cellspec`), minimized);
    kinds.set(key, (kind = { count: 0, first: index, file }));
    console.log(
      `new failure at input ${index}: ${key}\n  saved ${file}${minimized !== undefined ? ` (minimised: ${JSON.stringify(minimized.slice(0, 200))})` : ''}`,
    );
  }
  kind.count++;
}

/** The live worker's totals plus those carried over from the slot's stopped workers. */
function slotTotals(k: number): Totals {
  const slot = slots[k]!;
  return {
    done: slot.carried.done + Number(read(k, Counter.done)),
    failed: slot.carried.failed + Number(read(k, Counter.failed)),
    totalMicros: slot.carried.totalMicros + Number(read(k, Counter.totalMicros)),
  };
}

function start(k: number, from: number): void {
  const slot = slots[k]!;
  if (from >= count) {
    slot.finished = true;
    return;
  }
  for (let c = 0; c < COUNTERS; c++) Atomics.store(counters, k * COUNTERS + c, 0n);
  Object.assign(slot, {
    start: from,
    lastBeat: 0n,
    lastChange: performance.now(),
    ready: false,
    stopping: false,
    crash: undefined,
  });
  const task: WorkerTask = {
    target,
    inputs,
    seed,
    start: from,
    end: count,
    stride: workers,
    slot: k,
    counters: counters.buffer as SharedArrayBuffer,
    known: [...kinds.keys()],
  };
  const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), { workerData: task });
  slot.worker = worker;
  worker.on('message', (m: WorkerReport) => {
    if (!slot.ready) slot.lastChange = performance.now();
    slot.ready = true;
    if (m.type === 'failure') recordFailure(m.key, m.index, m.input, m.minimized);
    else if (m.type === 'finished') slot.finished = true;
  });
  worker.on('error', (e) => {
    slot.crash = `${e.name}: ${e.message}`.split('\n')[0] ?? e.name;
  });
  worker.on('exit', () => {
    if (slot.worker !== worker || slot.finished || slot.stopping) return;
    // Died on its own (an uncaught error, out of memory): the input it was on is a crash.
    void replace(k, `crash: ${slot.crash ?? 'worker exited'}`);
  });
}

/**
 * Stops slot `k`'s worker (if still running), carries its counts over, counts the input it did
 * not finish as a failure of kind `key` and starts a new worker on the next input. If the worker
 * made progress after all while being stopped, the unfinished input was only interrupted: it is
 * run again instead.
 */
async function replace(k: number, key: string, beatAtDecision?: bigint): Promise<void> {
  const slot = slots[k]!;
  slot.stopping = true;
  await slot.worker?.terminate();
  const doneHere = Number(read(k, Counter.done));
  const unfinished = slot.start + doneHere * workers;
  const sIndex = Number(read(k, Counter.slowestIndex));
  const sMicros = Number(read(k, Counter.slowestMicros));
  if (sMicros > slowest.micros) slowest = { micros: sMicros, index: sIndex };
  slot.carried = slotTotals(k);
  const interrupted = beatAtDecision !== undefined && read(k, Counter.beat) !== beatAtDecision;
  if (unfinished >= count) {
    slot.finished = true;
    return;
  }
  if (interrupted) {
    start(k, unfinished);
    return;
  }
  console.log(`input ${unfinished}: ${key}; worker restarted on the next input`);
  slot.carried.done++;
  slot.carried.failed++;
  slot.carried.totalMicros += key === 'hang' ? HANG_MS * 1000 : 0;
  recordFailure(key, unfinished, inputFor(inputs, seeds, seed, unfinished));
  start(k, unfinished + workers);
}

for (let k = 0; k < workers; k++) {
  slots.push({
    start: k,
    lastBeat: 0n,
    lastChange: 0,
    ready: false,
    finished: false,
    stopping: false,
    carried: { done: 0, failed: 0, totalMicros: 0 },
  });
  start(k, k);
}

let lastLog = performance.now();
await new Promise<void>((resolveAll) => {
  // Stopped early (Ctrl-C, a CI time limit): report what ran.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      console.log(`\nstopped by ${signal}`);
      summary();
    });
  const timer = setInterval(() => {
    const now = performance.now();
    slots.forEach((slot, k) => {
      if (slot.finished || slot.stopping || !slot.ready) return;
      const beat = read(k, Counter.beat);
      if (beat !== slot.lastBeat) {
        slot.lastBeat = beat;
        slot.lastChange = now;
      } else if (now - slot.lastChange > HANG_MS) {
        console.log(`no progress for ${HANG_MS / 1000} s: a hang`);
        void replace(k, 'hang', beat);
      }
    });
    const done = slots.reduce((s, _, k) => s + slotTotals(k).done, 0);
    if (process.stdout.isTTY) process.stdout.write(`\r${done}/${count} inputs…`);
    else if (now - lastLog > 60_000) {
      lastLog = now;
      console.log(
        `${done}/${count} inputs after ${((now - started) / 1000).toFixed(0)} s, ${slots.reduce((s, _, k) => s + slotTotals(k).failed, 0)} failed`,
      );
    }
    if (slots.every((s) => s.finished)) {
      clearInterval(timer);
      resolveAll();
    }
  }, 1000);
});

summary();

function summary(): never {
  const totals = slots.map((_, k) => slotTotals(k));
  for (let k = 0; k < slots.length; k++) {
    const micros = Number(read(k, Counter.slowestMicros));
    if (micros > slowest.micros) slowest = { micros, index: Number(read(k, Counter.slowestIndex)) };
  }
  const done = totals.reduce((s, x) => s + x.done, 0);
  const failed = totals.reduce((s, x) => s + x.failed, 0);
  const busyMicros = totals.reduce((s, x) => s + x.totalMicros, 0);
  const wallS = (performance.now() - started) / 1000;
  console.log(
    `\nfuzz: ${done} of ${count} inputs (target ${target}, inputs ${inputs}, seed ${seed}, ${workers} workers) in ${wallS.toFixed(0)} s, ${(done / wallS).toFixed(1)} inputs/s`,
  );
  console.log(
    `failed inputs: ${failed} (hangs: ${[...kinds].filter(([k]) => k.startsWith('hang')).reduce((n, [, v]) => n + v.count, 0)}, crashes: ${[...kinds].filter(([k]) => k.startsWith('crash')).reduce((n, [, v]) => n + v.count, 0)}); distinct failure kinds: ${kinds.size}`,
  );
  for (const [key, kind] of kinds)
    console.log(`  ${kind.count} × ${key} — first at input ${kind.first}${kind.file ? ` (${kind.file})` : ''}`);
  console.log(
    `slowest input: ${(slowest.micros / 1000).toFixed(1)} ms (input ${slowest.index}); mean ${(busyMicros / 1000 / Math.max(1, done)).toFixed(1)} ms`,
  );
  if (done !== count) console.log(`incomplete: ${count - done} inputs not run`);
  process.exit(failed > 0 || done !== count ? 1 : 0);
}
