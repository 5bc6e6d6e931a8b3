/**
 * One writer at a time per output folder: a lock file created with O_EXCL (atomic on local file
 * systems and on NFSv3+), holding the owner's process id and host. A waiting writer polls every
 * 25 ms for at most `LOCK_WAIT_MS`; a lock whose owner is a dead process on this host, or that is
 * older than `LOCK_STALE_MS` (a writer holds it for a few milliseconds: staging and renaming
 * files already in memory), is stale and taken over.
 *
 * Hand-written rather than `proper-lockfile`: the writer is synchronous (the editor client and
 * every command call it so), and proper-lockfile's `lockSync` does not wait for a held lock.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const OUTPUT_LOCK = '.cellspec-outputs.lock';
export const LOCK_WAIT_MS = 15_000;
export const LOCK_STALE_MS = 60_000;
const POLL_MS = 25;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/** Whether the lock at `path` was left by a writer that is gone. */
function isStale(path: string): boolean {
  try {
    if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) return true;
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Gone while we looked (released): not stale, just retry.
    return false;
  }
}

export function withFolderLock<T>(dir: string, body: () => T): T {
  const path = join(dir, OUTPUT_LOCK);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (isStale(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${path}: another cellspec process is writing into this folder (waited ${LOCK_WAIT_MS / 1000} s); remove the lock file if no process is`,
          { cause: e },
        );
      sleep(POLL_MS);
    }
  }
  try {
    try {
      writeSync(fd, `${process.pid}\n${hostname()}\n`);
    } finally {
      closeSync(fd);
    }
    return body();
  } finally {
    rmSync(path, { force: true });
  }
}
