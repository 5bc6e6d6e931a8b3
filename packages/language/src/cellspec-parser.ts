/**
 * The cellspec parser: Langium's, with two steps of its own around `parse`.
 * - Every tree it returns has its pass-through CST nodes dropped (`memory/cst-compaction.ts`).
 * - The last line of defence: a text the parser (or the compaction) still fails on becomes an
 *   empty document with one error, instead of an exception that ends the CLI or a build of the
 *   language server. The parser's rule stack is cleared, so the next parse starts clean. (Deep
 *   nesting and long chains never get here: the lexer's guard, `nesting-guard.ts`, cuts them.)
 * Registered as the `parser.LangiumParser` service (`cellspec-module.ts`) and built the way
 * Langium builds its own (`createLangiumParser`: rules from the grammar, then `finalize`).
 */
import {
  createParser,
  isCompositeCstNode,
  LangiumParser,
  type AstNode,
  type LangiumCoreServices,
  type ParseResult,
} from 'langium';
import { compactCst } from './memory/cst-compaction.js';

type ParserOptions = Parameters<LangiumParser['parse']>[1];

export class CellSpecParser extends LangiumParser {
  override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
    try {
      return this.compacted(super.parse<T>(input, options));
    } catch (error) {
      const state = this as unknown as { stack?: unknown[] };
      if (Array.isArray(state.stack)) state.stack.length = 0;
      // Same length and line breaks, nothing to parse: positions in the document stay valid.
      const result = super.parse<T>(input.replace(/[^\r\n]/g, ' '), options);
      result.lexerErrors.push({
        offset: 0,
        length: 1,
        line: 1,
        column: 1,
        message: `this file could not be read (${error instanceof Error ? error.message : String(error)}); nothing in it is checked`,
      });
      return result;
    }
  }

  private compacted<T extends AstNode>(result: ParseResult<T>): ParseResult<T> {
    const root = result.value.$cstNode;
    if (root && isCompositeCstNode(root)) compactCst(root, result.value);
    return result;
  }
}

/** The `parser.LangiumParser` service: a `CellSpecParser` with the grammar's rules, finalized. */
export function createCellSpecParser(services: LangiumCoreServices): LangiumParser {
  const parser = new CellSpecParser(services);
  createParser(services.Grammar, parser, services.parser.Lexer.definition);
  parser.finalize();
  return parser;
}
