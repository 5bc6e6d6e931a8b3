/**
 * The key of an analysis: a hash of the cell IR the models read, without provenance (source
 * files, lines, citations), so editing a comment or moving a declaration does not re-run
 * simulations, while any change of a value does.
 */
import { createHash } from 'node:crypto';
import type { CellIR } from '@cellspec/physics';

const PROVENANCE = new Set([
  'sources',
  'source',
  'file',
  'line',
  'title',
  'description',
  'supplier',
  'grade',
  'lot',
  'targets',
]);

/** JSON with object keys sorted and provenance dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => !PROVENANCE.has(k) && (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Keys already computed, by IR object: a resolved cell is immutable and the same object is
 * shared by every request until the next edit (inlay hints, hover and diagnostics each ask).
 */
const keys = new WeakMap<CellIR, string>();

export function analysisKey(cell: CellIR): string {
  let key = keys.get(cell);
  if (key === undefined) {
    key = createHash('sha256').update(canonicalJson(cell)).digest('hex').slice(0, 32);
    keys.set(cell, key);
  }
  return key;
}
