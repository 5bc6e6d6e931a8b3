/**
 * Nothing in a spec can execute code. The language's expressions have no calls by grammar; OCP
 * `formula` strings go through the restricted evaluator of @cellspec/units. These tests try to
 * break out of it and check that every attempt is refused before anything is evaluated.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula, math } from '@cellspec/units';

const VARS = ['x', 'sto'];

describe('OCP formula evaluator', () => {
  it.each([
    ['import({evil: 1}, {override: true})'],
    ['evaluate("1+1")'],
    ['parse("x")'],
    ['compile("x")'],
    ['f(x) = x; f(1)'],
    ['f(x) = x'],
    ['a = 1'],
    ['x = 2'],
    ['x.constructor'],
    ['x["constructor"]'],
    ['x.constructor.constructor("return process")()'],
    ['exp.constructor("return process")()'],
    ['createUnit("evil")'],
    ['createUnit({foo: "1 m"})'],
    ['unit("5 cm")'],
    ['reviver'],
    ['config({number: "BigNumber"})'],
    ['typed("x", {})'],
    ['chain(1).done()'],
    ['simplify("x")'],
    ['derivative("x", "x")'],
    ['map([1,2], f)'],
    ['[1, 2, 3]'],
    ['{a: 1}'],
    ['x ? 1 : 2'],
    ['1:10'],
    ['"string"'],
    ['x == 1'],
    ['x and 1'],
    ['5!'],
    ['1 to cm'],
    ['sum(1,2)'],
    ['__proto__'],
    ['constructor'],
    ['process'],
    ['globalThis'],
    ['this'],
    ['(exp)(1)'],
    ['pow'],
  ])('refuses %s', (text) => {
    const r = compileFormula(text, VARS);
    expect('error' in r, `accepted: ${text}`).toBe(true);
  });

  it('leaves the mathjs instance untouched by refused formulas', () => {
    const before = Object.keys(math).length;
    for (const t of ['import({pwned: 1}, {override: true})', 'createUnit("pwned")', 'f(x) = 1'])
      compileFormula(t, VARS);
    expect(Object.keys(math).length).toBe(before);
    expect((math as unknown as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('stays fast and finite on huge exponents and deep nesting', () => {
    const huge = compileFormula('x^1e308 + exp(1e308) + pow(10, 400)', VARS);
    if ('error' in huge) throw new Error(huge.error);
    // Overflow is NaN (reported by the OCP check as "no finite voltage"), never Infinity.
    expect(huge.formula.evaluate({ x: 2, sto: 2 })).toBeNaN();
    const start = performance.now();
    const deep = compileFormula(`${'('.repeat(990)}x${')'.repeat(990)}`, VARS);
    const deeper = compileFormula(`${'('.repeat(5000)}x${')'.repeat(5000)}`, VARS);
    const long = compileFormula(Array.from({ length: 20000 }, () => 'x').join('+'), VARS);
    expect(performance.now() - start).toBeLessThan(5000);
    for (const r of [deep, deeper, long]) {
      // Either refused with a reason or evaluated to a finite number: no hang, no crash.
      if ('formula' in r) expect(Number.isFinite(r.formula.evaluate({ x: 0.5, sto: 0.5 }))).toBe(true);
      else expect(r.error.length).toBeGreaterThan(0);
    }
  });

  it('evaluates an ordinary OCP formula', () => {
    const r = compileFormula('4.2 - 0.5*x + 0.01*exp(-50*sto)', VARS);
    if ('error' in r) throw new Error(r.error);
    // Exact arithmetic: 4.2 - 0.25 + 0.01·e^-25; 1e-12 is float noise at this magnitude.
    expect(Math.abs(r.formula.evaluate({ x: 0.5, sto: 0.5 }) - (3.95 + 0.01 * Math.exp(-25)))).toBeLessThan(1e-12);
  });
});
