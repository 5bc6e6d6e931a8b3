/**
 * The `cellspec` npm package as a user gets it: packed by `scripts/pack.mjs`, installed with plain
 * `npm` into an empty folder, run by a chosen Node. Shared by the install test and the Action test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { BUILT_CLI, ensureBuiltCli, ROOT } from '../cli/built-cli.js';

export interface NodeRuntime {
  readonly label: string;
  readonly path: string;
  readonly major: number;
}

/** PATH without any `node_modules` folder (pnpm puts the workspace's Node 22 first). */
function systemPath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => p && !p.split(/[\\/]/).includes('node_modules'))
    .join(delimiter);
}

function runtime(label: string, path: string): NodeRuntime {
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  return { label: `${label} ${version}`, path, major: Number(/^v(\d+)/.exec(version)![1]) };
}

/** The machine's own Node (the first `node` on PATH outside node_modules, as `which -a node` lists them). */
export function machineNode(): NodeRuntime | undefined {
  for (const dir of systemPath().split(delimiter)) {
    const candidate = join(dir, 'node');
    if (existsSync(candidate) && statSync(candidate).isFile()) return runtime('machine Node', candidate);
  }
  return undefined;
}

/** The Node 22 the workspace brings as a development dependency. */
export function workspaceNode(): NodeRuntime {
  return runtime('workspace Node', join(ROOT, 'node_modules/node/bin/node'));
}

const PACK_OUT = join(ROOT, 'out/test-package');

function newestTarball(): string | undefined {
  if (!existsSync(PACK_OUT)) return undefined;
  const file = readdirSync(PACK_OUT).find((f) => /^cellspec-.*\.tgz$/.test(f));
  return file ? join(PACK_OUT, file) : undefined;
}

/** Packs the package (once per bundle build; test files in parallel share it through a lock folder). */
export function packedTarball(): string {
  ensureBuiltCli();
  const fresh = () => {
    const t = newestTarball();
    return t && statSync(t).mtimeMs >= statSync(BUILT_CLI).mtimeMs ? t : undefined;
  };
  const ready = fresh();
  if (ready) return ready;
  const lock = join(ROOT, 'out/.pack-lock');
  mkdirSync(dirname(lock), { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    const until = Date.now() + 120_000;
    while (existsSync(lock) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    const after = fresh();
    if (after) return after;
    rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock, { recursive: true });
  }
  try {
    rmSync(PACK_OUT, { recursive: true, force: true });
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/pack.mjs'), '--no-build', '--out', PACK_OUT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out.trim().split('\n').pop()!;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Environment in which `node`, `npm` and `npx` resolve to `node` first, as for a user who installed it. */
export function envFor(node: NodeRuntime, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [dirname(node.path), systemPath()].join(delimiter), ...extra };
  // pnpm and vitest set these; a user's shell has none of them.
  for (const key of Object.keys(env)) if (/^(npm_|PNPM_|VITEST)/i.test(key)) delete env[key];
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

/** An empty folder with the tarball installed by plain `npm install`; returns the folder. */
export function installInto(tarball: string, node: NodeRuntime): string {
  const folder = mkdtempSync(join(tmpdir(), 'cellspec-install-'));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: folder,
    env: envFor(node),
    stdio: 'pipe',
  });
  return folder;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npx cellspec …` in `cwd` with `node` first on PATH (`--` so npx passes `--version` on). */
export function npxCellspec(node: NodeRuntime, args: readonly string[], cwd: string): Run {
  const r = spawnSync('npx', ['--no', '--', 'cellspec', ...args], {
    cwd,
    env: envFor(node),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
