/**
 * One unit typo is reported once: the error on the value, one note on the cell saying its design
 * figures were not computed and why, and its test plan marked "not computed because …" instead
 * of a warning of its own. The same file without the typo has none of these.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { createCellSpecServices } from '../src/index.js';

const SB21 = readFileSync(join(import.meta.dirname, '../../../test/e2e/workspace/sb21.cellspec'), 'utf8');

async function findings(text: string): Promise<string[]> {
  const { shared } = createCellSpecServices(EmptyFileSystem);
  const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///ws/sb21.cellspec'));
  shared.workspace.LangiumDocuments.addDocument(document);
  await shared.workspace.DocumentBuilder.build([document], { validation: true });
  const severity = ['', 'error', 'warning', 'info', 'hint'];
  return (document.diagnostics ?? []).map(
    (d) => `${severity[d.severity ?? 1]} ${String(d.code)}@${d.range.start.line + 1}`,
  );
}

describe('quiet diagnostics', () => {
  it('a unit typo: the root cause once, its dependents marked not computed', async () => {
    const typo = SB21.replace('loading 14 mg/cm2', 'loading 14 mg/cm3');
    const line = (needle: string) => typo.split('\n').findIndex((l) => l.includes(needle)) + 1;
    // Model-readiness notes of the other, unaffected cell are not about the typo; the typed cell has none.
    const cellLine = line('cell SB21 "');
    const about = (await findings(typo)).filter(
      (f) => !f.startsWith('info model-readiness@') || f.endsWith(`@${cellLine}`),
    );
    expect(about.sort()).toEqual(
      [
        `error unit-kind@${line('loading 14 mg/cm3')}`,
        `info not-computed@${line('cell SB21 "')}`,
        // The variant inherits the typed value from its base: not computed for the same reason.
        `info not-computed@${line('variant SB21-G2')}`,
        `info not-computed@${line('test-plan TP-SB21')}`,
      ].sort(),
    );
  });

  it('the same spec without the typo reports nothing of the kind', async () => {
    expect((await findings(SB21)).filter((f) => /not-computed|design-incomplete|test-plan-incomplete/.test(f))).toEqual(
      [],
    );
  });
});
