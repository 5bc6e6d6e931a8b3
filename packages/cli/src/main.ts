#!/usr/bin/env node
/**
 * The `cellspec` executable. Runs from source through `pnpm cellspec …` (tsx) and is bundled by
 * `scripts/build.mjs` to `packages/cli/dist/cellspec.mjs`, a small entry that loads the rest of
 * the CLI (`dist/chunks/`) only when a command needs it.
 *
 * Start-up order, cheapest first: refuse a Node that is too old; answer `--version` from here;
 * switch on Node's compile cache (Node 22+), so later starts skip compiling the bundle; then load
 * the command line. The same file is the language server's analysis worker (a worker thread
 * started from the running script), which loads only the server, and a sweep's worker.
 */
import nodeModule from 'node:module';
import { isMainThread, workerData } from 'node:worker_threads';
import { CLI_NAME, CLI_VERSION } from './version.js';
import { unsupportedNode } from './node-version.js';

const refusal = unsupportedNode(process.versions.node);
if (refusal) {
  process.stderr.write(`${CLI_NAME}: ${refusal}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
if (!isMainThread && (workerData as { cellspecSweepWorker?: boolean } | undefined)?.cellspecSweepWorker) {
  // A worker of a sweep split over threads (`sweep/parallel.ts`).
  const { runSweepWorker } = await import('./sweep/worker.js');
  runSweepWorker();
} else if (!isMainThread) {
  const { startServer } = await import('@cellspec/language/lsp');
  startServer();
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${CLI_VERSION}\n`);
} else {
  // Node 22.1+ (a named import would fail to link on Node 20, which compiles every start).
  (nodeModule.enableCompileCache as typeof nodeModule.enableCompileCache | undefined)?.();
  await runCommandLine(argv);
}

async function runCommandLine(args: string[]): Promise<void> {
  const { runCli } = await import('./cli.js');
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
  try {
    process.exitCode = await runCli(args, io);
  } catch (error) {
    process.stderr.write(`${CLI_NAME}: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70; // EX_SOFTWARE: a bug, not a finding in the inputs
  }
}
