/** String literals: the one-piece conversion gives exactly Langium's value for any token text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EmptyFileSystem, ValueConverter } from 'langium';
import { createCellSpecServices } from '../../src/index.js';
import { CompactValueConverter, convertStringToken } from '../../src/memory/value-converter.js';

// What the STRING terminal admits: escaped pairs and anything but a quote, backslash or line break.
const stringToken = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3 }).map((s) => s.replace(/["\\\r\n]/g, '')),
      fc.constantFrom('b', 'f', 'n', 'r', 't', 'v', '0', '"', '\\', 'x', 'µ', ' ').map((c) => `\\${c}`),
    ),
    { maxLength: 20 },
  )
  .map((parts) => `"${parts.join('')}"`);

describe('string literal conversion', () => {
  it("equals Langium's conversion for any token the STRING terminal admits (2,000 cases)", () => {
    fc.assert(
      fc.property(stringToken, (token) => convertStringToken(token) === ValueConverter.convertString(token)),
      { numRuns: 2000 },
    );
  });

  it('reads escapes and multi-byte text', () => {
    expect(convertStringToken('"a\\"b\\\\c\\n ± 3 %"')).toBe('a"b\\c\n ± 3 %');
    expect(convertStringToken('"標準電池"')).toBe('標準電池');
  });

  it('the language services use it', () => {
    expect(createCellSpecServices(EmptyFileSystem).CellSpec.parser.ValueConverter).toBeInstanceOf(
      CompactValueConverter,
    );
  });
});
