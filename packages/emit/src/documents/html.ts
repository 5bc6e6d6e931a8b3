/**
 * The self-contained HTML form: one file, inline stylesheet and inline SVG figures, no script and
 * no external resource, so it opens anywhere (and in the editor's preview) exactly as built.
 */
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

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body{font-family:"Noto Sans JP","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;font-size:10.5pt;color:#111;max-width:180mm;margin:0 auto;padding:12mm 8mm 20mm}
header.control{border-bottom:2px solid #222;margin-bottom:6mm}
header.control .identity{font-size:9pt;color:#444}
h1{font-size:16pt;margin:2mm 0}h2{font-size:12.5pt;margin:7mm 0 2mm;border-bottom:1px solid #aaa}h3{font-size:11pt;margin:5mm 0 2mm}
table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;font-size:9pt;table-layout:fixed}
th,td{border:1px solid #999;padding:1mm 1.5mm;vertical-align:top;overflow-wrap:anywhere;text-align:left}
th{background:#eee}td.num{text-align:right}
table.fields th{width:32%;background:#f4f4f4;font-weight:normal}
figure{margin:3mm 0 5mm;break-inside:avoid}figure svg{max-width:100%;height:auto}figcaption{font-size:9pt;color:#333}
p.note{color:#555;font-style:italic}
.watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:72pt;font-weight:bold;color:rgba(200,0,0,.12);transform:rotate(-30deg);pointer-events:none;z-index:10}
footer.trace{margin-top:10mm;border-top:1px solid #aaa;font-size:8pt;color:#444}
@media print{footer.trace{position:fixed;bottom:0;left:0;right:0;background:white}}
`;

export function renderHtml(doc: ControlledDocument): string {
  const c = doc.control;
  const mark = watermarkOf(c.status);
  const lang = /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.title) ? 'ja' : 'en';
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="cellspec ${escapeHtml(doc.trace.toolVersion)}">`,
    `<meta name="cellspec-source-sha256" content="${doc.trace.sourceHash}">`,
    `<title>${escapeHtml(`${c.number} ${c.title} (Rev. ${c.revision})`)}</title>`,
    `<style>${STYLE.trim()}</style>`,
    '</head>',
    '<body>',
    mark ? `<div class="watermark" aria-hidden="true">${mark}</div>` : '',
    '<header class="control">',
    `<div class="identity">${escapeHtml(KIND_LABEL[doc.kind])} · ${escapeHtml(identityLine(c))}</div>`,
    `<h1>${escapeHtml(c.title)}</h1>`,
    '</header>',
    ...doc.sections.map((s) => section(s, 2)),
    '<footer class="trace">',
    `<div>${escapeHtml(identityLine(c))} · ${escapeHtml(UNCONTROLLED_NOTICE)}</div>`,
    `<div>${escapeHtml(traceLine(doc.trace))}</div>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

function section(s: Section, level: number): string {
  return [
    `<section>`,
    `<h${level}>${escapeHtml(s.title)}</h${level}>`,
    ...s.blocks.map(block),
    ...(s.subsections ?? []).map((sub) => section(sub, level + 1)),
    `</section>`,
  ].join('\n');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<table class="fields">${b.rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
    case 'table': {
      const total = (b.widths ?? b.columns.map(() => 1)).reduce((a, w) => a + w, 0);
      const cols = (b.widths ?? b.columns.map(() => 1))
        .map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`)
        .join('');
      const numeric = new Set(b.numeric ?? []);
      const head = `<tr>${b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r.map((v, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<table><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${rows}</tbody></table>`;
    }
    case 'figure':
      return `<figure>${b.svg}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>`;
  }
}
