/**
 * What the one writer of output files (`writeFilesAtomic`) refuses, on real file-system objects:
 * FIFOs and devices at a target or as the manifest (refused before anything is read, so nothing
 * hangs), a command's own inputs (also through a hard link), and what concurrent writers to one
 * folder leave in its manifest.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MANIFEST, OutputRefusedError, writeFilesAtomic } from '@cellspec/emit';
import { OUTPUT_LOCK } from '../../packages/emit/src/protocols/output-lock.js';

const ROOT = join(import.meta.dirname, '../..');
const fresh = () => mkdtempSync(join(tmpdir(), 'cellspec-out-'));
const fifo = (path: string) => execFileSync('mkfifo', [path]);
const refusedWith = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof OutputRefusedError) return e.message;
    throw e;
  }
  return 'not refused';
};

describe('targets that are not regular files', () => {
  it('a FIFO at a target is refused at once, forced or not, and stays a FIFO', () => {
    const dir = fresh();
    fifo(join(dir, 'plan.json'));
    for (const force of [false, true])
      expect(refusedWith(() => writeFilesAtomic(dir, [{ name: 'plan.json', content: 'x' }], { force }))).toMatch(
        /plan\.json is a FIFO; nothing written/,
      );
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it('a device as the target of a report (/dev/null, and a link to it) is refused', () => {
    expect(refusedWith(() => writeFilesAtomic('/dev', [{ name: 'null', content: 'x' }], { manifest: false }))).toMatch(
      /\/dev\/null is a device/,
    );
    const dir = fresh();
    symlinkSync('/dev/null', join(dir, 'report.sarif'));
    expect(
      refusedWith(() => writeFilesAtomic(dir, [{ name: 'report.sarif', content: 'x' }], { manifest: false })),
    ).toMatch(/report\.sarif is a symbolic link/);
  });

  it('a folder at a target is refused', () => {
    const dir = fresh();
    execFileSync('mkdir', [join(dir, 'plan.json')]);
    expect(refusedWith(() => writeFilesAtomic(dir, [{ name: 'plan.json', content: 'x' }], { force: true }))).toMatch(
      /is a folder/,
    );
  });
});

describe('a manifest that is not a regular file is refused, not read', () => {
  it.each([
    ['a FIFO', (path: string) => fifo(path), /is a FIFO, so it is not read/],
    ['a link to a device', (path: string) => symlinkSync('/dev/zero', path), /is a symbolic link/],
    ['a link to a regular file', (path: string) => symlinkSync(join(ROOT, 'package.json'), path), /symbolic link/],
  ])('%s', (_what, plant, message) => {
    const dir = fresh();
    plant(join(dir, OUTPUT_MANIFEST));
    expect(refusedWith(() => writeFilesAtomic(dir, [{ name: 'plan.json', content: 'x' }], { force: true }))).toMatch(
      message,
    );
    expect(existsSync(join(dir, 'plan.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([OUTPUT_MANIFEST]);
  });
});

describe("a command's inputs are never replaced", () => {
  it('refuses the input itself and a hard link to it, even forced', () => {
    const dir = fresh();
    const spec = join(dir, 'cell.cellspec');
    writeFileSync(spec, 'cell C {}\n');
    linkSync(spec, join(dir, 'alias.txt'));
    for (const name of ['cell.cellspec', 'alias.txt'])
      expect(
        refusedWith(() => writeFilesAtomic(dir, [{ name, content: 'x' }], { force: true, inputs: [spec] })),
      ).toMatch(/is an input of this command; nothing written/);
    expect(readFileSync(spec, 'utf8')).toBe('cell C {}\n');
  });
});

describe('concurrent writers to one folder', () => {
  it('takes over a lock left by a process that died, and removes it after writing', () => {
    const dir = fresh();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, OUTPUT_LOCK), `${dead}\n${hostname()}\n`);
    const started = Date.now();
    writeFilesAtomic(dir, [{ name: 'plan.json', content: 'x' }]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MANIFEST, 'plan.json']);
  });

  it('two processes writing 40 files each lose no manifest entry and leave no lock or temporary file', async () => {
    const dir = fresh();
    const script = join(dir, '..', `${dir.split('/').pop()}-writer.mts`);
    // Each process writes its files one call at a time, so the two interleave read–merge–write.
    writeFileSync(
      script,
      `import { writeFilesAtomic } from ${JSON.stringify(join(ROOT, 'packages/emit/src/protocols/write.ts'))};
const [dir, tag] = process.argv.slice(2);
for (let i = 0; i < 40; i++) writeFilesAtomic(dir, [{ name: tag + '-' + i + '.json', content: String(i) }]);
`,
    );
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const runWriter = (tag: string) =>
      new Promise<number>((done, fail) => {
        const child = spawn(tsx, [script, dir, tag], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', fail);
        child.on('exit', (code) => done(code ?? -1));
      });
    expect(await Promise.all([runWriter('a'), runWriter('b')])).toEqual([0, 0]);
    const manifest = JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8')) as { files: object };
    expect(Object.keys(manifest.files)).toHaveLength(80);
    expect(readdirSync(dir).filter((f) => f.startsWith('.') && f !== OUTPUT_MANIFEST)).toEqual([]);
  }, 60_000);
});
