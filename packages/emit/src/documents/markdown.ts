/**
 * The Markdown form (CommonMark with GitHub tables): for review in a pull request. Figures are
 * the one thing text cannot hold; each is named with a pointer to the HTML and PDF forms.
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

/** Table cells: pipes escaped, line breaks flattened. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(doc: ControlledDocument): string {
  const c = doc.control;
  const mark = watermarkOf(c.status);
  const out: string[] = [
    `# ${c.title}`,
    '',
    `${KIND_LABEL[doc.kind]} · **${identityLine(c)}**`,
    '',
    ...(mark ? [`> **${mark}** — not a released document.`, ''] : []),
  ];
  for (const s of doc.sections) section(s, 2, out);
  out.push('---', '', `${UNCONTROLLED_NOTICE}`, '', `${traceLine(doc.trace)}`, '');
  return out.join('\n');
}

function section(s: Section, level: number, out: string[]): void {
  out.push(`${'#'.repeat(level)} ${s.title}`, '');
  for (const b of s.blocks) block(b, out);
  for (const sub of s.subsections ?? []) section(sub, level + 1, out);
}

function table(columns: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []) {
  const head = `| ${columns.map(cell).join(' | ')} |`;
  const rule = `|${columns.map((_, i) => (numeric.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function block(b: Block, out: string[]): void {
  switch (b.type) {
    case 'paragraph':
      out.push(b.text, '');
      return;
    case 'note':
      out.push(`_${b.text}_`, '');
      return;
    case 'list':
      out.push(...b.items.map((i) => `- ${i}`), '');
      return;
    case 'fields':
      out.push(...table(['Item', 'Value'], b.rows), '');
      return;
    case 'table':
      out.push(...table(b.columns, b.rows, b.numeric), '');
      return;
    case 'figure':
      out.push(`_Figure: ${b.caption} (drawn in the HTML and PDF forms)._`, '');
      return;
  }
}
