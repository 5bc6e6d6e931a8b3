/**
 * How far V8 lets the language server's heap grow between full collections.
 *
 * After a full collection V8 lets the heap grow to a multiple of what survived (its "growing
 * factor", chosen from collection speed against allocation rate and capped at 4 on machines
 * with plenty of memory) before it collects again. The server's live data after opening the
 * 1,000-file benchmark workspace is ~100 MB, and a build allocates several times that in
 * short-lived objects, so with a factor near 4 the heap filled with ~170 MB of garbage and the
 * process stood at ~350 MB resident. Capping the factor at 2 kept it at ~260–290 MB.
 *
 * Trade-off: full collections come about twice as often (11 instead of 2 while opening that
 * workspace; together ~0.5 s, mostly marking on a helper thread). Build time and keystroke
 * latency were the same within run-to-run noise on a 2-core machine. The flag is V8's own and
 * is read at every collection, so setting it at start-up is enough; a Node that refuses it
 * simply keeps its default.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // Keep V8's default factor.
  }
}
