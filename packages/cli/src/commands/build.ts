/**
 * `cellspec build [paths…] --out DIR`: every file with a `document` block becomes a controlled
 * document in four forms (PDF, DOCX, HTML, Markdown), plus the register (HTML, CSV) and the
 * build manifest (`documents.json`) of everything in DIR. Same sources and tool version, same
 * bytes. A file whose spec has errors, or that repeats another's document number, is not built.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadWorkspace, readStudyBeside, resolveDocument, type LoadedFile } from '@cellspec/language';
import type { CellIR, ProcessIR, SpecIR } from '@cellspec/physics';
// The document stack (PDF, DOCX, charts, fonts) is loaded when `build` runs, so other commands
// do not compile it at start-up.
import type { DocumentManifest, ManifestDocument, SourceFile } from '@cellspec/emit/documents';
import {
  OutputRefusedError,
  OverwriteRefusedError,
  readOutputFile,
  writeFilesAtomic,
  type ProtocolFile,
} from '@cellspec/emit';
import { ExitCode, UsageError, type CliIo, type Command } from '../command-framework.js';
import { CLI_VERSION } from '../cli.js';

const slash = (p: string) => p.split(sep).join('/');

/** The file and everything it imports, transitively, each once, in the order first reached. */
function sourcesOf(file: LoadedFile, byPath: ReadonlyMap<string, LoadedFile>): string[] {
  const seen: string[] = [];
  const visit = (f: LoadedFile) => {
    if (seen.includes(f.path)) return;
    seen.push(f.path);
    for (const p of f.imports) {
      const imported = byPath.get(p);
      if (imported) visit(imported);
    }
  };
  visit(file);
  return seen;
}

function previousEntries(out: string, manifestFile: string): ManifestDocument[] {
  try {
    const text = readOutputFile(out, manifestFile);
    if (text === undefined) return [];
    const m = JSON.parse(text) as DocumentManifest;
    return Array.isArray(m.documents) ? [...m.documents] : [];
  } catch (e) {
    if (e instanceof OutputRefusedError) throw e;
    return [];
  }
}

const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** User + system CPU time since `start`, s: comparable across runs on a loaded machine where wall time is not. */
function cpuSeconds(start: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1e6).toFixed(1);
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the controlled documents (PDF, DOCX, HTML, Markdown), their register and manifest.',
  usage: '[paths…] --out DIR [--force]',
  details: `Every .cellspec file with a document block gives DIR/<number>.pdf, .docx, .html and .md;
DIR/register.html and register.csv list every document in DIR, and DIR/documents.json records
each document's sources with their SHA-256 and the tool version ('cellspec verify DIR' reads it).

exit codes:
  0  every document built
  1  a spec has errors or two files share a document number (those are not built)
  2  usage error, unreadable input, or no file with a document block`,
  options: {
    out: { type: 'string', description: 'output folder (created if missing)', valueName: 'dir' },
    force: { type: 'boolean', description: 'replace files in DIR that cellspec did not write' },
  },
  async run(values, positionals, io: CliIo): Promise<number> {
    const {
      assembleDocument,
      combinedSourceHash,
      documentControl,
      MANIFEST_FILE,
      manifestEntry,
      registerAndManifest,
      renderDocumentFiles,
      sha256Hex,
    } = await import('@cellspec/emit/documents');
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    if (typeof values['out'] !== 'string' || values['out'] === '') throw new UsageError('--out DIR is required');
    const out = resolve(io.cwd, values['out']);
    const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(io.cwd, p));
    const workspace = await loadWorkspace(paths);
    for (const p of workspace.problems) io.stderr(`${slash(relative(io.cwd, p.path)) || p.path}: ${p.message}\n`);
    if (workspace.problems.length > 0) return ExitCode.Usage;

    const byPath = new Map(workspace.files.map((f) => [f.path, f]));
    const specs = new Map<string, SpecIR>();
    const cells = new Map<string, CellIR>();
    const processes: ProcessIR[] = [];
    for (const f of workspace.files) {
      const { ir } = resolveDocument(workspace.services, f.document);
      specs.set(f.path, ir);
      for (const c of ir.cells) cells.set(c.name, c);
      processes.push(...ir.processes);
    }
    const candidates = workspace.files.filter((f) => f.requested && specs.get(f.path)?.document !== undefined);
    if (candidates.length === 0) {
      io.stderr('no .cellspec file with a document block was found\n');
      return ExitCode.Usage;
    }

    let failed = false;
    const numbers = new Map<string, string>();
    const entries: ManifestDocument[] = [];
    const pending: ProtocolFile[] = [];
    const built: string[] = [];
    for (const file of candidates) {
      const shown = slash(relative(io.cwd, file.path));
      const spec = specs.get(file.path)!;
      const control = documentControl(spec);
      const errors = file.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        io.stderr(
          `${shown}: not built: the spec has ${errors.length} error${errors.length === 1 ? '' : 's'} (run cellspec check)\n`,
        );
        failed = true;
        continue;
      }
      const other = numbers.get(control.number);
      if (other !== undefined) {
        io.stderr(`${shown}: not built: document number ${control.number} is already used by ${other}\n`);
        failed = true;
        continue;
      }
      numbers.set(control.number, shown);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      // A sweep study beside the spec is one of its sources: it changes the document.
      const studyRead = readStudyBeside(file.path);
      if (studyRead && 'problem' in studyRead) {
        io.stderr(`${shown}: not built: ${slash(relative(io.cwd, studyRead.path))}: ${studyRead.problem}\n`);
        failed = true;
        continue;
      }
      const studies = new Map(studyRead ? [[studyRead.study.cell, studyRead.study]] : []);
      const sources: SourceFile[] = [...sourcesOf(file, byPath), ...(studyRead ? [studyRead.path] : [])].map((p) => ({
        path: slash(relative(out, p)),
        sha256: sha256Hex(readFileSync(p)),
      }));
      const trace = { source: shown, sourceHash: combinedSourceHash(sources), toolVersion: CLI_VERSION };
      const doc = await assembleDocument({ spec, trace, cells, processes, studies });
      if (!doc) {
        io.stderr(`${shown}: not built: it declares no cell, process or test plan to document\n`);
        failed = true;
        continue;
      }
      const files = await renderDocumentFiles(doc);
      pending.push(...files);
      entries.push(manifestEntry(doc, sources, files));
      built.push(
        `${control.number} rev ${control.revision} (${control.status}) ← ${shown}: ${files.map((f) => f.name.slice(f.name.lastIndexOf('.') + 1)).join(', ')} in ${Math.round(performance.now() - t0)} ms (CPU ${Math.round(cpuMs(cpu0))} ms)\n`,
      );
    }
    // The register lists every document in the folder: earlier builds of other numbers stay.
    // All documents and the register are one batch: a refusal or a full disk writes none of them.
    const builtNumbers = new Set(entries.map((e) => e.number));
    try {
      const kept = previousEntries(out, MANIFEST_FILE).filter((e) => !builtNumbers.has(e.number));
      writeFilesAtomic(out, [...pending, ...registerAndManifest([...kept, ...entries], CLI_VERSION)], {
        force: values['force'] === true,
        inputs: workspace.files.map((f) => f.path),
      });
    } catch (e) {
      if (e instanceof OverwriteRefusedError || e instanceof OutputRefusedError) {
        io.stderr(`${slash(relative(io.cwd, out))}: ${e.message}\n`);
        return ExitCode.Usage;
      }
      throw e;
    }
    for (const line of built) io.stdout(line);
    const outRelative = slash(relative(io.cwd, out)) || '.';
    const outShown = outRelative.startsWith('../') ? slash(out) : outRelative;
    io.stdout(
      `${entries.length} document${entries.length === 1 ? '' : 's'} built into ${outShown}/ (register.html, register.csv, ${MANIFEST_FILE}) in ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${cpuSeconds(cpuStarted)} s)\n`,
    );
    return failed ? ExitCode.Findings : ExitCode.Ok;
  },
};
