/**
 * A document set: every controlled document in four forms, the register of what was built
 * (HTML and CSV) and the build manifest (`documents.json`: per document its sources with their
 * SHA-256, the tool version and the SHA-256 of every file written). Everything here is a pure
 * function of its inputs: no clock, no random identifiers, stable ordering, so the same sources
 * and tool version give byte-identical files.
 */
import { createHash } from 'node:crypto';
import type { ProtocolFile } from '../protocols/common.js';
import { csvField } from '../csv.js';
import { renderDocx } from './docx.js';
import { escapeHtml, renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { STATUS_LABEL, type ControlledDocument } from './model.js';
import { renderPdf } from './pdf.js';

export const MANIFEST_FILE = 'documents.json';
export const REGISTER_HTML = 'register.html';
export const REGISTER_CSV = 'register.csv';
export const DOCUMENT_FORMATS = ['pdf', 'docx', 'html', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** One source file a document was built from. */
export interface SourceFile {
  /** Path relative to the output folder (how `verify` finds it again). */
  readonly path: string;
  readonly sha256: string;
}

/** The SHA-256 printed on a document: over its sources' paths and hashes, in the order given. */
export function combinedSourceHash(sources: readonly SourceFile[]): string {
  return sha256Hex(sources.map((s) => `${s.path}\0${s.sha256}\n`).join(''));
}

export interface ManifestDocument {
  readonly number: string;
  readonly title: string;
  readonly revision: string;
  readonly status: string;
  readonly effective: string | null;
  readonly approver: string | null;
  /** The source file as the build named it (relative to where it ran). */
  readonly source: string;
  readonly sourceHash: string;
  readonly sources: readonly SourceFile[];
  /** File name → SHA-256 of the four forms. */
  readonly files: Readonly<Record<string, string>>;
}

export interface DocumentManifest {
  readonly generator: 'cellspec';
  readonly toolVersion: string;
  readonly documents: readonly ManifestDocument[];
  /** The register's files, name → SHA-256. */
  readonly register: Readonly<Record<string, string>>;
}

/** A file-name-safe form of a document number (`SBS-CELL-021` stays as it is). */
export function documentFileStem(number: string): string {
  return number.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'document';
}

/** The four forms of one document. */
export async function renderDocumentFiles(
  doc: ControlledDocument,
  formats: readonly DocumentFormat[] = DOCUMENT_FORMATS,
): Promise<ProtocolFile[]> {
  const stem = documentFileStem(doc.control.number);
  const files: ProtocolFile[] = [];
  for (const format of formats) {
    const content =
      format === 'pdf'
        ? await renderPdf(doc)
        : format === 'docx'
          ? await renderDocx(doc)
          : format === 'html'
            ? renderHtml(doc)
            : renderMarkdown(doc);
    files.push({ name: `${stem}.${format}`, content });
  }
  return files;
}

const bytesOf = (f: ProtocolFile) => (typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content);

export function manifestEntry(
  doc: ControlledDocument,
  sources: readonly SourceFile[],
  files: readonly ProtocolFile[],
): ManifestDocument {
  const c = doc.control;
  return {
    number: c.number,
    title: c.title,
    revision: c.revision,
    status: c.status,
    effective: c.effective ?? null,
    approver: c.approver ?? null,
    source: doc.trace.source,
    sourceHash: doc.trace.sourceHash,
    sources,
    files: Object.fromEntries(files.map((f) => [f.name, sha256Hex(bytesOf(f))])),
  };
}

/** The register (HTML and CSV) and the manifest of a built set, sorted by document number. */
export function registerAndManifest(entries: readonly ManifestDocument[], toolVersion: string): ProtocolFile[] {
  const sorted = [...entries].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const html = registerHtml(sorted, toolVersion);
  const csv = registerCsv(sorted);
  const manifest: DocumentManifest = {
    generator: 'cellspec',
    toolVersion,
    documents: sorted,
    register: { [REGISTER_HTML]: sha256Hex(html), [REGISTER_CSV]: sha256Hex(csv) },
  };
  return [
    { name: REGISTER_HTML, content: html },
    { name: REGISTER_CSV, content: csv },
    { name: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` },
  ];
}

const REGISTER_COLUMNS = [
  'number',
  'title',
  'revision',
  'status',
  'effective',
  'approver',
  'source',
  'source_sha256',
] as const;

function registerRow(d: ManifestDocument): string[] {
  return [d.number, d.title, d.revision, d.status, d.effective ?? '', d.approver ?? '', d.source, d.sourceHash];
}

/** RFC 4180 with the formula guard (`csvField`); CRLF line ends. */
function registerCsv(entries: readonly ManifestDocument[]): string {
  return (
    [REGISTER_COLUMNS.join(','), ...entries.map((d) => registerRow(d).map(csvField).join(','))].join('\r\n') + '\r\n'
  );
}

function registerHtml(entries: readonly ManifestDocument[], toolVersion: string): string {
  const rows = entries
    .map((d) => {
      const stem = documentFileStem(d.number);
      const links = DOCUMENT_FORMATS.map((f) => `<a href="${escapeHtml(`${stem}.${f}`)}">${f.toUpperCase()}</a>`).join(
        ' ',
      );
      const cells = [
        d.number,
        d.title,
        d.revision,
        STATUS_LABEL[d.status as keyof typeof STATUS_LABEL] ?? d.status,
        d.effective ?? '—',
        d.approver ?? '—',
        d.source,
      ].map((v) => `<td>${escapeHtml(v)}</td>`);
      return `<tr>${cells.join('')}<td><code>${d.sourceHash.slice(0, 16)}</code></td><td>${links}</td></tr>`;
    })
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="ja">',
    '<head><meta charset="utf-8"><title>Document register</title>',
    '<style>body{font-family:"Noto Sans JP",sans-serif;font-size:10pt;margin:10mm}table{border-collapse:collapse}th,td{border:1px solid #999;padding:1mm 2mm;text-align:left;vertical-align:top}th{background:#eee}</style>',
    '</head><body>',
    `<h1>Document register</h1><p>${entries.length} document${entries.length === 1 ? '' : 's'}, built by cellspec ${escapeHtml(toolVersion)}.</p>`,
    '<table><thead><tr><th>Number</th><th>Title</th><th>Revision</th><th>Status</th><th>Effective</th><th>Approver</th><th>Source</th><th>Source SHA-256</th><th>Files</th></tr></thead>',
    `<tbody>\n${rows}\n</tbody></table>`,
    '</body></html>',
    '',
  ].join('\n');
}
