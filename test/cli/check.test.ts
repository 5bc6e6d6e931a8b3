/**
 * `cellspec check` as CI runs it: the bundled CLI spawned as a child process, checked for its exit
 * codes and its text and JSON reports. (The SARIF schema check is in packages/cli/test.)
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, ROOT, runBuiltCli } from './built-cli.js';
import { expectedFindings } from './expectations.js';

const FIXTURES = join(ROOT, 'test/cli/fixtures');

/** A scratch folder holding copies of fixtures plus files made on the spot (unreadable, not UTF-8). */
function scratch(files: Record<string, string | Uint8Array> = {}, copy: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-check-'));
  for (const name of copy) cpSync(join(FIXTURES, name), join(dir, name), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

// Latin-1 "°C" (0xB0) is the typical non-UTF-8 byte in a spec saved by an old editor.
const LATIN1_SPEC = Uint8Array.from([...Buffer.from('material X other "20 '), 0xb0, ...Buffer.from('C" { }\n')]);

beforeAll(() => ensureBuiltCli(), 120_000);

describe('cellspec check exit codes (built CLI)', () => {
  it.each([
    { name: 'a clean workspace with an import', args: ['check', 'test/cli/fixtures/clean'], code: 0 },
    { name: 'the bundled examples', args: ['check', 'examples/'], code: 0 },
    { name: 'a file with errors', args: ['check', 'test/cli/fixtures/errors/broken.cellspec'], code: 1 },
    { name: 'a folder with errors next to clean files', args: ['check', 'test/cli/fixtures'], code: 1 },
    { name: 'a design warning', args: ['check', 'test/cli/fixtures/warnings'], code: 0 },
    { name: 'a design warning under --strict', args: ['check', '--strict', 'test/cli/fixtures/warnings'], code: 1 },
    { name: 'a path that does not exist', args: ['check', 'test/cli/fixtures/no-such-file.cellspec'], code: 2 },
    { name: 'an unknown option', args: ['check', '--colour', 'test/cli/fixtures/clean'], code: 2 },
    { name: 'an unknown format', args: ['check', '--format', 'xml', 'test/cli/fixtures/clean'], code: 2 },
    { name: 'an unknown command', args: ['lint', 'examples/'], code: 2 },
    { name: 'help', args: ['check', '--help'], code: 0 },
  ])('$name → exit $code', ({ args, code }) => {
    const run = runBuiltCli(args);
    expect(run.code, run.stdout + run.stderr).toBe(code);
  });

  it('prints the version of the package', () => {
    const run = runBuiltCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version}\n`);
  });

  it('lists the commands when run without one (exit 2)', () => {
    const run = runBuiltCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^usage: cellspec <command>/);
    expect(run.stdout).toMatch(/^ {2}check +Check specs/m);
  });

  it('reports a file that is not UTF-8 and still checks the others (exit 2)', () => {
    const dir = scratch({ 'latin1.cellspec': LATIN1_SPEC }, ['clean']);
    const run = runBuiltCli(['check', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('latin1.cellspec: error file is not valid UTF-8 (first invalid byte at offset 21)');
    expect(run.stdout).toContain('2 files checked: 0 errors, 0 warnings, 1 input not readable');
  });

  it('lets errors win over unreadable inputs (exit 1)', () => {
    const dir = scratch({ 'latin1.cellspec': LATIN1_SPEC }, ['errors']);
    const run = runBuiltCli(['check', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not valid UTF-8');
  });

  it('exits 2 when a folder holds no spec', () => {
    const dir = scratch({ 'notes.txt': 'no specs here' });
    const run = runBuiltCli(['check', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no .cellspec files found');
  });

  it('checks a file alone and loads the library it imports', () => {
    const run = runBuiltCli(['check', '--format', 'json', 'test/cli/fixtures/clean/derived.cellspec']);
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual([
      'test/cli/fixtures/clean/derived.cellspec',
      'test/cli/fixtures/clean/library.cellspec',
    ]);
  });
});

describe('cellspec check reports (built CLI)', () => {
  const broken = 'test/cli/fixtures/errors/broken.cellspec';
  const expected = expectedFindings(readFileSync(join(ROOT, broken), 'utf8'));

  it('states its expectations', () => expect(expected.length).toBeGreaterThan(0));

  it('prints file:line:col severity message [code], the source line and a caret', () => {
    const run = runBuiltCli(['check', broken]);
    for (const e of expected) {
      const head = new RegExp(
        `^${broken}:${e.line}:${e.column} ${e.severity} .*${e.fragment ?? ''}.* \\[[a-z-]+\\]$`,
        'm',
      );
      expect(run.stdout).toMatch(head);
    }
    // The reference on line 9 is underlined exactly: 38 columns in, 12 characters long.
    expect(run.stdout).toContain(
      '    9 |     composition { FixtureNCM: 97 wt%, NoSuchBinder: 3 wt% }\n      | ' +
        ' '.repeat(38) +
        '^' +
        '~'.repeat(11) +
        '\n',
    );
    expect(run.stdout).toMatch(/1 file checked: \d+ errors?, 0 warnings\n$/);
  });

  it('reports the expected warning of the warnings fixture', () => {
    const file = 'test/cli/fixtures/warnings/thickness-mismatch.cellspec';
    const [warning] = expectedFindings(readFileSync(join(ROOT, file), 'utf8'));
    const report = JSON.parse(runBuiltCli(['check', '--format', 'json', file]).stdout);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(report.files[0].diagnostics).toContainEqual(
      expect.objectContaining({
        severity: warning!.severity,
        line: warning!.line,
        column: warning!.column,
        message: expect.stringContaining(warning!.fragment!),
      }),
    );
  });

  it('gives the same findings as JSON', () => {
    const run = runBuiltCli(['check', '--format', 'json', broken]);
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    const found = report.files[0].diagnostics;
    for (const e of expected) {
      expect(found).toContainEqual(
        expect.objectContaining({
          severity: e.severity,
          line: e.line,
          column: e.column,
          ...(e.fragment ? { message: expect.stringContaining(e.fragment) } : {}),
        }),
      );
    }
    expect(report.summary.errors).toBe(found.filter((d: { severity: string }) => d.severity === 'error').length);
  });

  it('gives the same findings as GitHub Actions annotations', () => {
    const run = runBuiltCli(['check', '--format', 'github', broken]);
    expect(run.code).toBe(1);
    for (const e of expected) {
      expect(run.stdout).toMatch(
        new RegExp(`^::${e.severity} file=${broken},line=${e.line},col=${e.column},.*::.*${e.fragment ?? ''}`, 'm'),
      );
    }
  });

  it('writes the report to --output and keeps stdout empty', () => {
    const dir = scratch();
    const out = join(dir, 'report.sarif');
    const run = runBuiltCli(['check', '--format', 'sarif', '--output', out, broken]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(expected.length);
  });
});
