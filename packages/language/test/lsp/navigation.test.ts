/**
 * Go-to-definition, find references and rename on a two-file workspace: a material library and
 * a cell spec that imports it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, expectFindReferences, expectGoToDefinition } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range } from 'vscode-languageserver';
import { createCellSpecServices } from '../../src/index.js';

const { shared, CellSpec } = createCellSpecServices(EmptyFileSystem);
afterEach(() => clearDocuments(shared));

const LIB = `library programme "材料"
material NCM811 cathode-active { density 4.7 g/cm3 }
material HighNi cathode-active extends NCM811 { specific-capacity 205 mAh/g }
let web = 200 mm
`;
const MAIN = `import "lib.cellspec"
let rho = NCM811.density
cell SB21 {
  cathode { composition { NCM811: 97 wt%, VGCF: 3 wt% } }
}
variant SB21-H of SB21 { replace NCM811 with HighNi }
`;

/** Loads the files under /ws/ and builds them together, as the language server does. */
async function workspace(files: Record<string, string>): Promise<Record<string, LangiumDocument>> {
  const docs: Record<string, LangiumDocument> = {};
  for (const [name, text] of Object.entries(files)) {
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/ws/${name}`));
    shared.workspace.LangiumDocuments.addDocument(doc);
    docs[name] = doc;
  }
  await shared.workspace.DocumentBuilder.build(Object.values(docs), { validation: true });
  return docs;
}

/** The position of the `n`-th occurrence (from 0) of `word` in a document. */
function at(doc: LangiumDocument, word: string, n = 0) {
  const text = doc.textDocument.getText();
  let offset = -1;
  for (let i = 0; i <= n; i++) offset = text.indexOf(word, offset + 1);
  if (offset < 0) throw new Error(`'${word}' #${n} not found`);
  return doc.textDocument.positionAt(offset + 1);
}

/** `file:line:col-col` of a location, for readable expectations. */
function where(loc: { uri: string; range: Range }): string {
  const { start, end } = loc.range;
  return `${loc.uri.slice(loc.uri.lastIndexOf('/') + 1)}:${start.line}:${start.character}-${end.character}`;
}

function params(doc: LangiumDocument, position: { line: number; character: number }) {
  return { textDocument: { uri: doc.uri.toString() }, position };
}

describe('go to definition', () => {
  it('jumps within a file', async () => {
    await expectGoToDefinition(CellSpec)({
      text: 'material <|NCM811|> cathode-active { }\ncell A { cathode { composition { NC<|>M811: 100 wt% } } }',
      index: 0,
      rangeIndex: 0,
      disposeAfterCheck: true,
    });
  });

  it('jumps from a use to the declaration in the imported library', async () => {
    const { 'main.cellspec': main } = await workspace({ 'lib.cellspec': LIB, 'main.cellspec': MAIN });
    for (const [word, n, target] of [
      ['NCM811', 0, 'lib.cellspec:1:9-15'],
      ['NCM811', 1, 'lib.cellspec:1:9-15'],
      ['HighNi', 0, 'lib.cellspec:2:9-15'],
    ] as const) {
      const links = await CellSpec.lsp.DefinitionProvider!.getDefinition(main!, params(main!, at(main!, word, n)));
      expect(links?.map((l) => where({ uri: l.targetUri, range: l.targetSelectionRange }))).toEqual([target]);
    }
  });

  it('jumps to a built-in library material', async () => {
    const { 'main.cellspec': main } = await workspace({
      'main.cellspec': 'cell A { cathode { composition { NCM811: 100 wt% } } }',
    });
    const links = await CellSpec.lsp.DefinitionProvider!.getDefinition(main!, params(main!, at(main!, 'NCM811')));
    expect(links?.[0]?.targetUri).toMatch(/^builtin:/);
  });
});

describe('find references', () => {
  it('within a file', async () => {
    await expectFindReferences(CellSpec)({
      text: 'let <|g<|>ap|> = 1 um\nlet a = 2 * <|gap|>\nlet b = <|gap|> + a',
      includeDeclaration: true,
      disposeAfterCheck: true,
    });
  });

  it('finds uses in the importing file and in the library itself', async () => {
    const { 'lib.cellspec': lib } = await workspace({ 'lib.cellspec': LIB, 'main.cellspec': MAIN });
    const refs = (await CellSpec.lsp.ReferencesProvider!.findReferences(lib!, {
      ...params(lib!, at(lib!, 'NCM811')),
      context: { includeDeclaration: true },
    })) as Location[];
    expect(refs.map(where).sort()).toEqual([
      'lib.cellspec:1:9-15', // declaration
      'lib.cellspec:2:39-45', // extends NCM811
      'main.cellspec:1:10-16', // NCM811.density
      'main.cellspec:3:26-32', // composition
      'main.cellspec:5:33-39', // replace NCM811
    ]);
    const usesOnly = (await CellSpec.lsp.ReferencesProvider!.findReferences(lib!, {
      ...params(lib!, at(lib!, 'NCM811')),
      context: { includeDeclaration: false },
    })) as Location[];
    expect(usesOnly.length).toBe(4);
  });
});

describe('rename', () => {
  it('renames a material in every file, and the result links without errors', async () => {
    const docs = await workspace({ 'lib.cellspec': LIB, 'main.cellspec': MAIN });
    const main = docs['main.cellspec']!;
    const edit = await CellSpec.lsp.RenameProvider!.rename(main, {
      ...params(main, at(main, 'NCM811', 1)),
      newName: 'NCM811-lotB',
    });
    const changes = edit?.changes ?? {};
    expect(
      Object.keys(changes)
        .map((u) => u.slice(u.lastIndexOf('/') + 1))
        .sort(),
    ).toEqual(['lib.cellspec', 'main.cellspec']);

    const renamed: Record<string, string> = {};
    for (const [name, doc] of Object.entries(docs)) {
      renamed[name] = TextDocument.applyEdits(doc.textDocument, changes[doc.uri.toString()] ?? []);
    }
    expect(renamed['lib.cellspec']).toContain('material NCM811-lotB cathode-active');
    expect(renamed['lib.cellspec']).toContain('extends NCM811-lotB {');
    expect(renamed['main.cellspec']).toContain('let rho = NCM811-lotB.density');
    expect(renamed['main.cellspec']).toContain('composition { NCM811-lotB: 97 wt%');
    expect(renamed['main.cellspec']).toContain('replace NCM811-lotB with HighNi');
    expect(renamed['main.cellspec']).not.toMatch(/NCM811(?!-lotB)/);

    // The renamed workspace reports exactly what the original did: no reference was left behind.
    const messagesOf = (all: Record<string, LangiumDocument>) =>
      Object.entries(all)
        .flatMap(([name, doc]) =>
          (doc.diagnostics ?? []).map(
            (d) =>
              `${name}: ${(typeof d.message === 'string' ? d.message : d.message.value).replace(/NCM811-lotB/g, 'NCM811')}`,
          ),
        )
        .sort();
    const before = messagesOf(docs);
    await clearDocuments(shared);
    expect(messagesOf(await workspace(renamed))).toEqual(before);
  });

  it('renames a constant and its uses', async () => {
    const docs = await workspace({
      'lib.cellspec': LIB,
      'main.cellspec': 'import "lib.cellspec"\nlet face = web * 100 mm\nlet twice = 2 * web',
    });
    const lib = docs['lib.cellspec']!;
    const edit = await CellSpec.lsp.RenameProvider!.rename(lib, {
      ...params(lib, at(lib, 'web')),
      newName: 'web-width',
    });
    const total = Object.values(edit?.changes ?? {}).reduce((n, edits) => n + edits.length, 0);
    expect(total).toBe(3);
  });

  it('refuses names the language cannot hold and built-in materials', async () => {
    const docs = await workspace({ 'lib.cellspec': LIB, 'main.cellspec': MAIN });
    const lib = docs['lib.cellspec']!;
    const main = docs['main.cellspec']!;
    const rename = (doc: LangiumDocument, word: string, newName: string) =>
      CellSpec.lsp.RenameProvider!.rename(doc, { ...params(doc, at(doc, word)), newName });
    await expect(rename(lib, 'HighNi', 'loading')).rejects.toThrow(/'loading' is a word of the language/);
    await expect(rename(lib, 'HighNi', '2nd-sample')).rejects.toThrow(/not a valid name/);
    await expect(rename(lib, 'HighNi', 'High Ni')).rejects.toThrow(/not a valid name/);
    await expect(rename(main, 'VGCF', 'CarbonFibre')).rejects.toThrow(/built-in material library/);
  });
});
