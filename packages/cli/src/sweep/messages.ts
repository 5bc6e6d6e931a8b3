/** Messages between the sweep command and its workers (plain data: the IR survives structured clone). */
import type { CellIR, SweepAxis, SweepPoint, SweepSimulation } from '@cellspec/physics';

export interface SweepWorkerData {
  readonly cellspecSweepWorker: true;
  readonly cell: CellIR;
  readonly axes: readonly SweepAxis[];
  readonly simulation?: SweepSimulation;
}

/** Main → worker: evaluate these grid points (indices into `sweepGrid(axes)`). */
export interface SweepChunk {
  readonly indices: readonly number[];
}

/** Worker → main: the points of one chunk, constraints not yet checked. */
export interface SweepChunkDone {
  readonly points: readonly Omit<SweepPoint, 'violated'>[];
}

export function isSweepWorkerData(data: unknown): data is SweepWorkerData {
  return typeof data === 'object' && data !== null && (data as Partial<SweepWorkerData>).cellspecSweepWorker === true;
}
