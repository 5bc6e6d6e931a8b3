/**
 * Design fixtures: each `.cellspec` file under `fixtures/` is one case. Expectations are comment
 * lines bound to the next line that is neither blank nor a comment:
 *
 *     // expect <error|warning> <code> "<message fragment>"   a design diagnostic starts there
 *     // hint "<label>"                                         the inlay hint on that line
 *
 * Every design diagnostic (target-missed, np-below-one, se-percolation, porosity-unreachable,
 * layer-thinner-than-particle, design-inconsistent) must be claimed, and every claim met.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, designDiagnostics, hints } from './helpers.js';

const DIR = join(import.meta.dirname, 'fixtures');
const EXPECT = /^\s*\/\/\s*expect\s+(error|warning)\s+([a-z-]+)\s+"((?:[^"\\]|\\.)*)"\s*$/;
const HINT = /^\s*\/\/\s*hint\s+"((?:[^"\\]|\\.)*)"\s*$/;

interface Claim {
  kind: 'diagnostic' | 'hint';
  line: number;
  severity?: string;
  code?: string;
  text: string;
}

function claimsOf(text: string): Claim[] {
  const claims: Claim[] = [];
  let pending: Omit<Claim, 'line'>[] = [];
  text.split('\n').forEach((line, i) => {
    const e = EXPECT.exec(line);
    const h = HINT.exec(line);
    if (e) {
      pending.push({ kind: 'diagnostic', severity: e[1]!, code: e[2]!, text: e[3]! });
      return;
    }
    if (h) {
      pending.push({ kind: 'hint', text: h[1]! });
      return;
    }
    const t = line.trim();
    if (t === '' || t.startsWith('//')) return;
    claims.push(...pending.map((p) => ({ ...p, line: i + 1 })));
    pending = [];
  });
  return claims;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.cellspec'))
  .sort();

describe('design fixtures', () => {
  it('has a fixture for every design diagnostic and for hints', () => {
    const all = files.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
    for (const code of [
      'target-missed',
      'np-below-one',
      'se-percolation',
      'porosity-unreachable',
      'layer-thinner-than-particle',
      'design-inconsistent',
    ]) {
      expect(all, code).toMatch(new RegExp(`expect (warning|error) ${code} `));
    }
    expect(all).toContain('// hint');
  });

  it.each(files)('%s', async (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const b = await build(text, file);
    const claims = claimsOf(text);
    const diagnostics = designDiagnostics(b);
    const unclaimed = diagnostics.filter(
      (d) =>
        !claims.some(
          (c) => c.kind === 'diagnostic' && d.startsWith(`${c.severity} ${c.code}@${c.line}: `) && d.includes(c.text),
        ),
    );
    expect(unclaimed).toEqual([]);
    for (const c of claims.filter((x) => x.kind === 'diagnostic')) {
      expect(
        diagnostics.some((d) => d.startsWith(`${c.severity} ${c.code}@${c.line}: `) && d.includes(c.text)),
        `${c.code}@${c.line} "${c.text}" in ${JSON.stringify(diagnostics)}`,
      ).toBe(true);
    }
    const shown = await hints(b);
    for (const c of claims.filter((x) => x.kind === 'hint'))
      expect(shown, JSON.stringify(shown)).toContain(`${c.line}: ${c.text}`);
  });
});
