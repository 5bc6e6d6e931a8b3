import { describe, expect, it } from 'vitest';
import { compileFormula } from '../src/index.js';

describe('formula', () => {
  // Exact arithmetic cases: 1e-12 absolute is floating-point noise for values of order 1–5.
  it.each([
    ['4.2 - 0.5*x', { x: 0.4 }, 4.0],
    ['0.2 + 1.5*exp(-120*sto)', { sto: 0 }, 1.7],
    ['tanh(0) + sqrt(4) + pow(2, 3) + log(e)', { x: 0 }, 11],
    ['-x^2 + pi*0', { x: 3 }, -9],
  ])('%s evaluates', (text, values, expected) => {
    const r = compileFormula(text, ['x', 'sto']);
    if ('error' in r) throw new Error(r.error);
    expect(Math.abs(r.formula.evaluate(values) - expected)).toBeLessThan(1e-12);
  });

  it.each([
    ['a = 3', 'assignments'],
    ['f(x) = x', 'assignments and function definitions'],
    ['import({})', "function 'import'"],
    ['evaluate("1+1")', "function 'evaluate'"],
    ['x.constructor', 'property'],
    ['[1,2][1]', 'not allowed'],
    ['y + 1', "unknown name 'y'"],
    ['sin(x)', "function 'sin'"],
    ['"text"', 'only numbers'],
    ['x > 1 ? 1 : 2', 'not allowed'],
    ['pow(x)', 'pow takes 2 arguments'],
    ['4.2 -', 'cannot read formula'],
  ])('rejects %s', (text, message) => {
    const r = compileFormula(text, ['x', 'sto']);
    expect('error' in r ? r.error : 'accepted').toContain(message);
  });

  it('gives NaN rather than infinities', () => {
    const r = compileFormula('1/x', ['x']);
    if ('error' in r) throw new Error(r.error);
    expect(r.formula.evaluate({ x: 0 })).toBeNaN();
  });
});
