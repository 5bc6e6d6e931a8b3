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
import { isCell, isTestPlan, isVariant, type CellLike, type TestPlan } from '../generated/ast.js';
import type { CellSpecServices } from '../cellspec-module.js';
import type { Evaluator } from '../evaluate.js';
import { rootCauseOf, whereOf } from './root-causes.js';
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
  private readonly evaluator: Evaluator | undefined;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.shared = services.shared;
    this.evaluator = (services as Partial<CellSpecServices>).evaluation?.Evaluator;
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
    return applyProjectRules(
      document,
      quietDependents(document, diagnostics, this.evaluator),
      projectConfigOf(this.shared),
    );
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
 * One root cause, reported once. A value error (a unit typo) in a cell, or in a material it uses
 * in any file of the workspace, leaves its design incomplete and its test plans without currents;
 * those findings follow from the error, so they are not reported on their own: the cell's "design
 * incomplete" and model-readiness notes are replaced by one note saying why nothing was computed,
 * and a test plan of that cell (in this file or another) gets one "not computed because …" note
 * instead of its warnings and impossible ends.
 */
function quietDependents(document: LangiumDocument, diagnostics: Diagnostic[], evaluator?: Evaluator): Diagnostic[] {
  const root = document.parseResult.value;
  if (!root.$cstNode) return diagnostics;
  /** Per cell of this file: why it is not computed ("the error on line 12 (…)"). */
  const causes = new Map<string, { node: CellLike; text: string }>();
  for (const d of diagnostics) {
    if (d.severity !== 1 || !ROOT_CAUSES.has(String(d.code))) continue;
    const cell = cellAt(document, d.range.start);
    if (cell && !causes.has(cell.name))
      causes.set(cell.name, {
        node: cell,
        text: `the error on line ${d.range.start.line + 1} (${messageText(d).split(';')[0]!})`,
      });
  }
  const cells = AstUtils.streamAst(root).filter((n): n is CellLike => isCell(n) || isVariant(n));
  for (const cell of evaluator ? cells : []) {
    if (causes.has(cell.name)) continue;
    const cause = rootCauseOf(evaluator!, cell);
    if (cause) causes.set(cell.name, { node: cell, text: `the error ${whereOf(cause, document)} (${cause.message})` });
  }
  /** Per test plan of this file whose cell is not computed: the note it gets instead of its findings. */
  const plans = new Map<TestPlan, string>();
  for (const plan of AstUtils.streamAst(root).filter(isTestPlan)) {
    const cell = plan.cell?.ref;
    if (!cell) continue;
    const own = AstUtils.getDocument(cell) === document ? causes.get(cell.name)?.text : undefined;
    const foreign = own || !evaluator ? undefined : rootCauseOf(evaluator, cell);
    const text = own ?? (foreign ? `the error ${whereOf(foreign, document)} (${foreign.message})` : undefined);
    if (text) plans.set(plan, `not computed because cell ${cell.name} is not: ${text}`);
  }
  if (causes.size === 0 && plans.size === 0) return diagnostics;
  const out: Diagnostic[] = [];
  const quieted = new Set<string>();
  const quietedPlans = new Set<TestPlan>();
  for (const d of diagnostics) {
    // A cell whose values have an error: what it cannot compute, and what a model run of it would
    // need or assume, follow from that error.
    const dependent = d.code === Code.DesignIncomplete || d.code === Code.ModelReadiness;
    const cell = dependent ? cellAt(document, d.range.start) : undefined;
    if (cell && causes.has(cell.name)) {
      quieted.add(cell.name);
      continue;
    }
    // A plan of such a cell has no currents and no capacity to end a step on.
    const planDependent = d.code === Code.TestPlanIncomplete || d.code === Code.ImpossibleEnd;
    const plan = planDependent ? planAt(document, d.range.start) : undefined;
    if (plan && plans.has(plan)) {
      quietedPlans.add(plan);
      continue;
    }
    out.push(d);
  }
  for (const [name, cause] of causes) {
    if (!quieted.has(name)) continue;
    const range = GrammarUtils.findNodeForProperty(cause.node.$cstNode, 'name')?.range;
    if (!range) continue;
    out.push(note(range, `design figures of ${name} not computed because of ${cause.text}`));
  }
  for (const plan of quietedPlans) {
    const range = GrammarUtils.findNodeForProperty(plan.$cstNode, 'name')?.range;
    if (range) out.push(note(range, plans.get(plan)!));
  }
  return out;
}

function note(range: Diagnostic['range'], message: string): Diagnostic {
  return { range, severity: 3, code: Code.NotComputed, source: 'cellspec', message };
}

function planAt(document: LangiumDocument, position: Position): TestPlan | undefined {
  const root = document.parseResult.value.$cstNode;
  const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
  return leaf ? AstUtils.getContainerOfType(leaf.astNode, isTestPlan) : undefined;
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
