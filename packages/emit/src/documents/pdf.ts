/**
 * The PDF form, with pdfkit: pure JavaScript (runs in the CLI and the extension host alike),
 * embeds TrueType fonts as subsets with a ToUnicode map (so Japanese text is searchable), and
 * writes byte-identical files when its dates are fixed. Charts arrive as SVG and are drawn as
 * PDF vector paths by svg-to-pdfkit.
 *
 * Every page carries the control header (number, revision, status, page x of y), the
 * "uncontrolled when printed" notice and the trace line (source, its SHA-256, tool version);
 * pages of a document that is not released carry a watermark. Page decorations are drawn after
 * the content, on buffered pages, because "of y" is known only at the end.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { documentFonts } from './fonts.js';
import {
  identityLine,
  KIND_LABEL,
  traceLine,
  UNCONTROLLED_NOTICE,
  watermarkOf,
  type Block,
  type ControlledDocument,
  type Section,
} from './model.js';

const MARGIN = { top: 64, bottom: 64, left: 50, right: 50 };
const FONT = 'body';
const BOLD = 'bold';
/** The CreationDate of a document without an effective date: fixed, so rebuilds are byte-identical. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

type Doc = InstanceType<typeof PDFDocument>;

export async function renderPdf(docModel: ControlledDocument): Promise<Uint8Array> {
  const fonts = documentFonts();
  const c = docModel.control;
  const created =
    c.effective && /^\d{4}-\d{2}-\d{2}$/.test(c.effective) ? new Date(`${c.effective}T00:00:00Z`) : FIXED_DATE;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    font: fonts.parsed.regular as unknown as string, // pdfkit takes a parsed fontkit font too; its types say only a path
    lang: 'ja',
    displayTitle: true,
    info: {
      Title: `${c.number} ${c.title}`,
      Subject: `${KIND_LABEL[docModel.kind]}, ${identityLine(c)}`,
      Author: c.author ?? '',
      Keywords: `${c.number}; revision ${c.revision}; ${c.status}; source sha256 ${docModel.trace.sourceHash}`,
      Creator: `cellspec ${docModel.trace.toolVersion}`,
      Producer: `cellspec ${docModel.trace.toolVersion} (pdfkit)`,
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT, fonts.parsed.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.parsed.bold as unknown as Buffer);
  doc.font(FONT);

  doc
    .font(BOLD)
    .fontSize(16)
    .text(c.title, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor('#444')
    .text(`${KIND_LABEL[docModel.kind]} · ${identityLine(c)}`);
  doc.fillColor('black').moveDown(0.8);
  for (const s of docModel.sections) section(doc, s, 1);

  decoratePages(doc, docModel);
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function section(doc: Doc, s: Section, level: number): void {
  const size = level === 1 ? 12.5 : 10.5;
  ensureRoom(doc, 110); // a heading never ends a page: it keeps a table header and a row or two with it
  doc.x = MARGIN.left;
  doc.moveDown(level === 1 ? 0.8 : 0.4);
  doc
    .font(BOLD)
    .fontSize(size)
    .text(s.title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  if (level === 1) {
    const y = doc.y + 1;
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + contentWidth(doc), y)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
  }
  doc.outline.addItem(s.title);
  doc.moveDown(0.4);
  doc.font(FONT).fontSize(9);
  for (const b of s.blocks) block(doc, b);
  for (const sub of s.subsections ?? []) section(doc, sub, level + 1);
}

function block(doc: Doc, b: Block): void {
  doc.x = MARGIN.left;
  switch (b.type) {
    case 'paragraph':
    case 'note':
      doc
        .font(FONT)
        .fontSize(9)
        .fillColor(b.type === 'note' ? '#555' : 'black');
      doc.text(b.text, MARGIN.left, doc.y, { width: contentWidth(doc) });
      doc.fillColor('black').moveDown(0.5);
      return;
    case 'list':
      doc.font(FONT).fontSize(9);
      for (const item of b.items) {
        ensureRoom(doc, 12);
        const y = doc.y;
        doc.text('•', MARGIN.left + 4, y, { width: 10 });
        doc.text(item, MARGIN.left + 16, y, { width: contentWidth(doc) - 16 });
        doc.moveDown(0.15);
      }
      doc.x = MARGIN.left;
      doc.moveDown(0.4);
      return;
    case 'fields':
      table(doc, undefined, b.rows, [1.1, 2.9], []);
      return;
    case 'table':
      table(doc, b.columns, b.rows, b.widths ?? b.columns.map(() => 1), b.numeric ?? []);
      return;
    case 'figure':
      figure(doc, b);
      return;
  }
}

const PAD = 3;
const TABLE_FONT_SIZE = 8;

function table(
  doc: Doc,
  columns: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  numeric: readonly number[],
): void {
  const total = widths.reduce((a, w) => a + w, 0);
  const colWidths = widths.map((w) => (w / total) * contentWidth(doc));
  const heightOf = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(TABLE_FONT_SIZE);
    return (
      Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: colWidths[i]! - 2 * PAD }))) + 2 * PAD
    );
  };
  const drawRow = (cells: readonly string[], header: boolean, firstColumnHeader: boolean) => {
    const h = heightOf(cells, header ? BOLD : FONT);
    let x = MARGIN.left;
    const y = doc.y;
    cells.forEach((text, i) => {
      const w = colWidths[i]!;
      const shaded = header || (firstColumnHeader && i === 0);
      if (shaded)
        doc
          .rect(x, y, w, h)
          .fillColor(header ? '#e8e8e8' : '#f4f4f4')
          .fill();
      doc.rect(x, y, w, h).lineWidth(0.4).strokeColor('#999').stroke();
      doc
        .fillColor('black')
        .font(header ? BOLD : FONT)
        .fontSize(TABLE_FONT_SIZE)
        .text(text, x + PAD, y + PAD, {
          width: w - 2 * PAD,
          align: !header && numeric.includes(i) ? 'right' : 'left',
        });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const fits = (cells: readonly string[]) => doc.y + heightOf(cells, FONT) <= bottom(doc);
  if (columns) {
    ensureRoom(doc, heightOf(columns, BOLD) + (rows[0] ? heightOf(rows[0], FONT) : 0));
    drawRow(columns, true, false);
  }
  for (const row of rows) {
    if (!fits(row)) {
      doc.addPage();
      if (columns) drawRow(columns, true, false); // the header again on every page of the table
    }
    drawRow(row, false, columns === undefined);
  }
  doc.moveDown(0.6);
}

function figure(doc: Doc, b: Extract<Block, { type: 'figure' }>): void {
  // SVG pixels at 96 per inch are 0.75 pt; shrink to the text width when wider.
  const width = Math.min(contentWidth(doc), b.width * 0.75);
  const height = (b.height / b.width) * width;
  ensureRoom(doc, height + 20);
  const x = MARGIN.left + (contentWidth(doc) - width) / 2;
  const y = doc.y;
  SVGtoPDF(doc, b.svg, x, y, {
    width,
    height,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family: string, bold: boolean) => (bold ? BOLD : FONT),
  });
  doc.x = MARGIN.left;
  doc.y = y + height + 4;
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor('#333')
    .text(b.caption, MARGIN.left, doc.y, {
      width: contentWidth(doc),
      align: 'center',
    });
  doc.fillColor('black').moveDown(0.8);
}

function decoratePages(doc: Doc, model: ControlledDocument): void {
  const range = doc.bufferedPageRange();
  const mark = watermarkOf(model.control.status);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Text in the margins must not trigger pdfkit's automatic page break.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const inner = width - MARGIN.left - MARGIN.right;
    doc.font(FONT).fontSize(8).fillColor('#333');
    doc.text(identityLine(model.control), MARGIN.left, 30, { width: inner * 0.75, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, 30, { width: inner, align: 'right' });
    doc
      .moveTo(MARGIN.left, 44)
      .lineTo(width - MARGIN.right, 44)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
    doc
      .moveTo(MARGIN.left, height - 52)
      .lineTo(width - MARGIN.right, height - 52)
      .stroke();
    doc.fontSize(7).fillColor('#333');
    doc.text(UNCONTROLLED_NOTICE, MARGIN.left, height - 47, { width: inner, lineBreak: false });
    doc.text(traceLine(model.trace), MARGIN.left, height - 37, { width: inner, lineBreak: false });
    if (mark) {
      doc.save();
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      doc.font(BOLD).fontSize(90).fillColor('#c00000').fillOpacity(0.12);
      doc.text(mark, 0, height / 2 - 55, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.page.margins.bottom = savedBottom;
    doc.fillColor('black').fillOpacity(1);
  }
}
