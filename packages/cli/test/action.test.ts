/**
 * The composite Action (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml), run as far
 * as they run outside GitHub: every `run:` step of the Action goes through bash as the runner runs
 * it (`bash --noprofile --norc -eo pipefail`, `${{ … }}` replaced by the inputs and step outputs,
 * GITHUB_OUTPUT/GITHUB_PATH/RUNNER_TEMP files) against a sample spec repository, with the packed
 * tarball as the `package` input; `uses:` steps (setup-node, upload-sarif) are not run, but their
 * conditions are evaluated and their inputs checked (the SARIF file exists and is valid). The hooks'
 * entries run the way pre-commit runs them: the entry plus the matching files, in one call.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

interface ActionStep {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: ActionStep[] };
};

interface StepRun {
  readonly step: ActionStep;
  readonly ran: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Replaces `inputs.x` and `steps.id.outputs.y` in an expression by their values (as JSON strings). */
function substitute(
  expression: string,
  inputs: Record<string, string>,
  outputs: Record<string, Record<string, string>>,
) {
  return expression
    .replace(/\binputs\.([\w-]+)/g, (_, name: string) => JSON.stringify(inputs[name] ?? ''))
    .replace(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g, (_, id: string, name: string) =>
      JSON.stringify(outputs[id]?.[name] ?? ''),
    );
}

/** The few expression forms action.yml uses: ==, !=, &&, always(); anything else fails the test. */
function evaluateCondition(
  condition: string,
  inputs: Record<string, string>,
  outputs: Record<string, Record<string, string>>,
) {
  const js = substitute(condition, inputs, outputs)
    .replace(/\balways\(\)/g, 'true')
    .replace(/'([^']*)'/g, (_, s: string) => JSON.stringify(s));
  if (!/^(\s|true|"[^"]*"|==|!=|&&)*$/.test(js.replace(/"[^"]*"/g, '""')))
    throw new Error(`unsupported condition: ${condition}`);
  return Boolean(new Function(`return (${js.replace(/==/g, '===').replace(/!===/g, '!==')});`)());
}

/** `${{ expression }}` in a value: a single reference to an input or a step output. */
function interpolate(value: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>) {
  return value.replace(
    /\$\{\{\s*([^}]+?)\s*\}\}/g,
    (_, e: string) => JSON.parse(substitute(e, inputs, outputs)) as string,
  );
}

/** Where the last Action run installed the package's bin (the pre-commit tests reuse it). */
let installedByAction: string | undefined;

function runAction(repo: string, node: NodeRuntime, given: Record<string, string>): StepRun[] {
  const inputs = {
    ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)])),
    ...given,
  };
  const runner = mkdtempSync(join(tmpdir(), 'cellspec-runner-'));
  const githubPath = join(runner, 'path');
  installedByAction = join(runner, 'cellspec/node_modules/.bin');
  writeFileSync(githubPath, '');
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  for (const step of action.runs.steps) {
    const condition = step.if ?? 'success()';
    const failed = runs.some((r) => r.ran && r.code !== 0);
    const ran =
      condition === 'success()'
        ? !failed
        : evaluateCondition(condition, inputs, outputs) && (!failed || condition.includes('always()'));
    if (!ran || !step.run) {
      runs.push({ step, ran, code: ran ? 0 : null, stdout: '', stderr: '' });
      continue;
    }
    expect(step.shell).toBe('bash');
    const outputFile = join(runner, `output-${runs.length}`);
    writeFileSync(outputFile, '');
    const base = envFor(node);
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    const env = {
      ...base,
      PATH: [...added, base.PATH].join(':'),
      RUNNER_TEMP: runner,
      GITHUB_PATH: githubPath,
      GITHUB_OUTPUT: outputFile,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, inputs, outputs)])),
    };
    const r = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', interpolate(step.run, inputs, outputs)],
      {
        cwd: repo,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    runs.push({ step, ran, code: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  return runs;
}

function sampleRepository(broken: boolean): string {
  const repo = mkdtempSync(join(tmpdir(), 'cellspec-spec-repo-'));
  cpSync(join(ROOT, 'examples/cells'), join(repo, 'specs/cells'), { recursive: true });
  cpSync(join(ROOT, 'examples/materials'), join(repo, 'specs/materials'), { recursive: true });
  writeFileSync(join(repo, 'README.md'), '# specs\n');
  if (broken)
    writeFileSync(
      join(repo, 'specs/cells/typo.cellspec'),
      'import "../materials/programme-materials.cellspec"\nmaterial Typo cathode-active extends NoSuchMaterial { }\n',
    );
  return repo;
}

const byName = (runs: StepRun[], name: string) => runs.find((r) => r.step.name === name)!;

let tarball: string;
let node: NodeRuntime;
beforeAll(() => {
  tarball = packedTarball();
  node = machineNode() ?? workspaceNode();
}, 180_000);

describe('the composite Action', () => {
  it('is a composite that installs the package, checks, uploads the SARIF log and then fails', () => {
    expect(action.runs.using).toBe('composite');
    const names = action.runs.steps.map((s) => s.name);
    expect(names.indexOf('Install cellspec')).toBeLessThan(names.indexOf('Check the specs'));
    expect(names.indexOf('Upload the findings to code scanning')).toBeLessThan(names.indexOf('Fail on findings'));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}', category: 'cellspec' });
    const version = JSON.parse(readFileSync(join(ROOT, 'packages/cli/npm/package.json'), 'utf8')).version;
    expect(action.inputs.package!.default).toBe(`cellspec@${version}`);
  });

  it('on a clean repository: installs, checks (exit 0) with a text log, writes and uploads the SARIF log, passes', () => {
    const repo = sampleRepository(false);
    const runs = runAction(repo, node, { package: tarball, paths: 'specs', annotate: 'false' });
    expect(byName(runs, 'Set up Node').ran).toBe(false);
    const install = byName(runs, 'Install cellspec');
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toMatch(/^cellspec 0\.1\.0 on Node v\d+/m);
    const check = byName(runs, 'Check the specs');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^\d+ files checked: 0 errors/m);
    expect(check.stdout).not.toContain('::');
    const sarif = JSON.parse(readFileSync(join(repo, 'cellspec.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(byName(runs, 'Upload the findings to code scanning').ran).toBe(true);
    expect(byName(runs, 'Fail on findings').ran).toBe(false);
  });

  it('on a repository with an error: annotates it, uploads the SARIF log, then fails with exit 1', () => {
    const repo = sampleRepository(true);
    const runs = runAction(repo, node, { package: tarball, paths: 'specs' });
    const check = byName(runs, 'Check the specs');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^::error file=specs\/cells\/typo\.cellspec,line=2,/m);
    const sarif = JSON.parse(readFileSync(join(repo, 'cellspec.sarif'), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('specs/cells/typo.cellspec');
    expect(byName(runs, 'Upload the findings to code scanning').ran).toBe(true);
    const fail = byName(runs, 'Fail on findings');
    expect(fail.ran).toBe(true);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('::error title=cellspec::cellspec check exited 1');
  });

  it('uploads nothing with upload-sarif: false, and fails on any exit but 0', () => {
    const upload = action.runs.steps.find((s) => s.name === 'Upload the findings to code scanning')!;
    const fail = action.runs.steps.find((s) => s.name === 'Fail on findings')!;
    const inputs = { 'upload-sarif': 'false' };
    expect(evaluateCondition(upload.if!, inputs, { check: { 'sarif-written': 'true' } })).toBe(false);
    expect(evaluateCondition(upload.if!, { 'upload-sarif': 'true' }, { check: { 'sarif-written': '' } })).toBe(false);
    for (const code of ['1', '2'])
      expect(evaluateCondition(fail.if!, inputs, { check: { 'exit-code': code } })).toBe(true);
  });
});

describe('the pre-commit hooks', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    files: string;
    language: string;
    require_serial: boolean;
  }[];
  let bin: string;
  beforeAll(() => {
    // The package as the Action installed it above, or a fresh install when run alone.
    bin = installedByAction ?? join(installInto(tarball, node), 'node_modules/.bin');
  }, 120_000);

  /** pre-commit's call: the entry, then every matching file, in one process (require_serial). */
  function runHook(id: string, repo: string, staged: string[]) {
    const hook = hooks.find((h) => h.id === id)!;
    expect(hook.require_serial).toBe(true);
    const files = staged.filter((f) => new RegExp(hook.files).test(f));
    const [command, ...args] = hook.entry.split(' ');
    const env = envFor(node);
    return spawnSync(command!, [...args, ...files], {
      cwd: repo,
      env: { ...env, PATH: `${bin}:${env.PATH}` },
      encoding: 'utf8',
    });
  }

  it('passes a commit of clean specs and stops one with an error, naming the file', () => {
    const clean = sampleRepository(false);
    const staged = ['README.md', 'specs/cells/standard-battery-2-1.cellspec'];
    expect(runHook('cellspec', clean, staged).status).toBe(0);
    const broken = sampleRepository(true);
    const r = runHook('cellspec', broken, [...staged, 'specs/cells/typo.cellspec']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('specs/cells/typo.cellspec:2:');
  });

  it('offers a strict variant', () => {
    expect(hooks.find((h) => h.id === 'cellspec-strict')?.entry).toBe('cellspec check --strict');
    for (const h of hooks) expect(h.language).toBe('system');
  });
});
