/**
 * Files whose structure would overflow the parser's (or a tree walker's) stack are reported, not
 * parsed: each case below once exited the CLI with a RangeError and took the language server
 * down. Every one must give a document with a diagnostic and leave the rest of the pipeline
 * (validation, symbols, hover, formatting) working.
 */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices, type ast } from '../src/index.js';
import {
  firstLimitBreach,
  MAX_EXPRESSION_OPERATORS,
  MAX_NESTING,
  MAX_SIGN_RUN,
  MAX_TOP_LEVEL_BLOCKS,
} from '../src/nesting-guard.js';

const services = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper<ast.Spec>(services.CellSpec);

const chain = (n: number, op: string) => Array.from({ length: n }, () => '1 mm').join(` ${op} `);

/** name → text; each far past a limit, and each overflowed the stack before the limits existed. */
const HOSTILE: Record<string, string> = {
  'a chain of 5,000 additions': `let k = ${chain(5_000, '+')}\n`,
  'a chain of 5,000 multiplications': `let k = ${chain(5_000, '*')}\n`,
  'a chain of subtractions inside parentheses': `let k = (${chain(5_000, '-')})\n`,
  'a run of 5,000 unary minus signs': `let k = ${'-'.repeat(5_000)}1 mm\n`,
  'alternating signs and brackets': `let k = ${'-('.repeat(5_000)}1${')'.repeat(5_000)}\n`,
  'nesting after a line comment ended by a lone CR': `// a\rlet k = ${'('.repeat(5_000)}1\n`,
  'nesting after an unterminated block comment': `/* a\nlet k = ${'('.repeat(5_000)}1\n`,
  'nesting after a backslash-newline in a string': `let s = "a\\\nlet k = ${'('.repeat(5_000)}1\n`,
  'nesting of blocks': `cell A "a" ${'{ '.repeat(5_000)}\n`,
};

/** Legal but extreme: parsed in full, without errors. */
// (200,000 lines overflowed the CLI's stack through the CST builder's `splice(i, 0, ...nodes)`.)
const FLOODS: Record<string, string> = {
  '200,000 line comments before the first statement': `${'// c\n'.repeat(200_000)}let k = 1 mm\n`,
};

let documents = 0;
async function pipeline(text: string) {
  const doc = await parse(text, { validation: true, documentUri: URI.file(`/ws/${documents++}.cellspec`).toString() });
  const textDocument = { uri: doc.uri.toString() };
  const lsp = services.CellSpec.lsp;
  await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument });
  await lsp.HoverProvider!.getHoverContent(doc, {
    textDocument,
    position: doc.textDocument.positionAt(text.length / 2),
  });
  await lsp.Formatter!.formatDocument(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } });
  await lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument });
  return doc;
}

describe('parser bounds', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`reports ${name} instead of overflowing the stack`, async () => {
      const doc = await pipeline(text);
      const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1);
      expect(errors.length).toBeGreaterThan(0);
    });
  }

  for (const [name, text] of Object.entries(FLOODS)) {
    it(`parses ${name}`, async () => {
      const doc = await pipeline(text);
      expect(doc.diagnostics ?? []).toEqual([]);
      expect(doc.parseResult.value.elements.map((e) => (e as { name?: string }).name)).toContain('k');
    });
  }

  it('says where and why, for each limit', async () => {
    const cases = [
      [`let a = ${'('.repeat(MAX_NESTING + 1)}1`, `deeper than ${MAX_NESTING} levels`, 'let a = '.length + MAX_NESTING],
      [`let a = ${'-'.repeat(MAX_SIGN_RUN + 1)}1`, `more than ${MAX_SIGN_RUN} signs`, 'let a = '.length + MAX_SIGN_RUN],
      [`let a = ${chain(MAX_EXPRESSION_OPERATORS + 2, '+')}`, `more than ${MAX_EXPRESSION_OPERATORS} operators`, -1],
    ] as const;
    for (const [text, message, column] of cases) {
      const doc = await parse(text, { validation: true });
      const d = (doc.diagnostics ?? []).find((x) => String(x.message).includes(message));
      expect(d, message).toBeDefined();
      expect(String(d!.message)).toContain('the rest of the file is not read');
      if (column >= 0) expect(d!.range.start).toEqual({ line: 0, character: column });
    }
  });

  it('leaves ordinary specs alone: deep-ish but legal expressions, comments, strings with brackets', async () => {
    const text = [
      '// ((((( in a comment',
      '/* {{{{ in a block comment */',
      `let a = ((2 mm + 3 mm) * (4)) - -1 mm`,
      `let b = ${chain(200, '+')}`,
      `let c = ${'('.repeat(MAX_NESTING)}1 mm${')'.repeat(MAX_NESTING)}`,
      'cell A "title with ((((( brackets" { electrode-area 1 mm x 1 mm }',
      '',
    ].join('\n');
    const doc = await parse(text, { validation: true });
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(doc.parseResult.parserErrors).toEqual([]);
  });

  it('turns a parse that throws into an empty document with one error, and parses the next one normally', async () => {
    const isolated = createCellSpecServices(EmptyFileSystem);
    const lexer = isolated.CellSpec.parser.Lexer;
    const tokenize = lexer.tokenize.bind(lexer);
    lexer.tokenize = (text, options) => {
      if (text.includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
      return tokenize(text, options);
    };
    const parseIsolated = parseHelper<ast.Spec>(isolated.CellSpec);
    const broken = await parseIsolated('let k = 1 mm // BOOM\nlet j = 2 mm\n', { validation: true });
    expect(broken.diagnostics?.map((d) => String(d.message))).toEqual([
      'this file could not be read (Maximum call stack size exceeded); nothing in it is checked',
    ]);
    const next = await parseIsolated('let k = 1 mm\n', { validation: true });
    expect(next.diagnostics).toEqual([]);
    expect(next.parseResult.value.elements).toHaveLength(1);
  });

  it('counts the operators of every expression separately', async () => {
    // 40 statements of 100 operators each: 4,000 operators in all, none over the limit.
    const text = Array.from({ length: 40 }, (_, i) => `let v${i} = ${chain(100, '+')}`).join('\n');
    const doc = await parse(text, { validation: true });
    expect(doc.parseResult.lexerErrors).toEqual([]);
  });

  it(`stops a file after ${MAX_TOP_LEVEL_BLOCKS} top-level declarations: "too large", the rest not read`, () => {
    // On the lexer's tokens (parsing 20,000 declarations would take this test 10 s); nested
    // blocks do not count, only those at the top level.
    const material = 'material M solid-electrolyte { density 1 g/cm3 }\n';
    const text = `${material.repeat(MAX_TOP_LEVEL_BLOCKS)}cell C { a { } }\ncell D { }\n`;
    const tokens = services.CellSpec.parser.Lexer.tokenize(text);
    const error = tokens.errors.find((e) => e.message.includes('too large'));
    expect(error?.message).toBe(
      `the file is too large: more than ${MAX_TOP_LEVEL_BLOCKS} top-level declarations (split it into files that import one another); the rest of the file is not read`,
    );
    expect(error?.line).toBe(MAX_TOP_LEVEL_BLOCKS + 1); // cell C, the first block past the limit
    // Exactly the limit (the nested `a { }` not counted) passes.
    const atLimit = `${material.repeat(MAX_TOP_LEVEL_BLOCKS - 1)}cell C { a { } }\n`;
    expect(firstLimitBreach(services.CellSpec.parser.Lexer.tokenize(atLimit).tokens)).toBeUndefined();
  });
});
