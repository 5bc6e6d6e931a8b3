/**
 * Grammar-aware fuzz inputs: the structures that byte-level mutations almost never build but
 * that once took the parser (and the server) down — long operator chains, runs of signs, deep
 * and wide nesting, comment floods, mixed line endings, unterminated strings and comments —
 * placed inside a seed spec at a token boundary, then optionally mutated as usual. Sizes are
 * drawn around and far past the parser's limits (`nesting-guard.ts`), mostly small.
 */
import fc from 'fast-check';
import { applyMutation, mutationArb, nthInput, tokenize } from './mutate.js';

/** Mostly small, often around the limits (100 and 1,000), sometimes far past them. */
const size = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }) },
  { weight: 3, arbitrary: fc.integer({ min: 90, max: 1100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1100, max: 3000 }) },
);

const term = fc.constantFrom('1 mm', '2', 'k', '(1 um)', 'C/20', '3 mAh/g', 'NCM811.density', '-1', '0.5 %', '1e308');
const operator = fc.constantFrom(' + ', ' - ', ' * ', ' / ', '+', '-', '*', '/', ' · ', '^');
const lineEnd = fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\n\r');

const chain = fc.tuple(size, term, operator, fc.boolean()).map(([n, t, op, parenthesised]) => {
  const body = Array.from({ length: n }, () => t).join(op);
  return parenthesised ? `(${body})` : body;
});

const signs = fc
  .tuple(size, fc.constantFrom('-', '+', '- ', '-(', '+-', '--1 '), term)
  .map(([n, sign, t]) => `${sign.repeat(n)}${t}`);

const nesting = fc
  .tuple(size, fc.constantFrom('(', '{', '[', '({', 'cell A "a" {', 'repeat 2 {'), term, fc.boolean())
  .map(([n, open, t, closed]) => {
    const closing = open
      .replace(/[^({[]/g, '')
      .split('')
      .reverse()
      .map((c) => ({ '(': ')', '{': '}', '[': ']' })[c as '(' | '{' | '[']!)
      .join('');
    return `${open.repeat(n)}${t}${closed ? closing.repeat(n) : ''}`;
  });

/** Many siblings instead of depth: blocks, list items, statements. */
const wide = fc
  .tuple(
    size,
    fc.constantFrom(
      '(1 mm) + ',
      'electrode-area 1 mm x 1 mm ',
      'NCM811: 1 wt%, ',
      'let k = 1 mm\n',
      'rest for 1 h\n',
      '{ } ',
      'import "a.cellspec"\n',
    ),
  )
  .map(([n, item]) => item.repeat(n));

const commentFlood = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 200 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 10_000 }) },
    ),
    fc.constantFrom('// c', '/* c */', '/**/', '//', '/* a\nb */', '// (((('),
    lineEnd,
  )
  .map(([n, comment, end]) => `${comment}${end}`.repeat(n));

const unterminated = fc.constantFrom(
  '"abc',
  '"a\\',
  '"a\\\n',
  '/* never closed',
  '/* (((( ',
  '"',
  '/*',
  '"/*',
  '/*"',
  '*/',
  '"a\rb"',
  '"\u0000',
  '1e',
  '1.',
  'C/',
  '^-',
);

export const structureArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: chain },
  { weight: 2, arbitrary: signs },
  { weight: 3, arbitrary: nesting },
  { weight: 2, arbitrary: wide },
  { weight: 2, arbitrary: commentFlood },
  { weight: 2, arbitrary: unterminated },
);

/** Replaces every line break of `text` by one drawn from `ends` in turn. */
function mixLineEnds(text: string, ends: readonly string[]): string {
  let i = 0;
  return text.replace(/\r\n|\r|\n/g, () => ends[i++ % ends.length]!);
}

/** A seed spec with structures placed at token boundaries (or as a constant's value), line ends mixed, then mutated. */
export function structuredArb(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      placements: fc.array(
        fc.record({ at: fc.nat({ max: 1_000_000 }), text: structureArb, asConstant: fc.boolean() }),
        { minLength: 1, maxLength: 2 },
      ),
      ends: fc.option(fc.array(lineEnd, { minLength: 1, maxLength: 4 }), { nil: undefined }),
      mutations: fc.array(mutationArb, { maxLength: 2 }),
    })
    .map(({ seed, placements, ends, mutations }) => {
      let tokens = tokenize(seeds[seed]!);
      for (const p of placements) {
        const text = p.asConstant ? `\nlet k = ${p.text}\n` : p.text;
        tokens.splice(p.at % (tokens.length + 1), 0, text);
      }
      for (const m of mutations) tokens = applyMutation(tokens, m);
      const text = tokens.join('');
      return ends ? mixLineEnds(text, ends) : text;
    });
}

const arbitraries = new WeakMap<readonly string[], fc.Arbitrary<string>>();

/** Deterministic grammar-aware input number `i` of a run with `seed`. */
export function nthStructuredInput(seeds: readonly string[], seed: number, i: number): string {
  let arb = arbitraries.get(seeds);
  if (!arb) arbitraries.set(seeds, (arb = structuredArb(seeds)));
  return fc.sample(arb, { seed: seed * 31 + i * 7919, numRuns: 1 })[0]!;
}

/**
 * Input number `i` of a run: odd numbers are grammar-aware structures, even numbers the
 * token mutations of `mutate.ts`, so a run covers both in equal parts.
 */
export function nthFuzzInput(seeds: readonly string[], seed: number, i: number): string {
  return i % 2 === 1 ? nthStructuredInput(seeds, seed, i) : nthInput(seeds, seed, i);
}
