/**
 * Seed specs for fuzzing: the bundled examples, the valid fixtures, the spec texts written in
 * the language package's tests, and a generated standard cell with its materials library.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cellFileText, libraryText } from '../../scripts/gen-workspace.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** URI under which the generated library lives in the fuzz workspace (cell seeds import it). */
export const FUZZ_LIBRARY_URI = 'file:///fuzz/lib/materials.cellspec';
/** URI every fuzz input is built under (so `import "../lib/materials.cellspec"` links). */
export const FUZZ_INPUT_URI = 'file:///fuzz/cells/input.cellspec';

function filesUnder(dir: string, pred: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, pred));
    else if (pred(name)) out.push(path);
  }
  return out;
}

/** Template literals in test sources that look like whole specs and need no interpolation. */
function specsInTests(): string[] {
  const specs: string[] = [];
  for (const file of filesUnder(join(ROOT, 'packages/language/test'), (n) => n.endsWith('.test.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/`([^`]*)`/g)) {
      const text = m[1]!;
      if (!text.includes('${') && /\b(cell|material|test-plan|process)\s+[A-Za-z]/.test(text) && text.length > 80)
        specs.push(text);
    }
  }
  return specs;
}

/**
 * Files the fuzz workspace holds besides the input, by URI: the bundled examples under
 * `file:///fuzz/<their path below examples/>` (so an input at `cells/input.cellspec` that imports
 * `../materials/…` links as the example did) and the generated materials library.
 */
export function workspaceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const examples = join(ROOT, 'examples');
  for (const path of filesUnder(examples, (n) => n.endsWith('.cellspec'))) {
    files.set(`file:///fuzz/${path.slice(examples.length + 1)}`, readFileSync(path, 'utf8'));
  }
  files.set(FUZZ_LIBRARY_URI, libraryText());
  return files;
}

export function seedSpecs(): string[] {
  const isSpec = (n: string) => n.endsWith('.cellspec');
  const files = [
    ...filesUnder(join(ROOT, 'examples'), isSpec),
    ...filesUnder(join(ROOT, 'packages/language/test/fixtures/valid'), isSpec),
    ...filesUnder(join(ROOT, 'packages/language/lib'), isSpec),
  ];
  const seeds = [
    ...files.map((f) => readFileSync(f, 'utf8')),
    ...specsInTests(),
    cellFileText(1),
    cellFileText(2, 150),
    libraryText(),
  ];
  return [...new Set(seeds)];
}
