/**
 * `cellspec lsp --stdio`: the language server the VS Code extension bundles, for any editor with
 * a language-server client (Neovim, Emacs eglot, Helix, Zed, Sublime LSP). It speaks over
 * standard input and output; every other output goes to the client's log, never to stdout.
 */
import type { Command } from '../command-framework.js';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'Run the language server over stdio, for editors other than VS Code.',
  usage: '--stdio',
  details: `Editors start it as a language server: command \`cellspec lsp --stdio\`, files *.cellspec,
language id \`cellspec\`. The README shows the configuration for Neovim, Emacs (eglot), Helix, Zed
and Sublime Text. The server runs until the editor asks it to exit.`,
  options: {
    stdio: { type: 'boolean', description: 'talk over standard input and output (the only transport; may be omitted)' },
  },
  async run(): Promise<number> {
    const { startServer } = await import('@cellspec/language/lsp');
    startServer({ transport: 'stdio' });
    // Never settles: the connection keeps the process alive, and it exits when the client sends `exit`.
    return new Promise<number>(() => undefined);
  },
};
