/**
 * Compact descriptions of named nodes (the index's exported symbols and every document's local
 * symbols, about 45 per cell file).
 *
 * Langium's default description is an object literal with a getter and a closure per symbol,
 * which V8 keeps in dictionary mode (~600 bytes each), and it computes the node's full range
 * eagerly, which caches a range object on every CST node along the way. Nothing on the build
 * path reads that range (only outlines and "go to symbol" do, and rarely), so both segments are
 * computed on first use here. Measured on a 200-file workspace: descriptions and the range
 * caches they caused were ~15 % of the server's live heap.
 */
import {
  AstUtils, CstUtils, DefaultAstNodeDescriptionProvider,
  type AstNode, type AstNodeDescription, type DocumentSegment, type LangiumDocument, type NameProvider, type URI,
} from 'langium';

class LazyNodeDescription implements AstNodeDescription {
  private nameSeg: DocumentSegment | undefined | null = null;
  private selectionSeg: DocumentSegment | undefined | null = null;

  constructor(
    readonly node: AstNode,
    readonly name: string,
    readonly type: string,
    readonly documentUri: URI,
    readonly path: string,
    private readonly nameProvider: NameProvider,
  ) {}

  get nameSegment(): DocumentSegment | undefined {
    if (this.nameSeg === null) this.nameSeg = CstUtils.toDocumentSegment(this.nameProvider.getNameNode(this.node) ?? this.node.$cstNode);
    return this.nameSeg;
  }

  get selectionSegment(): DocumentSegment | undefined {
    if (this.selectionSeg === null) this.selectionSeg = CstUtils.toDocumentSegment(this.node.$cstNode);
    return this.selectionSeg;
  }
}

export class CompactAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
  override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
    const doc = document ?? AstUtils.getDocument(node);
    const path = this.astNodeLocator.getAstNodePath(node);
    const written = name ?? this.nameProvider.getName(node);
    if (!written) throw new Error(`Node at path ${path} has no name.`);
    return new LazyNodeDescription(node, written, node.$type, doc.uri, path, this.nameProvider);
  }
}
