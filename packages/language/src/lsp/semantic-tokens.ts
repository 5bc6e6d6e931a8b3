/**
 * Semantic tokens: materials, cells, constants, property names, numbers, units and procedure
 * names get their own colours, whatever the TextMate grammar guesses. Standard LSP token types
 * only, so every theme colours them without client-side declarations:
 * material → class, cell/variant → struct, constant → variable (readonly), property and target
 * metric → property, parameter → parameter, number → number, unit (and the C of `C/20`) →
 * enumMember, procedure, process step and built-in OCP → function, test plan → namespace,
 * test → method.
 */
import type { AstNode, Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

const DECLARATION = SemanticTokenModifiers.declaration;

export class CellSpecSemanticTokenProvider extends AbstractSemanticTokenProvider {
  protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
    const named = (type: string, modifier?: string[]) =>
      acceptor({ node, property: 'name' as never, type, ...(modifier ? { modifier } : {}) });
    const ref = (property: string, reference: Reference | undefined) => {
      if (!reference) return;
      const type = referenceType(reference.ref);
      if (type)
        acceptor({
          node,
          property: property as never,
          type,
          ...(type === SemanticTokenTypes.variable ? { modifier: [SemanticTokenModifiers.readonly] } : {}),
        });
    };

    if (ast.isMaterial(node)) {
      named(SemanticTokenTypes.class, [DECLARATION]);
      ref('base', node.base);
      return;
    }
    if (ast.isConstant(node)) {
      named(SemanticTokenTypes.variable, [DECLARATION, SemanticTokenModifiers.readonly]);
      return;
    }
    if (ast.isCell(node)) {
      named(SemanticTokenTypes.struct, [DECLARATION]);
      return;
    }
    if (ast.isVariant(node)) {
      named(SemanticTokenTypes.struct, [DECLARATION]);
      ref('base', node.base);
      return;
    }
    if (ast.isLibraryHeader(node)) {
      named(SemanticTokenTypes.namespace, [DECLARATION]);
      return;
    }
    if (ast.isTestPlan(node)) {
      named(SemanticTokenTypes.namespace, [DECLARATION]);
      ref('cell', node.cell);
      return;
    }
    if (ast.isTest(node)) {
      named(SemanticTokenTypes.method, [DECLARATION]);
      return;
    }
    if (ast.isProcess(node)) {
      named(SemanticTokenTypes.namespace, [DECLARATION]);
      ref('cell', node.cell);
      return;
    }
    if (ast.isProcessStep(node)) {
      acceptor({ node, property: 'type', type: SemanticTokenTypes.function });
      return;
    }
    if (ast.isProcedureStep(node)) {
      named(SemanticTokenTypes.function);
      return;
    }
    if (ast.isAnalysis(node)) {
      if (node.name) named(SemanticTokenTypes.variable, [DECLARATION]);
      return;
    }
    if (ast.isOcp(node)) {
      if (node.builtin) acceptor({ node, property: 'builtin', type: SemanticTokenTypes.function });
      return;
    }
    if (ast.isOcpPoint(node)) {
      acceptor({ node, property: 'stoichiometry', type: SemanticTokenTypes.number });
      return;
    }

    if (ast.isProperty(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
      return;
    }
    if (ast.isTarget(node)) {
      acceptor({ node, property: 'metric', type: SemanticTokenTypes.property });
      return;
    }
    if (ast.isParameter(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter });
      return;
    }

    if (ast.isComponent(node)) {
      ref('material', node.material);
      ref('coating', node.coating);
      return;
    }
    if (ast.isCollector(node) || ast.isLayerFilm(node)) {
      ref('material', node.material);
      return;
    }
    if (ast.isSeparatorLayer(node)) {
      ref('material', node.material);
      ref('electrolyte', node.electrolyte);
      return;
    }
    if (ast.isReplace(node)) {
      ref('old', node.old);
      ref('new', node.new);
      return;
    }
    if (ast.isReference(node)) {
      ref('target', node.target);
      if (node.property) acceptor({ node, property: 'property', type: SemanticTokenTypes.property });
      return;
    }

    if (ast.isQuantityLiteral(node)) {
      acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
      if (node.unit) acceptor({ node, property: 'unit', type: SemanticTokenTypes.enumMember });
      return;
    }
    if (ast.isCRateLiteral(node)) {
      acceptor({ node, keyword: 'C', type: SemanticTokenTypes.enumMember });
      acceptor({ node, property: 'divisor', type: SemanticTokenTypes.number });
    }
  }
}

function referenceType(target: AstNode | undefined): string | undefined {
  if (ast.isMaterial(target)) return SemanticTokenTypes.class;
  if (ast.isConstant(target)) return SemanticTokenTypes.variable;
  if (ast.isCell(target) || ast.isVariant(target)) return SemanticTokenTypes.struct;
  return undefined;
}
