/**
 * Starts the bundled cellspec language server (dist/server.cjs) over Node IPC and exposes typed
 * helpers for the custom messages of `@cellspec/language/lsp/messages`.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { NotificationMessage, ParamsOf, RequestMessage, ResultOf } from '@cellspec/language/lsp/messages';

export interface CellspecClient {
  readonly client: LanguageClient;
  request<M extends RequestMessage<unknown, unknown>>(
    message: M,
    params: ParamsOf<M>,
    token?: vscode.CancellationToken,
  ): Promise<ResultOf<M>>;
  onNotification<M extends NotificationMessage<unknown>>(
    message: M,
    handler: (params: ParamsOf<M>) => void,
  ): vscode.Disposable;
  /** Milliseconds from activation to the first diagnostics the server published. */
  readonly firstDiagnostics: Promise<number>;
}

export async function startClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  activatedAt: number,
): Promise<CellspecClient> {
  const module = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  let resolveFirst: (ms: number) => void = () => {};
  const firstDiagnostics = new Promise<number>((r) => {
    resolveFirst = r;
  });
  let seen = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'cellspec' },
      { scheme: 'untitled', language: 'cellspec' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cellspec') },
    outputChannel: output,
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        if (!seen) {
          seen = true;
          const ms = Date.now() - activatedAt;
          output.appendLine(
            `first diagnostics ${ms} ms after activation (${diagnostics.length} for ${uri.path.split('/').pop()})`,
          );
          resolveFirst(ms);
        }
        next(uri, diagnostics);
      },
    },
  };
  const client = new LanguageClient('cellspec', 'cellspec language server', serverOptions, clientOptions);
  await client.start();
  return {
    client,
    firstDiagnostics,
    request: (message, params, token) => client.sendRequest(message.method, params, token) as never,
    onNotification: (message, handler) => client.onNotification(message.method, handler as (p: unknown) => void),
  };
}
