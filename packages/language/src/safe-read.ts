/**
 * Reading a spec (or a file a spec refers to) from disk, the one way the CLI and the language
 * server both use: only a regular file is read (a FIFO would block forever, a device such as
 * `/dev/zero` never ends), at most a size limit, as strict UTF-8 (a leading byte-order mark is
 * dropped). The file is opened non-blocking and checked on the open descriptor, so a file swapped
 * for a FIFO or a link to a device between a check and the read is still refused.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Largest spec file read: 4 MiB is about 11,000 generated cells, far above any real spec (the
 * programme's largest example is 9 KB). Larger files are refused before parsing, with a message
 * that says so, instead of exhausting the heap (35 MB once ended in a V8 out-of-memory abort).
 */
export const MAX_SPEC_FILE_BYTES = 4 * 1024 * 1024;

export type SafeRead = { readonly text: string } | { readonly problem: string };

/** What kind of file system object `stats` describes, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function tooLargeMessage(size: number, limit: number): string {
  return `the file is too large (${megabytes(size)}; at most ${megabytes(limit)} is read): split it into files that import one another`;
}

export function explainFsError(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return `${what}: permission denied`;
    case 'EISDIR':
      return `${what}: it is a folder`;
    case 'ELOOP':
      return `${what}: too many levels of symbolic links`;
    default:
      return `${what}: ${(error as Error)?.message ?? String(error)}`;
  }
}

/** The bytes of a regular file of at most `limit` bytes, or why not. */
export function readRegularFile(
  path: string,
  limit: number,
): { readonly bytes: Uint8Array } | { readonly problem: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: explainFsError(error, 'cannot read file') };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: `cannot read file: it is ${fileKind(stats)}; only regular files are read` };
    if (stats.size > limit) return { problem: tooLargeMessage(stats.size, limit) };
    // Read to the end, but never past the limit: the file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = limit + 1 - total;
      if (room <= 0) return { problem: tooLargeMessage(total, limit) };
      const chunk = Buffer.allocUnsafe(Math.min(room, 1 << 20));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { problem: tooLargeMessage(total, limit) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: explainFsError(error, 'cannot read file') };
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8 (a leading byte-order mark dropped), or says where the first invalid byte is. */
export function decodeUtf8(bytes: Uint8Array): SafeRead {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return { problem: `file is not valid UTF-8 (first invalid byte at offset ${offset}); save it as UTF-8` };
  }
}

/** Reads a spec file: a regular file, at most `limit` bytes, strict UTF-8. */
export function readSpecFile(path: string, limit = MAX_SPEC_FILE_BYTES): SafeRead {
  const read = readRegularFile(path, limit);
  return 'problem' in read ? read : decodeUtf8(read.bytes);
}

/**
 * The byte offset of the first sequence that is not UTF-8: the lenient decoder turns it into
 * U+FFFD, and the valid text before it re-encodes to exactly the bytes before it. A U+FFFD that is
 * really in the file (EF BF BD) is skipped.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const encoder = new TextEncoder();
  let from = 0;
  for (;;) {
    const index = text.indexOf('\uFFFD', from);
    if (index < 0) return bytes.length;
    const offset = encoder.encode(text.slice(0, index)).length;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    from = index + 1;
  }
}
