/**
 * Closed documents drop their CST after a build and get it back, on the same AST, before
 * anything needs it: what the editor shows (diagnostics and their ranges) is the same as
 * without releasing.
 */
import { describe, expect, it } from 'vitest';
import { AstUtils, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createCellSpecServices } from '../../src/index.js';
import { MemoryFileSystem } from './memory-file-system.js';
import { releaseClosedSyntaxTrees } from '../../src/memory/closed-documents.js';

const LIB = `library test "Test materials"
material NCM cathode-active { specific-capacity 195 mAh/g  density 4.7 g/cm3  mean-voltage 3.86 V }
material LPS solid-electrolyte { density 1.86 g/cm3 }
material Gr anode-active { specific-capacity 350 mAh/g  density 2.24 g/cm3  mean-voltage 0.17 V }
`;
const cellText = (name: string, loading: string) => `import "../lib/materials.cellspec"
// Cell ${name}: comments and ranges must survive a release.
let side = 20 mm
cell ${name} {
  electrode-area side x side
  cathode {
    composition { NCM: 70 wt%, LPS: 30 wt% }
    loading ${loading} mg/cm2
  }
  anode { composition { Gr: 100 wt% } loading 10 mg/cm2 }
}
`;

const uri = (path: string) => URI.parse(`file:///ws/${path}`);

async function workspace(files: Record<string, string>, release: boolean) {
  const texts = new Map(Object.entries(files).map(([path, text]) => [uri(path).toString(), text]));
  const fs = new MemoryFileSystem(texts);
  const { shared } = createCellSpecServices({ fileSystemProvider: () => fs });
  const releaser = release ? releaseClosedSyntaxTrees(shared) : undefined;
  const documents: LangiumDocument[] = [];
  for (const path of Object.keys(files))
    documents.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(uri(path)));
  await shared.workspace.DocumentBuilder.build(documents, { validation: true });
  return { shared, releaser, documents, fs, texts };
}

const diagnosticsOf = (documents: readonly LangiumDocument[]) =>
  documents.map((d) =>
    (d.diagnostics ?? [])
      .map(
        (x: Diagnostic) =>
          `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`,
      )
      .sort(),
  );

const FILES = {
  'lib/materials.cellspec': LIB,
  'cells/a.cellspec': cellText('A', '20'),
  'cells/b.cellspec': cellText('B', '22') + 'let broken = 3 mm +\n',
};

describe('releasing the syntax trees of closed documents', () => {
  it('drops the CST of closed documents nobody imports, keeps imported ones, and shows the same diagnostics', async () => {
    const plain = await workspace(FILES, false);
    const released = await workspace(FILES, true);
    const [lib, a, b] = released.documents;
    expect(released.releaser!.isReleased(a!)).toBe(true);
    expect(released.releaser!.isReleased(b!)).toBe(true);
    expect(released.releaser!.isReleased(lib!)).toBe(false); // imported by both cells
    expect(a!.parseResult.value.$cstNode).toBeUndefined();
    expect(lib!.parseResult.value.$cstNode).toBeDefined();
    expect(diagnosticsOf(released.documents)).toEqual(diagnosticsOf(plain.documents));
    expect(diagnosticsOf(released.documents).flat().length).toBeGreaterThan(0);
  });

  it('restores the same tree on the same AST: every node spans the same text, every reference its name', async () => {
    const plain = await workspace(FILES, false);
    const released = await workspace(FILES, true);
    const a = released.documents[1]!;
    expect(released.releaser!.restore(a)).toBe(true);
    const spans = (d: LangiumDocument) =>
      AstUtils.streamAst(d.parseResult.value)
        .map((n) => `${n.$type} ${n.$cstNode?.offset}+${n.$cstNode?.length} ${n.$cstNode?.astNode === n}`)
        .toArray();
    expect(spans(a)).toEqual(spans(plain.documents[1]!));
    const refs = AstUtils.streamAst(a.parseResult.value)
      .flatMap((n) => AstUtils.streamReferences(n))
      .toArray();
    expect(refs.length).toBeGreaterThan(3);
    for (const { reference } of refs) expect(reference.$refNode?.text).toBe(reference.$refText);
  });

  it('a change to the imported library relinks and revalidates released cells with correct ranges', async () => {
    const libWithoutLps = LIB.replace(/^material LPS.*\n/m, '');
    const plain = await workspace({ ...FILES, 'lib/materials.cellspec': libWithoutLps }, false);
    const released = await workspace(FILES, true);
    released.texts.set(uri('lib/materials.cellspec').toString(), libWithoutLps);
    await released.shared.workspace.DocumentBuilder.update([uri('lib/materials.cellspec')], []);
    const after = diagnosticsOf(released.documents);
    // An edit revalidates with the fast checks; model readiness (a slow check) follows on save.
    const fast = (all: string[][]) => all.map((ds) => ds.filter((d) => !/ a model run /.test(d)));
    expect(fast(after)).toEqual(fast(diagnosticsOf(plain.documents)));
    expect(after[1]!.some((d) => d.includes('LPS'))).toBe(true); // the now unknown material, at its place in a.cellspec
    // Cells with a linking error are relinked on every edit, so they keep their tree.
    expect(released.releaser!.isReleased(released.documents[1]!)).toBe(false);
  });

  it('a cell that starts importing a released file gets that file its tree back before linking', async () => {
    const files = { ...FILES, 'cells/c.cellspec': 'let c = 1 mm\n' };
    const released = await workspace(files, true);
    const c = released.documents[3]!;
    expect(released.releaser!.isReleased(c)).toBe(true);
    released.texts.set(uri('cells/a.cellspec').toString(), `import "c.cellspec"\n${cellText('A', 'c * 20')}`);
    await released.shared.workspace.DocumentBuilder.update([uri('cells/a.cellspec')], []);
    expect(released.releaser!.isReleased(c)).toBe(false);
    expect(c.parseResult.value.$cstNode?.text).toContain('let c = 1 mm');
  });
});
