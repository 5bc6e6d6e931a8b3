/**
 * Language-server benchmarks and stress runs against a real server process over stdio.
 *
 *   npx -y pnpm@12.4.2 run bench:lsp                 # keystroke latency (500 files) and 1,000-file build/memory
 *   npx -y pnpm@12.4.2 run bench:lsp -- --stress     # 5 MB file, 20,000 lines, 10,000-deep nesting, 500-edit burst, 1,000-file workspace
 *
 * Keystroke → refreshed diagnostics: a 300-line spec open in a 500-file generated workspace; each
 * keystroke types or deletes one digit of the cathode loading, and the time runs from sending the
 * change to the server publishing diagnostics for that version (then to the inlay-hint answer,
 * when the server offers hints). Prints medians. Goals: < 50 ms median; < 300 MB resident for
 * 1,000 files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeWorkspace } from '../scripts/gen-workspace.js';
import { buildServer, LspSession, median } from '../test/scale/lsp-client.js';
import {
  bigFileText,
  burstCase,
  deepNestingText,
  describeResult,
  longSpecText,
  openCase,
  workspaceCase,
  type StressResult,
} from '../test/scale/stress-cases.js';

const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const uriOf = (path: string) => pathToFileURL(path).href;
const mb = (x: number) => `${x.toFixed(0)} MB`;

/**
 * Starts the server on the workspace and opens its first cell file. Returns the time from start
 * to that file's diagnostics (the initial build links the whole workspace first) and to the
 * diagnostics of every file (the whole workspace validated): edits are measured after that, as
 * a user types in a workspace that has finished loading.
 */
async function startAndBuild(
  root: string,
  paths: readonly string[],
): Promise<{ session: LspSession; firstMs: number; buildMs: number; inlayHints: boolean }> {
  const t0 = performance.now();
  const { session, capabilities } = await LspSession.start(root);
  const uri = uriOf(paths[0]!);
  const published = session.next((p) => p.uri === uri, 600_000);
  await session.open(uri, readFileSync(paths[0]!, 'utf8'), 1);
  await published;
  const firstMs = performance.now() - t0;
  await session.allPublished(paths.map(uriOf));
  return {
    session,
    firstMs,
    buildMs: performance.now() - t0,
    inlayHints: capabilities.inlayHintProvider !== undefined,
  };
}

async function keystrokes(): Promise<void> {
  const files = num('files', 500);
  const count = num('keystrokes', 60);
  const root = mkdtempSync(join(tmpdir(), 'cellspec-bench-lsp-'));
  const paths = writeWorkspace(root, { files, lines: 300 });
  const { session, firstMs, buildMs, inlayHints } = await startAndBuild(root, paths);
  console.log(
    `workspace of ${files} files × 300 lines: first file's diagnostics ${(firstMs / 1000).toFixed(1)} s, every file's ${(buildMs / 1000).toFixed(1)} s; server ${mb(session.memory().rssMb)} resident`,
  );
  const path = paths[0]!;
  const uri = uriOf(path);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\s+loading [\d.]+ mg\/cm2/.test(l));
  const column = lines[line]!.indexOf('mg/cm2') - 1; // just after the number
  const toDiagnostics: number[] = [];
  const toHints: number[] = [];
  for (let k = 0; k < count; k++) {
    const version = k + 2;
    const typing = k % 2 === 0;
    const change = typing
      ? { range: { start: { line, character: column }, end: { line, character: column } }, text: '5' }
      : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
    const published = session.next((p) => p.uri === uri && (p.version === undefined || p.version >= version));
    const t0 = performance.now();
    await session.change(uri, version, [change]);
    const p = await published;
    toDiagnostics.push(p.at - t0);
    if (inlayHints) {
      await session.connection.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
      });
      toHints.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 30)); // a typist's pause, so edits are not merged
  }
  const sorted = [...toDiagnostics].sort((a, b) => a - b);
  console.log(
    `keystroke → diagnostics on a 300-line spec in ${files} files: median ${median(toDiagnostics).toFixed(1)} ms (p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms, n = ${count}; goal < 50 ms)`,
  );
  if (inlayHints) console.log(`keystroke → diagnostics and inlay hints: median ${median(toHints).toFixed(1)} ms`);
  else console.log('inlay hints: the server offers none yet');
  console.log(
    `server memory after the run: ${mb(session.memory().rssMb)} resident, ${mb(session.memory().peakRssMb)} peak`,
  );
  await session.stop();
  rmSync(root, { recursive: true, force: true });
}

async function largeWorkspace(): Promise<void> {
  const files = num('big', 1000);
  const root = mkdtempSync(join(tmpdir(), 'cellspec-bench-lsp-'));
  const paths = writeWorkspace(root, { files });
  const { session, firstMs, buildMs } = await startAndBuild(root, paths);
  const uri = uriOf(join(root, 'cells', 'cell-0000.cellspec'));
  const t0 = performance.now();
  await session.symbols(uri);
  const m = session.memory();
  console.log(
    `workspace of ${files} files: first file's diagnostics ${(firstMs / 1000).toFixed(1)} s, every file's ${(buildMs / 1000).toFixed(1)} s; answers a request in ${(performance.now() - t0).toFixed(0)} ms; server ${mb(m.rssMb)} resident, ${mb(m.peakRssMb)} peak (goal < 300 MB)`,
  );
  await session.stop();
  rmSync(root, { recursive: true, force: true });
}

/**
 * The stress run (`test/scale/stress-cases.ts`): each case ends with a request the server must
 * answer and prints its time and the server's peak RSS during the case. Exit 1 if any case
 * leaves the server down.
 */
async function stress(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cellspec-stress-'));
  const paths = writeWorkspace(root, { files: 2 });
  const { session } = await startAndBuild(root, [paths[1]!]);
  const uri = (name: string) => uriOf(join(root, 'cells', name));
  const results: StressResult[] = [];
  const report = (r: StressResult) => {
    results.push(r);
    console.log(describeResult(r));
  };

  report(await openCase(session, '5 MB file', uri('big.cellspec'), bigFileText(5 * 1048576)));
  report(await openCase(session, '20,000-line spec', uri('long.cellspec'), longSpecText(20_000)));
  report(await openCase(session, '10,000-deep parentheses', uri('deep.cellspec'), deepNestingText(10_000)));
  report(
    await burstCase(session, 'burst of 500 edits', uri('cell-0000.cellspec'), readFileSync(paths[0]!, 'utf8'), 500),
  );
  console.log(
    `server after these cases: ${session.exited === undefined ? 'up' : `down (exit ${session.exited})`}; ${mb(session.memory().rssMb)} resident, peak RSS over them ${mb(Math.max(...results.map((r) => r.peakRssMb)))}`,
  );
  await session.stop();
  rmSync(root, { recursive: true, force: true });

  report(await workspaceCase(num('stress-files', 1000)));
  const down = results.filter((r) => !r.serverUp);
  console.log(
    down.length === 0
      ? `all ${results.length} stress cases answered`
      : `server down after: ${down.map((r) => r.name).join(', ')}`,
  );
  if (down.length > 0) process.exit(1);
}

await buildServer();
if (argv.includes('--stress')) await stress();
else {
  await keystrokes();
  await largeWorkspace();
}
process.exit(0);
