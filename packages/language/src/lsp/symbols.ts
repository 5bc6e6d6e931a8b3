/**
 * The outline: cells (and variants) with their format, electrodes, layers and blocks; materials;
 * processes with their steps; test plans with their tests and named procedures; constants,
 * libraries and document control. Properties are left out: the outline is for finding your
 * way, the hover and the preview show values.
 */
import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

export class CellSpecDocumentSymbolProvider implements DocumentSymbolProvider {
  getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
    const root = document.parseResult.value;
    return ast.isSpec(root) ? symbolsOf(root.elements) : [];
  }
}

function symbolsOf(nodes: readonly AstNode[]): DocumentSymbol[] {
  return nodes.map(symbolOf).filter((s): s is DocumentSymbol => s !== undefined);
}

function unquote(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.replace(/^"|"$/g, '');
}

interface Outline {
  name: string;
  kind: SymbolKind;
  detail?: string | undefined;
  nameNode?: CstNode | undefined;
  children?: readonly AstNode[];
}

function outlineOf(node: AstNode): Outline | undefined {
  const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
  if (ast.isCell(node))
    return { name: node.name, kind: SymbolKind.Class, detail: unquote(node.title), nameNode, children: node.members };
  if (ast.isVariant(node))
    return {
      name: node.name,
      kind: SymbolKind.Class,
      detail: `variant of ${node.base?.$refText ?? '?'}`,
      nameNode,
      children: node.members,
    };
  if (ast.isMaterial(node))
    return {
      name: node.name,
      kind: SymbolKind.Struct,
      detail: [node.kind, unquote(node.title)].filter(Boolean).join(' · '),
      nameNode,
    };
  if (ast.isConstant(node))
    return { name: node.name, kind: SymbolKind.Constant, detail: node.value?.$cstNode?.text, nameNode };
  if (ast.isLibraryHeader(node))
    return { name: node.name, kind: SymbolKind.Package, detail: unquote(node.title), nameNode };
  if (ast.isProcess(node))
    return { name: node.name, kind: SymbolKind.Module, detail: unquote(node.title), nameNode, children: node.members };
  if (ast.isProcessStep(node))
    return {
      name: node.type,
      kind: SymbolKind.Function,
      detail: unquote(node.title),
      nameNode: GrammarUtils.findNodeForProperty(node.$cstNode, 'type'),
    };
  if (ast.isEnvironment(node)) return { name: 'environment', kind: SymbolKind.Namespace };
  if (ast.isTestPlan(node))
    return {
      name: node.name,
      kind: SymbolKind.Module,
      detail: `for ${node.cell?.$refText ?? '?'}${node.title ? ` · ${unquote(node.title)}` : ''}`,
      nameNode,
      children: node.tests,
    };
  if (ast.isTest(node))
    return { name: node.name, kind: SymbolKind.Method, detail: unquote(node.title), nameNode, children: node.members };
  if (ast.isProcedureStep(node)) return { name: node.name, kind: SymbolKind.Function, detail: 'procedure', nameNode };
  if (ast.isLoopStep(node))
    return { name: `repeat ${node.count?.$cstNode?.text ?? ''}`.trim(), kind: SymbolKind.Array, children: node.steps };
  if (ast.isDocumentControl(node))
    return { name: 'document', kind: SymbolKind.File, detail: unquote(node.members.find(ast.isTextField)?.value) };
  if (ast.isFormat(node))
    return { name: `format ${node.type}${node.stacking ? ` ${node.stacking}` : ''}`, kind: SymbolKind.Property };
  if (ast.isElectrode(node))
    return { name: node.role, kind: SymbolKind.Field, children: node.members.filter(ast.isComposition) };
  if (ast.isComposition(node))
    return {
      name: 'composition',
      kind: SymbolKind.Array,
      detail: node.components.map((c) => c.material?.$refText).join(', '),
    };
  if (ast.isSeparatorLayer(node)) return { name: node.type, kind: SymbolKind.Field, detail: node.material?.$refText };
  if (ast.isLimits(node)) return { name: 'limits', kind: SymbolKind.Namespace };
  if (ast.isTargets(node)) return { name: 'targets', kind: SymbolKind.Namespace };
  if (ast.isAnalyses(node)) return { name: 'analyses', kind: SymbolKind.Namespace };
  if (ast.isThermal(node)) return { name: 'thermal', kind: SymbolKind.Namespace };
  if (ast.isReplace(node))
    return {
      name: `replace ${node.old?.$refText ?? '?'}`,
      kind: SymbolKind.Event,
      detail: `with ${node.new?.$refText ?? '?'}`,
    };
  return undefined;
}

function symbolOf(node: AstNode): DocumentSymbol | undefined {
  const outline = outlineOf(node);
  const cst = node.$cstNode;
  if (!outline || !cst || outline.name === '') return undefined;
  const children = outline.children ? symbolsOf(outline.children) : [];
  return {
    name: outline.name,
    kind: outline.kind,
    ...(outline.detail ? { detail: outline.detail } : {}),
    range: cst.range,
    selectionRange: (outline.nameNode ?? cst).range,
    ...(children.length > 0 ? { children } : {}),
  };
}
