/**
 * The SARIF 2.1.0 report, shaped for GitHub code scanning (`github/codeql-action/upload-sarif`):
 * one run whose driver lists a rule per diagnostic code, results with a rule id, a level, a
 * message and a physical location whose uri is relative to `%SRCROOT%` (the report base, which in
 * CI is the repository root). Columns are UTF-16 code units, as Langium counts them.
 * Reference: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { pathToFileURL } from 'node:url';
import type { FileDiagnostic } from '@cellspec/language';
import { CLI_NAME, CLI_VERSION } from '../cli.js';
import type { CheckReport } from './check-command.js';
import { ruleDescription, UNCODED, UNREADABLE_INPUT } from './rules.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const CELLSPEC_INFORMATION_URI = 'https://github.com/cellspec/cellspec';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVELS: Record<FileDiagnostic['severity'], SarifLevel> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(report: CheckReport): string {
  const ruleIndex = new Map<string, number>();
  const rules: {
    id: string;
    name: string;
    shortDescription: { text: string };
    defaultConfiguration: { level: SarifLevel };
  }[] = [];
  const ruleFor = (id: string, level: SarifLevel): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push({
        id,
        name: ruleName(id),
        shortDescription: { text: ruleDescription(id) },
        defaultConfiguration: { level },
      });
    }
    return index;
  };

  const results: object[] = [];
  for (const p of report.problems) {
    results.push({
      ruleId: UNREADABLE_INPUT,
      ruleIndex: ruleFor(UNREADABLE_INPUT, 'error'),
      level: 'error',
      message: { text: p.message },
      // GitHub code scanning needs a region with a start line on every result (rule GH1003).
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(p.relativePath), uriBaseId: SRCROOT },
            region: { startLine: 1 },
          },
        },
      ],
    });
  }
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const id = d.code ?? UNCODED;
      const level = LEVELS[d.severity];
      results.push({
        ruleId: id,
        ruleIndex: ruleFor(id, level),
        level,
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeUri(file.relativePath), uriBaseId: SRCROOT },
              region: {
                startLine: d.line,
                startColumn: d.column,
                endLine: d.endLine,
                endColumn: d.endLine === d.line ? Math.max(d.endColumn, d.column) : d.endColumn,
              },
            },
          },
        ],
      });
    }
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: CLI_NAME,
            informationUri: CELLSPEC_INFORMATION_URI,
            version: CLI_VERSION,
            semanticVersion: CLI_VERSION,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(report.base).href.replace(/\/?$/, '/')}` } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.problems.map((p) => ({
              level: 'error',
              message: { text: `${p.relativePath}: ${p.message}` },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `composition-sum` → `CompositionSum` (SARIF rule names are Pascal-case words by convention). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A relative path as a uri reference: segments percent-encoded, slashes kept. */
function encodeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}
