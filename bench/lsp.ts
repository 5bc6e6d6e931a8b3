/**
 * Language-server benchmarks and stress runs against a real server process over stdio.
 *
 *   npx -y pnpm@12.4.2 run bench:lsp                 # keystroke latency (500 files) and 1,000-file build/memory
 *   npx -y pnpm@12.4.2 run bench:lsp -- --stress     # 5 MB file, 20,000 lines, 10,000-deep nesting, 500-edit burst
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
import { cellFileText, writeWorkspace } from '../scripts/gen-workspace.js';
import { buildServer, LspSession, median } from '../test/scale/lsp-client.js';

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
async function startAndBuild(root: string, paths: readonly string[]): Promise<{ session: LspSession; firstMs: number; buildMs: number; inlayHints: boolean }> {
  const t0 = performance.now();
  const { session, capabilities } = await LspSession.start(root);
  const uri = uriOf(paths[0]!);
  const published = session.next((p) => p.uri === uri, 600_000);
  await session.open(uri, readFileSync(paths[0]!, 'utf8'), 1);
  await published;
  const firstMs = performance.now() - t0;
  await session.allPublished(paths.map(uriOf));
  return { session, firstMs, buildMs: performance.now() - t0, inlayHints: capabilities.inlayHintProvider !== undefined };
}

async function keystrokes(): Promise<void> {
  const files = num('files', 500);
  const count = num('keystrokes', 60);
  const root = mkdtempSync(join(tmpdir(), 'cellspec-bench-lsp-'));
  const paths = writeWorkspace(root, { files, lines: 300 });
  const { session, firstMs, buildMs, inlayHints } = await startAndBuild(root, paths);
  console.log(`workspace of ${files} files × 300 lines: first file's diagnostics ${(firstMs / 1000).toFixed(1)} s, every file's ${(buildMs / 1000).toFixed(1)} s; server ${mb(session.memory().rssMb)} resident`);
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
      await session.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
      toHints.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 30)); // a typist's pause, so edits are not merged
  }
  const sorted = [...toDiagnostics].sort((a, b) => a - b);
  console.log(`keystroke → diagnostics on a 300-line spec in ${files} files: median ${median(toDiagnostics).toFixed(1)} ms (p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms, n = ${count}; goal < 50 ms)`);
  if (inlayHints) console.log(`keystroke → diagnostics and inlay hints: median ${median(toHints).toFixed(1)} ms`);
  else console.log('inlay hints: the server offers none yet');
  console.log(`server memory after the run: ${mb(session.memory().rssMb)} resident, ${mb(session.memory().peakRssMb)} peak`);
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
  console.log(`workspace of ${files} files: first file's diagnostics ${(firstMs / 1000).toFixed(1)} s, every file's ${(buildMs / 1000).toFixed(1)} s; answers a request in ${(performance.now() - t0).toFixed(0)} ms; server ${mb(m.rssMb)} resident, ${mb(m.peakRssMb)} peak (goal < 300 MB)`);
  await session.stop();
  rmSync(root, { recursive: true, force: true });
}

/** One stress case: open `text`, wait for its diagnostics, and check the server still answers. */
async function stressCase(session: LspSession, name: string, uri: string, text: string): Promise<void> {
  const t0 = performance.now();
  const published = session.next((p) => p.uri === uri, 600_000);
  await session.open(uri, text, 1);
  const p = await published;
  const diagnosticsMs = performance.now() - t0;
  const t1 = performance.now();
  await session.symbols(uri);
  console.log(`${name}: ${(text.length / 1048576).toFixed(2)} MB, ${text.split('\n').length} lines; diagnostics (${p.diagnostics.length}) after ${(diagnosticsMs / 1000).toFixed(2)} s; answers document symbols in ${(performance.now() - t1).toFixed(0)} ms; ${mb(session.memory().rssMb)} resident`);
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

async function stress(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cellspec-stress-'));
  const paths = writeWorkspace(root, { files: 2 });
  const { session } = await startAndBuild(root, [paths[1]!]);
  const uri = (name: string) => uriOf(join(root, 'cells', name));

  // Many distinct cells until the file reaches 5 MB.
  let big = '';
  for (let i = 0; big.length < 5 * 1048576; i++) big += cellFileText(10_000 + i).replace(/^import .*$/m, i === 0 ? '$&' : '');
  await stressCase(session, '5 MB file', uri('big.cellspec'), big);

  let lines = '';
  for (let i = 0; lines.split('\n').length < 20_000; i++) lines += cellFileText(20_000 + i, 300).replace(/^import .*$/m, i === 0 ? '$&' : '');
  lines = lines.split('\n').slice(0, 20_000).join('\n');
  await stressCase(session, '20,000-line spec', uri('long.cellspec'), lines);

  const depth = 10_000;
  await stressCase(session, `${depth}-deep parentheses`, uri('deep.cellspec'), `let deep = ${'('.repeat(depth)}1 mm${')'.repeat(depth)}\n`);

  // A burst of 500 edits without waiting, then the diagnostics of the last version.
  const target = uri('cell-0000.cellspec');
  const text = readFileSync(join(root, 'cells', 'cell-0000.cellspec'), 'utf8');
  await session.open(target, text, 1);
  await session.next((p) => p.uri === target);
  const t0 = performance.now();
  const last = session.next((p) => p.uri === target && (p.version === undefined || p.version >= 501), 600_000);
  for (let v = 2; v <= 501; v++) {
    // Even versions insert a space at the start, odd ones delete it again.
    const end = { line: 0, character: v % 2 ? 1 : 0 };
    await session.change(target, v, [{ range: { start: { line: 0, character: 0 }, end }, text: v % 2 ? '' : ' ' }]);
  }
  await last;
  const t1 = performance.now();
  await session.symbols(target);
  console.log(`burst of 500 edits: diagnostics of the last version after ${((t1 - t0) / 1000).toFixed(2)} s; answers in ${(performance.now() - t1).toFixed(0)} ms`);

  const m = session.memory();
  console.log(`server still up: ${session.exited === undefined ? 'yes' : `no (exit ${session.exited})`}; ${mb(m.rssMb)} resident, peak RSS over the stress run ${mb(m.peakRssMb)}`);
  await session.stop();
  rmSync(root, { recursive: true, force: true });
}

await buildServer();
if (argv.includes('--stress')) await stress();
else {
  await keystrokes();
  await largeWorkspace();
}
process.exit(0);
