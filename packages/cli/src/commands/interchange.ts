/**
 * `cellspec import bpx FILE.json` and `cellspec export bpx FILE --cell NAME`: cell parameters in
 * and out of BPX (Battery Parameter eXchange, github.com/FaradayInstitution/BPX, schema 1.1).
 * Import writes a `.cellspec` next to the BPX file (or `--out`); export writes `NAME.bpx.json`.
 * Both write atomically and never replace a file cellspec did not write unless `--force`.
 */
import { basename, dirname, relative, resolve } from 'node:path';
import { readUtf8 } from '@cellspec/language';
import { exportBpx, identifier, importBpx, writeFilesAtomic } from '@cellspec/emit';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { chooseCell } from './simulate.js';

const FORMATS = ['bpx'] as const;

function write(io: CliIo, path: string, content: string, force: boolean, input: string): number | undefined {
  try {
    writeFilesAtomic(dirname(path), [{ name: basename(path), content }], { force, inputs: [input] });
    return undefined;
  } catch (error) {
    io.stderr(`cannot write ${relative(io.cwd, path) || path}: ${(error as Error).message}\n`);
    return ExitCode.Usage;
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Write a .cellspec from another format (BPX).',
  usage: 'bpx FILE.json [--name NAME] [--out FILE.cellspec] [--force]',
  details: `Reads a BPX file (versions 0.x and 1.x; DFN, SPMe, SPM or blended electrodes) and writes a
.cellspec with its materials, electrodes, separator, electrolyte and cell. What cellspec cannot
hold, or had to assume (material densities, SPM porosity), is listed in the file's header and
printed as notes.

exit codes:
  0  written
  1  the file is not valid BPX
  2  usage error, unreadable input or an output that may not be replaced`,
  options: {
    name: { type: 'string', valueName: 'name', description: 'cell name (default: from the file name)' },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description: 'the .cellspec to write (default: FILE.cellspec)',
    },
    force: { type: 'boolean', description: 'replace a file cellspec did not write' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 2) throw new UsageError('give the format and one FILE: import bpx FILE.json');
    oneOf('format', positionals[0], FORMATS);
    const file = resolve(io.cwd, positionals[1]!);
    // Read as the workspace reads specs: strict UTF-8, a clear message for an unreadable file.
    const read = readUtf8(file);
    if ('problem' in read) throw new UsageError(`${positionals[1]}: ${read.problem}`);
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch (error) {
      throw new UsageError(`${positionals[1]}: not JSON (${(error as Error).message})`);
    }
    const stem = basename(file).replace(/\.json$/i, '');
    const name = typeof values.name === 'string' ? values.name : identifier(stem);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--name must be an identifier (got '${name}')`);
    let result;
    try {
      result = importBpx(json, { name, file: basename(file) });
    } catch (error) {
      io.stderr(`${relative(io.cwd, file)}: ${(error as Error).message}\n`);
      return ExitCode.Findings;
    }
    const out = resolve(
      io.cwd,
      typeof values.out === 'string' ? values.out : `${file.replace(/\.json$/i, '')}.cellspec`,
    );
    const failed = write(io, out, result.text, values.force === true, file);
    if (failed !== undefined) return failed;
    io.stdout(`${relative(io.cwd, out)}: cell ${result.cell}\n`);
    for (const n of result.notes) io.stderr(`note: ${n}\n`);
    return ExitCode.Ok;
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: "Write a cell's parameters in another format (BPX).",
  usage: 'bpx FILE --cell NAME [--out FILE.json] [--force]',
  details: `Writes a BPX 1.1 file of a cell: a full (DFN) parameterisation for a liquid-electrolyte cell, a
Partial one for a solid-state cell. Every field BPX cannot hold is printed as a note. The file is
checked against the BPX schema before it is written.

exit codes:
  0  written
  1  the cell cannot be written as valid BPX (the problems are listed)
  2  usage error or unreadable input`,
  options: {
    cell: {
      type: 'string',
      short: 'c',
      valueName: 'name',
      description: 'the cell or variant (default: the only cell)',
    },
    out: { type: 'string', short: 'o', valueName: 'file', description: 'the file to write (default: NAME.bpx.json)' },
    force: { type: 'boolean', description: 'replace a file cellspec did not write' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 2) throw new UsageError('give the format and one FILE: export bpx FILE --cell NAME');
    oneOf('format', positionals[0], FORMATS);
    const file = resolve(io.cwd, positionals[1]!);
    const cell = await chooseCell(file, typeof values.cell === 'string' ? values.cell : undefined);
    const result = exportBpx(cell);
    for (const n of result.notes) io.stderr(`note: ${n}\n`);
    if (result.problems.length > 0) {
      for (const p of result.problems) io.stderr(`error: BPX schema: ${p}\n`);
      io.stderr(`cellspec export: ${cell.name} does not make a valid BPX file; nothing written\n`);
      return ExitCode.Findings;
    }
    const out = resolve(io.cwd, typeof values.out === 'string' ? values.out : `${cell.name}.bpx.json`);
    const failed = write(io, out, JSON.stringify(result.document, null, 2) + '\n', values.force === true, file);
    if (failed !== undefined) return failed;
    io.stdout(`${relative(io.cwd, out)}: ${cell.name} as BPX ${result.document.Header.Model}\n`);
    return ExitCode.Ok;
  },
};
