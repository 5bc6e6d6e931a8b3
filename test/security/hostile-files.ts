/**
 * Small spec files whose structure once overflowed the parser's stack (or another tree walk's),
 * by file name. Each is an error: it is reported, never parsed in full.
 */
const chain = (n: number, op: string) => Array.from({ length: n }, () => '1 mm').join(` ${op} `);

export function hostileFiles(): Record<string, string> {
  return {
    'chain.cellspec': `let k = ${chain(20_000, '+')}\n`,
    'product.cellspec': `cell A "a" { electrode-area ${chain(20_000, '*')} x 1 mm }\n`,
    'signs.cellspec': `let k = ${'-'.repeat(20_000)}1 mm\n`,
    'comment-cr.cellspec': `// a\rlet k = ${'('.repeat(20_000)}1\n`,
    'open-comment.cellspec': `/* a\nlet k = ${'('.repeat(20_000)}1\n`,
    'string-escape.cellspec': `let s = "a\\\nlet k = ${'('.repeat(20_000)}1\n`,
    'comment-flood.cellspec': `${'// c\n'.repeat(200_000)}let k = ${'-'.repeat(200)}1\n`,
  };
}
