/**
 * Folding: every block from its `{` to the line before its `}`, block comments, and runs of
 * two or more line comments.
 */
import { CstUtils, GrammarUtils, AstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { FoldingRangeProvider } from 'langium/lsp';
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';

export class CellSpecFoldingRangeProvider implements FoldingRangeProvider {
  getFoldingRanges(document: LangiumDocument, _params: FoldingRangeParams): MaybePromise<FoldingRange[]> {
    const root = document.parseResult.value;
    const ranges: FoldingRange[] = [];
    for (const node of AstUtils.streamAst(root)) {
      const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
      const close = open && GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
      if (!open || !close) continue;
      const start = open.range.start.line;
      const end = close.range.start.line - 1;
      if (end > start) ranges.push({ startLine: start, endLine: end });
    }
    if (root.$cstNode) ranges.push(...commentFoldings(root.$cstNode));
    return ranges;
  }
}

function commentFoldings(rootCst: Parameters<typeof CstUtils.flattenCst>[0]): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  let runStart: number | undefined;
  let runEnd = -1;
  const flush = () => {
    if (runStart !== undefined && runEnd > runStart) ranges.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
    runStart = undefined;
  };
  for (const leaf of CstUtils.flattenCst(rootCst)) {
    if (!leaf.hidden) { flush(); continue; }
    const { start, end } = leaf.range;
    if (leaf.tokenType.name === 'ML_COMMENT') {
      flush();
      if (end.line > start.line) ranges.push({ startLine: start.line, endLine: end.line, kind: FoldingRangeKind.Comment });
      continue;
    }
    if (runStart !== undefined && start.line === runEnd + 1) runEnd = start.line;
    else { flush(); runStart = start.line; runEnd = start.line; }
  }
  flush();
  return ranges;
}
