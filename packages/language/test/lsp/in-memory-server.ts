/**
 * A cellspec language server and a client talking JSON-RPC over in-memory streams, as VS Code
 * and the server do over stdio; the server has no file system. The client is not listening yet,
 * so a test can add its notification handlers first.
 */
import { PassThrough } from 'node:stream';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { createCellSpecServices } from '../../src/index.js';

export function inMemoryServer(): ProtocolConnection {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const { shared } = createCellSpecServices({ connection, ...EmptyFileSystem });
  startLanguageServer(shared);
  return createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
}
