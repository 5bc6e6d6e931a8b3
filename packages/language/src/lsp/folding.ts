/**
 * Folding: every block from its `{` to the line before its `}`, block comments, and runs of
 * two or more line comments. One pass over the tokens: every `{ … }` of the grammar is a block.
 */
import { CstUtils, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { FoldingRangeProvider } from 'langium/lsp';
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import { isKeywordLeaf } from './cst.js';

export class CellSpecFoldingRangeProvider implements FoldingRangeProvider {
  getFoldingRanges(document: LangiumDocument, _params: FoldingRangeParams): MaybePromise<FoldingRange[]> {
    const root = document.parseResult.value.$cstNode;
    if (!root) return [];
    const lineOf = (offset: number) => document.textDocument.positionAt(offset).line;
    const ranges: FoldingRange[] = [];
    const openLines: number[] = [];
    let commentRun: { start: number; end: number } | undefined;
    const endCommentRun = () => {
      if (commentRun && commentRun.end > commentRun.start)
        ranges.push({ startLine: commentRun.start, endLine: commentRun.end, kind: FoldingRangeKind.Comment });
      commentRun = undefined;
    };
    for (const leaf of CstUtils.flattenCst(root)) {
      if (!leaf.hidden) {
        endCommentRun();
        if (isKeywordLeaf(leaf, '{')) openLines.push(lineOf(leaf.offset));
        else if (isKeywordLeaf(leaf, '}')) {
          const start = openLines.pop();
          const end = lineOf(leaf.offset) - 1;
          if (start !== undefined && end > start) ranges.push({ startLine: start, endLine: end });
        }
        continue;
      }
      const start = lineOf(leaf.offset);
      if (isBlockComment(leaf)) {
        endCommentRun();
        const end = lineOf(leaf.end);
        if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
      } else if (commentRun && start === commentRun.end + 1) {
        commentRun.end = start;
      } else {
        endCommentRun();
        commentRun = { start, end: start };
      }
    }
    endCommentRun();
    return ranges.sort((a, b) => a.startLine - b.startLine);
  }
}

function isBlockComment(leaf: CstNode): boolean {
  return 'tokenType' in leaf && (leaf as { tokenType: { name: string } }).tokenType.name === 'ML_COMMENT';
}
