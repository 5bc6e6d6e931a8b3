/**
 * The registered commands. Adding a command is one line here: import its module and list it.
 */
import type { Command } from './command-framework.js';
import { checkCommand } from './check/check-command.js';
import { protocolsCommand } from './commands/protocols.js';
import { reportCommand } from './commands/report.js';
import { simulateCommand } from './commands/simulate.js';
import { exportCommand, importCommand } from './commands/interchange.js';
import { lotsCommand } from './commands/lots.js';
import { sweepCommand } from './commands/sweep.js';
import { packCommand } from './commands/pack.js';

export const COMMANDS: readonly Command[] = [
  checkCommand,
  protocolsCommand,
  reportCommand,
  simulateCommand,
  importCommand,
  exportCommand,
  lotsCommand,
  sweepCommand,
  packCommand,
];
