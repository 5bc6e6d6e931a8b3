/**
 * The text report, one finding per block, in the `file:line:col severity message [code]` form
 * editors and CI logs turn into links, followed by the source line and a caret under the range:
 *
 *   examples/sb21.cellspec:12:5 error cathode composition sums to 97 wt%, must be 100 wt% [composition-sum]
 *      12 |     composition { NCM811: 75 wt%, Li6PS5Cl: 19 wt%, VGCF: 3 wt% }
 *         |     ^~~~~~~~~~~
 */
import type { FileDiagnostic } from '@cellspec/language';
import type { CheckReport, CheckedFile } from './check-command.js';
import { UNREADABLE_INPUT } from './rules.js';
import { printable, printableSource } from '../printable.js';

export function formatText(report: CheckReport): string {
  const out: string[] = [];
  for (const p of report.problems)
    out.push(`${printable(p.relativePath)}: error ${printable(p.message)} [${UNREADABLE_INPUT}]\n`);
  for (const file of report.files) {
    const lines = file.text.split(/\r\n|\r|\n/);
    for (const d of file.diagnostics) out.push(formatDiagnostic(file, d, lines));
  }
  out.push(summary(report));
  // Which configuration was used, when the project has one; and what it silenced.
  if (report.project?.config)
    out.push(`config: ${printable(report.project.config)} (project root ${printable(report.project.root)})\n`);
  const suppressed = report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  if (suppressed > 0)
    out.push(`${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed by comments (--format json lists them)\n`);
  return out.join('');
}

/**
 * A quoted source line longer than this is cut to a window around the range (marked with `…`):
 * one 23,000-character line with 2,400 findings printed 56 MB and took 11 s, most of it in GC.
 */
const QUOTE_WIDTH = 160;
/** How much of the line before the range a cut quote keeps. */
const QUOTE_LEAD = 40;

function formatDiagnostic(file: CheckedFile, d: FileDiagnostic, lines: readonly string[]): string {
  const head = `${printable(file.relativePath)}:${d.line}:${d.column} ${d.severity} ${printable(d.message)}${d.code ? ` [${printable(d.code)}]` : ''}\n`;
  const raw = lines[d.line - 1];
  if (raw === undefined) return head;
  const gutter = String(d.line).padStart(5);
  const rawStart = Math.min(d.column - 1, raw.length);
  const rawEnd =
    d.endLine === d.line
      ? Math.max(Math.min(d.endColumn - 1, raw.length), rawStart + 1)
      : Math.max(raw.length, rawStart + 1);
  const from = raw.length > QUOTE_WIDTH ? Math.max(0, rawStart - QUOTE_LEAD) : 0;
  const to = Math.min(raw.length, from + QUOTE_WIDTH);
  const lead = from > 0 ? '…' : '';
  const source = `${lead}${printableSource(raw.slice(from, to))}${to < raw.length ? '…' : ''}`;
  const start = lead.length + rawStart - from;
  const end = lead.length + Math.min(rawEnd, to) - from;
  const caret = `${indentLike(source.slice(0, start))}^${'~'.repeat(Math.max(0, displayWidth(source.slice(start, end)) - 1))}`;
  return `${head}${gutter} | ${source}\n${' '.repeat(gutter.length)} | ${caret}\n`;
}

/** Whitespace as wide on screen as `prefix`: tabs kept, wide (CJK) characters as two spaces. */
function indentLike(prefix: string): string {
  let result = '';
  for (const ch of prefix) result += ch === '\t' ? '\t' : ' '.repeat(charWidth(ch));
  return result;
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

// East Asian wide and fullwidth characters take two terminal columns (Japanese titles and notes).
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

function summary(report: CheckReport): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(report.counts.error, 'error'), plural(report.counts.warning, 'warning')];
  if (report.counts.info > 0) parts.push(plural(report.counts.info, 'note'));
  if (report.problems.length > 0) parts.push(`${plural(report.problems.length, 'input')} not readable`);
  return `${plural(report.files.length, 'file')} checked: ${parts.join(', ')}\n`;
}
