/** A simulated sweep on worker threads: the same points as on one thread, cancellable, with progress. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import { sweepDesign, type CellIR } from '@cellspec/physics';
import { sweepInParallel } from '../src/sweep/parallel.js';

const ROOT = join(import.meta.dirname, '../../..');

async function demo6c(): Promise<CellIR> {
  const ws = await loadWorkspace([join(ROOT, 'examples/demonstration/demo-6c-11mah.cellspec')]);
  const file = ws.files.find((f) => f.requested)!;
  return resolveDocument(ws.services, file.document).ir.cells.find((c) => c.name === 'Demo6C')!;
}

const AXES = [
  { path: 'cathode.loading', values: [0.05, 0.07, 0.09] }, // 5, 7, 9 mg/cm²
  { path: 'separator.thickness', values: [15e-6, 30e-6] },
];
const OPTIONS = {
  simulation: { direction: 'charge' as const, rate: 6, targetSoc: 0.8, fidelity: 'reduced' as const },
  constraints: [{ metric: 'sim-anode-min', op: '>=' as const, value: 0 }],
  objectives: [
    { metric: 'ed-stack', direction: 'max' as const },
    { metric: 'sim-soc', direction: 'max' as const },
  ],
};

describe('sweep on worker threads', () => {
  it('gives every point exactly as the single-threaded sweep does, in grid order', async () => {
    const cell = await demo6c();
    const single = sweepDesign(cell, AXES, OPTIONS);
    const progress: number[] = [];
    const parallel = await sweepInParallel(cell, AXES, {
      ...OPTIONS,
      workers: 2,
      chunk: 1,
      onProgress: (done) => progress.push(done),
    });
    expect(parallel.cancelled).toBe(false);
    expect(parallel.workers).toBe(2);
    // Exact equality: the same evaluatePoint on the same IR, no clock-dependent step in either run.
    expect(parallel.points).toEqual(single.points);
    expect(parallel.front).toEqual(single.front);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  }, 120_000);

  it('stops when cancelled: the workers are terminated and the sweep says so', async () => {
    const cell = await demo6c();
    const controller = new AbortController();
    // Cancelled while the workers start (Ctrl-C right away): nothing is evaluated, nothing waits.
    const running = sweepInParallel(cell, AXES, { ...OPTIONS, workers: 2, chunk: 1, signal: controller.signal });
    controller.abort();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.points).toEqual([]);
  }, 120_000);
});
