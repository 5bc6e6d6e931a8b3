/**
 * A spec repository as a project: the root found from a subfolder (cellspec.json, else the git
 * root), the configuration file (rule severities, ignored files, libraries by name, default stack
 * basis), a bad configuration (exit 2 with its line), and suppression comments with reasons.
 * `cellspec check` runs in-process on a scratch repository per case.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { findProjectRoot, globToRegExp } from '../../packages/language/src/project.js';

const CELL = (body: string) => `import "../materials/mats"
import "acme/binders"
cell Sub {
  electrode-area 20 mm x 20 mm
  cathode {
    composition { MyNCM: 75 wt%, Li6PS5Cl: 22 wt%, AcmeBinder: 3 wt% }
    loading 14 mg/cm2
    porosity 8 %
    collector Al 15 um
  }
  electrolyte-layer Li6PS5Cl { thickness 20 um }
  anode {
    composition { NaturalGraphite: 60 wt%, Li6PS5Cl: 38.5 wt%, PVDF: 1.5 wt% }
${body}
    porosity 9 %
    collector SUS304 10 um
  }
}
`;
const SUPPRESSED = `    // cellspec-disable-next-line np-below-one -- plating studied on purpose in this build
    loading 8 mg/cm2`;

function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-project-'));
  mkdirSync(join(dir, '.git'));
  const all: Record<string, string> = {
    'materials/mats.cellspec':
      'library Mats\nmaterial MyNCM cathode-active { specific-capacity 200 mAh/g  density 4.8 g/cm3  mean-voltage 3.8 V }\n',
    'vendor/acme/binders.cellspec': 'library Acme\nmaterial AcmeBinder binder { density 1.8 g/cm3 }\n',
    'drafts/broken.cellspec': 'cell Broken {\n',
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function check(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', ...args], {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const CONFIG = JSON.stringify({ rules: { 'model-readiness': 'off' }, ignore: ['drafts/**'], libraries: ['vendor'] });

describe('project root', () => {
  it('is the folder with cellspec.json, else the git root, else the start folder', () => {
    const withConfig = repository({ 'cellspec.json': '{}', 'cells/x.cellspec': '' });
    expect(findProjectRoot(join(withConfig, 'cells'))).toEqual({
      root: withConfig,
      foundBy: 'config',
      file: join(withConfig, 'cellspec.json'),
    });
    const gitOnly = repository({ 'cells/x.cellspec': '' });
    expect(findProjectRoot(join(gitOnly, 'cells'))).toEqual({ root: gitOnly, foundBy: 'git' });
  });

  it('lets a spec in a subfolder import ../materials and a library by name; reports the config used', async () => {
    const dir = repository({ 'cellspec.json': CONFIG, 'cells/sub.cellspec': CELL(SUPPRESSED) });
    const run = await check(join(dir, 'cells'), '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/file-outside-workspace|unknown-import|unresolved-reference/);
    expect(run.stdout).toContain('config: ../cellspec.json (project root ..)');
    expect(run.code).toBe(0);
  });
});

describe('configuration', () => {
  it('ignores the files it names when a folder is checked', async () => {
    const dir = repository({ 'cellspec.json': CONFIG, 'cells/sub.cellspec': CELL(SUPPRESSED) });
    const run = await check(dir, '--format', 'json', '.');
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { path: string }) => f.path)).not.toContain('drafts/broken.cellspec');
    expect(report.project).toEqual({ root: '.', foundBy: 'config', config: 'cellspec.json' });
  });

  it('sets rule severities by code', async () => {
    const dir = repository({
      'cellspec.json': JSON.stringify({
        rules: { 'np-below-one': 'warning', 'model-readiness': 'off' },
        libraries: ['vendor'],
      }),
      'cells/sub.cellspec': CELL('    loading 8 mg/cm2'),
    });
    const report = JSON.parse((await check(dir, '--format', 'json', 'cells')).stdout);
    const diagnostics = report.files.flatMap((f: { diagnostics: unknown[] }) => f.diagnostics);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'np-below-one', severity: 'warning' }));
    expect(diagnostics.some((d: { code: string }) => d.code === 'model-readiness')).toBe(false);
  });

  it('is exit 2 with the line that is wrong', async () => {
    const bad = repository({
      'cellspec.json': '{\n  "rules": {\n    "np-below-one": "loud"\n  }\n}\n',
      'cells/x.cellspec': '',
    });
    const run = await check(join(bad, 'cells'), '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cellspec check: ../cellspec.json:3: rule "np-below-one": "loud" is not one of off, info, warning, error\n',
    );
    const broken = repository({ 'cellspec.json': '{\n  "ignore": ["x"],,\n}\n' });
    expect((await check(broken, '.')).stderr).toMatch(/^cellspec check: cellspec.json:2: not valid JSON/);
    const unknown = repository({ 'cellspec.json': '{\n  "rulez": {}\n}\n' });
    expect((await check(unknown, '.')).stderr).toContain('cellspec.json:2: unknown setting "rulez"');
  });

  it('matches ignore globs as .gitignore does', () => {
    expect(globToRegExp('drafts/**').test('drafts/a/b.cellspec')).toBe(true);
    expect(globToRegExp('*.old.cellspec').test('cells/x.old.cellspec')).toBe(true);
    expect(globToRegExp('cells/*.cellspec').test('cells/sub/x.cellspec')).toBe(false);
  });
});

describe('suppression comments', () => {
  it('silence one line with a reason, and check --format json lists what they silenced', async () => {
    const dir = repository({ 'cellspec.json': CONFIG, 'cells/sub.cellspec': CELL(SUPPRESSED) });
    const report = JSON.parse((await check(dir, '--format', 'json', 'cells')).stdout);
    const file = report.files.find((f: { path: string }) => f.path === 'cells/sub.cellspec');
    expect(file.diagnostics.some((d: { code: string }) => d.code === 'np-below-one')).toBe(false);
    expect(file.suppressed).toEqual([
      expect.objectContaining({
        code: 'np-below-one',
        line: 15,
        suppressedAt: 14,
        reason: 'plating studied on purpose in this build',
      }),
    ]);
  });

  it('need a reason: without one nothing is silenced and the comment is reported', async () => {
    const dir = repository({
      'cellspec.json': CONFIG,
      'cells/sub.cellspec': CELL('    // cellspec-disable-next-line np-below-one\n    loading 8 mg/cm2'),
    });
    const report = JSON.parse((await check(dir, '--format', 'json', 'cells')).stdout);
    const codes = report.files.flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code));
    expect(codes).toContain('np-below-one');
    expect(codes).toContain('suppression');
  });

  it('silence a whole block with disable-block', async () => {
    const text = CELL('    loading 8 mg/cm2').replace(
      '  anode {',
      '  // cellspec-disable-block np-below-one -- a plating study\n  anode {',
    );
    const dir = repository({ 'cellspec.json': CONFIG, 'cells/sub.cellspec': text });
    const report = JSON.parse((await check(dir, '--format', 'json', 'cells')).stdout);
    const file = report.files.find((f: { path: string }) => f.path === 'cells/sub.cellspec');
    expect(file.suppressed.map((s: { code: string }) => s.code)).toEqual(['np-below-one']);
  });
});

describe('document numbers', () => {
  it('must match the project pattern', async () => {
    const dir = repository({
      'cellspec.json': JSON.stringify({ documentNumber: '^CS-[0-9]{4}$' }),
      'specs/a.cellspec': 'document {\n  number "CS-0012"\n}\n',
      'specs/b.cellspec': 'document {\n  number "DOC-12"\n}\n',
    });
    const run = await check(dir, 'specs');
    expect(run.stdout).toContain(
      'specs/b.cellspec:2:10 warning document number "DOC-12" does not match the project\'s pattern /^CS-[0-9]{4}$/ [document-number-pattern]',
    );
    expect(run.stdout).not.toContain('specs/a.cellspec:2');
  });
});
