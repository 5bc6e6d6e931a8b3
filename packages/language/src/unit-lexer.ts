/**
 * Units are told from names by where they stand, not by the parser's guess. The parser decides
 * whether a number has a unit by looking one token ahead, so with an identifier as the unit a
 * name at the start of the next line (`A: 0.5` newline `B: 0.5`, commas being optional) was read
 * as the unit of the number before it. Here, after lexing, an identifier becomes a UNIT token
 * only where a unit can stand: right after a number on the same line, or inside a unit after its
 * `/`, `·`, `(`; everything else stays an ID. The grammar's units take UNIT, names take ID.
 */
import { DefaultLexer, type Lexer, type LexerResult, type TokenizeOptions } from 'langium';

type IToken = LexerResult['tokens'][number];
type TokenType = Lexer['definition'][string];

/** Tokens that keep a unit going: `mg/cm2`, `W/(m·K)`, `m^-2`, `wt%`. */
const UNIT_JOINERS = new Set(['/', '·', '(', ')', '^', '-', '%']);

export class UnitLexer extends DefaultLexer {
  override tokenize(text: string, options?: TokenizeOptions): LexerResult {
    const result = super.tokenize(text, options);
    const unit: TokenType | undefined = this.definition['UNIT'];
    const id: TokenType | undefined = this.definition['ID'];
    const number: TokenType | undefined = this.definition['NUMBER'];
    if (!unit || !id || !number) return result;
    markUnits(result.tokens, text, { unit, id, number });
    return result;
  }
}

function markUnits(tokens: IToken[], text: string, types: { unit: TokenType; id: TokenType; number: TokenType }): void {
  let inUnit = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tokens[i - 1] : undefined;
    if (t.tokenType === types.id) {
      const afterNumber = prev !== undefined && prev.tokenType === types.number && !lineBreakBetween(text, prev, t);
      const continuesUnit =
        inUnit && prev !== undefined && (prev.image === '/' || prev.image === '·' || prev.image === '(');
      if (afterNumber || continuesUnit) {
        t.tokenType = types.unit;
        t.tokenTypeIdx = types.unit.tokenTypeIdx!;
        inUnit = true;
      } else inUnit = false;
    } else if (t.tokenType === types.number) {
      // An exponent (`^2`, `^-1`) stays in the unit; any other number starts a new value.
      const exponent = prev?.image === '^' || (prev?.image === '-' && tokens[i - 2]?.image === '^');
      inUnit = inUnit && exponent;
    } else if (!UNIT_JOINERS.has(t.image)) {
      inUnit = false;
    }
  }
}

function lineBreakBetween(text: string, before: IToken, after: IToken): boolean {
  for (let k = (before.endOffset ?? before.startOffset) + 1; k < after.startOffset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
