/**
 * Loads `.cellspec` files and folders from disk into one Langium workspace, builds it with all
 * validation categories (fast and slow) and returns per-file diagnostics in plain data.
 *
 * Used by the CLI commands and by tests that need a multi-file workspace. Files are read and
 * decoded here (not by Langium's file system provider) so that a file that cannot be read or is
 * not valid UTF-8 becomes a clear input problem instead of a garbled document.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createCellSpecServices, type CellSpecServices } from './cellspec-module.js';
import { isSpec, type Spec } from './generated/ast.js';
import { confineReference, importTarget, rootsForPaths, setWorkspaceRoots, workspaceRoots } from './file-references.js';
import { isIgnored, loadProjectConfig, setProjectConfig, type ProjectConfig } from './project.js';
import { libraryCandidates, setLibrarySearchPaths } from './scoping/libraries.js';
import { suppressedFindings, type SuppressedFinding } from './validation/document-validator.js';
import { explainFsError, fileKind, readSpecFile } from './safe-read.js';

export const CELLSPEC_EXTENSION = '.cellspec';

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic of one file; lines and columns are 1-based, columns count UTF-16 code units. */
export interface FileDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** The diagnostic's code (`composition-sum`, `linking-error`, …); `undefined` if it has none. */
  readonly code?: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** Exclusive, like LSP and SARIF. */
  readonly endColumn: number;
}

export interface LoadedFile {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly FileDiagnostic[];
  /** Whether the file was named by the caller (directly or through a folder) rather than reached through an import. */
  readonly requested: boolean;
  readonly document: LangiumDocument<Spec>;
  /** Findings silenced by suppression comments, with their reasons. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Absolute paths of the files this file imports directly (those that could be found). */
  readonly imports: readonly string[];
}

/** An input that could not become a document: missing, unreadable, or not UTF-8. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

export interface LoadedWorkspace {
  readonly files: readonly LoadedFile[];
  readonly problems: readonly InputProblem[];
  readonly services: CellSpecServices;
  /** The project the files belong to: its root and configuration (`cellspec.json`). */
  readonly project: ProjectConfig;
}

export interface LoadOptions {
  /** Services to load into; a fresh Node-file-system instance when omitted. */
  readonly services?: CellSpecServices;
  /** Follow `import "…"` statements to files outside the given paths (default true). */
  readonly followImports?: boolean;
  /** Folder the project root is searched from (default the working directory); or the project itself. */
  readonly projectFrom?: string;
  readonly project?: ProjectConfig;
}

/**
 * Loads the given files and folders (folders recursively: every `*.cellspec` not under a
 * hidden folder or `node_modules`), plus the files they import, and builds them with validation.
 * A named file that is not a `.cellspec` file, or not a regular file, is an input problem.
 */
export async function loadWorkspace(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const services = options.services ?? createCellSpecServices(NodeFileSystem).CellSpec;
  const shared = services.shared;
  // Lets the built-in library (if the language registers one) load before the user's files.
  await shared.workspace.WorkspaceManager.initializeWorkspace([]);

  // The project (root and configuration) is found as the editor finds it; a bad configuration
  // file throws ConfigError before anything is read.
  const project = options.project ?? loadProjectConfig(options.projectFrom ?? process.cwd());
  setProjectConfig(shared, project);
  setLibrarySearchPaths(project.libraries);
  // File references may not leave the project root, its library folders, the working directory
  // and the folders being checked.
  setWorkspaceRoots(shared, [project.root, ...project.libraries, ...rootsForPaths(paths)]);
  const problems: InputProblem[] = [];
  const requested = new Set<string>();
  const visitedFolders = new Set<string>();
  for (const path of paths)
    collectFiles(resolve(path), requested, problems, true, visitedFolders, workspaceRoots(shared));
  // Ignored files are not checked when found in a folder (a file named on the command line still is).
  for (const path of [...requested]) if (!paths.includes(path) && isIgnored(project, path)) requested.delete(path);

  const documents = new Map<string, LangiumDocument<Spec>>();
  const texts = new Map<string, string>();
  const importsOf = new Map<string, string[]>();
  const queue = [...requested];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (documents.has(path)) continue;
    const read = readUtf8(path);
    if ('problem' in read) {
      problems.push({ path, message: read.problem });
      continue;
    }
    const uri = URI.file(path);
    const langiumDocuments = shared.workspace.LangiumDocuments;
    if (langiumDocuments.hasDocument(uri)) langiumDocuments.deleteDocument(uri);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Spec>(read.text, uri);
    langiumDocuments.addDocument(document);
    documents.set(path, document);
    texts.set(path, read.text);
    const imports = importedFiles(document, path, workspaceRoots(shared));
    importsOf.set(path, imports);
    if (options.followImports !== false) {
      for (const imported of imports) {
        if (!documents.has(imported)) queue.push(imported);
      }
    }
  }

  await shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });

  const files: LoadedFile[] = [...documents.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, document]) => ({
      path,
      text: texts.get(path)!,
      diagnostics: toFileDiagnostics(document),
      requested: requested.has(path),
      document,
      suppressed: suppressedFindings(document),
      imports: importsOf.get(path) ?? [],
    }));
  problems.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems, services, project };
}

/** Adds `path` (a file, or every cellspec file below a folder) to `into`. */
function collectFiles(
  path: string,
  into: Set<string>,
  problems: InputProblem[],
  explicit: boolean,
  visitedFolders: Set<string>,
  roots: readonly string[],
): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    problems.push({ path, message: explainFsError(error, 'cannot read') });
    return;
  }
  const named = extname(path) === CELLSPEC_EXTENSION;
  if (stats.isFile()) {
    if (named) into.add(path);
    else if (explicit)
      problems.push({ path, message: `not a ${CELLSPEC_EXTENSION} file; specs are named *${CELLSPEC_EXTENSION}` });
    return;
  }
  if (!stats.isDirectory()) {
    // A FIFO would block the read forever and a device never end: refused, not skipped silently.
    if (explicit || named)
      problems.push({ path, message: `cannot read file: it is ${fileKind(stats)}; only regular files are read` });
    return;
  }
  // A symbolic link back up the tree would otherwise recurse forever.
  const real = realpathSync(path);
  if (visitedFolders.has(real)) return;
  visitedFolders.add(real);
  let entries: string[];
  try {
    entries = readdirSync(path).sort();
  } catch (error) {
    problems.push({ path, message: explainFsError(error, 'cannot list folder') });
    return;
  }
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    // A symbolic link out of the workspace is not followed: what it points to would reach the report.
    const entry = join(path, name);
    const confined = confineReference(entry, entry, roots);
    if (!confined.ok) {
      problems.push({ path: entry, message: `not checked: ${confined.message}` });
      continue;
    }
    collectFiles(entry, into, problems, false, visitedFolders, roots);
  }
}

/** Reads a spec file: a regular file within the size limit, strict UTF-8 (a leading byte-order mark is dropped). */
export function readUtf8(path: string): { text: string } | { problem: string } {
  return readSpecFile(path);
}

/**
 * Files named by the document's `import "…"` statements that exist on disk and may be read: the
 * path that is opened (with the `.cellspec` suffix added) is the one checked. Refusals are reported
 * by the file-reference checks as diagnostics on the import.
 */
function importedFiles(document: LangiumDocument<Spec>, path: string, roots: readonly string[]): string[] {
  const spec = document.parseResult.value;
  if (!isSpec(spec)) return [];
  const found: string[] = [];
  for (const imp of spec.imports) {
    if (!imp.path) continue;
    const target = importTarget(imp.path, path, roots);
    if (target.kind === 'file') {
      found.push(target.path);
      continue;
    }
    // Not a file next to the importer: a library named in the project configuration.
    for (const candidate of libraryCandidates(imp.path).map((uri) => uri.fsPath)) {
      if (isRegularFile(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

const SEVERITIES: Record<number, DiagnosticSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function toFileDiagnostics(document: LangiumDocument): FileDiagnostic[] {
  return (document.diagnostics ?? [])
    .map((d) => {
      const data = d.data as { code?: unknown } | undefined;
      const code = d.code !== undefined ? String(d.code) : typeof data?.code === 'string' ? data.code : undefined;
      return {
        severity: SEVERITIES[d.severity ?? 1] ?? 'error',
        message: typeof d.message === 'string' ? d.message : d.message.value,
        code,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Counts by severity over the files, for summaries and exit codes. */
export function countDiagnostics(files: readonly LoadedFile[]): Record<DiagnosticSeverity, number> {
  const counts: Record<DiagnosticSeverity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) for (const d of file.diagnostics) counts[d.severity]++;
  return counts;
}

/** A regular file (not a folder, FIFO or device), without throwing for a missing path. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
