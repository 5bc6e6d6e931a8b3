/**
 * The fuzz run: mutated example specs through parse → link → validate → resolve → design →
 * hover, spread over worker threads, with a watchdog that turns a hung input into a reported
 * failure instead of a stuck run.
 *
 *   npx -y pnpm@12.4.2 run fuzz -- --count 100000 [--seed 1] [--workers 2] [--out /tmp/cellspec-fuzz]
 *
 * Prints the number of inputs, failures by kind (each kind's first input is saved, with a
 * minimised version, under --out), the slowest input's time and the throughput. Exit 1 when
 * anything failed.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { WorkerReport, WorkerTask } from './fuzz-worker.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const count = Number(arg('count', '100000'));
const seed = Number(arg('seed', '1'));
const workers = Math.max(1, Number(arg('workers', String(Math.min(2, availableParallelism())))));
const out = arg('out', '/tmp/cellspec-fuzz');
/** An input that makes no progress for this long is a hang (far above the 1 s budget, to ride out a busy machine). */
const HANG_MS = Number(arg('hang-ms', '30000'));
mkdirSync(out, { recursive: true });

interface Slot {
  worker?: Worker;
  lastBeat: number;
  lastChange: number;
  done: number;
  failed: number;
  totalMs: number;
  finished: boolean;
  /** Set by the worker's first report: start-up (imports, workspace build) is not a hang. */
  ready: boolean;
  /** Totals of terminated earlier workers of this slot. */
  carried: { done: number; failed: number; totalMs: number };
}

/** Per worker: the input index it is on, and a heartbeat counter bumped on every pipeline run. */
const progress = new SharedArrayBuffer(8 * workers);
const progressView = new Int32Array(progress);
const slots: Slot[] = [];
const kinds = new Map<string, { count: number; first: number; file?: string }>();
let slowest = { ms: 0, index: -1 };
let hangs = 0;
const started = performance.now();

function start(slotIndex: number, from: number): void {
  const slot = slots[slotIndex]!;
  Atomics.store(progressView, slotIndex * 2, from);
  slot.lastBeat = Atomics.load(progressView, slotIndex * 2 + 1);
  slot.lastChange = performance.now();
  slot.ready = false;
  const task: WorkerTask = { seed, start: from, end: count, stride: workers, slot: slotIndex, progress, known: [...kinds.keys()] };
  const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), { workerData: task });
  slot.worker = worker;
  worker.on('message', (m: WorkerReport) => {
    if (!slot.ready) slot.lastChange = performance.now();
    slot.ready = true;
    if (m.type === 'ready') return;
    if (m.type === 'progress') {
      slot.done = slot.carried.done + m.done;
      slot.failed = slot.carried.failed + m.failed;
      slot.totalMs = slot.carried.totalMs + m.totalMs;
      if (m.slowestMs > slowest.ms) slowest = { ms: m.slowestMs, index: m.slowestIndex };
    } else if (m.type === 'failure') {
      const file = join(out, `failure-${m.index}.cellspec`);
      writeFileSync(file, m.input);
      writeFileSync(join(out, `failure-${m.index}.min.cellspec`), m.minimized);
      const kind = kinds.get(m.key) ?? { count: 0, first: m.index, file };
      kinds.set(m.key, kind);
      console.log(`new failure at input ${m.index}: ${m.key}\n  saved ${file} (minimised: ${JSON.stringify(m.minimized.slice(0, 200))})`);
    } else if (m.type === 'finished') {
      slot.finished = true;
    }
  });
  worker.on('error', (e) => {
    console.log(`worker ${slotIndex} crashed: ${e.message}`);
    slot.finished = true;
  });
}

for (let k = 0; k < workers; k++) {
  slots.push({ lastBeat: -1, lastChange: 0, done: 0, failed: 0, totalMs: 0, finished: false, ready: false, carried: { done: 0, failed: 0, totalMs: 0 } });
  start(k, k);
}

let lastLog = performance.now();
await new Promise<void>((resolveAll) => {
  // Stopped early (Ctrl-C, a CI time limit): report what ran.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { console.log(`\nstopped by ${signal}`); summary(); });
  const timer = setInterval(() => {
    const now = performance.now();
    slots.forEach((slot, k) => {
      if (slot.finished || !slot.ready) return;
      const index = Atomics.load(progressView, k * 2);
      const beat = Atomics.load(progressView, k * 2 + 1);
      if (beat !== slot.lastBeat) {
        slot.lastBeat = beat;
        slot.lastChange = now;
      } else if (now - slot.lastChange > HANG_MS) {
        hangs++;
        console.log(`input ${index} made no progress for ${HANG_MS / 1000} s: counted as a hang, worker restarted`);
        void slot.worker?.terminate();
        slot.carried = { done: slot.done + 1, failed: slot.failed + 1, totalMs: slot.totalMs + HANG_MS };
        slot.done = slot.carried.done;
        slot.failed = slot.carried.failed;
        const key = 'hang';
        const kind = kinds.get(key) ?? { count: 0, first: index };
        kinds.set(key, kind);
        if (index + workers < count) start(k, index + workers);
        else slot.finished = true;
      }
    });
    const done = slots.reduce((s, x) => s + x.done, 0);
    if (process.stdout.isTTY) process.stdout.write(`\r${done}/${count} inputs…`);
    else if (now - lastLog > 60_000) {
      lastLog = now;
      console.log(`${done}/${count} inputs after ${((now - started) / 1000).toFixed(0)} s, ${slots.reduce((s, x) => s + x.failed, 0)} failed`);
    }
    if (slots.every((s) => s.finished)) {
      clearInterval(timer);
      resolveAll();
    }
  }, 1000);
});

summary();

function summary(): never {
  const done = slots.reduce((s, x) => s + x.done, 0);
  const failed = slots.reduce((s, x) => s + x.failed, 0);
  const busyMs = slots.reduce((s, x) => s + x.totalMs, 0);
  const wallS = (performance.now() - started) / 1000;
  console.log(`\nfuzz: ${done} inputs (seed ${seed}, ${workers} workers) in ${wallS.toFixed(0)} s, ${(done / wallS).toFixed(0)} inputs/s`);
  console.log(`failed inputs: ${failed} (hangs: ${hangs}); distinct failure kinds: ${kinds.size}`);
  for (const [key, kind] of kinds) console.log(`  ${key} — first at input ${kind.first}${kind.file ? ` (${kind.file})` : ''}`);
  console.log(`slowest input: ${slowest.ms.toFixed(1)} ms (input ${slowest.index}); mean ${(busyMs / Math.max(1, done)).toFixed(1)} ms`);
  process.exit(failed > 0 ? 1 : 0);
}
