/**
 * The language server entry: `startServer()` runs cellspec over stdio or node IPC, as the
 * client chooses. Bundled into the VS Code extension as `server.cjs`; `cellspec lsp --stdio`
 * runs it for other editors with `startServer('stdio')`.
 */
import './node-compat.js';
import { startLanguageServer } from 'langium/lsp';
import type { LangiumSharedServices } from 'langium/lsp';
import { SafeNodeFileSystem } from './safe-file-system.js';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createCellSpecServices, type CellSpecServices } from './cellspec-module.js';
import { registerPreviewData } from './lsp/preview-data.js';
import { registerFit } from './lsp/fit.js';
import { isAnalysisWorker, registerAnalyses, runAnalysisWorker } from './analysis/index.js';
import { releaseClosedSyntaxTrees } from './memory/closed-documents.js';
import { limitHeapGrowth } from './memory/heap-growth.js';
import { registerProject } from './lsp/project.js';

/** A started server's connection and services, for an entry that serves more requests. */
export interface RunningServer {
  readonly connection: Connection;
  readonly shared: LangiumSharedServices;
  readonly CellSpec: CellSpecServices;
}

export interface ServerOptions {
  /**
   * 'auto' reads the transport from the command line (`--stdio`, `--node-ipc`, `--socket=N`, as
   * VS Code's client passes it); 'stdio' talks over standard input and output.
   */
  readonly transport?: 'auto' | 'stdio';
  /** Registers further request handlers before the server starts listening. */
  readonly extend?: (server: RunningServer) => void;
}

export function startServer({ transport = 'auto', extend }: ServerOptions = {}): void {
  // The bundled server also serves as the analysis worker's script (see analysis/editor.ts).
  if (isAnalysisWorker()) {
    runAnalysisWorker();
    return;
  }
  limitHeapGrowth();
  const connection =
    transport === 'stdio'
      ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
      : createConnection(ProposedFeatures.all);
  // A failure outside any request (a build, a timer) is logged, never fatal: a server that exits
  // takes every editor feature with it, for every file, until the editor is restarted.
  const logFailure = (error: unknown) =>
    connection.console.error(`cellspec: internal error: ${error instanceof Error ? error.stack : String(error)}`);
  process.on('uncaughtException', logFailure);
  process.on('unhandledRejection', logFailure);
  const { shared, CellSpec } = createCellSpecServices({ connection, ...SafeNodeFileSystem });
  registerPreviewData(connection, shared, CellSpec);
  registerFit(connection, shared, CellSpec);
  registerProject(connection, shared);
  extend?.({ connection, shared, CellSpec });
  startLanguageServer(shared);
  // After Langium's own diagnostics handler, so analysis findings are merged into its set.
  registerAnalyses(connection, shared, CellSpec);
  // Last, so every listener of a finished build has read the syntax trees it drops.
  releaseClosedSyntaxTrees(shared);
}

export { expandedPlansOf, validatedDocument } from './lsp/preview-data.js';
