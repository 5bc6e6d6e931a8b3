/**
 * A seeded fuzz run inside the test suite: mutated example specs through parse → link →
 * validate → resolve → design → hover must raise no exception, show no NaN or Infinity and
 * finish each within the time budget. The full run (≥ 100,000 inputs) is `pnpm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { seedSpecs } from './corpus.js';
import { failureKey } from './minimize.js';
import { nthInput } from './mutate.js';
import { FuzzPipeline } from './pipeline.js';
import { nthStructuredInput } from './structures.js';

/** Inputs per run: enough to meet every mutation kind on every seed, small enough for CI. */
const COUNT = Number(process.env.CELLSPEC_FUZZ_COUNT ?? 1500);
const SEED = 20261126;
/** Grammar-aware inputs (chains, nesting, comment floods, line endings, unterminated tokens): a small sample of `pnpm fuzz`. */
const STRUCTURED_COUNT = Number(process.env.CELLSPEC_FUZZ_STRUCTURED_COUNT ?? 150);

describe('fuzzing the language pipeline', () => {
  it(`survives ${COUNT} mutated specs (seed ${SEED})`, async () => {
    const pipeline = new FuzzPipeline();
    const seeds = seedSpecs();
    expect(seeds.length).toBeGreaterThan(3);
    const failures: string[] = [];
    let slowest = 0;
    for (let i = 0; i < COUNT; i++) {
      const input = nthInput(seeds, SEED, i);
      let outcome = await pipeline.run(input);
      // A slow input on a busy CI machine may be the scheduler's doing: a slow input is slow twice.
      if (outcome.failures.length > 0 && outcome.failures.every((f) => f.stage === 'slow'))
        outcome = await pipeline.run(input);
      slowest = Math.max(slowest, outcome.ms);
      // Crashes, escaped exceptions and non-finite output fail; an input slow twice is reported
      // (the time budget is measured on a quiet machine by `pnpm fuzz`, not inside the suite).
      for (const f of outcome.failures.filter((x) => x.stage !== 'slow'))
        failures.push(`input ${i}: ${failureKey(f)}\n${JSON.stringify(input.slice(0, 400))}`);
    }
    console.log(`fuzz: ${COUNT} inputs, slowest ${slowest.toFixed(0)} ms`);
    expect(failures.slice(0, 5)).toEqual([]);
  }, 600_000);

  // Input 79 nests `repeat 2 {` about 60 deep: the ideal-cycler estimate walks loops deeper than
  // 8 levels once (`physics/src/testplan/ideal.ts`), so it finishes in linear time.
  it(`survives ${STRUCTURED_COUNT} grammar-aware structures in specs (seed ${SEED})`, async () => {
    const pipeline = new FuzzPipeline();
    const seeds = seedSpecs();
    const failures: string[] = [];
    for (let i = 0; i < STRUCTURED_COUNT; i++) {
      const input = nthStructuredInput(seeds, SEED, i);
      let outcome = await pipeline.run(input);
      if (outcome.failures.length > 0 && outcome.failures.every((f) => f.stage === 'slow'))
        outcome = await pipeline.run(input);
      // Crashes and escaped exceptions fail; a slow input on a loaded machine is only reported.
      for (const f of outcome.failures.filter((x) => x.stage !== 'slow'))
        failures.push(`input ${i}: ${failureKey(f)}\n${JSON.stringify(input.slice(0, 400))}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 600_000);
});
