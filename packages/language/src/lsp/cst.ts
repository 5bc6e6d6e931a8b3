/** Small questions about concrete-syntax nodes that several editor features ask. */
import { GrammarAST, type CstNode } from 'langium';

/**
 * The composite node of a datatype rule call (`Unit`, `PropertyName`…) that `leaf` is part of,
 * searched within the leaf's own AST node only.
 */
export function enclosingRuleCall(leaf: CstNode, ruleName: string): CstNode | undefined {
  for (let c = leaf.container; c && c.astNode === leaf.astNode; c = c.container) {
    const g = c.grammarSource;
    if (GrammarAST.isRuleCall(g) && g.rule.$refText === ruleName) return c;
  }
  return undefined;
}

/** Whether the leaf is the keyword `value` (and not a name or string that happens to read the same). */
export function isKeywordLeaf(leaf: CstNode, value?: string): boolean {
  return GrammarAST.isKeyword(leaf.grammarSource) && (value === undefined || leaf.grammarSource.value === value);
}
