/**
 * Fits in the analysis worker: a fit runs off the server's thread, reports progress after every
 * iteration, returns plain data, and stops when cancelled (running or still waiting).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIT_PARAMETERS,
  parametersFromCell,
  replay,
  segmentCurrent,
  type CellIR,
  type FitProgress,
  type MeasuredSeries,
} from '@cellspec/physics';
import { loadWorkspace, resolveDocument } from '../../src/index.js';
import { AnalysisService } from '../../src/analysis/index.js';

const ROOT = join(import.meta.dirname, '../../../..');
const WORKER = { file: new URL('../../src/analysis/worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
const TRUTH = 20e-4; // Ω·m², series interface resistance

let cell: CellIR;
let series: MeasuredSeries;
const service = new AnalysisService({ worker: WORKER });
afterAll(() => service.dispose());

beforeAll(async () => {
  const workspace = await loadWorkspace([join(ROOT, 'examples/cells/standard-battery-2-1.cellspec')]);
  const file = workspace.files.find((f) => f.requested)!;
  cell = resolveDocument(workspace.services, file.document).ir.cells.find((c) => c.name === 'SB21')!;
  const truth = FIT_PARAMETERS.find((d) => d.name === 'interface-resistance')!.set(
    parametersFromCell(cell).parameters!,
    TRUTH,
  );
  // Noise-free: a rest, a 2C pulse and its relaxation, a sample every 5 s.
  const profile = [
    [0, 30],
    [2, 60],
    [0, 120],
  ] as const;
  const time: number[] = [];
  const current: number[] = [];
  let t = 0;
  for (const [rate, seconds] of profile) {
    for (let s = 0; s < seconds; s += 5) {
      time.push(t + s);
      current.push(rate * truth.oneCCurrent);
    }
    t += seconds;
  }
  const draft = { label: 'pulse', time, current, voltage: time.map(() => 0) };
  series = {
    ...draft,
    voltage: Array.from(replay(truth, draft, segmentCurrent(draft), 0.5, { model: 'reduced' }).voltage),
  };
}, 60_000);

describe('fits in the analysis worker', () => {
  it('fits off the thread with progress per iteration', async () => {
    const progress: FitProgress[] = [];
    const handle = service.fit(
      { cell, experiments: [{ series, initialSoc: 0.5 }], parameters: ['interface-resistance'], model: 'reduced' },
      (p) => progress.push(p),
    );
    const result = await handle.result;
    if (!result.ok) throw new Error(result.message);
    // Noise-free data from the same model: the optimum is the truth to the solver's accuracy (1e-4).
    expect(result.parameters[0]!.value / TRUTH - 1).toBeCloseTo(0, 4);
    expect(progress.length).toBe(result.iterations);
    expect(progress.map((p) => p.iteration)).toEqual(progress.map((_, k) => k + 1));
  }, 60_000);

  it('a cancelled fit stops, running or waiting, and the worker serves the next one', async () => {
    // The full P2D model: long enough to be cancelled after its first iteration.
    const request = {
      cell,
      experiments: [{ series, initialSoc: 0.5 }],
      parameters: ['interface-resistance', 'cathode.diffusivity'],
    };
    let cancelRunning = () => {};
    const running = service.fit(request, () => cancelRunning());
    cancelRunning = running.cancel;
    const waiting = service.fit(request);
    waiting.cancel();
    expect(await waiting.result).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await running.result).toMatchObject({ ok: false, reason: 'cancelled' });
    const next = await service.fit({ ...request, parameters: ['interface-resistance'], model: 'reduced' }).result;
    expect(next.ok).toBe(true);
  }, 60_000);
});
