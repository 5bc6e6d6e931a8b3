/**
 * Files in memory for tests that build a workspace: the builder can re-read a changed closed file
 * as it would from disk.
 */
import type { FileSystemNode, FileSystemProvider, URI } from 'langium';

export class MemoryFileSystem implements FileSystemProvider {
  constructor(readonly files: Map<string, string>) {}
  readFileSync(uri: URI): string {
    const text = this.files.get(uri.toString());
    if (text === undefined) throw new Error(`no file ${uri.toString()}`);
    return text;
  }
  async readFile(uri: URI): Promise<string> {
    return this.readFileSync(uri);
  }
  readBinarySync(uri: URI): Uint8Array {
    return new TextEncoder().encode(this.readFileSync(uri));
  }
  async readBinary(uri: URI): Promise<Uint8Array> {
    return this.readBinarySync(uri);
  }
  existsSync(uri: URI): boolean {
    return this.files.has(uri.toString());
  }
  async exists(uri: URI): Promise<boolean> {
    return this.existsSync(uri);
  }
  statSync(uri: URI): FileSystemNode {
    return { isFile: true, isDirectory: false, uri };
  }
  async stat(uri: URI): Promise<FileSystemNode> {
    return this.statSync(uri);
  }
  readDirectorySync(): FileSystemNode[] {
    return [];
  }
  async readDirectory(): Promise<FileSystemNode[]> {
    return [];
  }
}
