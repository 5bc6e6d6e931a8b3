// The package boundaries hold mechanically: each of the three ways a pure package could reach
// outside its arrow (a relative path into another package, a Node built-in in physics, Langium in
// the editor client) is planted in a temporary copy of the packages, and both the boundary check
// and, where the compiler sees it, the per-package TypeScript build must fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { findViolations } from '../../scripts/check-boundaries.mjs';

const repo = resolve(import.meta.dirname, '../..');
const PACKAGES = ['units', 'physics', 'language', 'emit', 'cli', 'vscode'];
const copies: string[] = [];

/** A copy of the packages' sources and manifests that links to the real installed modules. */
function copyOfPackages(): string {
  const root = mkdtempSync(join(tmpdir(), 'cellspec-boundaries-'));
  copies.push(root);
  cpSync(join(repo, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  // Installed modules are shared, but the build cache (node_modules/.cache) is the copy's own.
  mkdirSync(join(root, 'node_modules'));
  for (const entry of readdirSync(join(repo, 'node_modules')))
    if (entry !== '.cache') symlinkSync(join(repo, 'node_modules', entry), join(root, 'node_modules', entry));
  for (const pkg of PACKAGES) {
    const from = join(repo, 'packages', pkg);
    const to = join(root, 'packages', pkg);
    for (const part of ['src', 'package.json', 'tsconfig.json', 'node_modules'])
      cpSync(join(from, part), join(to, part), { recursive: true, verbatimSymlinks: true });
  }
  return root;
}

/** Runs the TypeScript build of one package (and its references) in `root`; true when it compiles. */
function compiles(root: string, pkg: string): { ok: boolean; output: string } {
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', join(root, 'packages', pkg)], { encoding: 'utf8' });
  return { ok: run.status === 0, output: run.stdout + run.stderr };
}

afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

describe('package boundaries', () => {
  it('the repository itself passes the boundary check', () => {
    expect(findViolations(repo)).toEqual([]);
    expect(execFileSync(process.execPath, [join(repo, 'scripts/check-boundaries.mjs')], { encoding: 'utf8' })).toMatch(
      /package boundaries: ok/,
    );
  });

  it('a relative import from physics into the language package fails the check and the build', () => {
    const root = copyOfPackages();
    writeFileSync(
      join(root, 'packages/physics/src/planted.ts'),
      "export { sourceOf } from '../../language/src/resolve.js';\n",
    );
    expect(findViolations(root).join('\n')).toMatch(
      /packages\/physics\/src\/planted\.ts: imports \.\.\/\.\.\/language\/src\/resolve\.js, a path outside packages\/physics/,
    );
    const build = compiles(root, 'physics');
    expect(build.ok).toBe(false);
    expect(build.output).toMatch(/TS6059|TS6307/); // a file outside the physics project
  });

  it('node:fs in physics fails the check and the build', () => {
    const root = copyOfPackages();
    writeFileSync(
      join(root, 'packages/physics/src/planted.ts'),
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );
    expect(findViolations(root).join('\n')).toMatch(
      /packages\/physics\/src\/planted\.ts: imports node:fs; physics is pure and may not use Node's built-in modules/,
    );
    const build = compiles(root, 'physics');
    expect(build.ok).toBe(false);
    expect(build.output).toMatch(/Cannot find module 'node:fs'/); // physics compiles with `types: []`
  });

  it('langium in the editor client fails the check', () => {
    const root = copyOfPackages();
    writeFileSync(
      join(root, 'packages/vscode/src/planted.ts'),
      "import { URI } from 'langium';\nexport const uri = URI;\n",
    );
    expect(findViolations(root).join('\n')).toMatch(
      /packages\/vscode\/src\/planted\.ts: imports langium; only language may/,
    );
  });
});
