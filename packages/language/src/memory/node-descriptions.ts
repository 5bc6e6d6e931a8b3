/**
 * Compact descriptions of named nodes (the index's exported symbols and every document's local
 * symbols, about 45 per cell file).
 *
 * Langium's default description is an object literal with a getter and a closure per symbol,
 * which V8 keeps in dictionary mode (~600 bytes each), and it computes the node's full range
 * eagerly, which caches a range object on every CST node along the way. Nothing on the build
 * path reads that range (only outlines and "go to symbol" do, and rarely), so both segments are
 * computed on first use here, and so is the node's path (a chain of concatenated strings that
 * only linking reads, for the few symbols something refers to). Measured on a 200-file
 * workspace: descriptions and the range caches they caused were ~15 % of the server's live heap.
 */
import {
  AstUtils,
  CstUtils,
  DefaultAstNodeDescriptionProvider,
  type AstNode,
  type AstNodeDescription,
  type AstNodeLocator,
  type DocumentSegment,
  type LangiumDocument,
  type NameProvider,
  type URI,
} from 'langium';

/**
 * An `AstNodeDescription` whose segments and path are computed on first use. Its segment getters
 * answer `undefined` while the node has no CST, which Langium's optional fields mean as well, so
 * it is handed out as a description (`createDescription`) without `implements`: under
 * exactOptionalPropertyTypes a getter typed `T | undefined` does not match an optional `T`.
 */
class LazyNodeDescription {
  private nameSeg: DocumentSegment | undefined;
  private selectionSeg: DocumentSegment | undefined;
  private nodePath: string | undefined;

  constructor(
    readonly node: AstNode,
    readonly name: string,
    readonly type: string,
    readonly documentUri: URI,
    private readonly services: { readonly nameProvider: NameProvider; readonly locator: AstNodeLocator },
  ) {}

  get path(): string {
    return (this.nodePath ??= this.services.locator.getAstNodePath(this.node));
  }

  // Kept once known; not while the node has no CST (its closed document released it, see closed-documents.ts).
  get nameSegment(): DocumentSegment | undefined {
    return (this.nameSeg ??= CstUtils.toDocumentSegment(
      this.services.nameProvider.getNameNode(this.node) ?? this.node.$cstNode,
    ));
  }

  get selectionSegment(): DocumentSegment | undefined {
    return (this.selectionSeg ??= CstUtils.toDocumentSegment(this.node.$cstNode));
  }
}

export class CompactAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
  private readonly lazy = { nameProvider: this.nameProvider, locator: this.astNodeLocator };

  override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
    const doc = document ?? AstUtils.getDocument(node);
    const written = name ?? this.nameProvider.getName(node);
    if (!written) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
    return new LazyNodeDescription(node, written, node.$type, doc.uri, this.lazy) as AstNodeDescription;
  }
}
