/**
 * `cellspec check` on a generated 1,000-file spec repository, through the built CLI
 * (packages/cli/dist/cellspec.mjs; built first when missing), cold and warm.
 *
 *   npx -y pnpm@12.4.2 run bench:check:repo [-- --files 1000 --runs 5]
 *
 * Cold: the first run after the repository is written (a fresh process). Warm: the median of
 * the following runs (each a fresh process too; the OS file cache is warm). Goal: < 10 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkspace } from '../scripts/gen-workspace.js';
import { median } from '../test/scale/lsp-client.js';

const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const files = num('files', 1000);
const runs = num('runs', 5);
const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'packages/cli/dist/cellspec.mjs');

if (!existsSync(CLI) || argv.includes('--build'))
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });

const repo = mkdtempSync(join(tmpdir(), 'cellspec-bench-check-'));
writeWorkspace(repo, { files });

function run(): { ms: number; status: number | null; summary: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'check', repo], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: repo });
  return {
    ms: performance.now() - t0,
    status: r.status,
    summary: (r.stdout.trim().split('\n').pop() ?? '') || r.stderr.trim().split('\n').pop() || '',
  };
}

const cold = run();
console.log(
  `cellspec check on ${files} cell files + library: cold ${(cold.ms / 1000).toFixed(2)} s (exit ${cold.status}: ${cold.summary})`,
);
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(run().ms);
console.log(
  `warm: median ${(median(warm) / 1000).toFixed(2)} s over ${runs} runs (${warm.map((m) => (m / 1000).toFixed(2)).join(', ')} s); goal < 10 s`,
);
rmSync(repo, { recursive: true, force: true });
