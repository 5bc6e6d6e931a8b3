/**
 * The language server entry: `startServer()` runs cellspec over stdio or node IPC, as the
 * client chooses. Bundled into the VS Code extension as `server.cjs`.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCellSpecServices } from './cellspec-module.js';
import { registerPreviewData } from './lsp/preview-data.js';
import { isAnalysisWorker, registerAnalyses, runAnalysisWorker } from './analysis/index.js';
import { releaseClosedSyntaxTrees } from './memory/closed-documents.js';
import { limitHeapGrowth } from './memory/heap-growth.js';
import { registerProject } from './lsp/project.js';

export function startServer(): void {
  // The bundled server also serves as the analysis worker's script (see analysis/editor.ts).
  if (isAnalysisWorker()) {
    runAnalysisWorker();
    return;
  }
  limitHeapGrowth();
  const connection = createConnection(ProposedFeatures.all);
  const { shared, CellSpec } = createCellSpecServices({ connection, ...NodeFileSystem });
  registerPreviewData(connection, shared, CellSpec);
  registerProject(connection, shared);
  startLanguageServer(shared);
  // After Langium's own diagnostics handler, so analysis findings are merged into its set.
  registerAnalyses(connection, shared, CellSpec);
  // Last, so every listener of a finished build has read the syntax trees it drops.
  releaseClosedSyntaxTrees(shared);
}
