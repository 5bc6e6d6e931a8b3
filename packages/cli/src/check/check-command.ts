/**
 * `cellspec check [paths…]`: parses, links and validates specs (all validation categories) and
 * reports the findings as text, JSON or SARIF.
 *
 * Exit code precedence: 1 when any checked file has an error (or a warning under `--strict`);
 * otherwise 2 when any input could not be read (missing, unreadable, not UTF-8) or no spec was
 * found; otherwise 0. Usage errors exit 2 before anything is checked.
 */
import { basename, dirname, relative, resolve } from 'node:path';
import { writeFilesAtomic } from '@cellspec/emit';
import {
  ConfigError,
  countDiagnostics,
  loadWorkspace,
  type CellSpecServices,
  type FileDiagnostic,
  type InputProblem,
  type ProjectConfig,
  type SuppressedFinding,
} from '@cellspec/language';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { formatText } from './format-text.js';
import { formatJson } from './format-json.js';
import { formatSarif } from './format-sarif.js';
import { formatGithub } from './format-github.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckedFile {
  readonly path: string;
  /** Relative to the report base, forward slashes. */
  readonly relativePath: string;
  readonly text: string;
  readonly diagnostics: readonly FileDiagnostic[];
  /** Findings silenced by suppression comments (absent in reports built by hand). */
  readonly suppressed?: readonly SuppressedFinding[];
}

export interface CheckedInputProblem extends InputProblem {
  readonly relativePath: string;
}

export interface CheckReport {
  /** Absolute folder that relative paths (and SARIF uris) are relative to. */
  readonly base: string;
  readonly files: readonly CheckedFile[];
  readonly problems: readonly CheckedInputProblem[];
  readonly counts: Readonly<Record<FileDiagnostic['severity'], number>>;
  /** The project root and the configuration file used (relative to the base), if any. */
  readonly project?: { readonly root: string; readonly config?: string; readonly foundBy: ProjectConfig['foundBy'] };
}

/** `services`: load into these instead of a fresh set (a fuzz run checks thousands of inputs in one). */
export async function checkInputs(
  paths: readonly string[],
  base: string,
  cwd = base,
  services?: CellSpecServices,
): Promise<CheckReport> {
  const workspace = await loadWorkspace(paths, { projectFrom: cwd, ...(services ? { services } : {}) });
  const rel = (p: string) => relative(base, p).split('\\').join('/') || '.';
  const project = workspace.project;
  return {
    base,
    files: workspace.files.map((f) => ({
      path: f.path,
      relativePath: rel(f.path),
      text: f.text,
      diagnostics: f.diagnostics,
      suppressed: f.suppressed,
    })),
    problems: workspace.problems.map((p) => ({ ...p, relativePath: rel(p.path) })),
    counts: countDiagnostics(workspace.files),
    project: {
      root: rel(project.root),
      foundBy: project.foundBy,
      ...(project.file ? { config: rel(project.file) } : {}),
    },
  };
}

export function checkExitCode(report: CheckReport, strict: boolean): number {
  if (report.counts.error > 0 || (strict && report.counts.warning > 0)) return ExitCode.Findings;
  if (report.problems.length > 0 || report.files.length === 0) return ExitCode.Usage;
  return ExitCode.Ok;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check specs for syntax, reference, unit and design errors.',
  usage: '[options] [paths…]',
  details: `Paths are .cellspec files or folders (searched recursively); the default is the current folder.
Files a spec imports are checked too.

exit codes:
  0  no errors (and, with --strict, no warnings)
  1  errors found (or warnings with --strict); this wins over code 2
  2  usage error, an input that cannot be read or is not UTF-8, or no .cellspec file found
  70 internal error (a bug in cellspec, not in the specs)`,
  options: {
    format: {
      type: 'string',
      short: 'f',
      default: 'text',
      valueName: 'text|json|sarif|github',
      description: 'report format (default text); github: annotations in a GitHub Actions run',
    },
    strict: { type: 'boolean', description: 'fail on warnings as well as errors' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description: 'write the report to a file instead of standard output',
    },
    base: {
      type: 'string',
      valueName: 'folder',
      description: 'folder that reported paths and SARIF uris are relative to (default: current folder)',
    },
  },
  async run(values, positionals, io: CliIo) {
    const format = oneOf<CheckFormat>('format', values.format, CHECK_FORMATS);
    if (values.output === '') throw new UsageError('--output needs a file name');
    const base = resolve(io.cwd, typeof values.base === 'string' ? values.base : '.');
    const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(io.cwd, p));
    let report: CheckReport;
    try {
      report = await checkInputs(paths, base, io.cwd);
    } catch (error) {
      // A configuration file that cannot be used stops the run: exit 2 with the line that is wrong.
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`cellspec check: ${relative(io.cwd, error.file) || error.file}:${error.line}: ${error.reason}\n`);
      return ExitCode.Usage;
    }

    const renderers: Record<CheckFormat, (r: CheckReport) => string> = {
      text: formatText,
      json: formatJson,
      sarif: formatSarif,
      github: formatGithub,
    };
    const rendered = renderers[format](report);
    if (typeof values.output === 'string') {
      try {
        // Atomically; never through a link, into a FIFO or a device, nor over a checked spec.
        const target = resolve(io.cwd, values.output);
        writeFilesAtomic(dirname(target), [{ name: basename(target), content: rendered }], {
          manifest: false,
          inputs: [...paths, ...report.files.map((f) => f.path), ...report.problems.map((p) => p.path)],
        });
      } catch (error) {
        io.stderr(`cellspec check: cannot write ${values.output}: ${(error as Error).message}\n`);
        return ExitCode.Usage;
      }
    } else {
      io.stdout(rendered);
    }
    if (report.files.length === 0 && report.problems.length === 0) {
      io.stderr(
        `cellspec check: no .cellspec files found in ${positionals.length > 0 ? positionals.join(', ') : 'the current folder'}\n`,
      );
    }
    if (format === 'json' || format === 'sarif' || typeof values.output === 'string') {
      // Machine-readable reports stay clean on stdout; unreadable inputs still show in the log.
      for (const p of report.problems) io.stderr(`${p.relativePath}: error: ${p.message}\n`);
    }
    return checkExitCode(report, values.strict === true);
  },
};
