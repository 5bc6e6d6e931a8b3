/**
 * Closed documents keep their AST but not their concrete syntax tree.
 *
 * The CST (one node per token and rule call, with positions) is half of what a built document
 * costs the language server, and once a closed file is validated nothing reads it: its
 * diagnostics are published, the index holds its symbols and references with their positions,
 * and other files link to its AST nodes. So after each build the CST of every closed, validated
 * document that no other document can see is dropped; ~100 KB per generated cell file, about
 * 60 % of the server's memory on a 1,000-file workspace.
 *
 * A document is released only if nothing needs its CST later:
 *   - it is not open in the editor (open documents serve hover, completion, formatting…);
 *   - no document imports it (names are visible across files only through imports, so no
 *     other file's hover, definition or validation can reach into it);
 *   - it links without errors (such documents are relinked on every edit) and declares no
 *     analyses (their results arrive later and are placed on its nodes).
 * Before anything could use its CST again it is parsed anew when it is to be relinked or
 * revalidated (as an edited, reopened or changed-on-disk document is), and it gets a CST on
 * the same AST when a document starts importing it or on request (`restore`).
 */
import {
  AstUtils,
  DocumentState,
  isCompositeCstNode,
  type AstNode,
  type BuildOptions,
  type CstNode,
  type LangiumDocument,
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isAnalyses } from '../generated/ast.js';
import { importTargetUris } from '../scoping/imports.js';

/** A node and a reference whose syntax-tree links are dropped while the document is closed. */
type ReleasableNode = { $cstNode?: CstNode | undefined };
type ReleasableReference = { $refNode?: CstNode | undefined };

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class SyntaxTreeReleaser {
  private readonly released = new Set<LangiumDocument>();
  /** The build options the released documents were validated with. */
  private releasedUnder: BuildOptions | undefined;

  constructor(private readonly shared: LangiumSharedServices) {
    const builder = shared.workspace.DocumentBuilder;
    builder.onUpdate((changed, deleted) => this.beforeRebuild(changed.map(String), deleted.length > 0));
    builder.onBuildPhase(DocumentState.IndexedContent, (built) => this.restoreImportedBy(built));
    // Each document as soon as it is validated (an edit often cancels the rest of a long build),
    // and a sweep when a build completes.
    builder.onDocumentPhase(DocumentState.Validated, (document) => this.releaseIfClosed(document));
    builder.onBuildPhase(DocumentState.Validated, () => this.releaseClosed());
  }

  /** URIs the documents' imports name; fixed while a build runs, so kept until the next one parses. */
  private imported: Set<string> | undefined;

  private importedNow(): Set<string> {
    return (this.imported ??= importedUris(this.shared.workspace.LangiumDocuments.all.toArray()));
  }

  /** Whether the document's CST is currently dropped. */
  isReleased(document: LangiumDocument): boolean {
    return this.released.has(document);
  }

  /** Documents whose CST is currently dropped. */
  get releasedCount(): number {
    return this.released.size;
  }

  /**
   * Gives a released document a CST again: its text is parsed anew and the new tree is hung on
   * the existing AST nodes and references (same text, so the same shape), so links into the
   * document stay valid. Returns false when that is impossible; the document is then marked
   * changed, so the next build parses it from scratch.
   */
  restore(document: LangiumDocument): boolean {
    if (!this.released.delete(document)) return true;
    const root = document.parseResult.value;
    const parser = this.shared.ServiceRegistry.getServices(document.uri).parser.LangiumParser;
    const fresh = parser.parse(document.textDocument.getText()).value;
    const nodes = AstUtils.streamAst(root).toArray();
    const freshNodes = AstUtils.streamAst(fresh).toArray();
    const refs = nodes.flatMap((n) => AstUtils.streamReferences(n).toArray());
    const freshRefs = freshNodes.flatMap((n) => AstUtils.streamReferences(n).toArray());
    if (
      nodes.length !== freshNodes.length ||
      refs.length !== freshRefs.length ||
      nodes.some((n, i) => n.$type !== freshNodes[i]!.$type)
    ) {
      this.shared.workspace.DocumentBuilder.resetToState(document, DocumentState.Changed);
      return false;
    }
    nodes.forEach((node, i) => {
      const cst = freshNodes[i]!.$cstNode;
      (node as ReleasableNode).$cstNode = cst;
      if (cst && isCompositeCstNode(cst)) (cst as Writable<CstNode>).astNode = node;
    });
    refs.forEach((info, i) => {
      (info.reference as ReleasableReference).$refNode = freshRefs[i]!.reference.$refNode;
    });
    return true;
  }

  /** Before a build: released documents about to be relinked or revalidated are parsed anew. */
  private beforeRebuild(changed: readonly string[], deletions: boolean): void {
    this.imported = undefined;
    const touched = new Set(changed);
    const optionsChanged = this.shared.workspace.DocumentBuilder.updateBuildOptions !== this.releasedUnder;
    // Runs on every keystroke: a set lookup and a state check per released document.
    for (const document of [...this.released]) {
      if (
        touched.has(document.uri.toString()) ||
        (deletions && !this.shared.workspace.LangiumDocuments.hasDocument(document.uri))
      ) {
        this.released.delete(document); // parsed anew (or gone, perhaps with its folder): nothing to restore
      } else if (optionsChanged || document.state < DocumentState.Validated) {
        // To be relinked or revalidated: parsed anew in its slice of the build (bounded-build.ts)
        // rather than every such tree restored at once (a library edit relinks all its importers).
        // Nothing links into a released document, so a new AST breaks no link.
        this.released.delete(document);
        this.shared.workspace.DocumentBuilder.resetToState(document, DocumentState.Changed);
      }
    }
  }

  /** A document that starts importing a released one may link into it and follow those links. */
  private restoreImportedBy(built: readonly LangiumDocument[]): void {
    this.imported = undefined;
    if (this.released.size === 0) return;
    const imported = importedUris(built);
    for (const document of [...this.released]) if (imported.has(document.uri.toString())) this.restore(document);
  }

  private releaseClosed(): void {
    for (const document of this.shared.workspace.LangiumDocuments.all) this.releaseIfClosed(document);
  }

  private releaseIfClosed(document: LangiumDocument): void {
    // Cheapest first: an imported document (the library, after every build) stops at a set lookup.
    if (this.released.has(document) || this.importedNow().has(document.uri.toString())) return;
    if (!this.mayRelease(document) || declaresAnalyses(document)) return;
    this.release(document);
    this.releasedUnder = this.shared.workspace.DocumentBuilder.updateBuildOptions;
  }

  private mayRelease(document: LangiumDocument): boolean {
    return (
      document.uri.scheme === 'file' &&
      document.state === DocumentState.Validated &&
      this.shared.workspace.TextDocuments?.get(document.uri.toString()) === undefined &&
      document.parseResult.value.$cstNode !== undefined &&
      document.references.every((ref) => ref.error === undefined)
    );
  }

  private release(document: LangiumDocument): void {
    // Workspace symbols read where exported names are written; keep those few positions.
    const uri = document.uri.toString();
    for (const symbol of this.shared.workspace.IndexManager.allElements(undefined, new Set([uri])))
      void symbol.nameSegment;
    const root = document.parseResult.value;
    for (const node of AstUtils.streamAst(root)) {
      for (const info of AstUtils.streamReferences(node)) (info.reference as ReleasableReference).$refNode = undefined;
      (node as ReleasableNode).$cstNode = undefined;
    }
    this.released.add(document);
    for (const forget of releaseListeners.get(this.shared) ?? []) forget(document);
  }
}

// Asked of every document after every build, so kept per parse (AST root).
const analysesByParse = new WeakMap<AstNode, boolean>();

/** URIs (as strings) that the imports of these documents may name. */
function importedUris(documents: readonly LangiumDocument[]): Set<string> {
  const uris = new Set<string>();
  for (const document of documents) for (const uri of importTargetUris(document)) uris.add(uri);
  return uris;
}

function declaresAnalyses(document: LangiumDocument): boolean {
  const root = document.parseResult.value;
  let declares = analysesByParse.get(root);
  if (declares === undefined) {
    declares = AstUtils.streamAst(root).some(isAnalyses);
    analysesByParse.set(root, declares);
  }
  return declares;
}

const releasers = new WeakMap<object, SyntaxTreeReleaser>();
const releaseListeners = new WeakMap<object, Array<(document: LangiumDocument) => void>>();

/**
 * Registers what to forget about a document when it is released: caches that hold per-document
 * results (evaluations, designs, expanded plans) for the current workspace state would otherwise
 * keep every closed document's results until the next edit.
 */
export function onDocumentReleased(shared: object, forget: (document: LangiumDocument) => void): void {
  const listeners = releaseListeners.get(shared) ?? [];
  listeners.push(forget);
  releaseListeners.set(shared, listeners);
}

/** Starts releasing the CSTs of closed documents after each build (language server only). */
export function releaseClosedSyntaxTrees(shared: LangiumSharedServices): SyntaxTreeReleaser {
  let releaser = releasers.get(shared);
  if (!releaser) {
    releaser = new SyntaxTreeReleaser(shared);
    releasers.set(shared, releaser);
  }
  return releaser;
}

/** The releaser of a server, if it releases syntax trees: features that read a closed document's CST restore it first. */
export function syntaxTreeReleaserOf(shared: object): SyntaxTreeReleaser | undefined {
  return releasers.get(shared);
}
