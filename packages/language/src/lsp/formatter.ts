/**
 * The formatter: makes a spec canonical so that reviews diff only what changed.
 *
 * - two spaces of indentation per block, `{` on the header line, one member per line;
 * - single spaces between words, around operators and before units; none inside a unit
 *   (`mg/cm²`, `Ω·cm²`), a C-rate (`C/20`), a reference (`NCM811.density`), after a unary minus
 *   or an opening parenthesis, or before `,` `;` `:` `)`;
 * - comments stay where they are: a comment at the end of a line stays there, a comment on its
 *   own line stays on its own line (re-indented);
 * - blank lines are kept where written but never more than one in a row, and never right after
 *   `{` or right before `}`; top-level blocks (materials, cells, test plans…) are always set
 *   apart by one blank line.
 *
 * Why not Langium's AbstractFormatter: it formats only the gaps its rules name and places
 * comments by heuristics. Here every gap between two tokens of the concrete syntax tree gets
 * exactly one decision, which makes the result canonical for any input and idempotent by
 * construction. Only whitespace is ever edited; a document with syntax errors is left alone.
 */
import { CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
  DocumentFormattingParams,
  DocumentOnTypeFormattingOptions,
  DocumentRangeFormattingParams,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import { isSpec } from '../generated/ast.js';
import { isKeywordLeaf } from './cst.js';

const INDENT = '  ';

/** Properties whose elements are the members of a block (or the top-level elements of a spec). */
const MEMBER_PROPERTIES = new Set([
  'members',
  'components',
  'targets',
  'analyses',
  'parameters',
  'steps',
  'tests',
  'entries',
  'points',
  'elements',
  'imports',
]);

/** Top-level elements that always have a block. */
const TOP_LEVEL_BLOCKS = new Set(['Material', 'Cell', 'Variant', 'Process', 'TestPlan', 'DocumentControl']);

const TIGHT_BEFORE = new Set([',', ';', ':', ')', '.']);
const TIGHT_AFTER = new Set(['(', '.']);

export class CellSpecFormatter implements Formatter {
  formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
    return formattingEdits(document);
  }

  formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
    return formattingEdits(document).filter((e) => within(e.range, params.range));
  }

  formatDocumentOnType(): MaybePromise<TextEdit[]> {
    return [];
  }

  get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
    return undefined;
  }
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The whitespace edits that make the document canonical; none when it does not parse cleanly. */
export function formattingEdits(document: LangiumDocument): TextEdit[] {
  const { parseResult, textDocument } = document;
  if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return [];
  const root = parseResult.value.$cstNode;
  if (!root) return [];
  const text = textDocument.getText();
  const leaves = [...CstUtils.flattenCst(root)];
  // Keep the document's line endings (a file written on Windows stays CRLF).
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const gaps = canonicalGaps(leaves, text, eol);
  if (!gaps) return [];
  const edits: TextEdit[] = [];
  for (const gap of gaps) {
    if (text.slice(gap.start, gap.end) === gap.text) continue;
    edits.push({
      range: { start: textDocument.positionAt(gap.start), end: textDocument.positionAt(gap.end) },
      newText: gap.text,
    });
  }
  return edits;
}

interface Gap {
  start: number;
  end: number;
  text: string;
}

/**
 * The canonical text of every gap between tokens, including before the first and after the last.
 * Returns undefined when a gap holds anything but whitespace (a token the tree does not know):
 * then formatting could lose text, so it is not attempted.
 */
function canonicalGaps(leaves: readonly CstNode[], text: string, eol: string): Gap[] | undefined {
  const memberStarts = findMemberStarts(leaves);
  const midMember = commentsInsideMembers(leaves, memberStarts);
  const gaps: Gap[] = [];
  let depth = 0;
  let previous: CstNode | undefined;
  for (const leaf of leaves) {
    const start = previous ? previous.end : 0;
    const original = text.slice(start, leaf.offset);
    if (original.trim() !== '') return undefined;
    if (isKeywordLeaf(leaf, '}')) depth = Math.max(0, depth - 1);
    const canonical = previous ? gapText(previous, leaf, original, depth, memberStarts, midMember) : '';
    gaps.push({ start, end: leaf.offset, text: eol === '\n' ? canonical : canonical.replace(/\n/g, eol) });
    if (isKeywordLeaf(leaf, '{')) depth++;
    previous = leaf;
  }
  const tail = previous ? previous.end : 0;
  if (text.slice(tail).trim() !== '') return undefined;
  gaps.push({ start: tail, end: text.length, text: previous ? eol : '' });
  return gaps;
}

function gapText(
  prev: CstNode,
  next: CstNode,
  original: string,
  depth: number,
  memberStarts: ReadonlySet<CstNode>,
  midMember: ReadonlySet<CstNode>,
): string {
  const lineBreaks = (original.match(/\n/g) ?? []).length;
  const blankLines = Math.min(1, Math.max(0, lineBreaks - 1));
  const newline = (blank: number, extraIndent = 0) => '\n'.repeat(1 + blank) + INDENT.repeat(depth + extraIndent);
  const opens = isKeywordLeaf(prev, '{');
  const closes = isKeywordLeaf(next, '}');

  if (opens && closes) return '';
  // A comment written at the end of a line stays there.
  if (next.hidden && lineBreaks === 0) return ' ';
  if (opens || closes) return newline(0);
  if (next.hidden && midMember.has(next)) return newline(0, 1);
  if (memberStarts.has(next) || (next.hidden && lineBreaks > 0)) {
    // Top-level blocks stand apart: one blank line after a block and before one (unless a comment leads it).
    const apart =
      depth === 0 && (isKeywordLeaf(prev, '}') || (!prev.hidden && TOP_LEVEL_BLOCKS.has(next.astNode.$type)));
    return newline(apart ? 1 : blankLines);
  }
  if (isLineComment(prev) || (prev.hidden && lineBreaks > 0)) {
    // A comment inside a member (rare): the rest of the member continues one level deeper.
    return newline(0, 1);
  }
  return tight(prev, next) ? '' : ' ';
}

/** Comments followed by more of the same member (not by a new member, a `}` or the end). */
function commentsInsideMembers(leaves: readonly CstNode[], memberStarts: ReadonlySet<CstNode>): Set<CstNode> {
  const result = new Set<CstNode>();
  let pending: CstNode[] = [];
  for (const leaf of leaves) {
    if (leaf.hidden) {
      pending.push(leaf);
      continue;
    }
    const continues = !memberStarts.has(leaf) && !isKeywordLeaf(leaf, '}');
    // Only comments after a token that is itself inside a member (not after `{` or a finished member).
    if (continues) for (const c of pending) result.add(c);
    pending = [];
  }
  return result;
}

function isLineComment(leaf: CstNode): boolean {
  return (
    leaf.hidden && 'tokenType' in leaf && (leaf as { tokenType: { name: string } }).tokenType.name === 'SL_COMMENT'
  );
}

function tight(prev: CstNode, next: CstNode): boolean {
  if (prev.hidden || next.hidden) return false;
  if (isPunctuation(next, TIGHT_BEFORE) || isPunctuation(prev, TIGHT_AFTER)) return true;
  if (isKeywordLeaf(prev, '-') && prev.astNode.$type === 'UnaryExpression') return true;
  if (prev.astNode === next.astNode && prev.astNode.$type === 'CRateLiteral') return true;
  const unit = outermostUnit(prev);
  return unit !== undefined && unit === outermostUnit(next);
}

function isPunctuation(leaf: CstNode, set: ReadonlySet<string>): boolean {
  return GrammarAST.isKeyword(leaf.grammarSource) && set.has(leaf.grammarSource.value);
}

/** The outermost `Unit` datatype-rule node a token belongs to (`J/(kg·K)` is one unit). */
function outermostUnit(leaf: CstNode): CstNode | undefined {
  let found: CstNode | undefined;
  for (let c = leaf.container; c && c.astNode === leaf.astNode; c = c.container) {
    const g = c.grammarSource;
    if (GrammarAST.isRuleCall(g) && g.rule.$refText === 'Unit') found = c;
  }
  return found;
}

/** The first token of every block member and top-level element. */
function findMemberStarts(leaves: readonly CstNode[]): Set<CstNode> {
  const seen = new Set<AstNode>();
  const starts = new Set<CstNode>();
  for (const leaf of leaves) {
    if (leaf.hidden) continue;
    for (let node: AstNode | undefined = leaf.astNode; node && !seen.has(node); node = node.$container) {
      seen.add(node);
      if (!isSpec(node) && MEMBER_PROPERTIES.has(node.$containerProperty ?? '')) starts.add(leaf);
    }
  }
  return starts;
}
