/**
 * Workspace services that keep the built-in library and imported files in every build, whether
 * the documents come from an editor, the CLI or an in-memory test.
 */
import {
  DefaultDocumentBuilder,
  DefaultWorkspaceManager,
  DocumentState,
  interruptAndCheck,
  isOperationCancelled,
  URI,
  type AstNode,
  type BuildOptions,
  type LangiumDocument,
  type TextDocument,
  type LangiumSharedCoreServices,
  type WorkspaceFolder,
} from 'langium';
import type { CancellationToken, TextDocumentChangeEvent } from 'vscode-languageserver';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import { builtinLibraryDocument } from './builtin-library.js';
import { importCandidates, importsOf, importTargetUris } from './imports.js';
import { importRefusal, importTarget, workspaceRoots } from '../file-references.js';

export class CellSpecWorkspaceManager extends DefaultWorkspaceManager {
  private readonly shared: LangiumSharedCoreServices;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.shared = services;
  }

  protected override async loadAdditionalDocuments(
    _folders: WorkspaceFolder[],
    collector: (document: LangiumDocument) => void,
  ): Promise<void> {
    collector(builtinLibraryDocument(this.shared));
  }
}

/** Longest a request waits for the build of an edit it arrived after; far above a build's start-up. */
const CHANGE_WAIT_MS = 2000;

/** Tells the document builder about each edit as it arrives, before the build for it is queued. */
export class CellSpecDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
    if (this.documentBuilder instanceof CellSpecDocumentBuilder)
      this.documentBuilder.changeReceived(URI.parse(change.document.uri));
    super.didChangeContent(change);
  }
}

/** What deciding whether an edit elsewhere affects a linked document needs to know about it. */
interface LinkSummary {
  /** The parse the summary is of. */
  readonly root: AstNode;
  readonly hasLinkingErrors: boolean;
  /** Other documents its references resolved into. */
  readonly targets: ReadonlySet<string>;
  /** Every URI its imports may name. */
  readonly imports: readonly string[];
}

export class CellSpecDocumentBuilder extends DefaultDocumentBuilder {
  private readonly shared: LangiumSharedCoreServices;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.shared = services;
  }

  /**
   * Adds the built-in library and any imported file not yet loaded (read through the file-system
   * provider, transitively) to the documents being built, so references into them can link.
   */
  protected override async buildDocuments(
    documents: LangiumDocument[],
    options: BuildOptions,
    cancelToken: CancellationToken,
  ): Promise<void> {
    const all = [...documents];
    const included = new Set(all.map((d) => d.uri.toString()));
    const include = (doc: LangiumDocument): void => {
      if (included.has(doc.uri.toString())) return;
      included.add(doc.uri.toString());
      if (doc.state < DocumentState.Validated) all.push(doc);
    };
    include(builtinLibraryDocument(this.shared));
    for (let i = 0; i < all.length; i++) {
      const doc = all[i]!;
      if (doc.state < DocumentState.Parsed) continue;
      for (const imp of importsOf(doc)) {
        if (!imp.path) continue;
        const loaded = await this.loadImport(doc, imp.path);
        if (loaded) include(loaded);
      }
    }
    // Documents that only relink (they refer into an edited file; their text and scopes are
    // current) are built after the others, in a second pass: requests on the edited document —
    // its diagnostics, inlay hints — then wait for its own build, not for every file that refers
    // to it. Linking the edited document needs only the other files' indexed content, which the
    // relinking ones already have.
    const relinkOnly = all.filter((d) => d.state >= DocumentState.ComputedScopes);
    const first = all.filter((d) => d.state < DocumentState.ComputedScopes);
    if (first.length === 0 || relinkOnly.length === 0) {
      await super.buildDocuments(all, options, cancelToken);
      return;
    }
    await super.buildDocuments(first, options, cancelToken);
    await super.buildDocuments(relinkOnly, options, cancelToken);
  }

  /**
   * Relinks a document with linking errors, one whose references point into a changed file, or
   * one whose import names a changed file (the file may just have appeared). Every edit asks this
   * of every document in the workspace, so the answer's ingredients are kept per link (see
   * LinkSummary) instead of walking each document's references again: O(documents), not
   * O(references), per keystroke.
   */
  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    const summary = this.linkSummary(document);
    const affected = this.affectedUris(changedUris);
    if (!summary) {
      if (super.shouldRelink(document, changedUris)) return true;
      return importTargetUris(document).some((uri) => affected.has(uri));
    }
    if (summary.hasLinkingErrors) return true;
    for (const uri of summary.targets) if (affected.has(uri)) return true;
    return summary.imports.some((uri) => affected.has(uri));
  }

  private affected?: { readonly changed: Set<string>; readonly uris: Set<string> };

  /**
   * The changed files and, transitively, every file that refers into one: a test plan's checks
   * read its cell's design, which reads the materials the cell uses, so a plan two files away
   * from an edited material is validated again too (else it keeps warnings about a typo already
   * corrected). Computed once per update (Langium passes one set to every `shouldRelink` call),
   * before any document is reset, from the link summaries: O(links).
   */
  private affectedUris(changedUris: Set<string>): Set<string> {
    if (this.affected?.changed === changedUris) return this.affected.uris;
    const dependents = new Map<string, string[]>();
    for (const doc of this.shared.workspace.LangiumDocuments.all) {
      const summary = this.linkSummary(doc);
      if (!summary) continue;
      const own = doc.uri.toString();
      for (const target of new Set([...summary.targets, ...summary.imports])) {
        const list = dependents.get(target);
        if (list) list.push(own);
        else dependents.set(target, [own]);
      }
    }
    const uris = new Set(changedUris);
    const queue = [...changedUris];
    while (queue.length > 0)
      for (const dependent of dependents.get(queue.pop()!) ?? [])
        if (!uris.has(dependent)) {
          uris.add(dependent);
          queue.push(dependent);
        }
    this.affected = { changed: changedUris, uris };
    return uris;
  }

  private readonly linkSummaries = new WeakMap<LangiumDocument, LinkSummary>();

  /**
   * Validation is the slow phase, and requests that only need linked documents (inlay hints,
   * hover, code lenses) are already waiting when it starts: yield to the event loop first, so
   * they are answered now rather than after it, and a keystroke that arrived meanwhile cancels
   * the build before validating a text that is already outdated. Two turns of the event loop:
   * the connection writes each answer from a callback it queues the same way (setImmediate), after
   * the request's handler has run.
   */
  protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    await interruptAndCheck(cancelToken);
    await super.validate(document, cancelToken);
  }

  /** The document's link summary; computed once its references are indexed, dropped when it is reset below that. */
  private linkSummary(document: LangiumDocument): LinkSummary | undefined {
    if (document.state < DocumentState.IndexedReferences) return undefined;
    const root = document.parseResult.value;
    let summary = this.linkSummaries.get(document);
    if (summary?.root === root) return summary;
    const own = document.uri.toString();
    const targets = new Set<string>();
    let hasLinkingErrors = false;
    for (const ref of document.references) {
      if (ref.error !== undefined) hasLinkingErrors = true;
      for (const description of 'items' in ref
        ? ref.items.map((item) => item.$nodeDescription)
        : [ref.$nodeDescription]) {
        const target = description?.documentUri?.toString();
        if (target !== undefined && target !== own) targets.add(target);
      }
    }
    summary = { root, hasLinkingErrors, targets, imports: importTargetUris(document) };
    this.linkSummaries.set(document, summary);
    return summary;
  }

  override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
    if (state < DocumentState.IndexedReferences) this.linkSummaries.delete(document);
    if (state === DocumentState.Changed) this.changeTakenUp(document.uri.toString());
    super.resetToState(document, state);
  }

  // ---- edits received but not yet taken up by a build --------------------------------------
  // An edit queues a build behind the one running (which it cancels); until that build resets
  // the document, the document still holds the previous text's parse and state. A request
  // arriving in between (inlay hints right after a keystroke) would be answered from the old
  // text, and nothing would ask again. So requests on a document wait until every edit received
  // for it has been taken up (bounded by CHANGE_WAIT_MS, so a lost edit cannot hang a request).

  private readonly pendingChanges = new Map<string, number>();
  private readonly changeWaiters = new Map<string, Array<() => void>>();

  /** The editor sent a change of this document; the build that parses it is being queued. */
  changeReceived(uri: URI): void {
    const key = uri.toString();
    this.pendingChanges.set(key, (this.pendingChanges.get(key) ?? 0) + 1);
  }

  private changeTakenUp(key: string): void {
    const pending = this.pendingChanges.get(key);
    if (pending === undefined) return;
    if (pending > 1) {
      this.pendingChanges.set(key, pending - 1);
      return;
    }
    this.pendingChanges.delete(key);
    const waiters = this.changeWaiters.get(key) ?? [];
    this.changeWaiters.delete(key);
    for (const wake of waiters) wake();
  }

  protected override async awaitDocumentState(
    state: DocumentState,
    uri: URI,
    cancelToken: CancellationToken,
  ): Promise<URI> {
    const key = uri.toString();
    if (this.pendingChanges.has(key)) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          cancelled.dispose();
          resolve();
        };
        const timer = setTimeout(wake, CHANGE_WAIT_MS);
        const cancelled = cancelToken.onCancellationRequested(wake);
        this.changeWaiters.set(key, [...(this.changeWaiters.get(key) ?? []), wake]);
      });
    }
    // Langium refuses (-32803 "Document state … is ComputedScopes, requiring IndexedReferences,
    // but workspace state is already IndexedReferences") a request on a document below the state
    // the last finished phase reached. With two passes (relinking documents after the edited one)
    // or slices, the workspace reaches a phase while documents of a later pass or slice are still
    // below it: they are not excluded from the build, only not reached yet. Until a build has
    // finished, such a request waits for the document to reach the state.
    const document = this.langiumDocuments.getDocument(uri);
    while (document && document.state < state && this.building !== undefined && !cancelToken.isCancellationRequested)
      await this.documentPhaseOrBuildEnd(document, state, this.building, cancelToken);
    return super.awaitDocumentState(state, uri, cancelToken);
  }

  // ---- whether a build is under way -------------------------------------------------------
  // Set when a build starts; cleared only when one finishes uncancelled. A cancelled build is
  // always followed by another (only a newer write cancels one), which takes up its documents.

  private building: Promise<void> | undefined;
  private buildFinished: () => void = () => {};

  override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
    await this.whileBuilding(() => super.update(changed, deleted, cancelToken));
  }

  override async build<T extends AstNode>(
    documents: Array<LangiumDocument<T>>,
    options?: BuildOptions,
    cancelToken?: CancellationToken,
  ): Promise<void> {
    await this.whileBuilding(() => super.build(documents, options, cancelToken));
  }

  private async whileBuilding(run: () => Promise<void>): Promise<void> {
    this.building ??= new Promise<void>((resolve) => (this.buildFinished = resolve));
    try {
      await run();
    } catch (error) {
      if (!isOperationCancelled(error)) this.buildEnded();
      throw error; // cancelled: `building` stays set for the build that follows
    }
    this.buildEnded();
  }

  private buildEnded(): void {
    const finished = this.buildFinished;
    this.building = undefined;
    finished();
  }

  private documentPhaseOrBuildEnd(
    document: LangiumDocument,
    state: DocumentState,
    building: Promise<void>,
    cancelToken: CancellationToken,
  ): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        phase.dispose();
        cancelled.dispose();
        resolve();
      };
      const phase = this.onDocumentPhase(state, (built) => {
        if (built === document) done();
      });
      const cancelled = cancelToken.onCancellationRequested(done);
      void building.then(done);
    });
  }

  /**
   * A document whose build was cancelled keeps that build's options (Langium resumes it where it
   * stopped). When the cancelled build did not validate — the workspace's initial build, cancelled
   * by a file opened while it ran — the document would be marked complete unvalidated, and its
   * diagnostics never published. It takes the options of the build that resumes it instead.
   */
  protected override prepareBuild(documents: LangiumDocument[], options: BuildOptions): void {
    for (const document of documents) {
      const key = document.uri.toString();
      const state = this.buildState.get(key);
      if (state && !state.completed && !state.options.validation && options.validation)
        this.buildState.set(key, { ...state, options });
    }
    super.prepareBuild(documents, options);
  }

  /**
   * Whether a built document still lacks requested validation results. Asked of every document
   * on every edit; the answer only changes when the document is validated again (a new list of
   * executed checks) or the requested options change, so it is kept for that pair.
   */
  protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
    const state = this.buildState.get(document.uri.toString());
    const checks = state?.result?.validationChecks;
    const completed = state?.completed ?? false;
    const known = this.completeness.get(document);
    if (known && known.checks === checks && known.completed === completed && known.options === options)
      return known.incomplete;
    const incomplete = super.resultsAreIncomplete(document, options);
    this.completeness.set(document, { checks, completed, options, incomplete });
    return incomplete;
  }

  private readonly completeness = new WeakMap<
    LangiumDocument,
    { checks: unknown; completed: boolean; options: BuildOptions | undefined; incomplete: boolean }
  >();

  private async loadImport(importer: LangiumDocument, path: string): Promise<LangiumDocument | undefined> {
    const candidates = importCandidates(importer.uri, path);
    for (const uri of candidates) {
      const existing = this.langiumDocuments.getDocument(uri);
      if (existing) return existing; // already loaded: nothing is read (the import check still reports a refusal)
    }
    if (importer.uri.scheme === 'file') {
      // On disk, only the file the import check accepted is opened (never a FIFO, a device or a link out).
      const target = importTarget(path, importer.uri.fsPath, workspaceRoots(this.shared));
      if (target.kind !== 'file') return undefined;
      try {
        return await this.langiumDocuments.getOrCreateDocument(URI.file(target.path));
      } catch {
        return undefined;
      }
    }
    if (importRefusal(this.shared, path, importer.uri)) return undefined; // leaves the workspace: never read
    for (const uri of candidates) {
      try {
        return await this.langiumDocuments.getOrCreateDocument(uri);
      } catch {
        // Not on disk (or no file system, as in tests): the import is reported as unknown.
      }
    }
    return undefined;
  }
}
