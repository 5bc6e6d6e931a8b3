/**
 * The language server entry: `startServer()` runs cellspec over stdio or node IPC, as the
 * client chooses. Bundled into the VS Code extension as `server.cjs`.
 */
import { startLanguageServer } from 'langium/lsp';
import { SafeNodeFileSystem } from './safe-file-system.js';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCellSpecServices } from './cellspec-module.js';
import { registerPreviewData } from './lsp/preview-data.js';
import { isAnalysisWorker, registerAnalyses, runAnalysisWorker } from './analysis/index.js';
import { releaseClosedSyntaxTrees } from './memory/closed-documents.js';
import { limitHeapGrowth } from './memory/heap-growth.js';

export function startServer(): void {
  // The bundled server also serves as the analysis worker's script (see analysis/editor.ts).
  if (isAnalysisWorker()) {
    runAnalysisWorker();
    return;
  }
  limitHeapGrowth();
  const connection = createConnection(ProposedFeatures.all);
  // A failure outside any request (a build, a timer) is logged, never fatal: a server that exits
  // takes every editor feature with it, for every file, until the editor is restarted.
  const logFailure = (error: unknown) =>
    connection.console.error(`cellspec: internal error: ${error instanceof Error ? error.stack : String(error)}`);
  process.on('uncaughtException', logFailure);
  process.on('unhandledRejection', logFailure);
  const { shared, CellSpec } = createCellSpecServices({ connection, ...SafeNodeFileSystem });
  registerPreviewData(connection, shared, CellSpec);
  startLanguageServer(shared);
  // After Langium's own diagnostics handler, so analysis findings are merged into its set.
  registerAnalyses(connection, shared, CellSpec);
  // Last, so every listener of a finished build has read the syntax trees it drops.
  releaseClosedSyntaxTrees(shared);
}
