/**
 * Entry of the bundled language server (dist/server.cjs), started by the client over IPC. It
 * adds protocol emission (`cellspec/protocolFiles`), so the emitters live here, not in the client.
 */
import { startServer } from '@cellspec/language/lsp';
import { registerProtocolFiles } from './exports/protocols.js';

startServer({ extend: registerProtocolFiles });
