/**
 * Every input the fuzzer once broke the pipeline with, kept as a fixture under `regressions/`;
 * each file's header says what broke and where it was fixed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureKey } from './minimize.js';
import { FuzzPipeline } from './pipeline.js';

const DIR = new URL('./regressions/', import.meta.url).pathname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.cellspec'))
  .sort();
const pipeline = new FuzzPipeline();

describe('fuzz regressions', () => {
  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s runs through the pipeline cleanly', async (file) => {
    const text = readFileSync(DIR + file, 'utf8');
    expect(text.startsWith('// Fuzz regression:')).toBe(true);
    const outcome = await pipeline.run(text);
    expect(outcome.failures.map(failureKey)).toEqual([]);
    // Each fixture is a damaged spec: it must be reported, not silently accepted.
    expect(outcome.diagnostics).toBeGreaterThan(0);
  });
});
