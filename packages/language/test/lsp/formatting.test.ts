import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import fc from 'fast-check';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, expectFormatting, parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(CellSpec);
const expectFormatted = expectFormatting(CellSpec);
afterEach(() => clearDocuments(CellSpec.shared));

/** Formats `text` once through the language server's formatter; the text must parse. */
async function format(text: string, mustParse = true): Promise<string> {
  const doc: LangiumDocument = await parse(text);
  if (mustParse) expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
  const edits = await CellSpec.lsp.Formatter!.formatDocument(doc, {
    textDocument: { uri: doc.uri.toString() },
    options: { tabSize: 2, insertSpaces: true },
  });
  return TextDocument.applyEdits(doc.textDocument, edits);
}

/** The text without any whitespace: formatting must never change it. */
const tokensOnly = (text: string) => text.replace(/\s+/g, '');

const FIXTURES = new URL('./formatting/', import.meta.url);
const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.input.cellspec'))
  .map((f) => f.replace('.input.cellspec', ''));

describe('formatter golden files (formatting/<name>.input.cellspec → <name>.expected.cellspec)', () => {
  it.each(cases)('%s', async (name) => {
    const input = readFileSync(new URL(`${name}.input.cellspec`, FIXTURES), 'utf8');
    const expectedFile = new URL(`${name}.expected.cellspec`, FIXTURES);
    const output = await format(input);
    if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile)) writeFileSync(expectedFile, output);
    expect(output).toBe(readFileSync(expectedFile, 'utf8'));
    expect(tokensOnly(output)).toBe(tokensOnly(input));
    // Idempotent: the canonical text formats to itself.
    expect(await format(output)).toBe(output);
  });
});

const EXAMPLES = new URL('../../../../examples/', import.meta.url);
const examples = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.cellspec'))
      .sort()
  : [];

describe('formatter on the bundled examples', () => {
  it.each(examples)('%s keeps every token and is idempotent', async (file) => {
    const input = readFileSync(new URL(file, EXAMPLES), 'utf8');
    const once = await format(input);
    expect(tokensOnly(once)).toBe(tokensOnly(input));
    expect(await format(once)).toBe(once);
  });
});

describe('formatter rules', () => {
  it('indents blocks by two spaces, one member per line, brace on the header line', async () => {
    await expectFormatted({
      before: 'cell A\n{ cathode { loading 20 mg/cm2 porosity 8 % } }',
      after: 'cell A {\n  cathode {\n    loading 20 mg/cm2\n    porosity 8 %\n  }\n}\n',
    });
  });

  it('puts single spaces around operators and before units, none inside units', async () => {
    await expectFormatted({ before: 'let a=2*( 3um+4 um )/ 2', after: 'let a = 2 * (3 um + 4 um) / 2\n' });
    await expectFormatted({ before: 'let r = 10 Ω · cm²', after: 'let r = 10 Ω·cm²\n' });
    await expectFormatted({ before: 'let c = C / 20', after: 'let c = C/20\n' });
    await expectFormatted({ before: 'let t = - 40 °C', after: 'let t = -40 °C\n' });
    await expectFormatted({ before: 'let f = 97wt %', after: 'let f = 97 wt%\n' });
  });

  it('keeps a Japanese title and Japanese comments unchanged', async () => {
    const text =
      '// 標準電池 2.1 の仕様書\ncell SB21 "標準電池 2.1（改訂版）" {\n  // 正極: 実測値\n  cathode {\n    loading 20 mg/cm2 // 目付量\n  }\n}\n';
    expect(await format(text)).toBe(text);
  });

  it('collapses blank lines to one and removes them next to braces', async () => {
    await expectFormatted({
      before: 'let a = 1\n\n\n\nlet b = 2\nmaterial M other {\n\n\n  density 1 g/cm3\n\n\n  thickness 1 um\n\n}',
      after: 'let a = 1\n\nlet b = 2\n\nmaterial M other {\n  density 1 g/cm3\n\n  thickness 1 um\n}\n',
    });
  });

  it('keeps Windows line endings', async () => {
    const out = await format('cell A {\r\n\r\n\r\n  cathode { loading 20 mg/cm2 } // 正極\r\n}');
    expect(out).toBe('cell A {\r\n  cathode {\r\n    loading 20 mg/cm2\r\n  } // 正極\r\n}\r\n');
    expect(await format(out)).toBe(out);
  });

  it('leaves a document with syntax errors alone', async () => {
    const text = 'cell A {   cathode { loading 20 mg/cm2 ';
    expect(await format(text, false)).toBe(text);
  });

  it('formats only inside the requested range', async () => {
    await expectFormatted({
      before: 'let a=1\nlet b=2\nlet c=3',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } },
      after: 'let a=1\nlet b = 2\nlet c=3',
    });
  });

  it('turns any respacing of a canonical spec back into the same spec', async () => {
    const canonical = readFileSync(new URL('messy.expected.cellspec', FIXTURES), 'utf8');
    const doc = await parse(canonical);
    // Gaps between tokens that are safe to respace: not next to a comment (a comment's line is meaningful).
    // A unit stays on its number's line (a word on the next line is a name, not a unit): that gap
    // takes spaces only.
    const { CstUtils } = await import('langium');
    const leaves = [...CstUtils.flattenCst(doc.parseResult.value.$cstNode!)];
    const gaps = leaves.slice(1).map((leaf, i) => ({
      start: leaves[i]!.end,
      end: leaf.offset,
      free: !leaf.hidden && !leaves[i]!.hidden,
      sameLine: leaf.tokenType.name === 'UNIT' && leaves[i]!.tokenType.name === 'NUMBER',
    }));
    const respacing = fc.array(fc.constantFrom(' ', '   ', '\n', '\n\t  ', '  \n    '), {
      minLength: gaps.length,
      maxLength: gaps.length,
    });
    await fc.assert(
      fc.asyncProperty(respacing, async (spaces) => {
        let text = '';
        let at = 0;
        gaps.forEach((gap, i) => {
          const original = canonical.slice(gap.start, gap.end);
          // Keep the number of line breaks where there are any, so that blank lines stay as they were.
          const replacement = !gap.free
            ? original
            : original.includes('\n')
              ? original.replace(/[ \t]+/g, spaces[i]!.replace(/\n/g, ''))
              : gap.sameLine
                ? spaces[i]!.replace(/\s+/g, ' ')
                : spaces[i]!;
          text += canonical.slice(at, gap.start) + replacement;
          at = gap.end;
        });
        text += canonical.slice(at);
        expect(await format(text)).toBe(canonical);
      }),
      { numRuns: 30 },
    );
  });
});
