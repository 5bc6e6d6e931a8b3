/**
 * Gives Langium's built-in diagnostics (lexing, parsing, linking) the stable cellspec codes, so
 * every diagnostic a user sees carries one (`syntax`, `unresolved-reference`), and puts parser
 * errors into plain words (validation/syntax-messages.ts).
 */
import {
  AstUtils,
  CstUtils,
  GrammarUtils,
  DefaultDocumentValidator,
  DocumentValidator,
  type LangiumCoreServices,
  type LangiumDocument,
  type ValidationOptions,
} from 'langium';
import type { CancellationToken, Diagnostic, Position } from 'vscode-languageserver';
import { isCell, isVariant, type CellLike } from '../generated/ast.js';
import { Code } from './codes.js';
import { projectConfigOf, type ProjectConfig } from '../project.js';
import { findSuppressions, suppressionFor } from '../suppressions.js';
import { explainSyntaxError } from './syntax-messages.js';

const BUILT_IN_CODES: Readonly<Record<string, string>> = {
  [DocumentValidator.LexingError]: Code.Syntax,
  [DocumentValidator.ParsingError]: Code.Syntax,
  [DocumentValidator.LinkingError]: Code.UnresolvedReference,
};

export class CellSpecDocumentValidator extends DefaultDocumentValidator {
  private readonly keywords: ReadonlySet<string>;

  private readonly shared: LangiumCoreServices['shared'];

  constructor(services: LangiumCoreServices) {
    super(services);
    this.shared = services.shared;
    // Keyword tokens are named by their text; the grammar's terminals are the other token types.
    const terminals = new Set(['ID', 'UNIT', 'NUMBER', 'STRING', 'WS', 'ML_COMMENT', 'SL_COMMENT']);
    this.keywords = new Set(Object.keys(services.parser.Lexer.definition).filter((name) => !terminals.has(name)));
  }

  override async validateDocument(
    document: LangiumDocument,
    options?: ValidationOptions,
    cancelToken?: CancellationToken,
  ): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    for (const diagnostic of diagnostics) {
      const builtIn = (diagnostic.data as { code?: string } | undefined)?.code;
      if (diagnostic.code === undefined && builtIn && BUILT_IN_CODES[builtIn])
        diagnostic.code = BUILT_IN_CODES[builtIn];
      if (builtIn === DocumentValidator.ParsingError && typeof diagnostic.message === 'string') {
        diagnostic.message = explainSyntaxError(diagnostic.message, this.keywords);
      }
      if (builtIn === DocumentValidator.LinkingError && typeof diagnostic.message === 'string') {
        // For quick fixes: the import that would make the name visible, or the likely intended name.
        const importPath = /add: import "([^"]+)"/.exec(diagnostic.message)?.[1];
        const suggestion = /did you mean '([^']+)'\?/.exec(diagnostic.message)?.[1];
        diagnostic.data = {
          ...(diagnostic.data as object),
          ...(importPath ? { importPath } : {}),
          ...(suggestion ? { suggestion } : {}),
        };
      }
    }
    return applyProjectRules(document, quietDependents(document, diagnostics), projectConfigOf(this.shared));
  }
}

// ---- project rules and inline suppressions -----------------------------------------------------

/** What a suppression comment silenced in a document, for reports. */
export interface SuppressedFinding {
  readonly code: string;
  readonly message: string;
  /** 1-based line of the finding and of the comment that suppressed it. */
  readonly line: number;
  readonly suppressedAt: number;
  readonly reason: string;
}

const suppressedByDocument = new WeakMap<LangiumDocument, readonly SuppressedFinding[]>();

/** The findings suppressed in a document at its last validation. */
export function suppressedFindings(document: LangiumDocument): readonly SuppressedFinding[] {
  return suppressedByDocument.get(document) ?? [];
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/**
 * The project's rule severities (`cellspec.json` "rules": a code set to off is dropped, others
 * take the written severity), then inline suppressions; a suppression without a reason is
 * reported instead of applied. Syntax errors are never suppressed: the file would not mean what
 * it says.
 */
function applyProjectRules(
  document: LangiumDocument,
  diagnostics: Diagnostic[],
  config: ProjectConfig | undefined,
): Diagnostic[] {
  const rules = config?.rules ?? {};
  const suppressions = findSuppressions(document.textDocument.getText());
  const suppressed: SuppressedFinding[] = [];
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const code = typeof d.code === 'string' ? d.code : undefined;
    const rule = code ? rules[code] : undefined;
    if (rule === 'off' && code !== Code.Syntax) continue;
    if (rule && rule !== 'off' && code !== Code.Syntax) d.severity = SEVERITY[rule];
    const line = d.range.start.line + 1;
    const by = code && code !== Code.Syntax ? suppressionFor(suppressions, code, line) : undefined;
    if (by) {
      suppressed.push({ code: code!, message: String(d.message), line, suppressedAt: by.line, reason: by.reason! });
      continue;
    }
    kept.push(d);
  }
  for (const s of suppressions) {
    const range = { start: { line: s.line - 1, character: 0 }, end: { line: s.line - 1, character: 1000 } };
    if (s.reason === undefined)
      kept.push({
        severity: SEVERITY.warning,
        range,
        code: Code.Suppression,
        message: 'a suppression needs a reason: write it after `--` (cellspec-disable-next-line <code> -- why)',
        source: 'cellspec',
      });
    else if (s.codes.length === 0)
      kept.push({
        severity: SEVERITY.warning,
        range,
        code: Code.Suppression,
        message: 'a suppression must name the codes it silences (cellspec-disable-next-line <code> -- why)',
        source: 'cellspec',
      });
  }
  suppressedByDocument.set(document, suppressed);
  return kept;
}

/** Errors in a written value: what depends on the value cannot be computed, for this reason alone. */
const ROOT_CAUSES: ReadonlySet<string> = new Set([
  Code.UnitKind,
  Code.UnknownUnit,
  Code.UnitArithmetic,
  Code.UnresolvedReference,
  Code.Syntax,
]);

/**
 * One root cause, reported once. A value error in a cell (a unit typo) leaves its design
 * incomplete and its test plans without currents; those findings follow from the error, so they
 * are not reported on their own: the cell's "design incomplete" notes are replaced by one note
 * saying why nothing was computed, and a test plan of that cell says "not computed because …"
 * as a note instead of a warning.
 */
function quietDependents(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const root = document.parseResult.value;
  const causes = new Map<string, { node: CellLike; line: number; message: string }>();
  for (const d of diagnostics) {
    if (d.severity !== 1 || !ROOT_CAUSES.has(String(d.code))) continue;
    const cell = cellAt(document, d.range.start);
    if (cell && !causes.has(cell.name))
      causes.set(cell.name, { node: cell, line: d.range.start.line + 1, message: messageText(d).split(';')[0]! });
  }
  if (causes.size === 0 || !root.$cstNode) return diagnostics;
  const out: Diagnostic[] = [];
  const quieted = new Set<string>();
  for (const d of diagnostics) {
    // A cell whose values have an error: what it cannot compute, and what a model run of it would
    // need or assume, follow from that error.
    const dependent = d.code === Code.DesignIncomplete || d.code === Code.ModelReadiness;
    const cell = dependent ? cellAt(document, d.range.start) : undefined;
    if (cell && causes.has(cell.name)) {
      quieted.add(cell.name);
      continue;
    }
    const named = d.code === Code.TestPlanIncomplete ? /\bcell (\S+)/.exec(messageText(d))?.[1] : undefined;
    const cause = named ? causes.get(named) : undefined;
    if (cause) {
      out.push({
        ...d,
        severity: 3,
        code: Code.NotComputed,
        message: `not computed because of the error in cell ${named} on line ${cause.line} (${cause.message})`,
      });
      continue;
    }
    out.push(d);
  }
  for (const [name, cause] of causes) {
    if (!quieted.has(name)) continue;
    const range = GrammarUtils.findNodeForProperty(cause.node.$cstNode, 'name')?.range;
    if (!range) continue;
    out.push({
      range,
      severity: 3,
      code: Code.NotComputed,
      source: 'cellspec',
      message: `design figures of ${name} not computed because of the error on line ${cause.line} (${cause.message})`,
    });
  }
  return out;
}

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : (d.message as { value: string }).value;
}

function cellAt(document: LangiumDocument, position: Position): CellLike | undefined {
  const root = document.parseResult.value.$cstNode;
  if (!root) return undefined;
  const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
  if (!leaf) return undefined;
  return AstUtils.getContainerOfType(leaf.astNode, (n): n is CellLike => isCell(n) || isVariant(n));
}
