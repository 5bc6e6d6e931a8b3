/** Input number `i` of a fuzz run, by the kind of inputs asked for; the runner and its workers agree on it. */
import { nthInput } from '../test/fuzz/mutate.js';
import { nthFuzzInput, nthStructuredInput } from '../test/fuzz/structures.js';
import type { FuzzInputs } from './fuzz-protocol.js';

export function inputFor(inputs: FuzzInputs, seeds: readonly string[], seed: number, i: number): string {
  if (inputs === 'mutations') return nthInput(seeds, seed, i);
  if (inputs === 'structures') return nthStructuredInput(seeds, seed, i);
  return nthFuzzInput(seeds, seed, i);
}
