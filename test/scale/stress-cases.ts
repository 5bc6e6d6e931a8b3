/**
 * Stress cases for a real language server process (`LspSession`): a huge file, a long spec,
 * deep nesting, a burst of edits and a large workspace. Each case ends with a request the
 * server must answer (document symbols), so "passed" means the server is up and responsive,
 * and reports the server's peak resident memory during that case.
 *
 * Peak per case: the kernel's high-water mark (VmHWM) is reset before each case by writing 5 to
 * /proc/PID/clear_refs (Linux ≥ 4.0); where that is refused, RSS sampled every 50 ms stands in.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cellFileText, writeWorkspace } from '../../scripts/gen-workspace.js';
import { LspSession } from './lsp-client.js';

export interface StressResult {
  readonly name: string;
  readonly megabytes: number;
  readonly lines: number;
  /** From sending the text (or the first edit) to the diagnostics of its last version. */
  readonly diagnosticsMs: number;
  readonly diagnostics: number;
  /** Time to answer the document-symbols request that follows. */
  readonly answerMs: number;
  readonly peakRssMb: number;
  /** Whether the peak is the kernel's exact high-water mark (else sampled). */
  readonly exactPeak: boolean;
  readonly serverUp: boolean;
}

export const uriOf = (path: string) => pathToFileURL(path).href;

/** Many distinct generated cells, one import, until the text reaches `bytes`. */
export function bigFileText(bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++)
    text += cellFileText(10_000 + i).replace(/^import .*$/m, i === 0 ? '$&' : '');
  return text;
}

/** Long generated cells (300 lines each), cut to exactly `lines` lines. */
export function longSpecText(lines: number): string {
  let text = '';
  for (let i = 0; text.split('\n').length < lines; i++)
    text += cellFileText(20_000 + i, 300).replace(/^import .*$/m, i === 0 ? '$&' : '');
  return text.split('\n').slice(0, lines).join('\n');
}

export function deepNestingText(depth: number): string {
  return `let deep = ${'('.repeat(depth)}1 mm${')'.repeat(depth)}\n`;
}

/** Watches one case's peak resident memory of the server. */
class PeakMemory {
  private sampled = 0;
  private readonly timer: NodeJS.Timeout;
  readonly exact: boolean;

  constructor(private readonly session: LspSession) {
    const pid = session.process.pid!;
    let exact = true;
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      exact = false;
    }
    this.exact = exact;
    this.timer = setInterval(() => this.sample(), 50);
  }

  private sample(): void {
    try {
      this.sampled = Math.max(this.sampled, this.session.memory().rssMb);
    } catch {
      /* the process is gone */
    }
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.exact ? Math.max(this.sampled, this.session.memory().peakRssMb) : this.sampled;
  }
}

/** `waiting`, or a clear error as soon as the server process exits instead (no 10-minute wait for a crash). */
function unlessExited<T>(session: LspSession, waiting: Promise<T>): Promise<T> {
  if (session.exited !== undefined) return Promise.reject(new Error(`the server had exited (code ${session.exited})`));
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the server exited (code ${code}); its last output:\n${session.stderr.slice(-2000)}`));
    session.process.once('exit', onExit);
    waiting.then(resolve, reject).finally(() => session.process.off('exit', onExit));
  });
}

async function finish(
  session: LspSession,
  name: string,
  uri: string,
  text: string,
  peak: PeakMemory,
  diagnosticsMs: number,
  diagnostics: number,
): Promise<StressResult> {
  const t0 = performance.now();
  await unlessExited(session, session.symbols(uri));
  const answerMs = performance.now() - t0;
  return {
    name,
    megabytes: text.length / 1048576,
    lines: text.split('\n').length,
    diagnosticsMs,
    diagnostics,
    answerMs,
    peakRssMb: peak.stop(),
    exactPeak: peak.exact,
    serverUp: session.exited === undefined,
  };
}

/** Opens `text` as a new document, waits for its diagnostics, asks for its symbols, closes it. */
export async function openCase(
  session: LspSession,
  name: string,
  uri: string,
  text: string,
  timeoutMs = 600_000,
): Promise<StressResult> {
  const peak = new PeakMemory(session);
  const t0 = performance.now();
  const published = session.next((p) => p.uri === uri, timeoutMs);
  await session.open(uri, text, 1);
  const p = await unlessExited(session, published);
  const result = await finish(session, name, uri, text, peak, performance.now() - t0, p.diagnostics.length);
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return result;
}

/** Text the last edit of a burst inserts at the start: a syntax error, so its diagnostics are recognisable. */
const BURST_MARK = '§ ';

/**
 * Opens `text` (which must have no error on its first line), then sends `edits` changes without
 * waiting — a space inserted at the start and deleted again, and last a stray `§` — and waits
 * for the diagnostics that show the `§`: the server publishes no document versions, so the
 * last edit has to mark its own diagnostics.
 */
export async function burstCase(
  session: LspSession,
  name: string,
  uri: string,
  text: string,
  edits: number,
  timeoutMs = 600_000,
): Promise<StressResult> {
  await session.open(uri, text, 1);
  await unlessExited(
    session,
    session.next((p) => p.uri === uri, timeoutMs),
  );
  const peak = new PeakMemory(session);
  const lastVersion = edits + 1;
  const t0 = performance.now();
  const last = session.next(
    (p) =>
      p.uri === uri &&
      p.diagnostics.some((d) => d.range.start.line === 0 && d.range.start.character === 0 && d.severity === 1),
    timeoutMs,
  );
  for (let v = 2; v < lastVersion; v++) {
    const end = { line: 0, character: v % 2 ? 1 : 0 };
    await session.change(uri, v, [{ range: { start: { line: 0, character: 0 }, end }, text: v % 2 ? '' : ' ' }]);
  }
  await session.change(uri, lastVersion, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: BURST_MARK },
  ]);
  const p = await unlessExited(session, last);
  const result = await finish(session, name, uri, text, peak, performance.now() - t0, p.diagnostics.length);
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return result;
}

/**
 * A server started on a generated workspace of `files` cell files: the time from start to the
 * first file's diagnostics (the whole workspace is built first), then a request; the peak is
 * over the server's whole life.
 */
export async function workspaceCase(files: number, timeoutMs = 600_000): Promise<StressResult> {
  const root = mkdtempSync(join(tmpdir(), 'cellspec-stress-ws-'));
  try {
    const paths = writeWorkspace(root, { files });
    const t0 = performance.now();
    const { session } = await LspSession.start(root);
    try {
      const uri = uriOf(paths[0]!);
      const text = readFileSync(paths[0]!, 'utf8');
      const published = session.next((p) => p.uri === uri, timeoutMs);
      await session.open(uri, text, 1);
      const p = await unlessExited(session, published);
      const diagnosticsMs = performance.now() - t0;
      const a0 = performance.now();
      await unlessExited(session, session.symbols(uri));
      const answerMs = performance.now() - a0;
      const m = session.memory();
      return {
        name: `${files.toLocaleString('en')}-file workspace`,
        megabytes: 0,
        lines: 0,
        diagnosticsMs,
        diagnostics: p.diagnostics.length,
        answerMs,
        peakRssMb: m.peakRssMb,
        exactPeak: true,
        serverUp: session.exited === undefined,
      };
    } finally {
      await session.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function describeResult(r: StressResult): string {
  const size = r.megabytes > 0 ? `${r.megabytes.toFixed(2)} MB, ${r.lines.toLocaleString('en')} lines; ` : '';
  return (
    `${r.name}: ${size}diagnostics (${r.diagnostics}) after ${(r.diagnosticsMs / 1000).toFixed(2)} s; answers document symbols in ${r.answerMs.toFixed(0)} ms; ` +
    `peak RSS ${r.peakRssMb.toFixed(0)} MB${r.exactPeak ? '' : ' (sampled)'}; server ${r.serverUp ? 'up' : 'DOWN'}`
  );
}
