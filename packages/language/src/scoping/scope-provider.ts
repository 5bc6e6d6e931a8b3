/**
 * What a reference can see: names of its own file (innermost first, as Langium's default), then
 * the files it imports, then the built-in library. Local and imported names shadow built-in ones.
 */
import {
  AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MultiMapScope, WorkspaceCache,
  type LangiumDocuments, type ReferenceInfo, type Scope,
} from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { STANDARD_LIBRARY_URI, isBuiltinUri } from './builtin-library.js';
import { importedUris } from './imports.js';

export class CellSpecScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;
  private readonly visibleCache: WorkspaceCache<string, Scope>;

  constructor(services: CellSpecServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.visibleCache = new WorkspaceCache(services.shared);
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const document = AstUtils.getDocument(context.container);
    const key = `${document.uri.toString()}\u0000${referenceType}`;
    return this.visibleCache.get(key, () => {
      const builtin = isBuiltinUri(document.uri)
        ? EMPTY_SCOPE
        : new MultiMapScope(this.indexManager.allElements(referenceType, new Set([STANDARD_LIBRARY_URI.toString()])));
      const imported = importedUris(this.documents, document);
      imported.delete(STANDARD_LIBRARY_URI.toString());
      return imported.size === 0 ? builtin : new MultiMapScope(this.indexManager.allElements(referenceType, imported), builtin);
    });
  }
}
