/**
 * Drives a real cellspec language server process over stdio, as an editor would: builds the
 * server bundle (esbuild, into test/scale/dist/), spawns it under the running Node, answers the
 * server's own requests (configuration, capability registration, progress) and collects the
 * diagnostics it publishes. Also reads the process's resident and peak memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const HERE = new URL('./', import.meta.url).pathname;
export const SERVER_BUNDLE = `${HERE}dist/server.mjs`;

export async function buildServer(): Promise<string> {
  await build({
    entryPoints: [`${HERE}server.ts`],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return SERVER_BUNDLE;
}

export interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
  readonly at: number;
}

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, Published>();
  private waiters: Array<{ pred: (p: Published) => boolean; resolve: (p: Published) => void }> = [];
  exited: number | null | undefined;
  stderr = '';

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(process.stdout!),
      new StreamMessageWriter(process.stdin!),
    );
    process.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-20000);
    });
    process.on('exit', (code) => {
      this.exited = code;
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => null),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
        const entry: Published = { ...p, at: performance.now() };
        this.published.set(p.uri, entry);
        this.waiters = this.waiters.filter((w) => (w.pred(entry) ? (w.resolve(entry), false) : true));
      },
    );
    this.connection.onUnhandledNotification(() => undefined);
    this.connection.listen();
  }

  /** Spawns the server and completes the initialize handshake for `root` (a folder, or none). */
  static async start(
    root?: string,
    maxOldSpaceMb?: number,
  ): Promise<{ session: LspSession; capabilities: InitializeResult['capabilities'] }> {
    const args = [...(maxOldSpaceMb ? [`--max-old-space-size=${maxOldSpaceMb}`] : []), SERVER_BUNDLE, '--stdio'];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new LspSession(child);
    const rootUri = root ? pathToFileURL(root).href : null;
    const result = await session.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: root ? [{ uri: rootUri!, name: 'workspace' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          inlayHint: {},
          hover: {},
          documentSymbol: {},
          synchronization: { didSave: true },
        },
        window: { workDoneProgress: true },
      },
    });
    await session.connection.sendNotification('initialized', {});
    return { session, capabilities: result.capabilities };
  }

  /** The next diagnostics published that satisfy `pred` (checked against what is already there first if `past`). */
  next(pred: (p: Published) => boolean, timeoutMs = 120_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** Resolves once diagnostics have been published for every one of `uris` (the server validated them all). */
  async allPublished(uris: readonly string[], timeoutMs = 600_000): Promise<void> {
    const missing = new Set(uris.filter((u) => !this.published.has(u)));
    if (missing.size === 0) return;
    await this.next((p) => missing.delete(p.uri) && missing.size === 0, timeoutMs);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'cellspec', version, text },
    });
  }

  change(
    uri: string,
    version: number,
    changes: Array<{
      range?: { start: { line: number; character: number }; end: { line: number; character: number } };
      text: string;
    }>,
  ): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** A request the server must answer: proof that it is up and responsive. */
  symbols(uri: string): Promise<unknown[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** Resident and peak resident memory of the server process, MB (Linux /proc). */
  memory(): { rssMb: number; peakRssMb: number } {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
      // A server that exits on its own can write what it writes on exit (a CPU profile, say).
      if (this.exited === undefined)
        await new Promise((r) => {
          this.process.once('exit', r);
          setTimeout(r, 3000).unref();
        });
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.exited === undefined) this.process.kill();
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
