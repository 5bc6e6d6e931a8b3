/**
 * Material libraries imported by name: `import "acme-materials/cathodes"` is looked up, after the
 * path relative to the importing file, in each library folder the project configures
 * (`cellspec.json` "libraries"), so a company's shared `materials/` repository can be imported
 * from any spec without `../../` paths. Only bare names are looked up (not `./`, `../` or
 * absolute paths); the importing file's own folder always wins.
 *
 * The search paths belong to the project, one per process (a CLI run, a language server).
 */
import { URI } from 'langium';
import { join } from 'node:path';

const SUFFIX = '.cellspec';
let searchPaths: readonly string[] = [];

/** Sets the library folders (absolute paths) of the project. */
export function setLibrarySearchPaths(paths: readonly string[]): void {
  searchPaths = [...paths];
}

export function librarySearchPaths(): readonly string[] {
  return searchPaths;
}

/** The URIs a bare library name may name, in search-path order. */
export function libraryCandidates(path: string): URI[] {
  if (searchPaths.length === 0 || !isBareName(path)) return [];
  return searchPaths.flatMap((dir) => {
    const file = join(dir, path);
    return path.endsWith(SUFFIX) ? [URI.file(file)] : [URI.file(file), URI.file(file + SUFFIX)];
  });
}

function isBareName(path: string): boolean {
  return !/^(\.{1,2}[\\/]|[\\/]|[a-z][a-z0-9+.-]*:)/i.test(path) && !path.split(/[\\/]/).includes('..');
}
