/**
 * A large build runs in slices: the result is the same as building everything at once, and at
 * no moment do more than a slice's worth of closed documents hold a syntax tree.
 */
import { describe, expect, it } from 'vitest';
import { DocumentState, URI, type AstNode, type LangiumDocument } from 'langium';
import { cellFileText, libraryText, LIBRARY_PATH } from '../../../../scripts/gen-workspace.js';
import { createCellSpecServices } from '../../src/index.js';
import { MemoryFileSystem } from './memory-file-system.js';
import { BUILD_SLICE } from '../../src/memory/bounded-build.js';
import { releaseClosedSyntaxTrees } from '../../src/memory/closed-documents.js';

const CELLS = Math.round(BUILD_SLICE * 2.5);

const messages = (d: LangiumDocument) =>
  (d.diagnostics ?? []).map((x) => `${x.range.start.line}:${x.range.start.character} ${x.message}`).sort();

async function buildAlone(files: Map<string, string>, cell: URI, library: URI): Promise<string[]> {
  const { shared } = createCellSpecServices({ fileSystemProvider: () => new MemoryFileSystem(files) });
  const docs = [
    await shared.workspace.LangiumDocuments.getOrCreateDocument(library),
    await shared.workspace.LangiumDocuments.getOrCreateDocument(cell),
  ];
  await shared.workspace.DocumentBuilder.build(docs, { validation: true });
  return messages(docs[1]!);
}

describe('sliced workspace build', () => {
  it(`builds ${CELLS} unparsed cell files in slices of ${BUILD_SLICE}, and rebuilds them after a library edit: every file linked and validated, at most a slice of trees alive`, async () => {
    const files = new Map<string, string>();
    const uri = (path: string) => URI.parse(`file:///ws/${path}`);
    for (let i = 0; i < CELLS; i++) files.set(uri(`cells/cell-${i}.cellspec`).toString(), cellFileText(i));
    files.set(uri(LIBRARY_PATH).toString(), libraryText()); // last: the first slices must pull it in through their imports
    const { shared } = createCellSpecServices({ fileSystemProvider: () => new MemoryFileSystem(files) });
    releaseClosedSyntaxTrees(shared);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents: LangiumDocument[] = [];
    for (const key of files.keys()) {
      // As the workspace manager collects them: unparsed, read and parsed by the build.
      const document = factory.fromModel({ $type: 'INVALID' } as AstNode, URI.parse(key));
      document.state = DocumentState.Changed;
      shared.workspace.LangiumDocuments.addDocument(document);
      documents.push(document);
    }
    let mostTrees = 0;
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, () => {
      const trees = documents.filter((d) => d.parseResult.value.$cstNode !== undefined).length;
      mostTrees = Math.max(mostTrees, trees);
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });

    expect(documents.every((d) => d.state === DocumentState.Validated)).toBe(true);
    expect(documents.flatMap((d) => d.references).filter((r) => r.error !== undefined)).toEqual([]);
    // Cells from every slice have the findings they have when built alone with the library.
    for (const i of [0, BUILD_SLICE - 1, BUILD_SLICE, CELLS - 1]) {
      const alone = await buildAlone(files, uri(`cells/cell-${i}.cellspec`), uri(LIBRARY_PATH));
      expect(messages(documents[i]!)).toEqual(alone);
      expect(alone.length).toBeGreaterThan(0);
    }
    // One slice, plus the library that every slice imports.
    expect(mostTrees).toBeLessThanOrEqual(BUILD_SLICE + 1);
    expect(mostTrees).toBeGreaterThan(1);

    // Editing the library relinks every cell: they are parsed again slice by slice, not all at once.
    files.set(uri(LIBRARY_PATH).toString(), `${libraryText()}material Extra binder { density 1.1 g/cm3 }\n`);
    mostTrees = 0;
    await shared.workspace.DocumentBuilder.update([uri(LIBRARY_PATH)], []);
    expect(documents.every((d) => d.state === DocumentState.Validated)).toBe(true);
    expect(mostTrees).toBeLessThanOrEqual(BUILD_SLICE + 1);
    expect(mostTrees).toBeGreaterThan(1);
  });
});
