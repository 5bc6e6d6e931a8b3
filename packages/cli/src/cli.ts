/**
 * Dispatches `cellspec <command> [options] [arguments]` to a registered command. Parsing is
 * `node:util` parseArgs in strict mode; any parse failure is a usage error (exit 2).
 */
import { parseArgs, type ParseArgsOptionDescriptor } from 'node:util';
import { ExitCode, UsageError, type CliIo, type Command } from './command-framework.js';
import { COMMANDS } from './command-registry.js';
import manifest from '../package.json' with { type: 'json' };

export const CLI_NAME = 'cellspec';
export const CLI_VERSION: string = manifest.version;

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? commandHelp(topic) : overview(commands));
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${CLI_VERSION}\n`);
    return ExitCode.Ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${CLI_NAME}: unknown command '${name}'\n\n${overview(commands)}`);
    return ExitCode.Usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...parseArgsOptions(command), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageFailure(command, (error as Error).message, io);
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(command));
    return ExitCode.Ok;
  }
  try {
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(command, error.message, io);
    throw error;
  }
}

/** The options without their help fields, as parseArgs wants them. */
function parseArgsOptions(command: Command): Record<string, ParseArgsOptionDescriptor> {
  const options: Record<string, ParseArgsOptionDescriptor> = {};
  for (const [key, spec] of Object.entries(command.options)) {
    const { description: _description, valueName: _valueName, ...descriptor } = spec;
    options[key] = descriptor;
  }
  return options;
}

function usageFailure(command: Command, message: string, io: CliIo): number {
  io.stderr(
    `${CLI_NAME} ${command.name}: ${message}\nusage: ${CLI_NAME} ${command.name} ${command.usage}\nTry '${CLI_NAME} ${command.name} --help'.\n`,
  );
  return ExitCode.Usage;
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return (
    `usage: ${CLI_NAME} <command> [options] [arguments]\n\ncommands:\n${lines.join('\n')}\n\n` +
    `'${CLI_NAME} <command> --help' describes a command; '${CLI_NAME} --version' prints the version.\n`
  );
}

export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([key, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
    return [`  ${short}--${key}${value}`, spec.description] as const;
  });
  rows.push(['  -h, --help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  const options = rows.map(([left, right]) => `${left.padEnd(width)}  ${right}`).join('\n');
  return (
    `usage: ${CLI_NAME} ${command.name} ${command.usage}\n\n${command.summary}\n\noptions:\n${options}\n` +
    (command.details ? `\n${command.details.trimEnd()}\n` : '')
  );
}
