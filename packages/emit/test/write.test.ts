/** Atomic writes: all files appear complete, or none of a failed batch does, and no temporary file stays. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomic } from '../src/index.js';

describe('writeFilesAtomic', () => {
  it('writes text and bytes and replaces existing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-write-'));
    writeFileSync(join(dir, 'a.txt'), 'old');
    writeFilesAtomic(
      dir,
      [
        { name: 'a.txt', content: 'new µ' },
        { name: 'b.bin', content: new Uint8Array([0xb5, 0x0d, 0x0a]) },
      ],
      { force: true },
    );
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new µ');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([0xb5, 0x0d, 0x0a]);
    expect(readdirSync(dir).sort()).toEqual(['.cellspec-outputs.json', 'a.txt', 'b.bin']);
  });

  it('a failure while staging leaves the old files and no temporary files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-write-'));
    writeFileSync(join(dir, 'a.txt'), 'old');
    expect(() =>
      writeFilesAtomic(dir, [
        { name: 'a.txt', content: 'new' },
        { name: 'missing-dir/b.txt', content: 'x' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});
