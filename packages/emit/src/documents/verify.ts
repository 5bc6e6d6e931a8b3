/**
 * `verify`: does a built document still match its sources and this tool? Read from the build
 * manifest beside the documents: each form's SHA-256 (an edited or replaced document), each
 * source file's SHA-256 (an edited source or import), and the tool version that built it.
 * Nothing is rebuilt, so verifying a folder of documents takes milliseconds.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE, sha256Hex, type DocumentManifest, type ManifestDocument } from './build.js';

export interface DocumentVerdict {
  readonly number: string;
  readonly revision: string;
  /** The folder of the manifest. */
  readonly folder: string;
  /** Empty when the document matches its sources and this tool. */
  readonly changes: readonly string[];
}

export interface VerifyResult {
  readonly verdicts: readonly DocumentVerdict[];
  /** Targets that are not a built document or a folder of them. */
  readonly problems: readonly string[];
}

function readManifest(folder: string): DocumentManifest | string {
  const path = join(folder, MANIFEST_FILE);
  if (!existsSync(path)) return `${folder}: no ${MANIFEST_FILE} (not a folder of documents built by cellspec build)`;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as DocumentManifest;
    if (parsed.generator !== 'cellspec' || !Array.isArray(parsed.documents))
      return `${path} is not a cellspec manifest`;
    return parsed;
  } catch (e) {
    return `${path} cannot be read: ${(e as Error).message}`;
  }
}

function hashOf(path: string): string | undefined {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return undefined;
  }
}

function verifyOne(doc: ManifestDocument, folder: string, builtBy: string, toolVersion: string): DocumentVerdict {
  const changes: string[] = [];
  for (const [name, recorded] of Object.entries(doc.files)) {
    const actual = hashOf(join(folder, name));
    if (actual === undefined) changes.push(`${name} is missing`);
    else if (actual !== recorded) changes.push(`${name} was changed after it was built`);
  }
  for (const source of doc.sources) {
    const actual = hashOf(resolve(folder, source.path));
    if (actual === undefined) changes.push(`source ${source.path} is missing`);
    else if (actual !== source.sha256) changes.push(`source ${source.path} changed since the build`);
  }
  if (builtBy !== toolVersion) changes.push(`built by cellspec ${builtBy}; this is cellspec ${toolVersion}`);
  return { number: doc.number, revision: doc.revision, folder, changes };
}

/**
 * Verifies every document of each target: a folder with a build manifest, or one document file
 * (any of its four forms) whose folder has one.
 */
export function verifyDocuments(targets: readonly string[], toolVersion: string): VerifyResult {
  const verdicts: DocumentVerdict[] = [];
  const problems: string[] = [];
  for (const target of targets) {
    let isFolder: boolean;
    try {
      isFolder = statSync(target).isDirectory();
    } catch {
      problems.push(`${target}: no such file or folder`);
      continue;
    }
    const folder = isFolder ? target : dirname(target);
    const manifest = readManifest(folder);
    if (typeof manifest === 'string') {
      problems.push(manifest);
      continue;
    }
    const docs = isFolder
      ? manifest.documents
      : manifest.documents.filter((d) => Object.keys(d.files).includes(basename(target)));
    if (docs.length === 0) {
      problems.push(`${target}: not a document listed in ${join(folder, MANIFEST_FILE)}`);
      continue;
    }
    for (const d of docs) verdicts.push(verifyOne(d, folder, manifest.toolVersion, toolVersion));
  }
  return { verdicts, problems };
}
