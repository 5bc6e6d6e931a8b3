/**
 * Fuzz targets besides the in-process language pipeline (`pipeline.ts`):
 *  - `CliTarget`: the `cellspec check` path — the input written to a file in a workspace on disk
 *    (the fuzz workspace's examples and library beside it), loaded through `loadWorkspace`
 *    (strict UTF-8, imports followed and confined) and rendered in all four report formats; an
 *    exception, an exit code other than 0, 1 or 2, or JSON/SARIF that does not parse is a failure.
 *  - `ServerTarget`: the language server bundle as a process over stdio: the input replaces the
 *    open document's text, then the server must publish its diagnostics and answer a document
 *    symbol and a hover request; a server that exits is a crash, one that does not answer within
 *    `HANG_MS` a hang (it is restarted for the next input).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { createCellSpecServices } from '@cellspec/language';
// The CLI's modules import one another in a cycle that only its entry resolves: load it first.
import '../../packages/cli/src/cli.js';
import { checkExitCode, checkInputs } from '../../packages/cli/src/check/check-command.js';
import { formatText } from '../../packages/cli/src/check/format-text.js';
import { formatJson } from '../../packages/cli/src/check/format-json.js';
import { formatSarif } from '../../packages/cli/src/check/format-sarif.js';
import { formatGithub } from '../../packages/cli/src/check/format-github.js';
import { LspSession } from '../scale/lsp-client.js';
import { FUZZ_INPUT_URI, workspaceFiles } from './corpus.js';
import type { FuzzFailure, FuzzOutcome } from './pipeline.js';

export interface FuzzTarget {
  run(text: string): Promise<FuzzOutcome>;
  dispose(): Promise<void>;
}

const errorText = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);

/** The fuzz workspace written to a fresh temporary folder; returns the folder and the input's path. */
function writeFuzzWorkspace(prefix: string): { root: string; input: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [uri, text] of workspaceFiles()) {
    const path = join(root, fileURLToPath(uri).slice('/fuzz/'.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const input = join(root, fileURLToPath(FUZZ_INPUT_URI).slice('/fuzz/'.length));
  mkdirSync(dirname(input), { recursive: true });
  writeFileSync(input, '');
  return { root, input };
}

export class CliTarget implements FuzzTarget {
  private readonly services = createCellSpecServices(NodeFileSystem).CellSpec;
  private readonly workspace = writeFuzzWorkspace('cellspec-fuzz-cli-');

  async run(text: string): Promise<FuzzOutcome> {
    const start = performance.now();
    const failures: FuzzFailure[] = [];
    let diagnostics = 0;
    writeFileSync(this.workspace.input, text);
    const consoleError = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => void logged.push(args.map(errorText).join(' '));
    try {
      const report = await checkInputs([this.workspace.input], this.workspace.root, this.workspace.root, this.services);
      diagnostics = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
      const code = checkExitCode(report, false);
      if (![0, 1, 2].includes(code)) failures.push({ stage: 'cli', message: `exit code ${code}` });
      formatText(report);
      formatGithub(report);
      JSON.parse(formatJson(report));
      JSON.parse(formatSarif(report));
    } catch (e) {
      failures.push({ stage: 'cli', message: errorText(e) });
    } finally {
      console.error = consoleError;
    }
    if (logged.length) failures.push({ stage: 'cli', message: `logged: ${logged[0]!.slice(0, 2000)}` });
    return { ms: performance.now() - start, failures, diagnostics, cells: 0 };
  }

  async dispose(): Promise<void> {
    rmSync(this.workspace.root, { recursive: true, force: true });
  }
}

/** How long the server may take to publish or answer for one input before it counts as hung. */
export const SERVER_HANG_MS = 20_000;
const SERVER_START_MS = 180_000;

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms).unref()),
  ]);

export class ServerTarget implements FuzzTarget {
  private readonly workspace = writeFuzzWorkspace('cellspec-fuzz-server-');
  private session: LspSession | undefined;
  private version = 0;
  private readonly uri = `file://${this.workspace.input}`;
  /** Errors the server logged (an exception it caught and survived is still a bug). */
  private logged: string[] = [];

  private async started(): Promise<LspSession> {
    if (this.session && this.session.exited === undefined) return this.session;
    await this.session?.stop();
    const { session } = await LspSession.start(this.workspace.root);
    session.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type === 1) this.logged.push(m.message);
    });
    // Start-up builds the whole fuzz workspace (the examples and the library): a busy machine needs a while.
    const first = session.next((p) => p.uri === this.uri, SERVER_START_MS);
    await session.open(this.uri, '', ++this.version);
    await first;
    this.session = session;
    return session;
  }

  async run(text: string): Promise<FuzzOutcome> {
    const session = await this.started();
    const start = performance.now();
    const failures: FuzzFailure[] = [];
    let diagnostics = 0;
    const version = ++this.version;
    try {
      // Diagnostics carry no version; the requests below wait until the edit is built, whatever came first.
      const published = session.next((p) => p.uri === this.uri, SERVER_HANG_MS);
      await session.change(this.uri, version, [{ text }]);
      diagnostics = (await within(published, SERVER_HANG_MS, 'diagnostics')).diagnostics.length;
      await within(session.symbols(this.uri), SERVER_HANG_MS, 'document symbols');
      const lines = text.split(/\r\n|\r|\n/);
      const line = Math.floor(lines.length / 2);
      await within(
        session.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: this.uri },
          position: { line, character: Math.floor((lines[line]?.length ?? 0) / 2) },
        }),
        SERVER_HANG_MS,
        'hover',
      );
    } catch (e) {
      if (session.exited !== undefined)
        failures.push({ stage: 'crash', message: `server exited (${session.exited}): ${session.stderr.slice(-500)}` });
      else failures.push({ stage: 'hang', message: errorText(e) });
      await session.stop();
      this.session = undefined;
    }
    if (this.logged.length > 0) {
      failures.push({ stage: 'server', message: `logged: ${this.logged[0]!.slice(0, 2000)}` });
      this.logged = [];
    }
    if (session.exited !== undefined && failures.length === 0)
      failures.push({ stage: 'crash', message: `server exited (${session.exited})` });
    return { ms: performance.now() - start, failures, diagnostics, cells: 0 };
  }

  async dispose(): Promise<void> {
    await this.session?.stop();
    rmSync(this.workspace.root, { recursive: true, force: true });
  }
}
