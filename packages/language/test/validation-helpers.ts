/**
 * Builds in-memory workspaces through the shared services (EmptyFileSystem), as the language
 * server and the CLI do, and returns each file's diagnostics. One helper for every validation test.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createCellSpecServices } from '../src/index.js';

export interface BuiltFile {
  readonly path: string;
  readonly document: LangiumDocument;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * One set of services for all tests: building Langium's parser is the expensive part of a first
 * build (about half a second), so each call uses a fresh folder URI in the same workspace and
 * removes its documents afterwards. The built-in library stays loaded, as in an editor session.
 */
let services: ReturnType<typeof createCellSpecServices> | undefined;
let workspaceCount = 0;

/** Builds the given files (path → text, paths relative to one workspace folder) with validation. */
export async function buildWorkspace(files: Readonly<Record<string, string>>): Promise<BuiltFile[]> {
  services ??= createCellSpecServices(EmptyFileSystem);
  const { shared } = services;
  const root = `file:///workspace-${++workspaceCount}/`;
  const documents = Object.entries(files).map(([path, text]) => {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(root + path));
    shared.workspace.LangiumDocuments.addDocument(document);
    return { path, document };
  });
  await shared.workspace.DocumentBuilder.build(
    documents.map((d) => d.document),
    { validation: true },
  );
  const result = documents.map(({ path, document }) => ({
    path,
    document,
    diagnostics: [...(document.diagnostics ?? [])],
  }));
  await shared.workspace.DocumentBuilder.update(
    [],
    documents.map((d) => d.document.uri),
  );
  return result;
}

/** Diagnostics of one spec text, for one-file tests. */
export async function diagnosticsOf(text: string): Promise<readonly Diagnostic[]> {
  const [file] = await buildWorkspace({ 'spec.cellspec': text });
  return file!.diagnostics;
}

/** `code@line: message`, 1-based lines, for readable assertions and failure output. */
export function summarize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (d) => `${severityName(d.severity)} ${String(d.code ?? '?')}@${d.range.start.line + 1}: ${d.message}`,
  );
}

export function severityName(severity: number | undefined): 'error' | 'warning' | 'info' | 'hint' {
  return severity === 2 ? 'warning' : severity === 3 ? 'info' : severity === 4 ? 'hint' : 'error';
}
