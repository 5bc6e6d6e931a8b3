/**
 * Every export the extension offers, in one table: protocols and the design report today,
 * specification documents (HTML, PDF, DOCX, Markdown) when their emitters arrive — each export
 * is an entry here plus its command in package.json. All of them write files, so all need a
 * trusted workspace.
 */
export interface ExportKind {
  readonly command: string;
  readonly title: string;
  readonly needsTrust: true;
}

export const EXPORTS: readonly ExportKind[] = [
  { command: 'cellspec.export.protocols', title: 'Export Test Protocols', needsTrust: true },
  { command: 'cellspec.export.report', title: 'Export Design Report', needsTrust: true },
];
