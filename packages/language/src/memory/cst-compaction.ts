/**
 * Drops pass-through nodes from the concrete syntax tree right after parsing.
 *
 * The parser makes one composite CST node per rule call, so `20 mm` as a property value sits
 * under Expression → Addition → Multiplication → Unary → Primary → QuantityLiteral: five nodes
 * that each hold exactly one child and no AST node of their own; `mm` adds Unit → UnitFactor →
 * UnitAtom. In a generated cell file ~460 of its ~900 composite nodes are such pass-throughs
 * (about a sixth of the document's memory in the language server). A node is dropped only when it
 *   - comes from a rule call that is not assigned to a property (assignments are how
 *     `findNodeForProperty` finds a value, so those nodes stay),
 *   - calls a parser rule, or a datatype rule from inside another one (`UnitFactor` within
 *     `Unit`): the outermost node of a unit or a property name stays, which is what
 *     completion, hover and the formatter look for,
 *   - has exactly one child and is no AST node's `$cstNode`.
 * Its child takes its place, so text, offsets, ranges, the `astNode` of every remaining node,
 * comments and keyword lookups are unchanged.
 */
import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CompositeCstNode, type CstNode } from 'langium';

const passThroughCalls = new WeakMap<object, boolean>();

function isPassThroughCall(source: unknown): boolean {
  if (!GrammarAST.isRuleCall(source)) return false;
  let known = passThroughCalls.get(source);
  if (known === undefined) {
    const rule = source.rule.ref;
    const caller = AstUtils.getContainerOfType(source, GrammarAST.isParserRule);
    // A datatype rule's own call stays unless it sits inside another datatype rule, so the
    // outermost node of a unit or name (what completion replaces) is always kept.
    known =
      GrammarAST.isParserRule(rule) &&
      !rule.fragment &&
      (!rule.dataType || Boolean(caller?.dataType)) &&
      !AstUtils.getContainerOfType(source, GrammarAST.isAssignment);
    passThroughCalls.set(source, known);
  }
  return known;
}

/** Removes pass-through composite nodes below `root`; returns how many were removed. */
export function compactCst(root: CompositeCstNode, ast: AstNode): number {
  const owned = new Set<CstNode>();
  for (const node of AstUtils.streamAst(ast)) if (node.$cstNode) owned.add(node.$cstNode);
  let removed = 0;
  const stack: CompositeCstNode[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const content = parent.content as CstNode[];
    for (let i = 0; i < content.length; i++) {
      let child = content[i]!;
      while (
        isCompositeCstNode(child) &&
        child.content.length === 1 &&
        !owned.has(child) &&
        isPassThroughCall(child.grammarSource)
      ) {
        child = child.content[0]!;
        removed++;
      }
      if (child !== content[i]) {
        (child as { container?: CompositeCstNode }).container = parent;
        content[i] = child;
      }
      if (isCompositeCstNode(child)) stack.push(child);
    }
  }
  return removed;
}
