/**
 * A guard in front of the parser: the recursive-descent parser needs stack in proportion to
 * nesting, and a few thousand nested parentheses overflow it and take the language server down.
 * No spec nests anywhere near 100 levels, so text past that depth is blanked (offsets and lines
 * kept) and reported as one lexer error instead of being parsed.
 */
import type { LangiumParser, ParseResult } from 'langium';

export const MAX_NESTING = 100;

/** The offset where `(`/`{`/`[` nesting first exceeds `limit`, skipping strings and comments; -1 if never. */
export function excessiveNestingOffset(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '(' || c === '{' || c === '[') {
      if (++depth > limit) return i;
    } else if (c === ')' || c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** Wraps the parser's `parse` so over-deep text is never handed to it. */
export function guardNesting(parser: LangiumParser): void {
  const parse = parser.parse.bind(parser);
  parser.parse = (<T extends import('langium').AstNode>(
    input: string,
    options?: Parameters<LangiumParser['parse']>[1],
  ): ParseResult<T> => {
    const at = excessiveNestingOffset(input);
    if (at < 0) return parse<T>(input, options);
    const blanked = input.slice(0, at) + input.slice(at).replace(/[^\n]/g, ' ');
    const result = parse<T>(blanked, options);
    const before = input.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    result.lexerErrors.push({
      offset: at,
      length: 1,
      line,
      column,
      message: `brackets nest deeper than ${MAX_NESTING} levels here; the rest of the file is not read`,
    });
    return result;
  }) as LangiumParser['parse'];
}
