/**
 * Atomic output: every file is first written to a temporary sibling, flushed to disk, then
 * renamed over its target. A failure removes the temporary files, so a reader sees either the
 * old file or the complete new one, never a half-written one. One call is one batch: a command
 * hands all its files to one call, so a refusal or a failure writes none of them.
 *
 * Never overwriting what cellspec did not write: each output folder holds a manifest,
 * `.cellspec-outputs.json`, with the SHA-256 of every file cellspec wrote there. An existing file
 * is replaced only when the manifest lists it with its current content; a file someone else
 * wrote, or edited by hand since, is refused unless `force` is set. A sidecar manifest rather
 * than a marker header, because cycler formats (Maccor, BioLogic) have fixed headers and some are
 * binary: a marker inside them would break the file for the cycler software.
 *
 * Refused whatever `force` says: a target that is a symbolic link, a FIFO, a device or a folder
 * (only regular files are replaced, and a link is never followed), a target that is one of the
 * command's inputs (`inputs`: the same file, by device and inode, so also through a hard link),
 * and a manifest that is not a regular file (it is not read: a FIFO would block, a device could
 * stream gigabytes).
 *
 * Concurrent writers to one folder take turns: the manifest is read, merged and replaced under
 * an exclusive lock file (`output-lock.ts`), so no writer loses another's entries.
 */
import {
  mkdirSync,
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  renameSync,
  rmSync,
  readSync,
  fstatSync,
  lstatSync,
  statSync,
  constants,
  type Stats,
} from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { ProtocolFile } from './common.js';
import { withFolderLock } from './output-lock.js';

export const OUTPUT_MANIFEST = '.cellspec-outputs.json';
/** A manifest larger than this is not read (one entry is about 100 bytes: 80,000 files). */
const MANIFEST_MAX_BYTES = 8 * 1024 * 1024;

export interface WriteOptions {
  /** Overwrite existing files even when cellspec did not write them (the CLI's `--force`). */
  readonly force?: boolean;
  /** The files the command read: none of them is ever replaced, forced or not. */
  readonly inputs?: readonly string[];
  /**
   * Keep the folder's manifest (default true). `false` for a single report a command writes
   * wherever it is told (`check --output`): no manifest and no ownership check, but the other
   * refusals hold.
   */
  readonly manifest?: boolean;
}

/** Thrown before anything is written when a target exists that cellspec did not write. */
export class OverwriteRefusedError extends Error {
  constructor(readonly files: readonly string[]) {
    super(
      `${files.length === 1 ? `${files[0]} exists and was not written` : `${files.join(', ')} exist and were not written`} by cellspec (or changed since); not overwritten — use --force to replace ${files.length === 1 ? 'it' : 'them'}`,
    );
    this.name = 'OverwriteRefusedError';
  }
}

/** Thrown before anything is written when a target (or the manifest) may never be replaced or read. */
export class OutputRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} ${reason}; nothing written`);
    this.name = 'OutputRefusedError';
  }
}

interface Manifest {
  readonly generator: 'cellspec';
  readonly files: Record<string, { readonly sha256: string }>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (f: ProtocolFile) => (typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content);

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** What a non-regular file is, in words; undefined for a regular file. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return 'is a symbolic link (never followed)';
  if (stats.isDirectory()) return 'is a folder';
  if (stats.isFIFO()) return 'is a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device';
  if (stats.isSocket()) return 'is a socket';
  return 'is not a regular file';
}

/** Reads a regular file without following a link and without blocking; at most `limit` bytes. */
function readRegular(path: string, limit: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const what = notRegular(stats);
    if (what) throw new OutputRefusedError(path, what);
    if (stats.size > limit) throw new OutputRefusedError(path, `is larger than ${limit} bytes`);
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file in an output folder that a command reads back (the manifest, a register):
 * undefined when it does not exist; refused when it is not a regular file or is too large.
 */
export function readOutputFile(dir: string, name: string, limit = MANIFEST_MAX_BYTES): string | undefined {
  const path = join(dir, name);
  const stats = lstatOrUndefined(path);
  if (!stats) return undefined;
  const what = notRegular(stats);
  if (what) throw new OutputRefusedError(path, `${what}, so it is not read (remove it)`);
  return readRegular(path, limit).toString('utf8');
}

function readManifest(dir: string): Manifest {
  const text = readOutputFile(dir, OUTPUT_MANIFEST);
  if (text === undefined) return { generator: 'cellspec', files: {} };
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (parsed && typeof parsed.files === 'object' && parsed.files !== null)
      return { generator: 'cellspec', files: { ...parsed.files } };
  } catch {
    // Not JSON: nothing in this folder counts as cellspec's.
  }
  return { generator: 'cellspec', files: {} };
}

/** A file name must stay in the output folder: no separators, no `..`, not the manifest itself. */
function checkName(name: string): void {
  if (name === '' || /[\\/\0]/.test(name) || name === '.' || name === '..' || name === OUTPUT_MANIFEST) {
    throw new Error(`"${name}" is not a plain file name inside the output folder`);
  }
}

/** Device and inode of every input that exists, to recognise it under any name. */
function identities(paths: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const p of paths) {
    try {
      const s = statSync(p);
      ids.add(`${s.dev}:${s.ino}`);
    } catch {
      // An input that is gone cannot be overwritten.
    }
  }
  return ids;
}

/**
 * Stages `bytes` next to `target` (exclusive create: never through a planted link) and returns
 * the temporary path; a failed write (a full disk) removes the temporary file before it throws.
 */
function stage(target: string, bytes: Uint8Array): string {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  return tmp;
}

export function writeFilesAtomic(dir: string, files: readonly ProtocolFile[], options: WriteOptions = {}): string[] {
  const names = new Set<string>();
  for (const f of files) {
    checkName(f.name);
    if (names.has(f.name)) throw new Error(`two outputs are named "${f.name}"; nothing written`);
    names.add(f.name);
  }
  mkdirSync(dir, { recursive: true });
  const keepManifest = options.manifest !== false;
  const write = () => writeLocked(dir, files, options, keepManifest);
  return keepManifest ? withFolderLock(dir, write) : write();
}

function writeLocked(dir: string, files: readonly ProtocolFile[], options: WriteOptions, keepManifest: boolean) {
  const manifest = keepManifest ? readManifest(dir) : undefined;
  const inputs = identities(options.inputs ?? []);
  const foreign: string[] = [];
  for (const f of files) {
    const target = join(dir, f.name);
    const stats = lstatOrUndefined(target);
    if (!stats) continue;
    const what = notRegular(stats);
    if (what) throw new OutputRefusedError(target, what);
    if (inputs.has(`${stats.dev}:${stats.ino}`)) throw new OutputRefusedError(target, 'is an input of this command');
    if (!manifest || options.force) continue;
    const recorded = manifest.files[f.name]?.sha256;
    if (!recorded || sha256(readRegular(target, 2 ** 30)) !== recorded) foreign.push(f.name);
  }
  if (foreign.length > 0) throw new OverwriteRefusedError(foreign);
  const staged: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = join(dir, f.name);
      const bytes = bytesOf(f);
      staged.push({ tmp: stage(target, bytes), target });
      if (manifest) manifest.files[f.name] = { sha256: sha256(bytes) };
    }
    const written = staged.map((s) => s.target);
    if (manifest) {
      const manifestPath = join(dir, OUTPUT_MANIFEST);
      staged.push({
        tmp: stage(manifestPath, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')),
        target: manifestPath,
      });
    }
    for (const s of staged) renameSync(s.tmp, s.target);
    return written;
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
}
