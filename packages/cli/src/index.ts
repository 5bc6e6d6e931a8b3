export { runCli, CLI_NAME, CLI_VERSION } from './cli.js';
export { ExitCode, UsageError, type CliIo, type Command, type OptionSpec } from './command-framework.js';
export { COMMANDS } from './command-registry.js';
export { checkInputs, type CheckReport } from './check/check-command.js';
