/**
 * Where a cell's figures fail at the root: the first value that cannot be evaluated in the cell
 * itself, in its base cell, or in a material it uses (following `extends`), in whichever file of
 * the workspace it is written. The validator of a file that only uses the value (a cell file
 * using a material, a test-plan file testing a cell) reads it here instead of another file's
 * diagnostics, so the answer does not depend on the order files are validated in.
 */
import { AstUtils, UriUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Evaluator } from '../evaluate.js';
import { isCell, isMaterial, isProperty, isVariant, type CellLike } from '../generated/ast.js';
import { PROPERTIES } from '../properties.js';

export interface RootCause {
  readonly document: LangiumDocument;
  /** 1-based; undefined when the file's syntax tree is not at hand. */
  readonly line?: number;
  readonly message: string;
}

/** The first value error that keeps `cell` from being computed, or undefined when its values all evaluate. */
export function rootCauseOf(evaluator: Evaluator, cell: CellLike): RootCause | undefined {
  const visited = new Set<AstNode>();
  const pending: AstNode[] = [cell];
  while (pending.length > 0) {
    const node = pending.shift()!;
    if (visited.has(node)) continue;
    visited.add(node);
    for (const n of AstUtils.streamAst(node)) {
      if (isProperty(n)) {
        const kinds = PROPERTIES[n.name]?.kinds;
        if (kinds?.length) {
          const q = evaluator.quantity(n.value, kinds);
          if (!q.ok) return causeAt(q.node ?? n, q.message);
        }
      }
      for (const ref of AstUtils.streamReferences(n)) {
        const target = 'ref' in ref.reference ? ref.reference.ref : undefined;
        // An unresolved name is the root cause where it is written; a cell's own file reports it.
        if (!target) continue;
        if (isMaterial(target) || isCell(target) || isVariant(target)) pending.push(target);
      }
    }
  }
  return undefined;
}

/** "on line 12" in the same file, "in ../materials/x.cellspec on line 12" in another. */
export function whereOf(cause: RootCause, from: LangiumDocument): string {
  const line = cause.line === undefined ? '' : ` on line ${cause.line}`;
  if (cause.document.uri.toString() === from.uri.toString()) return line.trim();
  return `in ${UriUtils.relative(UriUtils.dirname(from.uri), cause.document.uri)}${line}`;
}

function causeAt(node: AstNode, message: string): RootCause {
  const line = node.$cstNode?.range.start.line;
  return {
    document: AstUtils.getDocument(node),
    ...(line === undefined ? {} : { line: line + 1 }),
    message: message.split(';')[0]!,
  };
}
