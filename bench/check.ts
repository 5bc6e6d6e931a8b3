/**
 * `cellspec check` on the bundled examples, in process: load, parse, link and validate (all
 * categories) with fresh services each round, as one CLI run does after start-up. Prints the
 * median and range of wall and CPU time over the rounds (first round reported apart: it pays
 * the parser's lazy initialisation).
 *   npx -y pnpm@12.4.2 exec tsx bench/check.ts [rounds] [paths…]
 */
import { performance } from 'node:perf_hooks';
import { cpuUsage } from 'node:process';
import { loadWorkspace } from '../packages/language/src/index.js';

const rounds = Number(process.argv[2] ?? 7);
const paths = process.argv.length > 3 ? process.argv.slice(3) : ['examples'];
const wall: number[] = [];
const cpu: number[] = [];
let files = 0;
for (let i = 0; i < rounds + 1; i++) {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const ws = await loadWorkspace(paths);
  const t = performance.now() - t0;
  const c = cpuUsage(c0);
  files = ws.files.length;
  if (i === 0) {
    console.log(`first round: ${t.toFixed(0)} ms wall`);
    continue;
  }
  wall.push(t);
  cpu.push((c.user + c.system) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
console.log(
  `check ${paths.join(' ')} (${files} files), ${rounds} rounds: wall median ${median(wall).toFixed(0)} ms (${range(wall)}), CPU median ${median(cpu).toFixed(0)} ms (${range(cpu)})`,
);
