/**
 * A full disk while writing outputs: the write fails with ENOSPC, the old files stay, and no
 * temporary file is left behind. On a real full tmpfs (64 KiB; mounting needs root, which CI
 * has) and, on any machine, with a `writeSync` that fails with ENOSPC after the first file.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OUTPUT_MANIFEST, writeFilesAtomic } from '@cellspec/emit';

const disk = vi.hoisted(() => ({ writesBeforeFull: Infinity }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof fs>();
  const writeSync = ((...args: Parameters<typeof real.writeSync>) => {
    if (disk.writesBeforeFull-- <= 0)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return (real.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof real.writeSync;
  return { ...real, writeSync, default: { ...real, writeSync } };
});

const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
  return undefined;
};

describe('a write that fails with ENOSPC', () => {
  it('(injected) while taking the lock leaves no lock file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-enospc-'));
    disk.writesBeforeFull = 0;
    try {
      expect(errorCode(() => writeFilesAtomic(dir, [{ name: 'a.json', content: 'new' }]))).toBe('ENOSPC');
    } finally {
      disk.writesBeforeFull = Infinity;
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('(injected) leaves the old files and the manifest as they were, and no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-enospc-'));
    writeFilesAtomic(dir, [{ name: 'a.json', content: 'old' }]);
    const manifest = readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8');
    disk.writesBeforeFull = 2; // the lock and the first file are written; the second finds the disk full
    try {
      expect(
        errorCode(() =>
          writeFilesAtomic(dir, [
            { name: 'a.json', content: 'new' },
            { name: 'b.json', content: 'new' },
          ]),
        ),
      ).toBe('ENOSPC');
    } finally {
      disk.writesBeforeFull = Infinity;
    }
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old');
    expect(readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8')).toBe(manifest);
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MANIFEST, 'a.json']);
  });

  const mountPoint = mkdtempSync(join(tmpdir(), 'cellspec-tmpfs-'));
  let mounted = false;
  try {
    if (process.getuid?.() === 0) {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted = true;
    }
  } catch {
    mounted = false;
  }
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint]);
  });

  it.runIf(mounted)('(a full 64 KiB tmpfs) leaves the old file and no temporary file', () => {
    writeFileSync(join(mountPoint, 'keep.json'), 'old');
    expect(
      errorCode(() =>
        writeFilesAtomic(mountPoint, [{ name: 'keep.json', content: 'x'.repeat(256 * 1024) }], { force: true }),
      ),
    ).toBe('ENOSPC');
    expect(readFileSync(join(mountPoint, 'keep.json'), 'utf8')).toBe('old');
    expect(readdirSync(mountPoint)).toEqual(['keep.json']);
  });
});
