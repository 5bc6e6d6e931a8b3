/**
 * Atomic output: every file is first written to a temporary sibling, flushed to disk, then
 * renamed over its target. A failure removes the temporary files, so a reader sees either the
 * old file or the complete new one, never a half-written one.
 */
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ProtocolFile } from './common.js';

export function writeFilesAtomic(dir: string, files: readonly ProtocolFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const staged: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = join(dir, f.name);
      const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const fd = openSync(tmp, 'w');
      staged.push({ tmp, target });
      try {
        const bytes = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const s of staged) renameSync(s.tmp, s.target);
    return staged.map((s) => s.target);
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
}
