/**
 * What a reference can see: names of its own file (innermost first, as Langium's default), then
 * the files it imports, then the built-in library. Local and imported names shadow built-in ones.
 */
import {
  AstUtils,
  DefaultScopeProvider,
  EMPTY_SCOPE,
  MultiMapScope,
  WorkspaceCache,
  stream,
  type AstNode,
  type AstNodeDescription,
  type LangiumDocuments,
  type LocalSymbols,
  type ReferenceInfo,
  type Scope,
  type Stream,
} from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { STANDARD_LIBRARY_URI, isBuiltinUri } from './builtin-library.js';
import { importedUris } from './imports.js';

/** Descriptions by name, in declaration order (the first is the one a reference links to). */
type NameIndex = ReadonlyMap<string, readonly AstNodeDescription[]>;

/**
 * The names a container declares (of one reference type) in front of an outer scope, found by
 * name. Langium's default scans the container's declarations on every lookup, so a file with
 * thousands of declarations linked in time quadratic in its size.
 */
class IndexedScope implements Scope {
  constructor(
    private readonly index: NameIndex,
    private readonly outer: Scope,
  ) {}

  getElement(name: string): AstNodeDescription | undefined {
    return this.index.get(name)?.[0] ?? this.outer.getElement(name);
  }

  getElements(name: string): Stream<AstNodeDescription> {
    return stream(this.index.get(name) ?? []).concat(this.outer.getElements(name));
  }

  getAllElements(): Stream<AstNodeDescription> {
    return stream(this.index.values())
      .flatMap((ds) => ds)
      .concat(this.outer.getAllElements());
  }
}

export class CellSpecScopeProvider extends DefaultScopeProvider {
  /** Name indexes of a document's local symbols, per container and reference type; a new computation of the symbols starts afresh. */
  private readonly nameIndexes = new WeakMap<object, WeakMap<AstNode, Map<string, NameIndex>>>();

  /** As Langium's default (innermost container first, then the global scope), with each container's names indexed once. */
  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    const localSymbols = AstUtils.getDocument(context.container).localSymbols;
    const containers: AstNode[] = [];
    if (localSymbols) {
      for (let node: AstNode | undefined = context.container; node; node = node.$container) {
        if (localSymbols.has(node)) containers.push(node);
      }
    }
    let result = this.getGlobalScope(referenceType, context);
    for (let i = containers.length - 1; i >= 0; i--)
      result = new IndexedScope(this.nameIndex(localSymbols!, containers[i]!, referenceType), result);
    return result;
  }

  private nameIndex(localSymbols: LocalSymbols, container: AstNode, referenceType: string): NameIndex {
    let byContainer = this.nameIndexes.get(localSymbols);
    if (!byContainer) this.nameIndexes.set(localSymbols, (byContainer = new WeakMap()));
    let byType = byContainer.get(container);
    if (!byType) byContainer.set(container, (byType = new Map()));
    let index = byType.get(referenceType);
    if (!index) {
      const names = new Map<string, AstNodeDescription[]>();
      for (const description of localSymbols.getStream(container)) {
        if (!this.reflection.isSubtype(description.type, referenceType)) continue;
        const same = names.get(description.name);
        if (same) same.push(description);
        else names.set(description.name, [description]);
      }
      index = names;
      byType.set(referenceType, index);
    }
    return index;
  }

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
      return imported.size === 0
        ? builtin
        : new MultiMapScope(this.indexManager.allElements(referenceType, imported), builtin);
    });
  }
}
