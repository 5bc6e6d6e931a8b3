/**
 * Imports: `import "relative/path.cellspec"` makes the top-level declarations of that file
 * visible. Paths resolve against the importing file's folder; the `.cellspec` suffix may be left
 * out. Imports are not transitive: a file sees what it imports itself, plus the built-in library.
 */
import { UriUtils, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { isSpec, type Import } from '../generated/ast.js';
import { libraryCandidates } from './libraries.js';

export const CELLSPEC_SUFFIX = '.cellspec';

/** The URIs an import may name, most literal first. */
export function importCandidates(importer: URI, path: string): URI[] {
  const base = UriUtils.dirname(importer);
  const target =
    /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)
      ? URI.parse(path)
      : UriUtils.resolvePath(base, path);
  const candidates = path.endsWith(CELLSPEC_SUFFIX)
    ? [target]
    : [target, URI.parse(target.toString() + CELLSPEC_SUFFIX)];
  return [...candidates, ...libraryCandidates(path)];
}

const namedByParse = new WeakMap<object, readonly string[]>();

/**
 * Every URI (as a string) a document's imports may name, loaded or not. Asked of many documents
 * on every edit and build, so kept per parse (the AST root).
 */
export function importTargetUris(document: LangiumDocument): readonly string[] {
  const root = document.parseResult?.value;
  if (!root) return [];
  let named = namedByParse.get(root);
  if (!named) {
    named = importsOf(document).flatMap((imp) =>
      imp.path === undefined ? [] : importCandidates(document.uri, imp.path).map((uri) => uri.toString()),
    );
    namedByParse.set(root, named);
  }
  return named;
}

/** The loaded document an import names, or undefined when no such file is in the workspace. */
export function resolveImport(documents: LangiumDocuments, importer: URI, imp: Import): LangiumDocument | undefined {
  if (!imp.path) return undefined;
  for (const uri of importCandidates(importer, imp.path)) {
    const doc = documents.getDocument(uri);
    if (doc) return doc;
  }
  return undefined;
}

/** The imports written in a document (none for a document that failed to parse into a spec). */
export function importsOf(document: LangiumDocument): Import[] {
  const root = document.parseResult?.value;
  return isSpec(root) ? root.imports : [];
}

/** URIs (as strings) of the documents a document imports directly and that are loaded. */
export function importedUris(documents: LangiumDocuments, document: LangiumDocument): Set<string> {
  const uris = new Set<string>();
  for (const imp of importsOf(document)) {
    const target = resolveImport(documents, document.uri, imp);
    if (target && target.uri.toString() !== document.uri.toString()) uris.add(target.uri.toString());
  }
  return uris;
}

/** How a file is named in messages: relative to the file that mentions it where possible. */
export function relativeImportPath(from: URI, to: URI): string {
  if (from.scheme !== to.scheme) return to.toString();
  const rel = UriUtils.relative(UriUtils.dirname(from), to);
  return rel === '' ? UriUtils.basename(to) : rel;
}
