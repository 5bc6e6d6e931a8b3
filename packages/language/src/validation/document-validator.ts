/**
 * Gives Langium's built-in diagnostics (lexing, parsing, linking) the stable cellspec codes, so
 * every diagnostic a user sees carries one (`syntax`, `unresolved-reference`), and puts parser
 * errors into plain words (validation/syntax-messages.ts).
 */
import {
  DefaultDocumentValidator,
  DocumentValidator,
  type LangiumCoreServices,
  type LangiumDocument,
  type ValidationOptions,
} from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
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
    return diagnostics;
  }
}
