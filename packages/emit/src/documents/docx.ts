/**
 * The DOCX form, with the `docx` package (the maintained OOXML writer for Node). Header: number,
 * revision, status and, on a document that is not released, its status in large red letters
 * (Word has no portable watermark object); footer: "page x of y" as Word fields, the
 * "uncontrolled when printed" notice and the trace line. Figures are embedded as SVG with a
 * PNG rendering of the same SVG as the fallback (Word 2016 and later draw the SVG; LibreOffice
 * and older Word the PNG).
 *
 * Deterministic output: `docx` stamps the current time into `docProps/core.xml` and the zip
 * entries and draws relationship ids from `Math.random`; the package is therefore built with a
 * seeded `Math.random` and repacked with fixed dates (JSZip writes UTC DOS times).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { svgToPng } from './rasterize.js';
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

const FONT = 'Noto Sans JP';
/** A4 text width in twips (210 mm − 2 × 20 mm). */
const TEXT_WIDTH = Math.round((170 / 25.4) * 1440);
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export async function renderDocx(doc: ControlledDocument): Promise<Uint8Array> {
  const c = doc.control;
  // Bitmaps first (asynchronous WebAssembly), so the seeded build below runs without awaiting them.
  const pngs = new Map<string, Uint8Array>();
  for (const b of figuresOf(doc.sections)) pngs.set(b.svg, await svgToPng(b.svg, b.width));
  const built = await withSeededRandom(async () => {
    const mark = watermarkOf(c.status);
    const header = new Header({
      children: [
        new Paragraph({ children: [new TextRun({ text: identityLine(c), size: 16, color: '444444' })] }),
        ...(mark
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: `${mark} — not released`, bold: true, size: 32, color: 'C00000' })],
              }),
            ]
          : []),
      ],
    });
    const footer = new Footer({
      children: [
        new Paragraph({
          children: [
            new TextRun({ text: `${UNCONTROLLED_NOTICE}   Page `, size: 14 }),
            new TextRun({ children: [PageNumber.CURRENT], size: 14 }),
            new TextRun({ text: ' of ', size: 14 }),
            new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 14 }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: traceLine(doc.trace), size: 14, color: '444444' })] }),
      ],
    });
    const children: (Paragraph | Table)[] = [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: c.title })] }),
      new Paragraph({
        children: [new TextRun({ text: `${KIND_LABEL[doc.kind]} · ${identityLine(c)}`, color: '444444' })],
      }),
    ];
    for (const s of doc.sections) section(s, 1, children, pngs);
    const file = new Document({
      creator: `cellspec ${doc.trace.toolVersion}`,
      title: `${c.number} ${c.title}`,
      subject: identityLine(c),
      keywords: `${c.number}; revision ${c.revision}; source sha256 ${doc.trace.sourceHash}`,
      styles: {
        default: {
          document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT, cs: FONT }, size: 19 } },
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: 11906, height: 16838 },
              margin: { top: 1300, bottom: 1300, left: 1134, right: 1134, header: 500, footer: 500 },
            },
          },
          headers: { default: header },
          footers: { default: footer },
          children,
        },
      ],
    });
    return Packer.toBuffer(file);
  });
  return repack(built, c.effective);
}

type Figure = Extract<Block, { type: 'figure' }>;

function figuresOf(sections: readonly Section[]): Figure[] {
  return sections.flatMap((s) => [
    ...s.blocks.filter((b): b is Figure => b.type === 'figure'),
    ...figuresOf(s.subsections ?? []),
  ]);
}

function section(s: Section, level: number, out: (Paragraph | Table)[], pngs: ReadonlyMap<string, Uint8Array>): void {
  out.push(
    new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      keepNext: true,
      children: [new TextRun({ text: s.title })],
    }),
  );
  for (const b of s.blocks) block(b, out, pngs);
  for (const sub of s.subsections ?? []) section(sub, level + 1, out, pngs);
}

const para = (text: string, options: { italic?: boolean; color?: string } = {}) =>
  new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, ...options })] });

function block(b: Block, out: (Paragraph | Table)[], pngs: ReadonlyMap<string, Uint8Array>): void {
  switch (b.type) {
    case 'paragraph':
      out.push(para(b.text));
      return;
    case 'note':
      out.push(para(b.text, { italic: true, color: '555555' }));
      return;
    case 'list':
      for (const item of b.items) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
      return;
    case 'fields':
      out.push(table(undefined, b.rows, [1.1, 2.9], []));
      out.push(para(''));
      return;
    case 'table':
      out.push(table(b.columns, b.rows, b.widths ?? b.columns.map(() => 1), b.numeric ?? []));
      out.push(para(''));
      return;
    case 'figure': {
      // 96 px per inch → EMU via docx's pixel sizes; shrink to the text width.
      const maxPx = (TEXT_WIDTH / 1440) * 96;
      const scale = Math.min(1, maxPx / b.width);
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(b.svg, 'utf8'),
              fallback: { type: 'png', data: pngs.get(b.svg)! },
              transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) },
              altText: { title: b.caption, description: b.caption, name: b.caption },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: b.caption, size: 16 })] }),
      );
      return;
    }
  }
}

function table(
  columns: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  numeric: readonly number[],
): Table {
  const total = widths.reduce((a, w) => a + w, 0);
  const twips = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, i: number, header: boolean, shaded: boolean) =>
    new TableCell({
      width: { size: twips[i]!, type: WidthType.DXA },
      borders,
      ...(shaded ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: header ? 'E8E8E8' : 'F4F4F4' } } : {}),
      children: [
        new Paragraph({
          alignment: !header && numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, size: 16 })],
        }),
      ],
    });
  const tableRows: TableRow[] = [];
  if (columns)
    tableRows.push(new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, i, true, true)) }));
  for (const row of rows)
    tableRows.push(
      new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false, !columns && i === 0)) }),
    );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    rows: tableRows,
  });
}

/** Runs `build` with `Math.random` replaced by a fixed-seed generator (mulberry32), restored after. */
async function withSeededRandom<T>(build: () => Promise<T>): Promise<T> {
  const original = Math.random;
  let seed = 0x5eed;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return await build();
  } finally {
    Math.random = original;
  }
}

/** The package again with every entry dated `effective` (or a fixed date) and the core properties' dates set to it. */
async function repack(bytes: Uint8Array | Buffer, effective: string | undefined): Promise<Uint8Array> {
  const date = effective && /^\d{4}-\d{2}-\d{2}$/.test(effective) ? new Date(`${effective}T00:00:00Z`) : FIXED_DATE;
  const stamp = `${date.toISOString().slice(0, 19)}Z`;
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(source.files)) {
    const entry = source.files[name]!;
    if (entry.dir) continue;
    let data: Uint8Array | string = await entry.async('uint8array');
    if (name === 'docProps/core.xml')
      data = Buffer.from(data)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
