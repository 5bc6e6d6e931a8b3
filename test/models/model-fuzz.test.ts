/**
 * A seeded set of model fuzz cases (`model-fuzz.ts`) in the test suite: each varied example cell
 * must solve or be refused with a clear reason, within the case budget, with no exception and no
 * NaN or Infinity. The long run is `pnpm run fuzz:models -- --count N`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellIR } from '@cellspec/physics';
import { modelledExampleCells } from './example-cells.js';
import { nthModelCase, runModelCase, type ModelCaseStatus } from './model-fuzz.js';

/** Cases per run: both outcomes show up, and the set runs in about 5 s (well under 30 s) on 2 cores. */
const COUNT = Number(process.env.CELLSPEC_MODEL_FUZZ_COUNT ?? 150);
const SEED = 20261126;

describe('fuzzing the models', () => {
  let cells: CellIR[] = [];
  beforeAll(async () => {
    cells = await modelledExampleCells();
  }, 120_000);

  it('has example cells the models can run', () => {
    expect(cells.length).toBeGreaterThanOrEqual(5);
  });

  it(`solves or refuses with a reason ${COUNT} varied cells (seed ${SEED})`, () => {
    const counts: Record<ModelCaseStatus, number> = { solved: 0, refused: 0, failed: 0 };
    const failures: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const c = nthModelCase(cells.length, SEED, i);
      const outcome = runModelCase(cells, c);
      counts[outcome.status]++;
      if (outcome.status === 'failed')
        failures.push(`case ${i} (${cells[c.cell]!.name}): ${outcome.kind}\n${outcome.detail}\n${JSON.stringify(c)}`);
      if (outcome.status === 'refused') expect(outcome.detail.trim().length, `case ${i}`).toBeGreaterThan(10);
    }
    console.log(`model fuzz: ${COUNT} cases, ${counts.solved} solved, ${counts.refused} refused with a reason`);
    expect(failures.slice(0, 3)).toEqual([]);
    // The set must exercise both outcomes, or it proves little.
    expect(counts.solved).toBeGreaterThan(COUNT / 4);
    expect(counts.refused).toBeGreaterThan(0);
  }, 120_000);
});
