/** The language server as the extension runs it (`startServer()` over stdio), bundled for scale runs. */
import { startServer } from '@cellspec/language/lsp';

startServer();
