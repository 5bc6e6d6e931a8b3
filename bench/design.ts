/**
 * Benchmarks of the design calculator. Run: npx -y pnpm@12.4.2 run bench:design
 *   (options: --runs N, --warmup N, --server <bundle> to time another build of the server, --only lsp)
 *
 * 1. Recomputing all metrics (design, targets, design warnings) for a workspace of 200 cells:
 *    the cells of the bundled examples, repeated with varied loadings up to 200; median of
 *    `--runs` full recomputations after `--warmup` ones.
 * 2. Time from a document change to refreshed inlay hints on standard battery 2.1 through the
 *    language server: this script starts the server (the bundled `server.cjs` when built) as a
 *    child process over stdio (the way an editor does), opens examples/cells/standard-battery-2-1.cellspec, then repeatedly sends a
 *    didChange with a new cathode loading and requests inlay hints until the hint shows the new
 *    capacity; the time from sending the change to that answer is one sample.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

if (args.includes('--serve')) {
  // Child mode: be the language server.
  const { startServer } = await import('../packages/language/src/lsp.js');
  startServer();
} else {
  await main();
}

function option(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** CPU time (user + system) a process has used so far, ms (Linux /proc; NaN elsewhere): unlike wall time, barely moved by other processes on a shared machine. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const runs = option('runs', 200);
  const warmup = option('warmup', 50);
  console.log(
    `node ${process.version}, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  if (!args.includes('--only') || args[args.indexOf('--only') + 1] === 'calculator')
    await benchCalculator(runs, warmup);
  if (!args.includes('--only') || args[args.indexOf('--only') + 1] === 'lsp')
    await benchLanguageServer(Math.min(runs, 50), 5);
}

async function benchCalculator(runs: number, warmup: number): Promise<void> {
  const { loadWorkspace, resolveDocument } = await import('../packages/language/src/index.js');
  const { designCell, checkTargets, designWarnings } = await import('../packages/physics/src/index.js');
  type CellIR = import('../packages/physics/src/index.js').CellIR;
  const ws = await loadWorkspace([join(ROOT, 'examples')]);
  const resolved = ws.files.map((f) => resolveDocument(ws.services, f.document).ir);
  const base = resolved.flatMap((r) => r.cells);
  const processes = resolved.flatMap((r) => r.processes);
  const cells: CellIR[] = [];
  for (let i = 0; cells.length < 200; i++) {
    const c = base[i % base.length]!;
    const k = 1 + 0.001 * i; // vary the loading so no two cells are the same
    cells.push({
      ...c,
      name: `${c.name}_${i}`,
      cathode: { ...c.cathode, ...(c.cathode.loading !== undefined ? { loading: c.cathode.loading * k } : {}) },
    });
  }
  const all = () => {
    let sum = 0;
    for (const cell of cells) {
      const d = designCell(cell);
      checkTargets(cell, d);
      designWarnings(cell, d, processes);
      sum += d.capacity ?? 0;
    }
    return sum;
  };
  for (let i = 0; i < warmup; i++) all();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    all();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // On a shared machine wall time includes waiting for a core; CPU time of this process does not.
  console.log(
    `recompute all metrics, 200 cells (${base.length} example cells varied): median ${median(times).toFixed(3)} ms wall, ${median(cpu).toFixed(3)} ms CPU, over ${runs} runs (aim < 5 ms)`,
  );
}

async function benchLanguageServer(runs: number, warmup: number): Promise<void> {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } =
    await import('vscode-languageserver-protocol/node');
  // The bundled server as the extension ships it (`pnpm run build`), else the sources through tsx.
  const serverArg = args.indexOf('--server');
  const bundled = serverArg >= 0 ? args[serverArg + 1]! : join(ROOT, 'packages', 'vscode', 'dist', 'server.cjs');
  const child = existsSync(bundled)
    ? spawn(process.execPath, [bundled, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bench', 'design.ts'), '--serve', '--stdio'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
  console.log(`language server: ${existsSync(bundled) ? bundled.replace(ROOT, '') : 'sources through tsx'}`);
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  // Answer whatever the server asks of the client (configuration, refresh requests) with null.
  for (const method of [
    'client/registerCapability',
    'workspace/inlayHint/refresh',
    'workspace/codeLens/refresh',
    'workspace/semanticTokens/refresh',
    'workspace/diagnostic/refresh',
  ]) {
    connection.onRequest(method, () => null);
  }
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.listen();
  const folder = `file://${join(ROOT, 'examples')}`;
  const path = join(ROOT, 'examples', 'cells', 'standard-battery-2-1.cellspec');
  const uri = `file://${path}`;
  const original = readFileSync(path, 'utf8');
  if (!/loading 18\.43 mg\/cm2/.test(original))
    throw new Error('standard battery 2.1 no longer writes "loading 18.43 mg/cm2"; update the benchmark');
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'examples' }],
    capabilities: { textDocument: { inlayHint: { dynamicRegistration: false } }, workspace: { configuration: false } },
  });
  await connection.sendNotification('initialized', {});
  let version = 1;
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'cellspec', version, text: original },
  });
  const range = { start: { line: 0, character: 0 }, end: { line: original.split('\n').length, character: 0 } };
  const hintText = async (): Promise<string> => {
    const request = connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no inlay-hint answer within 120 s')), 120_000).unref(),
    );
    const hints = (await Promise.race([request, timeout])) as Array<{
      label: string | Array<{ value: string }>;
    }> | null;
    return (hints ?? [])
      .map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')))
      .join(' | ');
  };
  // Wait for the first build.
  const start = performance.now();
  while (!(await hintText()).includes('mAh')) {
    if (performance.now() - start > 180_000) throw new Error('no inlay hints from the language server within 180 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const times: number[] = [];
  let previous = await hintText();
  let cpuAtStart = 0;
  for (let i = 0; i < warmup + runs; i++) {
    if (i === warmup) cpuAtStart = serverCpuMs(child.pid);
    // 1–9 % more cathode loading, a different step each edit (the cathode stays limiting, N/P 1.1),
    // so every edit changes the capacity the hint shows.
    const loading = (18.43 * (1 + ((i % 9) + 1) / 100)).toFixed(4);
    version++;
    const text = original.replace('loading 18.43 mg/cm2', `loading ${loading} mg/cm2`);
    const t0 = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    let shown = await hintText();
    while (shown === previous) {
      if (performance.now() - t0 > 10_000) throw new Error(`the hint did not change after the edit: ${shown}`);
      shown = await hintText();
    }
    previous = shown;
    if (i >= warmup) times.push(performance.now() - t0);
  }
  const cpuPerEdit = (serverCpuMs(child.pid) - cpuAtStart) / runs;
  console.log(
    `document change → refreshed inlay hints, standard battery 2.1, through the language server (stdio): median ${median(times).toFixed(2)} ms over ${runs} edits (aim < 30 ms); server CPU ${cpuPerEdit.toFixed(1)} ms per edit`,
  );
  connection.dispose();
  child.kill();
  process.exitCode = 0;
}
