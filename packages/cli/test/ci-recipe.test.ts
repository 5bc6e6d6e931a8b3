/**
 * The GitHub Actions recipe in docs/ci/github-actions.yml: its lint step, run as written (with the
 * bundled CLI standing in for the checked-out one) on a copy of the examples as a spec repository,
 * writes the SARIF file the upload step reads, and the workflow is wired so findings are uploaded
 * before the job fails.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureBuiltCli, ROOT } from '../../../test/cli/built-cli.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}
const workflow = parse(readFileSync(join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0]!.steps;
const lint = steps.find((s) => s.id === 'lint')!;
const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
const TOOL = '.cellspec/packages/cli/dist/cellspec.mjs';

/** Runs a `node <tool> …` line of the workflow in `cwd` with the bundled CLI as the tool. */
function runStep(line: string, cwd: string): number | null {
  const args = line.trim().split(/\s+/);
  expect(args.slice(0, 2)).toEqual(['node', TOOL]);
  return spawnSync(process.execPath, [BUILT_CLI, ...args.slice(2)], { cwd, encoding: 'utf8' }).status;
}

beforeAll(() => ensureBuiltCli(), 120_000);

describe('CI recipe', () => {
  it('may upload to code scanning and uploads what the lint step writes', () => {
    expect(workflow.permissions['security-events']).toBe('write');
    expect(lint['continue-on-error']).toBe(true);
    expect(lint.run).toContain('--format sarif');
    const output = /--output\s+(\S+)/.exec(lint.run!)![1];
    expect(upload.with!.sarif_file).toBe(output);
    expect(upload.if).toContain('always()');
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(lint));
    const fail = steps[steps.length - 1]!;
    expect(fail.if).toBe("steps.lint.outcome == 'failure'");
  });

  it('lints a clean spec repository: exit 0 and a SARIF log', () => {
    const repo = mkdtempSync(join(tmpdir(), 'cellspec-repo-'));
    cpSync(join(ROOT, 'examples'), repo, { recursive: true });
    expect(runStep(lint.run!, repo)).toBe(0);
    const sarif = JSON.parse(readFileSync(join(repo, upload.with!.sarif_file!), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === 'error')).toEqual([]);
  });

  it('lints a spec repository with an error: the SARIF log is written, then the last step fails', () => {
    const repo = mkdtempSync(join(tmpdir(), 'cellspec-repo-'));
    cpSync(join(ROOT, 'examples'), repo, { recursive: true });
    writeFileSync(
      join(repo, 'cells', 'typo.cellspec'),
      'import "../materials/programme-materials.cellspec"\nmaterial Typo cathode-active extends TernaryNMC { }\n',
    );
    expect(runStep(lint.run!, repo)).toBe(1);
    expect(existsSync(join(repo, upload.with!.sarif_file!))).toBe(true);
    const sarif = JSON.parse(readFileSync(join(repo, upload.with!.sarif_file!), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('cells/typo.cellspec');
    expect(runStep(steps[steps.length - 1]!.run!, repo)).toBe(1);
  });
});
