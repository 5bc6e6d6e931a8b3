/**
 * Requests and builds that overlap. Each case stops a build at a chosen phase (a phase listener
 * runs inside the build), so the interleaving is the same on every run:
 *   - a request on a document that relinks in the second pass, made while the edited document
 *     is validated in the first, waits for it instead of failing with -32803;
 *   - a workspace build cancelled by a file opened while it runs still leaves every closed file
 *     validated by the build that follows (their diagnostics get published).
 */
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver';
import { DocumentState, isOperationCancelled, URI, type AstNode, type LangiumDocument } from 'langium';
import { cellFileText, libraryText, LIBRARY_PATH } from '../../../../scripts/gen-workspace.js';
import { createCellSpecServices } from '../../src/index.js';
import { MemoryFileSystem } from '../memory/memory-file-system.js';

const uri = (path: string) => URI.parse(`file:///ws/${path}`);
const LIBRARY = uri(LIBRARY_PATH);

function workspace(cells: number) {
  const files = new Map<string, string>([[LIBRARY.toString(), libraryText()]]);
  for (let i = 0; i < cells; i++) files.set(uri(`cells/cell-${i}.cellspec`).toString(), cellFileText(i));
  const { shared } = createCellSpecServices({ fileSystemProvider: () => new MemoryFileSystem(files) });
  // As the workspace manager collects them: unparsed, read and parsed by the build.
  const documents: LangiumDocument[] = [...files.keys()].map((key) => {
    const document = shared.workspace.LangiumDocumentFactory.fromModel({ $type: 'INVALID' } as AstNode, URI.parse(key));
    document.state = DocumentState.Changed;
    shared.workspace.LangiumDocuments.addDocument(document);
    return document;
  });
  return { files, shared, builder: shared.workspace.DocumentBuilder, documents };
}

type Outcome = { ok: true; state: DocumentState } | { ok: false; error: string };

describe('requests during the second pass of a build', () => {
  it('a request on a document that only relinks waits for it while the edited document is validated', async () => {
    const { files, shared, builder } = workspace(1);
    const cell = uri('cells/cell-0.cellspec');
    await builder.update([], []); // the editor's build: every document through validation
    const cellDocument = shared.workspace.LangiumDocuments.getDocument(cell)!;
    expect(cellDocument.state).toBe(DocumentState.Validated);

    // A library edit: the library is rebuilt first, the cell (it links into the library) relinks after it.
    files.set(LIBRARY.toString(), `${libraryText()}material Extra binder { density 1.1 g/cm3 }\n`);
    const outcomes: Array<Promise<Outcome>> = [];
    let cellStateMeanwhile: DocumentState | undefined;
    const ask = (state: DocumentState): Promise<Outcome> =>
      builder.waitUntil(state, cell).then(
        () => ({ ok: true, state: cellDocument.state }),
        (e: Error) => ({ ok: false, error: e.message }),
      );
    const listener = builder.onDocumentPhase(DocumentState.Validated, (document) => {
      if (document.uri.toString() !== LIBRARY.toString() || cellStateMeanwhile !== undefined) return;
      // Inside the first pass: the workspace has indexed references, the cell waits for its pass.
      cellStateMeanwhile = cellDocument.state;
      outcomes.push(ask(DocumentState.Linked), ask(DocumentState.IndexedReferences)); // definition, code lens
    });
    await builder.update([LIBRARY], []);
    listener.dispose();

    expect(cellStateMeanwhile).toBe(DocumentState.ComputedScopes);
    const answers = await Promise.all(outcomes);
    expect(answers).toEqual([
      { ok: true, state: expect.any(Number) },
      { ok: true, state: expect.any(Number) },
    ]);
    for (const answer of answers) if (answer.ok) expect(answer.state).toBeGreaterThanOrEqual(DocumentState.Linked);
  });

  it('a request for a state the build will not bring a document to still fails once the build is over', async () => {
    const { shared, builder } = workspace(1);
    const cell = uri('cells/cell-0.cellspec');
    await builder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: false });
    expect(shared.workspace.LangiumDocuments.getDocument(cell)!.state).toBe(DocumentState.IndexedReferences);
    await expect(builder.waitUntil(DocumentState.Validated, cell)).rejects.toThrow(/requiring Validated/);
  });
});

describe('a workspace build cancelled by an opened file', () => {
  it('leaves every closed file validated by the build that follows', async () => {
    const { builder, documents } = workspace(4);
    const cancel = new CancellationTokenSource();
    // The initial build (no validation, as Langium's workspace manager asks) is cancelled when the
    // first document is linked: the editor opened a file, so an update takes over.
    const listener = builder.onDocumentPhase(DocumentState.Linked, () => cancel.cancel());
    const initial = await builder.build(documents, {}, cancel.token).then(
      () => 'finished',
      (e: unknown) => (isOperationCancelled(e) ? 'cancelled' : String(e)),
    );
    listener.dispose();
    expect(initial).toBe('cancelled');

    await builder.update([uri('cells/cell-0.cellspec')], []);
    const unvalidated = documents.filter((d) => d.state !== DocumentState.Validated || d.diagnostics === undefined);
    expect(unvalidated.map((d) => d.uri.path)).toEqual([]);
  });
});
