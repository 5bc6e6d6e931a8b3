/**
 * The language server's file system: Langium's Node provider, except that spec files are read
 * the way the CLI reads them (`safe-read.ts`): regular files only, within the size limit, strict
 * UTF-8. A file that cannot be read so is loaded as an empty document and its problem is kept
 * here, for the file-reference checks to report on that document (one error, at its start).
 */
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { readSpecFile } from './safe-read.js';

export class SafeNodeFileSystemProvider extends NodeFileSystemProvider {
  private readonly problems = new Map<string, string>();

  /** Why the file at `uri` was loaded empty, if it was. */
  problemOf(uri: URI): string | undefined {
    return this.problems.get(uri.toString());
  }

  override readFile(uri: URI): Promise<string> {
    return Promise.resolve(this.readFileSync(uri));
  }

  override readFileSync(uri: URI): string {
    const read = readSpecFile(uri.fsPath);
    if ('problem' in read) {
      this.problems.set(uri.toString(), read.problem);
      return '';
    }
    this.problems.delete(uri.toString());
    return read.text;
  }
}

export const SafeNodeFileSystem = { fileSystemProvider: () => new SafeNodeFileSystemProvider() };
