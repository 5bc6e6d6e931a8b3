/**
 * Gives Langium's built-in diagnostics (lexing, parsing, linking) the stable cellspec codes, so
 * every diagnostic a user sees carries one (`syntax`, `unresolved-reference`).
 */
import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { Code } from './codes.js';

const BUILT_IN_CODES: Readonly<Record<string, string>> = {
  [DocumentValidator.LexingError]: Code.Syntax,
  [DocumentValidator.ParsingError]: Code.Syntax,
  [DocumentValidator.LinkingError]: Code.UnresolvedReference,
};

export class CellSpecDocumentValidator extends DefaultDocumentValidator {
  override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    for (const diagnostic of diagnostics) {
      const builtIn = (diagnostic.data as { code?: string } | undefined)?.code;
      if (diagnostic.code === undefined && builtIn && BUILT_IN_CODES[builtIn]) diagnostic.code = BUILT_IN_CODES[builtIn];
    }
    return diagnostics;
  }
}
