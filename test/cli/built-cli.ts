/**
 * Runs the bundled CLI (`packages/cli/dist/cellspec.mjs`) as a child process, as CI would. The
 * bundle is rebuilt first when any package source is newer than it.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const BUILT_CLI = join(ROOT, 'packages/cli/dist/cellspec.mjs');

function newestSourceTime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statSync(path);
    newest = Math.max(newest, stats.isDirectory() ? newestSourceTime(path) : stats.mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const sources = ['cli', 'language', 'physics', 'units', 'emit'].map((p) =>
    newestSourceTime(join(ROOT, 'packages', p, 'src')),
  );
  return existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= Math.max(...sources);
}

/** Builds the bundle when stale; test files running in parallel wait for one build (a lock folder). */
export function ensureBuiltCli(): void {
  if (isFresh()) return;
  const lock = join(ROOT, 'packages/cli/dist/.build-lock');
  mkdirSync(join(lock, '..'), { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    const until = Date.now() + 120_000;
    while (existsSync(lock) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    if (isFresh()) return;
    // A lock left by an interrupted run: take it over.
    rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock, { recursive: true });
  }
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: readonly string[], cwd: string = ROOT): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
