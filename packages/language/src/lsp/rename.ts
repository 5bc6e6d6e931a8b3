/**
 * Rename across files (Langium's default finds every reference in the workspace), refusing
 * names the language cannot hold and declarations of the built-in library, which no edit can
 * change. The refusal reaches the editor as a message in the engineer's words.
 */
import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ErrorCodes, ResponseError, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import type { CellSpecServices } from '../cellspec-module.js';
import { isBuiltinUri } from '../scoping/builtin-library.js';

export class CellSpecRenameProvider extends DefaultRenameProvider {
  private readonly lexer: CellSpecServices['parser']['Lexer'];

  constructor(services: CellSpecServices) {
    super(services);
    this.lexer = services.parser.Lexer;
  }

  override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
    const problem = this.checkNewName(params.newName) ?? this.checkTarget(document, params);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    return super.rename(document, params);
  }

  /** A valid name is exactly one identifier token for the language's own lexer. */
  private checkNewName(name: string): string | undefined {
    const { tokens, errors } = this.lexer.tokenize(name);
    if (errors.length === 0 && tokens.length === 1 && tokens[0]!.tokenType.name === 'ID') return undefined;
    if (errors.length === 0 && tokens.length === 1 && tokens[0]!.image === name)
      return `'${name}' is a word of the language and cannot be a name`;
    return `'${name}' is not a valid name: start with a letter, then letters, digits, '_' or '-'`;
  }

  private checkTarget(document: LangiumDocument, params: RenameParams): string | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findDeclarationNodeAtOffset(
      root,
      document.textDocument.offsetAt(params.position),
      this.grammarConfig.nameRegexp,
    );
    const target = leaf && this.references.findDeclarations(leaf)[0];
    if (target && isBuiltinUri(AstUtils.getDocument(target).uri)) {
      return `'${leaf.text}' comes from the built-in material library and cannot be renamed; declare your own material instead`;
    }
    return undefined;
  }
}
