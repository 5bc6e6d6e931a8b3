/**
 * Hover. The provider finds the token under the cursor and what it names; the text comes from a
 * list of contributors, so other features (the design calculator's cell breakdown, test-plan
 * procedure expansions) add their sections without touching this file:
 *
 *   services.lsp.HoverContributors.add({ contribute: (ctx) => … })
 *
 * Contributions are joined in the order they were added, separated by a rule.
 */
import { CstUtils, type AstNode, type LangiumDocument, type LeafCstNode, type MaybePromise } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { CellSpecServices } from '../cellspec-module.js';
import { enclosingRuleCall } from './cst.js';
import { builtinHoverContributors } from './hover-contributors.js';

export interface HoverContext {
  readonly document: LangiumDocument;
  /** The token under the cursor. */
  readonly leaf: LeafCstNode;
  /** The AST node that owns the token. */
  readonly node: AstNode;
  /** The declaration the token names or refers to (a material, constant, cell…), if any. */
  readonly declaration?: AstNode | undefined;
  /** Whether the token refers to `declaration` rather than being its name. */
  readonly isReference: boolean;
}

export interface HoverContributor {
  /** Markdown about the token, or undefined when this contributor has nothing to say. */
  contribute(context: HoverContext): MaybePromise<string | undefined>;
}

/** The ordered list of hover contributors; the built-in ones come first. */
export class HoverContributors {
  private readonly contributors: HoverContributor[];

  constructor(initial: readonly HoverContributor[] = []) {
    this.contributors = [...initial];
  }

  add(contributor: HoverContributor): void {
    this.contributors.push(contributor);
  }

  get all(): readonly HoverContributor[] {
    return this.contributors;
  }
}

export function createHoverContributors(services: CellSpecServices): HoverContributors {
  return new HoverContributors(builtinHoverContributors(services));
}

export const HOVER_SEPARATOR = '\n\n---\n\n';

export class CellSpecHoverProvider implements HoverProvider {
  constructor(private readonly services: CellSpecServices) {}

  async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
    const context = this.contextAt(document, params);
    if (!context) return undefined;
    const sections: string[] = [];
    for (const contributor of this.services.lsp.HoverContributors.all) {
      try {
        const text = await contributor.contribute(context);
        if (text) sections.push(text);
      } catch (error) {
        // One failing section (a half-typed node it did not expect) must not hide the others.
        console.error('cellspec hover:', error);
      }
    }
    if (sections.length === 0) return undefined;
    return { contents: { kind: 'markdown', value: sections.join(HOVER_SEPARATOR) }, range: context.leaf.range };
  }

  /** The token under the cursor and the declaration it stands for. */
  contextAt(document: LangiumDocument, params: HoverParams): HoverContext | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(params.position);
    // The token under the mouse (units such as `%` included); on whitespace or punctuation, the
    // word just before it (a keyboard cursor right after a name).
    const nameRegexp = this.services.parser.GrammarConfig.nameRegexp;
    const under = CstUtils.findLeafNodeAtOffset(root, offset);
    const meaningful =
      under &&
      !under.hidden &&
      offset < under.end &&
      (nameRegexp.test(under.text.charAt(0)) || enclosingRuleCall(under, 'Unit'));
    const leaf = meaningful ? under : CstUtils.findDeclarationNodeAtOffset(root, offset, nameRegexp);
    if (!leaf || leaf.hidden || offset > leaf.end) return undefined;
    const declaration = this.services.references.References.findDeclarations(leaf)[0];
    const isReference = declaration !== undefined && declaration !== leaf.astNode;
    return { document, leaf, node: leaf.astNode, declaration, isReference };
  }
}
