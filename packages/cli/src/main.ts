/**
 * The `cellspec` executable. Runs from source through `pnpm cellspec …` (tsx) and is bundled to
 * `packages/cli/dist/cellspec.mjs` by `scripts/build.mjs`.
 */
import { runCli } from './cli.js';

// A reader that stops early (`cellspec check | head`) closes the pipe; that is not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io = {
  cwd: process.cwd(),
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cellspec: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70; // EX_SOFTWARE: a bug, not a finding in the inputs
  },
);
