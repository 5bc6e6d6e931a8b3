/**
 * The registered commands. Adding a command is one line here: import its module and list it.
 */
import type { Command } from './command-framework.js';
import { checkCommand } from './check/check-command.js';
import { fitCommand } from './commands/fit.js';
import { protocolsCommand } from './commands/protocols.js';
import { reportCommand } from './commands/report.js';
import { simulateCommand } from './commands/simulate.js';
import { buildCommand } from './commands/build.js';
import { verifyCommand } from './commands/verify.js';
import { exportCommand, importCommand } from './commands/interchange.js';
import { lotsCommand } from './commands/lots.js';
import { sweepCommand } from './commands/sweep.js';
import { packCommand } from './commands/pack.js';
import { lspCommand } from './commands/lsp.js';

export const COMMANDS: readonly Command[] = [
  checkCommand,
  protocolsCommand,
  reportCommand,
  simulateCommand,
  buildCommand,
  verifyCommand,
  importCommand,
  exportCommand,
  lotsCommand,
  sweepCommand,
  packCommand,
  fitCommand,
  lspCommand,
];
