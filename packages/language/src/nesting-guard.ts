/**
 * Bounds on what reaches the parser. The recursive-descent parser needs stack in proportion to
 * nesting, and so does everything that walks the trees it builds (CST offsets, linking,
 * validation, evaluation): a few thousand nested parentheses, a run of thousands of unary signs
 * or an operator chain of thousands of terms (which parses into a left-deep tree) overflows the
 * stack and takes the language server down. No spec comes anywhere near these limits.
 *
 * The guard sits in the lexer, so it sees exactly the tokens the parser will see (comments,
 * strings, CR line endings and unterminated tokens are decided by the lexer itself, not by a
 * second scanner that could disagree with it). Where a limit is crossed the token stream ends,
 * with one lexer error there: the rest of the file is reported, not parsed.
 *
 * The parser's CST builder also adds the comments before a node with `splice(i, 0, ...nodes)` and
 * `push(...nodes)`, whose argument count is bounded by the stack: a file of 200,000 comment lines
 * overflowed it. The builder's two methods are replaced with ones that copy instead.
 */
import type { CstNode, LangiumCoreServices, LexerResult } from 'langium';

type IToken = LexerResult['tokens'][number];

/** Deepest bracket nesting, `(`, `{` and `[` together. */
export const MAX_NESTING = 100;
/** Longest run of sign tokens (`-`, `+`): each unary minus nests one level. */
export const MAX_SIGN_RUN = 100;
/**
 * Most operators and brackets in one expression: a chain `a + b + …` parses into a tree as deep as
 * it is long, and locating a node in a left-deep tree costs its depth, so a chain's diagnostics
 * cost the cube of its length: `check` of a 1,000-operator chain of unknown names spent 5.4 s in
 * CST offsets (8.5 s in all), one of 250 adds 0.3 s. No spec writes an expression of 250 operators.
 */
export const MAX_EXPRESSION_OPERATORS = 250;

/**
 * Most top-level blocks (`cell`, `material`, `test-plan`, … `{ }`) in one file. Work and memory
 * grow with the declarations a file holds, not only with its bytes: 40,000 one-line cells
 * (1.4 MB) took 65 s and 0.6 GB to check, and 4 MiB of them would approach the heap limit. The
 * programme's largest spec has 12; a generated 4 MiB file of full cells has about 7,000.
 */
export const MAX_TOP_LEVEL_BLOCKS = 20_000;

/** Tokens that may continue an expression (operands, operators, brackets, units). */
const EXPRESSION_TOKENS = new Set(['NUMBER', 'ID', 'UNIT', '+', '-', '*', '/', '^', '·', '%', '(', ')', '.', 'C']);
const OPERATORS = new Set(['+', '-', '*', '/', '^', '·', '(']);
const SIGNS = new Set(['+', '-']);
const OPENING = new Set(['(', '{', '[']);
const CLOSING = new Set([')', '}', ']']);

export interface TokenLimitBreach {
  /** Index of the first token past a limit. */
  readonly index: number;
  readonly message: string;
}

/**
 * The first token at which `tokens` cross one of the limits, or undefined.
 *
 * An expression's extent is estimated from tokens: operators and `(` are counted from the last
 * token that cannot be part of an expression outside parentheses. Inside parentheses nothing
 * resets the count, because the parser's error recovery may skip a stray token there and go on
 * with the same expression; the count over-estimates, never under-estimates, a tree's depth.
 */
export function firstLimitBreach(
  tokens: readonly IToken[],
  limits = {
    nesting: MAX_NESTING,
    signs: MAX_SIGN_RUN,
    operators: MAX_EXPRESSION_OPERATORS,
    blocks: MAX_TOP_LEVEL_BLOCKS,
  },
): TokenLimitBreach | undefined {
  let depth = 0;
  let blocks = 0;
  let parens = 0;
  let signs = 0;
  let operators = 0;
  let previous = '';
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i]!.tokenType.name;
    if (name === '{' && depth === 0 && ++blocks > limits.blocks)
      return {
        index: i,
        message: `the file is too large: more than ${limits.blocks} top-level declarations (split it into files that import one another)`,
      };
    if (OPENING.has(name)) {
      if (++depth > limits.nesting)
        return { index: i, message: `brackets nest deeper than ${limits.nesting} levels here` };
    } else if (CLOSING.has(name)) depth = Math.max(0, depth - 1);
    if (name === '(') parens++;
    else if (name === ')') parens = Math.max(0, parens - 1);

    signs = SIGNS.has(name) ? signs + 1 : 0;
    if (signs > limits.signs) return { index: i, message: `more than ${limits.signs} signs in a row here` };

    // A keyword right after `.` is a property name in a reference (`NCM811.density`).
    const inExpression = EXPRESSION_TOKENS.has(name) || previous === '.';
    if (!inExpression && parens === 0) operators = 0;
    else if (OPERATORS.has(name) && ++operators > limits.operators)
      return { index: i, message: `an expression with more than ${limits.operators} operators here` };
    previous = name;
  }
  return undefined;
}

/** Ends the token stream of an over-limit text at the breach, with a lexer error there. */
function truncateAtBreach(result: LexerResult): LexerResult {
  const breach = firstLimitBreach(result.tokens);
  if (!breach) return result;
  const token = result.tokens[breach.index]!;
  const offset = token.startOffset;
  return {
    ...result,
    tokens: result.tokens.slice(0, breach.index),
    hidden: result.hidden.filter((t) => t.startOffset < offset),
    errors: [
      ...result.errors.filter((e) => e.offset < offset),
      {
        offset,
        length: Math.max(1, token.image.length),
        line: token.startLine ?? 1,
        column: token.startColumn ?? 1,
        message: `${breach.message}; the rest of the file is not read`,
      },
    ],
  };
}

/** Far below the argument count that overflows the stack (about 100,000 on Node's default stack). */
const SPREAD_LIMIT = 1000;

interface ChildInserter {
  insertChildren(parent: { content: CstNode[] }, index: number, children: CstNode[]): void;
  appendChildren(parent: { content: CstNode[] }, children: CstNode[]): void;
}

/** Installs the bounds on the language's lexer (used by the parser and the completion parser) and CST builder. */
export function guardNesting(services: LangiumCoreServices): void {
  const lexer = services.parser.Lexer;
  const tokenize = lexer.tokenize.bind(lexer);
  lexer.tokenize = (text, options) => truncateAtBreach(tokenize(text, options));
  const builder = (services.parser.LangiumParser as unknown as { nodeBuilder?: ChildInserter }).nodeBuilder;
  if (builder) {
    const insertChildren = builder.insertChildren.bind(builder);
    const appendChildren = builder.appendChildren.bind(builder);
    // Spreading is fine (and fastest) for the few comments usually found between two tokens.
    builder.insertChildren = (parent, index, children) => {
      if (children.length <= SPREAD_LIMIT) return insertChildren(parent, index, children);
      for (const child of children) (child as { container?: unknown }).container = parent;
      parent.content = parent.content.slice(0, index).concat(children, parent.content.slice(index));
    };
    builder.appendChildren = (parent, children) => {
      if (children.length <= SPREAD_LIMIT) return appendChildren(parent, children);
      for (const child of children) {
        (child as { container?: unknown }).container = parent;
        parent.content.push(child);
      }
    };
  }
}
