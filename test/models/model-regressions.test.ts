/**
 * Every model case the fuzzer once broke, kept under `regressions/` (the cell by name, the
 * edits and run of `model-fuzz.ts`, what broke and where it was fixed): each must now end as
 * expected — solved, or refused with a reason — within the case budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellIR } from '@cellspec/physics';
import { modelledExampleCells } from './example-cells.js';
import { runModelCase, type ModelCase, type ModelCaseStatus } from './model-fuzz.js';

interface Regression {
  readonly found: string;
  readonly fixedIn: string;
  readonly expect: Exclude<ModelCaseStatus, 'failed'>;
  readonly cell: string;
  readonly case: Omit<ModelCase, 'cell'>;
}

const DIR = new URL('./regressions/', import.meta.url).pathname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('model fuzz regressions', () => {
  let cells: CellIR[] = [];
  beforeAll(async () => {
    cells = await modelledExampleCells();
  }, 120_000);

  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)(
    '%s',
    (file) => {
      const r = JSON.parse(readFileSync(DIR + file, 'utf8')) as Regression;
      expect(r.found.length).toBeGreaterThan(10);
      const index = cells.findIndex((c) => c.name === r.cell);
      expect(index, `example cell ${r.cell}`).toBeGreaterThanOrEqual(0);
      const outcome = runModelCase(cells, { ...r.case, cell: index } as ModelCase);
      expect(`${outcome.status}: ${outcome.kind}`).toBe(`${r.expect}: ${outcome.kind}`);
    },
    120_000,
  );
});
