/**
 * Opening a large workspace without holding every file's syntax tree at once.
 *
 * Langium parses every workspace file while it collects them, then builds phase by phase over
 * all documents, so every CST exists before the first document is validated: opening a
 * 1,000-file workspace peaked at all their trees (~170 KB per generated cell file) although a
 * closed document drops its tree right after validation (closed-documents.ts). Here
 *   - workspace files are collected unparsed (as Langium does for files created later), and
 *   - a large build runs a slice of documents at a time through every phase (parse, index,
 *     link, validate) before the next slice is parsed,
 * so the peak is one slice's trees. A file sees only its own names, its imports and the built-in
 * library; a slice's imports are parsed with it and the builder adds them to the slice, so the
 * slice links exactly as the whole set would. Open documents come first, so their diagnostics
 * appear after the first slice instead of after the whole workspace.
 * Trade-off: while the first build runs, workspace-wide answers (find references, workspace
 * symbols) see only the slices built so far, as they would see part of an interrupted build.
 */
import {
  DocumentState,
  interruptAndCheck,
  type AstNode,
  type BuildOptions,
  type LangiumDocument,
  type LangiumDocumentFactory,
  type LangiumSharedCoreServices,
  type Stream,
  type URI,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { importCandidates, importsOf } from '../scoping/imports.js';
import { CellSpecDocumentBuilder, CellSpecWorkspaceManager } from '../scoping/build-pipeline.js';

/** Documents per slice: small enough to bound memory, large enough that per-build work is noise. */
export const BUILD_SLICE = 100;

export class SlicedDocumentBuilder extends CellSpecDocumentBuilder {
  protected override async buildDocuments(
    documents: LangiumDocument[],
    options: BuildOptions,
    cancelToken: CancellationToken,
  ): Promise<void> {
    if (documents.length <= BUILD_SLICE) return super.buildDocuments(documents, options, cancelToken);
    const ordered = this.sortDocuments([...documents]);
    for (let start = 0; start < ordered.length; start += BUILD_SLICE) {
      await interruptAndCheck(cancelToken);
      const slice = ordered.slice(start, start + BUILD_SLICE);
      await this.parseWithImports(slice, cancelToken);
      await super.buildDocuments(slice, options, cancelToken);
    }
  }

  /** Parses the slice's unparsed documents and, transitively, the unparsed files they import, so the builder can add those to the slice. */
  private async parseWithImports(slice: readonly LangiumDocument[], cancelToken: CancellationToken): Promise<void> {
    const queue = [...slice];
    const queued = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      const document = queue[i]!;
      if (document.state < DocumentState.Parsed) {
        await interruptAndCheck(cancelToken);
        await this.langiumDocumentFactory.update(document, cancelToken);
      }
      for (const imp of importsOf(document)) {
        for (const uri of imp.path ? importCandidates(document.uri, imp.path) : []) {
          const imported = this.langiumDocuments.getDocument(uri);
          if (imported && imported.state < DocumentState.Parsed && !queued.has(imported)) {
            queued.add(imported);
            queue.push(imported);
          }
        }
      }
    }
  }
}

/** Collects workspace files without parsing them; the (sliced) build parses each when it gets to it. */
export class DeferredParsingWorkspaceManager extends CellSpecWorkspaceManager {
  private readonly factory: LangiumDocumentFactory;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.factory = services.workspace.LangiumDocumentFactory;
  }

  protected override async loadWorkspaceDocuments(
    uris: Stream<URI>,
    collector: (document: LangiumDocument) => void,
  ): Promise<void> {
    for (const uri of uris) {
      const document = this.factory.fromModel({ $type: 'INVALID' } as AstNode, uri);
      document.state = DocumentState.Changed; // not parsed yet: the build's first phase reads and parses it
      collector(document);
    }
  }
}
