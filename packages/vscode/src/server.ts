/** Entry of the bundled language server (dist/server.cjs), started by the client over IPC. */
import { startServer } from '@cellspec/language/lsp';

startServer();
