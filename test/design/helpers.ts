/**
 * One helper per editor feature of the design calculator, all through the real language services
 * on an in-memory workspace: diagnostics, inlay hints, hover, code actions (with the edit
 * applied), code lenses.
 */
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { createCellSpecServices } from '../../packages/language/src/index.js';
import type { CellSpecServices } from '../../packages/language/src/cellspec-module.js';
import { documentDesigns } from '../../packages/language/src/lsp/cell-design.js';

export const DESIGN_CODES = new Set([
  'target-missed',
  'np-below-one',
  'se-percolation',
  'porosity-unreachable',
  'layer-thinner-than-particle',
  'design-inconsistent',
  'np-ratio-conflict',
  'winding-incomplete',
]);

export interface Built {
  readonly services: CellSpecServices;
  readonly document: LangiumDocument;
  readonly text: string;
}

/** Builds one spec (with validation) and returns its services and document. */
export async function build(text: string, path = 'spec.cellspec'): Promise<Built> {
  const { shared, CellSpec } = createCellSpecServices(EmptyFileSystem);
  const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///workspace/${path}`));
  shared.workspace.LangiumDocuments.addDocument(document);
  await shared.workspace.DocumentBuilder.build([document], { validation: true });
  return { services: CellSpec, document, text };
}

/** Design diagnostics as `severity code@line: message` (1-based lines). */
export function designDiagnostics(b: Built): string[] {
  return (b.document.diagnostics ?? [])
    .filter((d) => DESIGN_CODES.has(String(d.code)))
    .map((d) => `${d.severity === 1 ? 'error' : 'warning'} ${String(d.code)}@${d.range.start.line + 1}: ${d.message}`);
}

export function allDiagnostics(b: Built): readonly Diagnostic[] {
  return b.document.diagnostics ?? [];
}

/** Inlay hints as `line: label`. */
export async function hints(b: Built): Promise<string[]> {
  const provider = b.services.lsp.InlayHintProvider!;
  const lines = b.text.split('\n').length;
  const result = await provider.getInlayHints(b.document, {
    textDocument: { uri: b.document.uri.toString() },
    range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
  });
  return (result ?? []).map(
    (h) => `${h.position.line + 1}: ${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`,
  );
}

/** Hover markdown at the first `<|>` of the text. */
export async function hoverAt(textWithCursor: string): Promise<string | undefined> {
  const offset = textWithCursor.indexOf('<|>');
  const b = await build(textWithCursor.replace('<|>', ''));
  const position = b.document.textDocument.positionAt(offset);
  const hover = await b.services.lsp.HoverProvider!.getHoverContent(b.document, {
    textDocument: { uri: b.document.uri.toString() },
    position,
  });
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

/** Code actions on a 1-based line (whole line as the range), with the document's diagnostics. */
export async function codeActions(b: Built, line: number): Promise<CodeAction[]> {
  const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 1000 } };
  const diagnostics = allDiagnostics(b).filter((d) => d.range.start.line <= line - 1 && d.range.end.line >= line - 1);
  const result = await b.services.lsp.CodeActionProvider!.getCodeActions(b.document, {
    textDocument: { uri: b.document.uri.toString() },
    range,
    context: { diagnostics: [...diagnostics] },
  });
  return (result ?? []).filter(
    (a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

/** The text after applying a code action's edit to the document. */
export function applyAction(b: Built, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[b.document.uri.toString()] ?? [];
  return TextDocument.applyEdits(TextDocument.create('x', 'cellspec', 0, b.text), edits);
}

/** Design of a cell by name after building the text. */
export async function designOfText(text: string, name: string) {
  const b = await build(text);
  return documentDesigns(b.services, b.document).cells.find((c) => c.cell.name === name);
}

/** Code lenses as `line: title`. */
export async function lenses(b: Built): Promise<string[]> {
  const result = await b.services.lsp.CodeLensProvider!.provideCodeLens(b.document, {
    textDocument: { uri: b.document.uri.toString() },
  });
  return (result ?? []).map((l) => `${l.range.start.line + 1}: ${l.command?.title ?? ''}`);
}
