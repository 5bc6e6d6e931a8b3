/**
 * Completion. Langium offers keywords and cross-references (materials from this file, imported
 * files and the built-in library); cellspec narrows them to where the cursor is:
 *   - after a number and a space, units of the kinds the value accepts and nothing else
 *     (`loading 20 |` → mg/cm², mAh/cm²); right after the digits nothing, so Enter at the end
 *     of `loading 20` never accepts a unit nobody asked for;
 *   - at the start of a line in a block, the properties that block accepts (no `yield` inside
 *     an electrode, no `to` or `source` continuing the line above);
 *   - after `collector`, collector materials only;
 *   - templates (a whole cell, material, test plan…) only where their keyword may stand.
 */
import {
  AstUtils,
  CstUtils,
  GrammarAST,
  GrammarUtils,
  type AstNode,
  type AstNodeDescription,
  type AstNodeLocator,
  type LangiumDocument,
  type LangiumDocuments,
  type MaybePromise,
  type ReferenceInfo,
  type Stream,
} from 'langium';
import {
  DefaultCompletionProvider,
  type CompletionAcceptor,
  type CompletionContext,
  type CompletionValueItem,
  type LangiumServices,
  type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { KINDS, type QuantityKind } from '@cellspec/units';
import { BUILTIN_OCPS, PROCEDURES, builtinOcpNames, findProcedure, type ProcedureDefinition } from '@cellspec/physics';
import { isElectrode, isMaterial, isProcedureStep } from '../generated/ast.js';
import { PROPERTIES, type PropertyContext } from '../properties.js';
import { expectedKinds, propertyContextOf } from './expected-kinds.js';
import { TEMPLATES } from './templates.js';

/** Unit suggestions for a set of kinds: each kind's display unit first, then its other examples. */
export function unitsForKinds(kinds: readonly QuantityKind[]): Array<{ unit: string; kind: QuantityKind }> {
  const seen = new Set<string>();
  const result: Array<{ unit: string; kind: QuantityKind }> = [];
  for (const kind of kinds) {
    for (const unit of [KINDS[kind].display, ...KINDS[kind].examples]) {
      if (unit === '' || unit.startsWith('(') || seen.has(unit)) continue;
      seen.add(unit);
      result.push({ unit, kind });
    }
  }
  return result;
}

const UNIT_RULES = new Set(['Unit', 'UnitFactor', 'UnitAtom']);
/** Rules whose keywords continue a property's value (`to`, `±`, `activation`, `source "…"`), never start a line. */
const VALUE_CONTINUATION_RULES = new Set(['Property', 'Tolerance', 'Source']);
const ALL_KINDS = Object.keys(KINDS) as QuantityKind[];

export class CellSpecCompletionProvider extends DefaultCompletionProvider {
  private readonly documents: LangiumDocuments;
  private readonly locator: AstNodeLocator;

  constructor(services: LangiumServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.locator = services.workspace.AstNodeLocator;
  }

  protected override completionFor(
    context: CompletionContext,
    next: NextFeature,
    acceptor: CompletionAcceptor,
  ): MaybePromise<void> {
    const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name ?? '';
    const assigned = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment)?.feature;
    if (rule === 'ProcedureStep' && assigned === 'name') return this.completeProcedures(context, acceptor);
    if (rule === 'Ocp' && assigned === 'builtin') return this.completeBuiltinOcps(context, acceptor);
    if (rule === 'ParameterName') {
      const procedure = procedureAt(context);
      // Inside a named procedure its own parameters are the useful names; elsewhere names are free.
      if (procedure) {
        if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.$refText === 'ID')
          this.completeProcedureParameters(procedure, context, acceptor);
        return;
      }
    }
    if (UNIT_RULES.has(rule)) {
      // A unit's first tokens (UNIT, 'C', '%', '(') all land here; offer whole units once, for the UNIT.
      if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.$refText === 'UNIT')
        this.completeUnits(context, acceptor);
      return;
    }
    // After a number on the same line only its unit is offered (by the branch above).
    if (numberBefore(context)) return;
    return super.completionFor(context, next, acceptor);
  }

  /**
   * Whether to complete a next token glued to the one just typed. Langium does after any token
   * not ending in a letter, which after `20` or `mg/cm2` offers units and property names that
   * Enter at the end of the line would accept; here only after punctuation (`{`, `:`, `/`…).
   */
  protected override performNextTokenCompletion(
    _document: LangiumDocument,
    text: string,
    _offset: number,
    _end: number,
  ): boolean {
    return /[^\p{L}\p{N}_%²³°µ'"]$/u.test(text);
  }

  protected override completionForKeyword(
    context: CompletionContext,
    keyword: GrammarAST.Keyword,
    acceptor: CompletionAcceptor,
  ): MaybePromise<void> {
    const keywordRule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name ?? '';
    if (VALUE_CONTINUATION_RULES.has(keywordRule) && startsLine(context)) return;
    const template = TEMPLATES.find((t) => t.keyword === keyword.value);
    if (template && keywordRule !== 'PropertyName')
      acceptor(context, {
        label: template.keyword,
        labelDetails: { description: 'template' },
        kind: CompletionItemKind.Snippet,
        insertText: template.body,
        insertTextFormat: InsertTextFormat.Snippet,
        detail: template.description,
        sortText: '1',
      });
    const spec = PROPERTIES[keyword.value];
    if (spec && isPropertyNameKeyword(keyword)) {
      const block = blockContextAt(context);
      if (block === null || (block !== undefined && !spec.contexts.includes(block))) return;
      acceptor(context, {
        label: keyword.value,
        kind: CompletionItemKind.Property,
        detail:
          spec.kinds
            .map((k) => KINDS[k].display)
            .filter(Boolean)
            .join(' | ') || 'number',
        documentation: spec.doc,
        sortText: '0',
      });
      return;
    }
    return super.completionForKeyword(context, keyword, acceptor);
  }

  /** Materials of the kind the place expects (collectors at `collector`…) come first, each with its kind. */
  protected override createReferenceCompletionItem(
    description: AstNodeDescription,
    refInfo: ReferenceInfo,
    context: CompletionContext,
  ): CompletionValueItem {
    const item = super.createReferenceCompletionItem(description, refInfo, context);
    const material = this.materialOf(description);
    if (!material) return item;
    const expected = expectedMaterialKinds(refInfo);
    const fits = expected === undefined || expected.includes(material.kind);
    return { ...item, detail: material.kind, sortText: fits ? '0' : '2' };
  }

  /** After `collector` only collector materials (a material whose kind is not known yet is kept). */
  protected override getReferenceCandidates(
    refInfo: ReferenceInfo,
    context: CompletionContext,
  ): Stream<AstNodeDescription> {
    const candidates = super.getReferenceCandidates(refInfo, context);
    if (refInfo.container.$type !== 'Collector') return candidates;
    return candidates.filter((d) => {
      const material = this.materialOf(d);
      return material === undefined || material.kind === 'current-collector';
    });
  }

  private materialOf(description: AstNodeDescription) {
    if (description.type !== 'Material') return undefined;
    let node = description.node;
    if (!node) {
      const doc = this.documents.getDocument(description.documentUri);
      node = doc ? this.locator.getAstNode(doc.parseResult.value, description.path) : undefined;
    }
    return isMaterial(node) ? node : undefined;
  }

  private completeProcedures(context: CompletionContext, acceptor: CompletionAcceptor): void {
    for (const p of PROCEDURES) {
      acceptor(context, {
        label: p.name,
        kind: CompletionItemKind.Function,
        detail: p.standard ? `${p.title} (${p.standard})` : p.title,
        documentation: p.description,
        sortText: '0',
      });
    }
  }

  private completeProcedureParameters(
    procedure: ProcedureDefinition,
    context: CompletionContext,
    acceptor: CompletionAcceptor,
  ): void {
    for (const parameter of procedure.parameters) {
      acceptor(context, {
        label: parameter.name,
        insertText: `${parameter.name}: `,
        kind: CompletionItemKind.Field,
        detail: parameter.kind,
        documentation: parameter.doc,
        sortText: '0',
      });
    }
  }

  private completeBuiltinOcps(context: CompletionContext, acceptor: CompletionAcceptor): void {
    for (const name of builtinOcpNames()) {
      const fit = BUILTIN_OCPS[name];
      acceptor(context, {
        label: name,
        kind: CompletionItemKind.Function,
        ...(fit?.citation ? { detail: fit.citation } : {}),
        sortText: '0',
      });
    }
  }

  private completeUnits(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const literal = numberBefore(context);
    if (!literal) return; // inside a unit (after `/`): whole units would not fit
    // Right after the digits with nothing of a unit typed (`20|`): the editor asks on its own
    // while a number is typed, and Enter would accept the first unit.
    const text = context.textDocument.getText();
    if (context.tokenOffset === context.offset && !/[ \t]/.test(text.charAt(context.offset - 1))) return;
    const kinds = (literal && expectedKinds(literal)) ?? ALL_KINDS;
    unitsForKinds(kinds).forEach(({ unit, kind }, i) => {
      acceptor(context, {
        label: unit,
        kind: CompletionItemKind.Unit,
        detail: KINDS[kind].label,
        sortText: String(i).padStart(3, '0'),
      });
    });
  }
}

/** Whether the keyword is a property name (and not, say, the `thickness` of a target metric). */
function isPropertyNameKeyword(keyword: GrammarAST.Keyword): boolean {
  const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
  return rule === 'PropertyName' || rule === 'ReachPropertyName' || rule === 'PackPropertyName';
}

/** The literal whose number ends right before the token being completed, on the same line. */
function numberBefore(context: CompletionContext): AstNode | undefined {
  const root = context.document.parseResult.value.$cstNode;
  if (!root) return undefined;
  const text = context.textDocument.getText();
  let end = context.tokenOffset;
  while (end > 0 && /[ \t]/.test(text.charAt(end - 1))) end--;
  if (end === 0) return undefined;
  const leaf = CstUtils.findLeafNodeAtOffset(root, end - 1);
  return leaf && GrammarAST.isRuleCall(leaf.grammarSource) && leaf.grammarSource.rule.$refText === 'NUMBER'
    ? leaf.astNode
    : undefined;
}

/** Whether the token being completed is the first on its line. */
function startsLine(context: CompletionContext): boolean {
  const text = context.textDocument.getText();
  let start = context.tokenOffset;
  while (start > 0 && /[ \t]/.test(text.charAt(start - 1))) start--;
  return start === 0 || text.charAt(start - 1) === '\n' || text.charAt(start - 1) === '\r';
}

/** The named procedure whose parameter block holds the cursor. */
function procedureAt(context: CompletionContext): ProcedureDefinition | undefined {
  for (let node = context.node; node; node = node.$container) {
    if (!isProcedureStep(node)) continue;
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    const close = GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
    if (!open || open.end > context.offset || (close && close.offset < context.offset)) return undefined;
    return findProcedure(node.name);
  }
  return undefined;
}

/**
 * The property context of the innermost block whose braces enclose the cursor: null inside a
 * block that takes no properties, undefined when unknown (then nothing is filtered).
 */
function blockContextAt(context: CompletionContext): PropertyContext | null | undefined {
  for (let node = context.node; node; node = node.$container) {
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    if (!open || open.end > context.offset) continue;
    const close = GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
    if (close && close.offset < context.offset) continue;
    const ctx = propertyContextOf(node);
    if (ctx) return ctx;
    // A block that takes no properties (composition, targets, process steps…): none are offered.
    return null;
  }
  return undefined;
}

const ELECTRODE_MATERIALS: Readonly<Record<string, readonly string[]>> = {
  cathode: ['cathode-active', 'solid-electrolyte', 'liquid-electrolyte', 'conductive-additive', 'binder'],
  anode: ['anode-active', 'solid-electrolyte', 'liquid-electrolyte', 'conductive-additive', 'binder'],
};
const FILM_MATERIALS: Readonly<Record<string, readonly string[]>> = {
  packaging: ['packaging'],
  insulation: ['insulation'],
  tabs: ['current-collector'],
  interlayer: ['insulation', 'packaging', 'binder'],
  spacer: ['insulation', 'packaging'],
  can: ['packaging', 'current-collector', 'other'],
};

/**
 * The material kinds a reference expects, from where it stands. The container may be a
 * placeholder of the element being typed (only its type and container are known).
 */
function expectedMaterialKinds(refInfo: ReferenceInfo): readonly string[] | undefined {
  const container = refInfo.container as AstNode & Record<string, unknown>;
  const property = refInfo.property;
  switch (container.$type) {
    case 'Collector':
      return ['current-collector'];
    case 'Component': {
      if (property === 'coating') return ['coating'];
      const role = AstUtils.getContainerOfType(container, isElectrode);
      return ELECTRODE_MATERIALS[role?.role ?? ''] ?? [...new Set(Object.values(ELECTRODE_MATERIALS).flat())];
    }
    case 'SeparatorLayer':
      if (property === 'electrolyte') return ['liquid-electrolyte'];
      return container.type === 'separator'
        ? ['separator']
        : container.type === 'electrolyte-layer'
          ? ['solid-electrolyte']
          : ['solid-electrolyte', 'separator'];
    case 'LayerFilm':
      return FILM_MATERIALS[String(container.role)] ?? Object.values(FILM_MATERIALS).flat();
    case 'Material':
      return property === 'base' && typeof container.kind === 'string' ? [container.kind] : undefined;
    default:
      return undefined;
  }
}
