/** The JSON report: stable, documented fields for scripts (see README, "CLI"). */
import type { CheckReport } from './check-command.js';

export const JSON_REPORT_VERSION = 1;

export function formatJson(report: CheckReport): string {
  const json = {
    version: JSON_REPORT_VERSION,
    summary: {
      files: report.files.length,
      errors: report.counts.error,
      warnings: report.counts.warning,
      infos: report.counts.info,
      hints: report.counts.hint,
      unreadable: report.problems.length,
    },
    project: report.project
      ? { root: report.project.root, foundBy: report.project.foundBy, config: report.project.config ?? null }
      : null,
    files: report.files.map((f) => ({
      path: f.relativePath,
      suppressed: (f.suppressed ?? []).map((x) => ({
        code: x.code,
        message: x.message,
        line: x.line,
        suppressedAt: x.suppressedAt,
        reason: x.reason,
      })),
      diagnostics: f.diagnostics.map((d) => ({
        severity: d.severity,
        code: d.code ?? null,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      })),
    })),
    unreadable: report.problems.map((p) => ({ path: p.relativePath, message: p.message })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
