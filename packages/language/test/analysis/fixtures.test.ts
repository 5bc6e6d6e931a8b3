/**
 * Analysis fixtures: each `fixtures/*.cellspec` states what its declared analyses must give in
 * comments (read by `../fixture-comments.ts`, like the validation fixtures), and this one runner checks them through the whole pipeline (parse, resolve, model
 * parameters, runs, findings):
 *   // expect-run ANALYSIS "RUN LABEL" capacity VALUE mAh ± TOL %
 *   // expect-run ANALYSIS "RUN LABEL" end-soc VALUE % ± TOL %
 *   // expect-finding SEVERITY "MESSAGE"   (or /REGEX/ for the message)
 *   // expect-no-warnings
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCellAnalyses } from '@cellspec/physics';
import { loadWorkspace, resolveDocument } from '../../src/index.js';
import { directivesOf } from '../fixture-comments.js';

const DIR = join(import.meta.dirname, 'fixtures');

interface Expectations {
  readonly runs: {
    analysis: string;
    label: string;
    quantity: 'capacity' | 'end-soc';
    value: number;
    tolerance: number;
  }[];
  readonly findings: { severity: string; message: string; pattern: boolean }[];
  readonly noWarnings: boolean;
}

function expectationsOf(file: string, text: string): Expectations {
  const runs: Expectations['runs'] = [];
  const findings: Expectations['findings'] = [];
  let noWarnings = false;
  for (const d of directivesOf(file, text)) {
    const where = `${file}:${d.at}`;
    if (d.kind === 'expect-run') {
      const run = /^(\S+) "([^"]+)" (capacity|end-soc) ([\d.]+) (mAh|%) ± ([\d.]+) %$/.exec(d.text);
      if (!run) throw new Error(`${where}: cannot read expect-run '${d.text}'`);
      // capacity: relative tolerance; end-soc: absolute in percentage points.
      runs.push({
        analysis: run[1]!,
        label: run[2]!,
        quantity: run[3] as 'capacity' | 'end-soc',
        value: Number(run[4]),
        tolerance: Number(run[6]),
      });
    } else if (d.kind === 'expect-finding') {
      const finding = /^(\w+) (?:"([^"]+)"|\/(.+)\/)$/.exec(d.text);
      if (!finding) throw new Error(`${where}: cannot read expect-finding '${d.text}'`);
      findings.push({ severity: finding[1]!, message: finding[2] ?? finding[3]!, pattern: finding[3] !== undefined });
    } else if (d.kind === 'expect-no-warnings') noWarnings = true;
    else throw new Error(`${where}: unknown directive ${d.kind}`);
  }
  return { runs, findings, noWarnings };
}

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.cellspec')))('%s', (name) => {
  it('gives the results its comments state', async () => {
    const path = join(DIR, name);
    const expected = expectationsOf(name, readFileSync(path, 'utf8'));
    const workspace = await loadWorkspace([path]);
    const file = workspace.files.find((f) => f.path === path)!;
    expect(file.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const cell = resolveDocument(workspace.services, file.document).ir.cells[0]!;
    const result = runCellAnalyses(cell);
    expect(result.problems).toEqual([]);
    for (const e of expected.runs) {
      const outcome = result.outcomes.find((o) => o.analysis === e.analysis);
      const run = outcome?.runs.find((r) => r.label === e.label);
      expect(run, `${e.analysis} / ${e.label}`).toBeDefined();
      if (e.quantity === 'capacity') {
        const mAh = run!.capacity * 1000;
        expect(Math.abs(mAh - e.value) / e.value, `${e.label}: ${mAh.toFixed(3)} mAh`).toBeLessThanOrEqual(
          e.tolerance / 100,
        );
      } else {
        expect(
          Math.abs(run!.endSoc * 100 - e.value),
          `${e.label}: end SOC ${(run!.endSoc * 100).toFixed(3)} %`,
        ).toBeLessThanOrEqual(e.tolerance);
      }
    }
    const findings = result.outcomes.flatMap((o) => o.findings);
    for (const f of expected.findings) {
      const match = findings.find(
        (x) =>
          x.severity === f.severity &&
          (f.pattern ? new RegExp(`^${f.message}$`).test(x.message) : x.message === f.message),
      );
      expect(match, `${f.severity} "${f.message}" among ${JSON.stringify(findings)}`).toBeDefined();
    }
    if (expected.noWarnings) expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
