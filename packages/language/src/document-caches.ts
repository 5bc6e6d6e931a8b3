/**
 * Per-document results computed from the workspace (resolved cells and their design figures,
 * expanded test plans, simulated hover lines) are kept in one service per language instance.
 * Each named cache is cleared whenever the workspace changes and forgets a document when the
 * server releases its syntax tree, so no feature keeps its own module-level cache keyed by the
 * services object.
 */
import { WorkspaceCache, type LangiumSharedCoreServices } from 'langium';
import { onDocumentReleased } from './memory/closed-documents.js';

export class DocumentCaches {
  private readonly caches = new Map<string, WorkspaceCache<string, unknown>>();

  constructor(private readonly shared: LangiumSharedCoreServices) {}

  /**
   * The cache called `name`, keyed by a document's URI: a released document's entry goes at once.
   * (Keys with a suffix, `uri#plan#test`, live until the next workspace change.) Values of one
   * name share one type.
   */
  named<V>(name: string): WorkspaceCache<string, V> {
    let cache = this.caches.get(name);
    if (!cache) {
      const created = new WorkspaceCache<string, unknown>(this.shared);
      onDocumentReleased(this.shared, (closed) => created.delete(closed.uri.toString()));
      this.caches.set(name, created);
      cache = created;
    }
    return cache as WorkspaceCache<string, V>;
  }
}
