/**
 * BPX expressions. The standard's `Function` is Python syntax restricted to numbers, `x`,
 * `+ - * / **`, parentheses and the functions `exp`, `tanh` and `cosh` (bpx/function.py,
 * bpx/expression_parser.py at v1.1.1). cellspec formulas (mathjs) write powers as `^` and have
 * no `cosh`, so a BPX expression converts one to one when it uses no `cosh`.
 */
import { compileFormula } from '@cellspec/units';

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\*\*|[-+*/()])|([A-Za-z][A-Za-z0-9]*)|(,))/y;
const BPX_FUNCTIONS = new Set(['exp', 'tanh', 'cosh']);

/** Whether text is a BPX expression (the grammar above); returns the reason when it is not. */
export function checkBpxExpression(text: string): string | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return `unexpected character at ${at + 1} in '${text}'`;
    const word = m[3];
    if (word !== undefined && word !== 'x' && !BPX_FUNCTIONS.has(word))
      return `'${word}' is not part of a BPX expression (x, exp, tanh, cosh)`;
    if (m[4] !== undefined) return `BPX functions take one argument ('${text}')`;
    tokens.push(m[0].trim());
    at = TOKEN.lastIndex;
  }
  if (tokens.length === 0) return 'empty expression';
  // Parenthesis balance and operator placement, the two mistakes a hand edit makes.
  let depth = 0;
  let expectOperand = true;
  for (const t of tokens) {
    if (t === '(') {
      depth++;
      expectOperand = true;
    } else if (t === ')') {
      if (expectOperand || --depth < 0) return `unbalanced or empty parentheses in '${text}'`;
      expectOperand = false;
    } else if (['**', '*', '/'].includes(t)) {
      if (expectOperand) return `operator ${t} without a left operand in '${text}'`;
      expectOperand = true;
    } else if (t === '+' || t === '-') {
      expectOperand = true; // binary or unary
    } else if (BPX_FUNCTIONS.has(t)) {
      if (!expectOperand) return `missing operator before ${t} in '${text}'`;
      expectOperand = true;
    } else {
      if (!expectOperand) return `missing operator before ${t} in '${text}'`;
      expectOperand = false;
    }
  }
  if (depth !== 0 || expectOperand) return `incomplete expression '${text}'`;
  return undefined;
}

/** BPX `**` → cellspec `^`; undefined when the expression uses what cellspec formulas lack (cosh). */
export function bpxToFormula(expression: string): string | undefined {
  if (/\bcosh\b/.test(expression)) return undefined;
  return expression.replace(/\*\*/g, '^');
}

/** cellspec formula → BPX expression; undefined when it uses what BPX lacks (log, sqrt, pow, sto, pi, e). */
export function formulaToBpx(formula: string): string | undefined {
  const text = formula.replace(/\bsto\b/g, 'x').replace(/\^/g, '**');
  return checkBpxExpression(text) === undefined ? text : undefined;
}

/** cosh(u) rewritten as (exp(u) + exp(-(u))) / 2, one call at a time, for formulas without cosh. */
function withoutCosh(expression: string): string {
  let text = expression;
  for (;;) {
    const at = text.search(/\bcosh\(/);
    if (at < 0) return text;
    let depth = 0;
    let end = at + 4;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const inner = text.slice(at + 5, end);
    text = `${text.slice(0, at)}((exp(${inner}) + exp(-(${inner}))) / 2)${text.slice(end + 1)}`;
  }
}

/** Evaluates a BPX expression at x. */
export function evaluateBpx(expression: string, x: number): number {
  const formula = withoutCosh(expression).replace(/\*\*/g, '^');
  const compiled = compileFormula(formula, ['x']);
  if ('error' in compiled) throw new Error(`BPX expression '${expression}': ${compiled.error}`);
  return compiled.formula.evaluate({ x });
}
