/** The text report's layout, on hand-made reports: header line, source line, caret. */
import { describe, expect, it } from 'vitest';
import type { FileDiagnostic } from '@cellspec/language';
import type { CheckReport } from '../src/check/check-command.js';
import { formatText } from '../src/check/format-text.js';

function textOf(text: string, diagnostics: FileDiagnostic[]): string {
  const report: CheckReport = {
    base: '/repo',
    files: [{ path: '/repo/a.cellspec', relativePath: 'a.cellspec', text, diagnostics }],
    problems: [],
    counts: {
      error: diagnostics.filter((d) => d.severity === 'error').length,
      warning: diagnostics.filter((d) => d.severity === 'warning').length,
      info: 0,
      hint: 0,
    },
  };
  return formatText(report);
}

describe('text report', () => {
  it('underlines the range under the source line', () => {
    const out = textOf('cell A {\n  porosity 120 %\n}\n', [
      {
        severity: 'error',
        message: 'porosity is 120 %, must be between 0 % and 95 %',
        code: 'out-of-range',
        line: 2,
        column: 12,
        endLine: 2,
        endColumn: 17,
      },
    ]);
    expect(out).toBe(
      'a.cellspec:2:12 error porosity is 120 %, must be between 0 % and 95 % [out-of-range]\n' +
        '    2 |   porosity 120 %\n' +
        '      |            ^~~~~\n' +
        '1 file checked: 1 error, 0 warnings\n',
    );
  });

  it('counts Japanese characters as two columns so the caret stays under the range', () => {
    const out = textOf('document { title "標準電池" number 12 }\n', [
      { severity: 'warning', message: 'number must be text', line: 1, column: 31, endLine: 1, endColumn: 33 },
    ]);
    // 30 characters before the range, four of them double width: 34 columns of indent.
    expect(out).toContain(`    1 | document { title "標準電池" number 12 }\n      | ${' '.repeat(34)}^~\n`);
    expect(out).toContain('a.cellspec:1:31 warning number must be text\n');
  });

  it('marks a range that runs past the line to its end', () => {
    const out = textOf('cell A {\n  x\n}\n', [
      { severity: 'error', message: 'unclosed', line: 1, column: 6, endLine: 3, endColumn: 2 },
    ]);
    expect(out).toContain('    1 | cell A {\n      |      ^~~\n');
  });

  it('quotes a window of a very long line around the range, with the caret still under it', () => {
    const line = `let k = ${'1 mm + '.repeat(2_000)}bogus`;
    const column = line.indexOf('bogus') + 1;
    const out = textOf(`${line}\n`, [
      { severity: 'error', message: 'no constant named bogus', line: 1, column, endLine: 1, endColumn: column + 5 },
    ]);
    const [, quoted, caret] = out.split('\n');
    expect(quoted!.length).toBeLessThan(180);
    expect(quoted).toMatch(/^ {4}1 \| …[^…]*\+ bogus$/);
    expect(caret!.indexOf('^')).toBe(quoted!.indexOf('bogus'));
    expect(caret).toMatch(/\^~~~~$/);
  });
});
