import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices } from '../src/index.js';
import { excessiveNestingOffset, MAX_NESTING } from '../src/nesting-guard.js';

const services = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(services.CellSpec);

describe('nesting guard', () => {
  it('finds the first bracket past the limit, ignoring strings and comments', () => {
    expect(excessiveNestingOffset('let a = ((1))')).toBe(-1);
    expect(excessiveNestingOffset('// ((((\n"(((("', 2)).toBe(-1);
    expect(excessiveNestingOffset('let a = (((1)))', 2)).toBe(10);
  });

  it('parses 10,000 nested parentheses without overflowing the stack and says why', async () => {
    const depth = 10_000;
    const text = `let a = ${'('.repeat(depth)}1 mm${')'.repeat(depth)}\nlet b = 2 mm\n`;
    const doc = await parse(text, { validation: true });
    const messages = (doc.diagnostics ?? []).map((d) => String(d.message));
    expect(messages.some((m) => m.includes(`deeper than ${MAX_NESTING} levels`))).toBe(true);
    // The diagnostic sits where the limit is crossed: line 1, after 'let a = ' and 100 brackets.
    const d = doc.diagnostics!.find((x) => String(x.message).includes('deeper'))!;
    expect(d.range.start.line).toBe(0);
    expect(d.range.start.character).toBe('let a = '.length + MAX_NESTING);
  });

  it('leaves specs of ordinary depth alone', async () => {
    const doc = await parse('let a = ((2 mm + 3 mm) * (4))\n', { validation: true });
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(doc.parseResult.parserErrors).toEqual([]);
  });
});
