/**
 * Quick fixes and refactors as fixtures: `// expect-fix CODE "TITLE" → "TEXT"` above a line says a
 * diagnostic with CODE stands there, an action whose title starts with TITLE repairs it, the
 * applied text contains TEXT, and after a rebuild the diagnostic is gone and no new error or
 * warning has come. `// expect-refactor "TITLE" → "TEXT"`: a refactor.rewrite on that line whose
 * edit leaves the cell's capacity where it was (to 1e-6 relative: values are rewritten to 6
 * significant figures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directivesOf } from '../../packages/language/test/fixture-comments.js';
import { allDiagnostics, applyAction, build, codeActions, designOfText } from './helpers.js';

const DIR = join(import.meta.dirname, 'fixtures', 'quick-fixes');
const DIRECTIVE = /^(?:(\S+)\s+)?"([^"]+)"\s+→\s+"([^"]+)"$/;

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.cellspec')))('%s', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const directives = directivesOf(file, text).filter((d) => d.kind === 'expect-fix' || d.kind === 'expect-refactor');

  it('has expectations', () => expect(directives.length).toBeGreaterThan(0));

  it.each(directives.map((d) => [`${d.kind} ${d.text} (line ${d.line})`, d] as const))('%s', async (_, d) => {
    const [, code, title, quoted] = DIRECTIVE.exec(d.text) ?? [];
    const after = quoted?.replace(/\\n/g, '\n');
    expect(title, `malformed directive at ${file}:${d.at}`).toBeDefined();
    const b = await build(text);
    const serious = (diagnostics: ReturnType<typeof allDiagnostics>) =>
      diagnostics.filter((x) => x.severity === 1 || x.severity === 2).map((x) => `${String(x.code)}: ${x.message}`);
    const actions = await codeActions(b, d.line);
    const action = actions.find((a) => a.title.startsWith(title!));
    expect(action, `no action "${title}" in ${actions.map((a) => a.title).join(' | ')}`).toBeDefined();
    const fixed = applyAction(b, action!);
    // Counted, not searched: the directive itself quotes the text.
    const count = (t: string) => t.split(after!).length - 1;
    expect(count(fixed), `"${after}" not added:\n${fixed}`).toBe(count(text) + 1);
    if (d.kind === 'expect-fix') {
      expect(action!.kind).toBe('quickfix');
      const on = (x: { code?: unknown; range: { start: { line: number } } }) =>
        x.code === code && x.range.start.line === d.line - 1;
      expect(allDiagnostics(b).some(on), `no ${code} on line ${d.line}`).toBe(true);
      const rebuilt = await build(fixed);
      expect(allDiagnostics(rebuilt).filter(on)).toEqual([]);
      const before = new Set(serious(allDiagnostics(b)));
      expect(serious(allDiagnostics(rebuilt)).filter((x) => !before.has(x))).toEqual([]);
    } else {
      expect(action!.kind).toBe('refactor.rewrite');
      const name = /cell (\w+)/.exec(text)![1]!;
      const was = (await designOfText(text, name))!.design.capacity!;
      const now = (await designOfText(fixed, name))!.design.capacity!;
      expect(Math.abs(now / was - 1)).toBeLessThan(1e-6);
    }
  });
});
