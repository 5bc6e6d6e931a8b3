/**
 * What a CLI command is. A command declares its options in `node:util` parseArgs form plus a
 * line of help per option; the framework parses arguments, prints help and maps usage errors to
 * exit code 2, so each command only turns parsed values into an exit code.
 */
import type { ParseArgsOptionDescriptor } from 'node:util';

/** Process exit codes shared by every command. */
export const ExitCode = {
  /** Everything checked is clean. */
  Ok: 0,
  /** The inputs have errors (or warnings under `--strict`). */
  Findings: 1,
  /** The command line was wrong, or an input could not be read. */
  Usage: 2,
} as const;

/** Where a command writes; tests pass in-memory streams. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export type OptionSpec = ParseArgsOptionDescriptor & {
  /** One line of help. */
  readonly description: string;
  /** Placeholder shown in help for a string option (`<format>`). */
  readonly valueName?: string;
};

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What follows the command name in the usage line, e.g. `[options] [paths…]`. */
  readonly usage: string;
  /** Extra help text printed after the options (exit codes, examples). */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(values: ParsedValues, positionals: string[], io: CliIo): Promise<number>;
}

/** A wrong command line; reported with the command's usage and exit code 2. */
export class UsageError extends Error {}

/** Checks a string option against its allowed values. */
export function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got '${String(value)}')`);
}
