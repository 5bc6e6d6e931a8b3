/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an
 * annotation on the run and on the pull request's changed lines, with no code-scanning set-up
 * (which private repositories only have with GitHub Advanced Security).
 * Escaping per the runner's rules: in messages `%`, CR and LF; in properties also `:` and `,`.
 */
import type { FileDiagnostic } from '@cellspec/language';
import type { CheckReport } from './check-command.js';
import { UNREADABLE_INPUT } from './rules.js';

const COMMANDS: Record<FileDiagnostic['severity'], string> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  hint: 'notice',
};

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const p of report.problems) {
    lines.push(`::error file=${escapeProperty(p.relativePath)},title=${UNREADABLE_INPUT}::${escapeData(p.message)}`);
  }
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const props = [
        `file=${escapeProperty(file.relativePath)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        ...(d.code ? [`title=${escapeProperty(d.code)}`] : []),
      ];
      lines.push(`::${COMMANDS[d.severity]} ${props.join(',')}::${escapeData(d.message)}`);
    }
  }
  const c = report.counts;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(
    `cellspec: ${n(report.files.length, 'file')} checked, ${n(c.error, 'error')}, ${n(c.warning, 'warning')}${report.problems.length ? `, ${report.problems.length} not readable` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
