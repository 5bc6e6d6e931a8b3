/**
 * Atomic output: every file is first written to a temporary sibling, flushed to disk, then
 * renamed over its target. A failure removes the temporary files, so a reader sees either the
 * old file or the complete new one, never a half-written one.
 *
 * Never overwriting what cellspec did not write: each output folder holds a manifest,
 * `.cellspec-outputs.json`, with the SHA-256 of every file cellspec wrote there. An existing file
 * is replaced only when the manifest lists it with its current content; a file someone else
 * wrote, or edited by hand since, is refused unless `force` is set. A sidecar manifest rather
 * than a marker header, because cycler formats (Maccor, BioLogic) have fixed headers and some are
 * binary: a marker inside them would break the file for the cycler software.
 */
import {
  mkdirSync,
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  renameSync,
  rmSync,
  readFileSync,
  existsSync,
  lstatSync,
} from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { ProtocolFile } from './common.js';

export const OUTPUT_MANIFEST = '.cellspec-outputs.json';

export interface WriteOptions {
  /** Overwrite existing files even when cellspec did not write them (the CLI's `--force`). */
  readonly force?: boolean;
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

interface Manifest {
  readonly generator: 'cellspec';
  readonly files: Record<string, { readonly sha256: string }>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (f: ProtocolFile) => (typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content);

function readManifest(dir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8')) as Manifest;
    if (parsed && typeof parsed.files === 'object' && parsed.files !== null)
      return { generator: 'cellspec', files: { ...parsed.files } };
  } catch {
    // Missing or unreadable: nothing in this folder counts as cellspec's.
  }
  return { generator: 'cellspec', files: {} };
}

/** A file name must stay in the output folder: no separators, no `..`, not the manifest itself. */
function checkName(name: string): void {
  if (name === '' || /[\\/\0]/.test(name) || name === '.' || name === '..' || name === OUTPUT_MANIFEST) {
    throw new Error(`"${name}" is not a plain file name inside the output folder`);
  }
}

/** Stages `bytes` next to `target` (exclusive create: never through a planted link) and returns the temporary path. */
function stage(target: string, bytes: Uint8Array): string {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

export function writeFilesAtomic(dir: string, files: readonly ProtocolFile[], options: WriteOptions = {}): string[] {
  for (const f of files) checkName(f.name);
  mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir);
  if (!options.force) {
    const foreign = files.filter((f) => {
      const target = join(dir, f.name);
      if (!existsSync(target) && !isLink(target)) return false;
      const recorded = manifest.files[f.name]?.sha256;
      if (!recorded || isLink(target)) return true;
      try {
        return sha256(readFileSync(target)) !== recorded;
      } catch {
        return true;
      }
    });
    if (foreign.length > 0) throw new OverwriteRefusedError(foreign.map((f) => f.name));
  }
  const staged: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = join(dir, f.name);
      const bytes = bytesOf(f);
      staged.push({ tmp: stage(target, bytes), target });
      manifest.files[f.name] = { sha256: sha256(bytes) };
    }
    const manifestPath = join(dir, OUTPUT_MANIFEST);
    staged.push({
      tmp: stage(manifestPath, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')),
      target: manifestPath,
    });
    for (const s of staged) renameSync(s.tmp, s.target);
    return staged.slice(0, -1).map((s) => s.target);
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
