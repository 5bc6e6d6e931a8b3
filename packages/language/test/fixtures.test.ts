/**
 * The fixture suite: every `.cellspec` file (or sub-folder, for multi-file workspaces with
 * imports) under `fixtures/invalid/` is one test case; every one under `fixtures/valid/` must
 * produce no errors.
 *
 * Convention — an expectation is a comment line (read by `fixture-comments.ts`)
 *
 *     // expect <error|warning> <code> "<message fragment>"
 *     // expect no <error|warning> [<code>]          (absence: "no warning here")
 *
 * and applies to the next line that is neither blank nor a comment: a diagnostic with that
 * severity and code must start on that line and its message must contain the fragment (or, in
 * the absence form, none may). Several expectations may stack above one line. Written under the
 * line with carets (`//     ^^^^ expect error unit-kind "…"`), the diagnostic must cover exactly
 * the marked columns. Any error that no expectation claims fails the case
 * (warnings, such as design advice, are checked only where a fixture expects them), and an
 * invalid fixture without expectations fails too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directivesOf, quoted } from './fixture-comments.js';
import { buildWorkspace, severityName } from './validation-helpers.js';

const ROOT = join(import.meta.dirname, 'fixtures');

interface Expectation {
  readonly file: string;
  readonly line: number;
  /** Columns the diagnostic must cover exactly (caret form), else any range starting on `line`. */
  readonly range?: { readonly start: number; readonly end: number };
  readonly severity: string;
  /** Absence form (`// expect no warning [code]`): no such diagnostic may start on the line. */
  readonly absent: boolean;
  readonly code: string;
  readonly fragment: string;
}

const POSITIVE = /^(error|warning)\s+([a-z-]+)\s+(".*")$/;
const ABSENT = /^no\s+(error|warning)(?:\s+([a-z-]+))?$/;

/** Expectations of one file (see `fixture-comments.ts` for where each applies). */
function expectationsOf(file: string, text: string): Expectation[] {
  return directivesOf(file, text)
    .filter((d) => d.kind === 'expect')
    .map((d) => {
      const where = `${file}:${d.at}`;
      if (d.line === 0) throw new Error(`${where}: expectation without a following line`);
      const place = { file, line: d.line, ...(d.range ? { range: d.range } : {}) };
      const absent = ABSENT.exec(d.text);
      if (absent) return { ...place, severity: absent[1]!, absent: true, code: absent[2] ?? '', fragment: '' };
      const positive = POSITIVE.exec(d.text);
      const fragment = positive ? quoted(positive[3]!) : undefined;
      if (!positive || !fragment || fragment.rest !== '')
        throw new Error(`${where}: cannot read expectation '${d.text}'`);
      return { ...place, severity: positive[1]!, absent: false, code: positive[2]!, fragment: fragment.value };
    });
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
        start: d.range.start.character,
        end: d.range.end.line === d.range.start.line ? d.range.end.character : Infinity,
        severity: severityName(d.severity),
        code: String(d.code ?? ''),
        message: typeof d.message === 'string' ? d.message : d.message.value,
      })),
  );
  const problems: string[] = [];
  const at = (e: Expectation) => `${e.file}:${e.line}${e.range ? `:${e.range.start + 1}-${e.range.end}` : ''}`;
  for (const e of expectations) {
    const matches = (d: (typeof unclaimed)[number]) =>
      d.file === e.file &&
      d.line === e.line &&
      d.severity === e.severity &&
      (e.code === '' || d.code === e.code) &&
      (!e.range || (d.start === e.range.start && d.end === e.range.end)) &&
      d.message.includes(e.fragment);
    if (e.absent) {
      const found = unclaimed.find(matches);
      if (found) problems.push(`unwanted: ${at(e)} ${found.severity} ${found.code} "${found.message}"`);
      continue;
    }
    const i = unclaimed.findIndex(matches);
    if (i >= 0) unclaimed.splice(i, 1);
    else problems.push(`missing: ${at(e)} ${e.severity} ${e.code} "${e.fragment}"`);
  }
  for (const d of unclaimed) {
    if (d.severity === 'error') problems.push(`unexpected: ${d.file}:${d.line} ${d.severity} ${d.code} "${d.message}"`);
  }
  return { problems, expectations: expectations.filter((e) => !e.absent).length };
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
