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
import { explainSyntaxError } from './syntax-messages.js';

const BUILT_IN_CODES: Readonly<Record<string, string>> = {
  [DocumentValidator.LexingError]: Code.Syntax,
  [DocumentValidator.ParsingError]: Code.Syntax,
  [DocumentValidator.LinkingError]: Code.UnresolvedReference,
};

export class CellSpecDocumentValidator extends DefaultDocumentValidator {
  private readonly keywords: ReadonlySet<string>;

  constructor(services: LangiumCoreServices) {
    super(services);
    // Keyword tokens are named by their text; the grammar's terminals are the other token types.
    const terminals = new Set(['ID', 'NUMBER', 'STRING', 'WS', 'ML_COMMENT', 'SL_COMMENT']);
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
    return quietDependents(document, diagnostics);
  }
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
    const cell = d.code === Code.DesignIncomplete ? cellAt(document, d.range.start) : undefined;
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
