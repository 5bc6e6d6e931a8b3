/**
 * The fixture suite: every `.cellspec` file (or sub-folder, for multi-file workspaces with
 * imports) under `fixtures/invalid/` is one test case; every one under `fixtures/valid/` must
 * produce no errors.
 *
 * Convention — an expectation is a comment line
 *
 *     // expect <error|warning> <code> "<message fragment>"
 *
 * and applies to the next line that is neither blank nor a comment: a diagnostic with that
 * severity and code must start on that line and its message must contain the fragment. Several
 * expectations may stack above one line. Any error that no expectation claims fails the case
 * (warnings, such as design advice, are checked only where a fixture expects them), and an
 * invalid fixture without expectations fails too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, severityName } from './validation-helpers.js';

const ROOT = join(import.meta.dirname, 'fixtures');

interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly code: string;
  readonly fragment: string;
}

const EXPECT = /^\s*\/\/\s*expect\s+(error|warning)\s+([a-z-]+)\s+"((?:[^"\\]|\\.)*)"\s*$/;

/** Expectations of one file, each bound to the 1-based line it applies to. */
function expectationsOf(file: string, text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const result: Expectation[] = [];
  let pending: Array<Omit<Expectation, 'line'>> = [];
  lines.forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) {
      pending.push({ file, severity: m[1]!, code: m[2]!, fragment: m[3]!.replace(/\\"/g, '"') });
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('//')) return;
    for (const p of pending) result.push({ ...p, line: i + 1 });
    pending = [];
  });
  if (pending.length > 0) throw new Error(`${file}: expectation without a following line`);
  return result;
}

/** A fixture case: one file, or every `.cellspec` file below a folder. */
function casesIn(folder: string): Array<{ name: string; files: Record<string, string> }> {
  const dir = join(ROOT, folder);
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        const files: Record<string, string> = {};
        const walk = (d: string): void => {
          for (const e of readdirSync(d).sort()) {
            const p = join(d, e);
            if (statSync(p).isDirectory()) walk(p);
            else if (e.endsWith('.cellspec')) files[relative(path, p).split('\\').join('/')] = readFileSync(p, 'utf8');
          }
        };
        walk(path);
        return [{ name: entry, files }];
      }
      return entry.endsWith('.cellspec') ? [{ name: entry, files: { [entry]: readFileSync(path, 'utf8') } }] : [];
    });
}

/** Checks one case; returns human-readable problems (empty when the case passes). */
async function check(files: Record<string, string>): Promise<{ problems: string[]; expectations: number }> {
  const expectations = Object.entries(files).flatMap(([file, text]) => expectationsOf(file, text));
  const built = await buildWorkspace(files);
  const unclaimed = built.flatMap((f) =>
    f.diagnostics
      .filter((d) => severityName(d.severity) === 'error' || severityName(d.severity) === 'warning')
      .map((d) => ({
        file: f.path,
        line: d.range.start.line + 1,
        severity: severityName(d.severity),
        code: String(d.code ?? ''),
        message: typeof d.message === 'string' ? d.message : d.message.value,
      })),
  );
  const problems: string[] = [];
  for (const e of expectations) {
    const i = unclaimed.findIndex(
      (d) =>
        d.file === e.file &&
        d.line === e.line &&
        d.severity === e.severity &&
        d.code === e.code &&
        d.message.includes(e.fragment),
    );
    if (i >= 0) unclaimed.splice(i, 1);
    else problems.push(`missing: ${e.file}:${e.line} ${e.severity} ${e.code} "${e.fragment}"`);
  }
  for (const d of unclaimed) {
    if (d.severity === 'error') problems.push(`unexpected: ${d.file}:${d.line} ${d.severity} ${d.code} "${d.message}"`);
  }
  return { problems, expectations: expectations.length };
}

const invalid = casesIn('invalid');
const valid = casesIn('valid');

describe('invalid specs report exactly the diagnostics their comments expect', () => {
  it('has at least 70 invalid fixtures', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(70);
  });
  it.each(invalid.map((c) => [c.name, c.files] as const))('%s', async (_name, files) => {
    const { problems, expectations } = await check(files);
    expect(expectations, 'an invalid fixture must state its expected diagnostics').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('valid specs produce no errors', () => {
  it.each(valid.map((c) => [c.name, c.files] as const))('%s', async (_name, files) => {
    const { problems } = await check(files);
    expect(problems).toEqual([]);
  });
});
