/**
 * Files a spec refers to — `import "…"` and `ocp table "file.csv"` — stay inside the workspace.
 *
 * A reference resolves against the referring file's folder. It is refused, with a message that
 * says why, when it names a URL or a device, when it leaves every workspace root lexically
 * (an absolute path elsewhere, `..` past the root), or when a symbolic link on the way points
 * out of the workspace (checked on the real path). The workspace roots are the editor's
 * workspace folders, or what the CLI sets (the working directory and the folders it checks).
 *
 * Also here: reading such a file as strict UTF-8 within a size limit, and the two-column OCP
 * CSV format (stoichiometry, voltage) with header detection.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AstUtils, URI, type LangiumSharedCoreServices, type ValidationChecks } from 'langium';
import type { CellSpecServices } from './cellspec-module.js';
import type { CellSpecAstType, Import, Ocp, Spec } from './generated/ast.js';
import { SafeNodeFileSystemProvider } from './safe-file-system.js';
import { CELLSPEC_SUFFIX } from './scoping/imports.js';
import { decodeUtf8, fileKind, MAX_SPEC_FILE_BYTES, readRegularFile, tooLargeMessage } from './safe-read.js';

/** Largest file a spec may refer to; far above any real OCP table or material library. */
export const MAX_REFERENCED_FILE_BYTES = 10 * 1024 * 1024;

export type Confinement =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

const explicitRoots = new WeakMap<object, readonly string[]>();

/** Sets the workspace roots of a service container (the CLI: working directory and checked folders). */
export function setWorkspaceRoots(shared: LangiumSharedCoreServices, roots: readonly string[]): void {
  explicitRoots.set(
    shared,
    roots.map((r) => resolve(r)),
  );
}

/** The roots set for these services, else the editor's workspace folders; empty when neither is known. */
export function workspaceRoots(shared: LangiumSharedCoreServices): readonly string[] {
  const set = explicitRoots.get(shared);
  if (set) return set;
  const folders = shared.workspace.WorkspaceManager.workspaceFolders ?? [];
  return folders
    .map((f) => URI.parse(f.uri))
    .filter((u) => u.scheme === 'file')
    .map((u) => resolve(u.fsPath));
}

/** Roots for a CLI run: the working directory, each named folder and the folder of each named file. */
export function rootsForPaths(paths: readonly string[], cwd = process.cwd()): string[] {
  const roots = new Set<string>([resolve(cwd)]);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      roots.add(statSync(abs).isDirectory() ? abs : dirname(abs));
    } catch {
      roots.add(dirname(abs));
    }
  }
  return [...roots];
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
};

/** The real path of `path`, or of its deepest existing ancestor joined with the rest. */
function realPathOf(path: string): string {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      // The operating system's realpath(3): a few times faster than Node's path walk, same answer.
      return resolve(realpathSync.native(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      existing = parent;
    }
  }
}

/** Real paths of workspace roots, cached: they are asked for on every import and table check. */
const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync.native(root);
    } catch {
      real = root;
    }
    if (realRoots.size > 64) realRoots.clear();
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Checks that `reference`, written in the file `fromFile`, names a file inside one of `roots`.
 * With no roots there is nothing to confine to and only malformed references are refused.
 */
export function confineReference(reference: string, fromFile: string, roots: readonly string[]): Confinement {
  const what = `"${reference}"`;
  if (reference.trim() === '') return { ok: false, message: 'the file name is empty' };
  if (reference.includes('\0')) return { ok: false, message: `${what} contains a NUL character` };
  if (/^[a-z][a-z0-9+.-]+:/i.test(reference) && !/^[a-z]:[\\/]/i.test(reference)) {
    return {
      ok: false,
      message: `${what} is a URL; a spec may only refer to files inside its workspace, by a path relative to the spec`,
    };
  }
  if (/^\\\\|^\/\/|^\/dev\//.test(reference)) {
    return {
      ok: false,
      message: `${what} names a network share or a device; a spec may only refer to files inside its workspace`,
    };
  }
  const target = resolve(dirname(fromFile), reference);
  if (roots.length === 0) return { ok: true, path: target };
  const root = roots.find((r) => inside(r, target));
  const shownRoots = roots.join(', ');
  if (!root) {
    const how = isAbsolute(reference) ? 'is an absolute path outside' : 'leaves';
    return {
      ok: false,
      message: `${what} ${how} the workspace (${shownRoots}): a spec may only refer to files inside it`,
    };
  }
  const real = realPathOf(target);
  if (!roots.some((r) => inside(realRoot(r), real))) {
    return {
      ok: false,
      message: `${what} is a symbolic link (or lies in a linked folder) that points outside the workspace, to ${real}: a spec may only refer to files inside it`,
    };
  }
  return { ok: true, path: target };
}

export type FileRead =
  | { readonly ok: true; readonly path: string; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** Reads a referenced file after the confinement check: a regular file, strict UTF-8, at most MAX_REFERENCED_FILE_BYTES. */
export function readReferencedFile(reference: string, fromFile: string, roots: readonly string[]): FileRead {
  const confined = confineReference(reference, fromFile, roots);
  if (!confined.ok) return confined;
  const what = `"${reference}"`;
  let stats: Stats;
  try {
    stats = statSync(confined.path);
  } catch {
    return { ok: false, message: `cannot find the file ${what} (paths are relative to this file's folder)` };
  }
  if (!stats.isFile()) return { ok: false, message: `${what} is ${fileKind(stats)}; only regular files are read` };
  const read = readRegularFile(confined.path, MAX_REFERENCED_FILE_BYTES);
  if ('problem' in read) return { ok: false, message: `${what}: ${read.problem}` };
  const decoded = decodeUtf8(read.bytes);
  if ('problem' in decoded) return { ok: false, message: `${what} is not valid UTF-8; save it as UTF-8` };
  return { ok: true, path: confined.path, text: decoded.text };
}

export type OcpTable =
  | { readonly ok: true; readonly stoichiometry: number[]; readonly voltage: number[] }
  | { readonly ok: false; readonly message: string };

/**
 * Parses an OCP table: two columns, stoichiometry (0…1) and voltage (V), separated by a comma,
 * semicolon, tab or spaces. A first line whose fields are not numbers is a header; lines
 * starting with `#` and blank lines are skipped. Rows come back sorted by stoichiometry.
 */
export function parseOcpCsv(text: string, name = 'the OCP table'): OcpTable {
  const rows: Array<[number, number]> = [];
  const lines = text.split(/\r\n|\n|\r/);
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s*[,;\t]\s*|\s+/).filter((f) => f !== '');
    const numbers = fields.map((f) => (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(f) ? Number(f) : NaN));
    if (numbers.some((n) => Number.isNaN(n))) {
      if (rows.length === 0 && !headerSeen) {
        headerSeen = true;
        continue;
      }
      return {
        ok: false,
        message: `${name}, line ${i + 1}: "${line.slice(0, 60)}" is not two numbers (stoichiometry, voltage)`,
      };
    }
    if (fields.length !== 2)
      return {
        ok: false,
        message: `${name}, line ${i + 1}: expected two columns (stoichiometry, voltage), found ${fields.length}`,
      };
    const [x, v] = numbers as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(v))
      return { ok: false, message: `${name}, line ${i + 1}: a number is too large` };
    if (x < 0 || x > 1) return { ok: false, message: `${name}, line ${i + 1}: stoichiometry ${x} is outside 0…1` };
    rows.push([x, v]);
  }
  if (rows.length < 2)
    return {
      ok: false,
      message: `${name} has ${rows.length} data row${rows.length === 1 ? '' : 's'}; an OCP table needs at least 2`,
    };
  rows.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]![0] === rows[i - 1]![0])
      return { ok: false, message: `${name} lists stoichiometry ${rows[i]![0]} twice` };
  }
  return { ok: true, stoichiometry: rows.map((r) => r[0]), voltage: rows.map((r) => r[1]) };
}

const tableCache = new Map<string, { readonly stamp: string; readonly table: OcpTable }>();

/**
 * The OCP table a spec file refers to, read and parsed (cached by path, size and modification
 * time: validation and resolve both ask on every edit). `fromUri` is the referring document.
 */
export function loadOcpTable(shared: LangiumSharedCoreServices, reference: string, fromUri: URI): OcpTable {
  if (fromUri.scheme !== 'file')
    return { ok: false, message: `cannot read "${reference}": this document is not a file on disk` };
  const confined = confineReference(reference, fromUri.fsPath, workspaceRoots(shared));
  if (!confined.ok) return confined;
  let stamp: string;
  try {
    const s = statSync(confined.path);
    stamp = `${s.size}:${s.mtimeMs}`;
  } catch {
    stamp = 'missing';
  }
  const cached = tableCache.get(confined.path);
  if (cached && cached.stamp === stamp) return cached.table;
  const read = readReferencedFile(reference, fromUri.fsPath, workspaceRoots(shared));
  const table = read.ok ? parseOcpCsv(read.text, `OCP table "${reference}"`) : read;
  if (tableCache.size > 256) tableCache.clear();
  tableCache.set(confined.path, { stamp, table });
  return table;
}

export type ImportTarget =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'refused'; readonly message: string; readonly outside: boolean }
  | { readonly kind: 'missing' };

const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * The file an import names, checked as it will be opened: the `.cellspec` suffix is added first
 * when missing, and that path — not the one written — must stay inside the workspace (on its real
 * path, through any symbolic link), be a regular file (never a FIFO or a device) within the size
 * limit, and be a spec (a `.cellspec` file).
 */
export function importTarget(reference: string, fromFile: string, roots: readonly string[]): ImportTarget {
  const written = confineReference(reference, fromFile, roots);
  if (!written.ok) return { kind: 'refused', message: written.message, outside: true };
  const suffixed = reference.endsWith(CELLSPEC_SUFFIX) ? reference : reference + CELLSPEC_SUFFIX;
  const opened = suffixed === reference ? written : confineReference(suffixed, fromFile, roots);
  if (!opened.ok) return { kind: 'refused', message: opened.message, outside: true };
  const what = `"${reference}"`;
  const stats = statOf(opened.path);
  if (!stats) {
    if (suffixed !== reference && statOf(written.path)?.isFile())
      return {
        kind: 'refused',
        message: `${what} is not a ${CELLSPEC_SUFFIX} file; only specs can be imported`,
        outside: false,
      };
    return { kind: 'missing' };
  }
  if (!stats.isFile())
    return { kind: 'refused', message: `${what} is ${fileKind(stats)}; only regular files are read`, outside: false };
  if (stats.size > MAX_SPEC_FILE_BYTES)
    return { kind: 'refused', message: `${what}: ${tooLargeMessage(stats.size, MAX_SPEC_FILE_BYTES)}`, outside: false };
  return { kind: 'file', path: opened.path };
}

/** Why an import may not be followed (it leaves the workspace, or names what cannot be read), or undefined when it may. */
export function importRefusal(shared: LangiumSharedCoreServices, path: string, fromUri: URI): string | undefined {
  if (fromUri.scheme !== 'file') return undefined;
  const target = importTarget(path, fromUri.fsPath, workspaceRoots(shared));
  return target.kind === 'refused' ? `cannot import ${target.message}` : undefined;
}

/** Diagnostics for file references: imports that leave the workspace, OCP tables that cannot be used. */
export function fileReferenceChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const shared = services.shared;
  return {
    Import: (node: Import, accept) => {
      const uri = AstUtils.getDocument(node).uri;
      if (!node.path || uri.scheme !== 'file') return;
      const target = importTarget(node.path, uri.fsPath, workspaceRoots(shared));
      if (target.kind === 'refused')
        accept('error', `cannot import ${target.message}`, {
          node,
          property: 'path',
          code: target.outside ? 'file-outside-workspace' : 'unreadable-file',
        });
    },
    Spec: (node: Spec, accept) => {
      // A workspace file the server could not read was loaded empty; say why, once, at its start.
      const document = AstUtils.getDocument(node);
      const provider = shared.workspace.FileSystemProvider;
      const problem = provider instanceof SafeNodeFileSystemProvider ? provider.problemOf(document.uri) : undefined;
      if (problem && document.textDocument.getText() === '')
        accept('error', problem, { node, code: 'unreadable-file' });
    },
    Ocp: (node: Ocp, accept) => {
      if (node.file === undefined) return;
      const table = loadOcpTable(shared, node.file, AstUtils.getDocument(node).uri);
      if (!table.ok) accept('error', table.message, { node, property: 'file', code: 'ocp-table-file' });
    },
  };
}
