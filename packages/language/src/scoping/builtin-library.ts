/**
 * The built-in standard material library, visible in every spec without an import.
 *
 * Its text is embedded at build time (`scripts/embed-library.mjs` writes
 * `standard-materials.generated.ts` from `lib/standard-materials.cellspec`) rather than read from
 * disk at start-up: the server and CLI bundles, a browser worker and tests on `EmptyFileSystem`
 * then see the same library, and no install layout can lose the file.
 */
import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { STANDARD_MATERIALS_TEXT } from './standard-materials.generated.js';

export const BUILTIN_SCHEME = 'builtin';
export const STANDARD_LIBRARY_URI = URI.parse(`${BUILTIN_SCHEME}:///standard-materials.cellspec`);

/** Whether a document or URI belongs to the built-in library (never reported to users as theirs). */
export function isBuiltinUri(uri: URI | string): boolean {
  return (typeof uri === 'string' ? URI.parse(uri) : uri).scheme === BUILTIN_SCHEME;
}

/** The built-in library document of a workspace, created and registered on first use. */
export function builtinLibraryDocument(shared: LangiumSharedCoreServices): LangiumDocument {
  const documents = shared.workspace.LangiumDocuments;
  const existing = documents.getDocument(STANDARD_LIBRARY_URI);
  if (existing) return existing;
  const document = shared.workspace.LangiumDocumentFactory.fromString(STANDARD_MATERIALS_TEXT, STANDARD_LIBRARY_URI);
  documents.addDocument(document);
  return document;
}
