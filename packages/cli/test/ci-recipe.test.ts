/**
 * The GitHub Actions recipe in docs/ci/github-actions.yml: it installs the npm package (here the
 * packed tarball, installed with plain npm, stands in for the registry's), and its lint step, run
 * as written by bash with the package's bin on PATH on a copy of the examples as a spec
 * repository, writes the SARIF file the upload step reads; the workflow is wired so findings are
 * uploaded before the job fails.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/cli/built-cli.js';
import {
  envFor,
  installInto,
  machineNode,
  packedTarball,
  workspaceNode,
  type NodeRuntime,
} from '../../../test/install/installed-package.js';

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
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0]!.steps;
const lint = steps.find((s) => s.id === 'lint')!;
const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
const install = steps.find((s) => s.name === 'Install cellspec')!;

let node: NodeRuntime;
let bin: string;
beforeAll(() => {
  node = machineNode() ?? workspaceNode();
  bin = join(installInto(packedTarball(), node), 'node_modules/.bin');
}, 180_000);

/** Runs a `cellspec …` line of the workflow in `cwd` with bash, as the runner does. */
function runStep(line: string, cwd: string): number | null {
  expect(line.trim()).toMatch(/^cellspec /);
  const env = envFor(node);
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line], {
    cwd,
    encoding: 'utf8',
    env: { ...env, PATH: `${bin}:${env.PATH}` },
  }).status;
}

describe('CI recipe', () => {
  it('installs this version of the cellspec package', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'packages/cli/npm/package.json'), 'utf8')).version;
    expect(workflow.env.CELLSPEC_PACKAGE).toBe(`cellspec@${version}`);
    expect(install.run).toBe('npm install -g "$CELLSPEC_PACKAGE"');
    expect(steps.indexOf(install)).toBeLessThan(steps.indexOf(lint));
  });

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
