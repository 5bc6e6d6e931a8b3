/**
 * `cellspec verify DOC-or-DIR…`: whether each built document still matches its sources and this
 * tool version, and what changed if not. Exit codes like `check`: 0 all current, 1 a document
 * is out of date or was edited, 2 usage error or a target that is not a built document.
 */
import { relative, resolve, sep } from 'node:path';
import { ExitCode, UsageError, type CliIo, type Command } from '../command-framework.js';
import { CLI_VERSION } from '../cli.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check built documents against their sources and the tool version.',
  usage: 'DOC-or-DIR…',
  details: `A target is a folder written by 'cellspec build' or one document in it (any form).

exit codes:
  0  every document matches its sources and this tool version
  1  a document, or a source it was built from, changed; or another tool version built it
  2  usage error, or a target that is not a built document`,
  options: {},
  async run(_values, positionals, io: CliIo): Promise<number> {
    if (positionals.length === 0) throw new UsageError('name at least one document or folder of documents');
    // Loaded here, not at start-up: the document stack is large and only build and verify need it.
    const { verifyDocuments } = await import('@cellspec/emit/documents');
    const result = verifyDocuments(
      positionals.map((p) => resolve(io.cwd, p)),
      CLI_VERSION,
    );
    const shown = (p: string) => relative(io.cwd, p).split(sep).join('/') || '.';
    for (const v of result.verdicts) {
      const id = `${shown(v.folder)}: ${v.number} rev ${v.revision}`;
      if (v.changes.length === 0) io.stdout(`${id}: current\n`);
      else io.stdout(`${id}: OUT OF DATE\n${v.changes.map((c) => `  - ${c}\n`).join('')}`);
    }
    for (const p of result.problems) io.stderr(`${p}\n`);
    const stale = result.verdicts.filter((v) => v.changes.length > 0).length;
    io.stdout(
      `${result.verdicts.length} document${result.verdicts.length === 1 ? '' : 's'} verified: ${stale} out of date\n`,
    );
    return stale > 0 ? ExitCode.Findings : result.problems.length > 0 ? ExitCode.Usage : ExitCode.Ok;
  },
};
