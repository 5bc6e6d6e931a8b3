/**
 * Reports print what files contain, never what files could make them say: text reports escape
 * control characters from names, paths and messages, and CSV fields that a spreadsheet would
 * evaluate as formulas are guarded with a leading apostrophe.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField } from '@cellspec/emit';
import { runCli } from '../../packages/cli/src/index.js';
import { printable, printableSource } from '../../packages/cli/src/printable.js';

async function check(cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runCli(['check', '.'], { cwd, stdout: (t) => void (stdout += t), stderr: () => undefined });
  return { code, stdout };
}

describe('text reports', () => {
  it('a crafted import string prints no finding of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-print-'));
    writeFileSync(
      join(dir, 'spec.cellspec'),
      'import "a\\nspec.cellspec:9:1 error fake finding [x]\\n\u001b[2K"\nmaterial M { density 1 g/cm3 }\n',
    );
    const { stdout } = await check(dir);
    const findings = stdout.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(findings.filter((l) => l.includes('fake finding'))).toHaveLength(1);
    expect(findings.every((l) => /^spec\.cellspec:[12]:/.test(l))).toBe(true);
    expect(findings[0]).toContain('cannot find the file "a\\nspec.cellspec:9:1 error fake finding [x]\\n\\e[2K"');
    expect(stdout).not.toContain('\u001b');
  });

  it('a file name with a line break is printed escaped, on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-print-'));
    mkdirSync(join(dir, 'a\nb.cellspec:1:1 error fake [x]'));
    writeFileSync(join(dir, 'a\nb.cellspec:1:1 error fake [x]', 'x.cellspec'), 'material M { bogus 1 }\n');
    const { stdout } = await check(dir);
    expect(stdout).toMatch(/^a\\nb\.cellspec:1:1 error fake \[x\]\/x\.cellspec:1:\d+ error /m);
    expect(stdout).not.toMatch(/^b\.cellspec/m);
  });

  it('escapes control characters, keeps tabs, and keeps a quoted source line as wide as it was', () => {
    expect(printable('a\r\nb\u0007\u202ec\td')).toBe('a\\r\\nb\\x07\\u202ec\td');
    expect(printableSource('a\u001b[2Kb\tc')).toBe('a\u241b[2Kb\tc');
    expect(printableSource('x\u0085y')).toHaveLength(3);
  });
});

describe('CSV fields', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['-0.5 mAh', "'-0.5 mAh"],
    ['SB21, rev A', '"SB21, rev A"'],
  ])('guards %j as %j', (text, field) => expect(csvField(text)).toBe(field));

  it.each([
    [-0.5, '-0.5'],
    ['-0.5', '-0.5'],
    ['+1e-3', '+1e-3'],
    [true, 'true'],
    [null, ''],
  ])('leaves the number or value %j as %j', (value, field) => expect(csvField(value)).toBe(field));
});
