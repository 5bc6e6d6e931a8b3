/**
 * Data-driven hover tests: every `<|>` in the files under hover/ is one case; the comment at the
 * end of its line lists the fragments the hover must contain, separated by " | ".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(CellSpec);
const MARKER = '<|>';
const FIXTURES = new URL('./hover/', import.meta.url);

interface HoverCase {
  file: string;
  line: number;
  text: string;
  offset: number;
  fragments: string[];
}

function casesOf(file: string): HoverCase[] {
  const source = readFileSync(new URL(file, FIXTURES), 'utf8');
  const cases: HoverCase[] = [];
  let searchFrom = 0;
  for (;;) {
    const at = source.indexOf(MARKER, searchFrom);
    if (at < 0) break;
    searchFrom = at + MARKER.length;
    // This case's cursor: the text without any marker, the offset of this one.
    const before = source.slice(0, at).split(MARKER).join('');
    const text = source.split(MARKER).join('');
    const lineText = source.slice(source.lastIndexOf('\n', at) + 1, source.indexOf('\n', at));
    const expectation = /\/\/ hover: (.*)$/.exec(lineText)?.[1];
    if (!expectation) throw new Error(`${file}: a ${MARKER} without a '// hover:' comment on its line`);
    cases.push({
      file,
      line: source.slice(0, at).split('\n').length,
      text,
      offset: before.length,
      fragments: expectation.split(' | '),
    });
  }
  return cases;
}

const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.cellspec'))
  .flatMap(casesOf);

describe('hover fixtures', () => {
  it.each(cases.map((c) => [`${c.file}:${c.line}`, c] as const))('%s', async (_name, c) => {
    const doc = await parse(c.text, { documentUri: URI.file(`/ws/${c.file}`).toString() });
    try {
      const hover = await CellSpec.lsp.HoverProvider!.getHoverContent(doc, {
        textDocument: { uri: doc.uri.toString() },
        position: doc.textDocument.positionAt(c.offset),
      });
      const value =
        hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      for (const fragment of c.fragments) expect(value).toContain(fragment);
    } finally {
      await clearDocuments(CellSpec.shared, [doc]);
    }
  });
});
