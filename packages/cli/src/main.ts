/**
 * The `cellspec` executable. Runs from source through `pnpm cellspec …` (tsx) and is bundled to
 * `packages/cli/dist/cellspec.mjs` by `scripts/build.mjs`.
 */
import { runCli } from './cli.js';

const io = {
  cwd: process.cwd(),
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

runCli(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`cellspec: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70; // EX_SOFTWARE: a bug, not a finding in the inputs
  },
);
