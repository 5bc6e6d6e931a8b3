/**
 * The language server entry: `startServer()` runs cellspec over stdio or node IPC, as the
 * client chooses. Bundled into the VS Code extension as `server.cjs`.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCellSpecServices } from './cellspec-module.js';
import { registerPreviewData } from './lsp/preview-data.js';

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const { shared, CellSpec } = createCellSpecServices({ connection, ...NodeFileSystem });
  registerPreviewData(connection, shared, CellSpec);
  startLanguageServer(shared);
}
