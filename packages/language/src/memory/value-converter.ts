/**
 * String literals converted in one piece.
 *
 * Langium's default conversion of a STRING token appends the characters one at a time, which V8
 * keeps as a chain of concatenated strings: ~30 bytes per character, so a 40-character `title`
 * or `pass` criterion costs ~1.2 KB for as long as the AST lives (~60 KB per 300-line generated
 * cell file). Slicing the token and replacing escapes gives the same value as one string.
 */
import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', 0: '\0' };

/** The value of a quoted string token: quotes removed, `\x` escapes as Langium reads them. */
export function convertStringToken(token: string): string {
  const body = token.slice(1, -1);
  return body.includes('\\') ? body.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c) : body;
}

export class CompactValueConverter extends DefaultValueConverter {
  protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
    if (rule.name.toUpperCase() === 'STRING') return convertStringToken(input);
    return super.runConverter(rule, input, cstNode);
  }
}
