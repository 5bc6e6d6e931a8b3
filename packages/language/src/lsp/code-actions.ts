/**
 * Quick fixes that solve the inverse design problem, and unit conversion:
 * - a missed N/P target: set the anode loading (or areal capacity, or thickness) that reaches it;
 * - a missed capacity target: set the cathode loading, or the electrode area, that reaches it;
 * - any written quantity: convert it to the unit cellspec shows for its kind (`0.2 kg/m2` →
 *   `20 mg/cm²`) or another common unit of the kind (refactor.rewrite);
 * - a missing property: add it with a typical, sourced value (`missing-property-fixes.ts`).
 * Every proposed value is verified by recomputing the design before it is offered.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import { formatQuantity, type QuantityKind } from '@cellspec/units';
import {
  anodeAmountForNp,
  areaForCapacity,
  cathodeAmountForCapacity,
  formatMetric,
  metricSpec,
  type ElectrodeQuantity,
  type TargetIR,
} from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isAreaOverride,
  isElectrodeArea,
  isProperty,
  isQuantityLiteral,
  type Dimensions,
  type Property,
  type QuantityLiteral,
  type Spec,
} from '../generated/ast.js';
import { PROPERTIES } from '../properties.js';
import { documentDesigns, electrodeNode, type CellDesignEntry } from './cell-design.js';
import { documentHistoryFixes } from './document-fixes.js';
import { fitResultActions } from './fit.js';
import { unitsForKinds } from './completion.js';
import { missingPropertyFixes } from './missing-property-fixes.js';

/** Significant figures of a proposed value: rounding moves the result by at most 5e-5 relative. */
const DIGITS = 5;

const KIND_OF: Record<ElectrodeQuantity, QuantityKind> = {
  loading: 'arealMass',
  arealCapacity: 'arealCapacity',
  thickness: 'length',
};
const PROPERTY_OF: Record<ElectrodeQuantity, readonly string[]> = {
  loading: ['loading'],
  arealCapacity: ['areal-capacity', 'loading'],
  thickness: ['thickness'],
};

export class CellSpecCodeActionProvider implements CodeActionProvider {
  constructor(private readonly services: CellSpecServices) {}

  getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const entry of documentDesigns(this.services, document).cells) {
      const range = entry.node.$cstNode?.range;
      if (!range || !overlaps(range, params.range)) continue;
      for (const t of entry.targets) {
        if (t.met || t.actual === undefined) continue;
        const diagnostics = params.context.diagnostics.filter(
          (d) => d.code === 'target-missed' && d.message === t.message,
        );
        if (t.target.metric === 'npRatio') actions.push(...this.npFixes(document, entry, t.target, diagnostics));
        if (t.target.metric === 'capacity') actions.push(...this.capacityFixes(document, entry, t.target, diagnostics));
      }
    }
    actions.push(...this.unitConversions(document, params.range));
    actions.push(...documentHistoryFixes(document, params));
    actions.push(...fitResultActions(this.services, document, params.range, overlaps));
    for (const diagnostic of params.context.diagnostics) {
      actions.push(...this.repairs(document, diagnostic));
      actions.push(...missingPropertyFixes(document, diagnostic));
    }
    return actions;
  }

  /**
   * Quick fixes read off a diagnostic: an unknown name → the nearest known one, or the import that
   * makes it visible; an unknown or wrong-kind unit → the units the property takes, the nearest
   * spelling first (the number is kept: a typo in a unit is far likelier than in both).
   */
  private repairs(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const data = (diagnostic.data ?? {}) as { suggestion?: string; importPath?: string };
    const out: CodeAction[] = [];
    if (diagnostic.code === 'unresolved-reference') {
      if (data.suggestion)
        out.push(
          quickFix(`Change to '${data.suggestion}'`, document, diagnostic.range, data.suggestion, [diagnostic], true),
        );
      if (data.importPath) {
        const at = importInsertion(document);
        out.push(
          quickFix(
            `Add import "${data.importPath}"`,
            document,
            at,
            `import "${data.importPath}"\n`,
            [diagnostic],
            !data.suggestion,
          ),
        );
      }
    }
    if (diagnostic.code === 'unknown-unit' || diagnostic.code === 'unit-kind') {
      const literal = literalAt(document, diagnostic.range);
      const property = literal && AstUtils.getContainerOfType(literal, isProperty);
      const kinds = property ? PROPERTIES[property.name]?.kinds : undefined;
      const unitNode = literal?.unit ? GrammarUtils.findNodeForProperty(literal.$cstNode, 'unit') : undefined;
      if (literal && kinds && unitNode) {
        const unitRange = unitNode.range;
        const written = unitNode.text;
        const units = unitsForKinds(kinds)
          .map((u) => u.unit)
          .filter((u) => u !== 'um')
          .sort((a, b) => editDistance(written, a) - editDistance(written, b))
          .slice(0, 3);
        units.forEach((unit, i) =>
          out.push(quickFix(`Change the unit to ${unit}`, document, unitRange, unit, [diagnostic], i === 0)),
        );
      }
    }
    return out;
  }

  private npFixes(
    document: LangiumDocument,
    entry: CellDesignEntry,
    target: TargetIR,
    diagnostics: Diagnostic[],
  ): CodeAction[] {
    const goal = goalOf(target);
    const answer = anodeAmountForNp(entry.cell, goal);
    if (!answer.ok) return [];
    const edit = this.amountEdit(document, entry, 'anode', answer.value.quantity, answer.value.value);
    if (!edit) return [];
    return [
      quickFix(
        `Set the anode ${label(answer.value.quantity)} to ${edit.text} for N/P ${formatMetric(metricSpec('npRatio')!, goal)}`,
        document,
        edit.range,
        edit.text,
        diagnostics,
        true,
      ),
    ];
  }

  private capacityFixes(
    document: LangiumDocument,
    entry: CellDesignEntry,
    target: TargetIR,
    diagnostics: Diagnostic[],
  ): CodeAction[] {
    const goal = goalOf(target);
    const shown = formatMetric(metricSpec('capacity')!, goal);
    const out: CodeAction[] = [];
    const amount = cathodeAmountForCapacity(entry.cell, goal);
    if (amount.ok) {
      const edit = this.amountEdit(document, entry, 'cathode', amount.value.quantity, amount.value.value);
      if (edit)
        out.push(
          quickFix(
            `Set the cathode ${label(amount.value.quantity)} to ${edit.text} for ${shown}`,
            document,
            edit.range,
            edit.text,
            diagnostics,
            true,
          ),
        );
    }
    // The area: the cathode's own `area` when written, else the cell's electrode area (both electrodes).
    const cathode = electrodeNode(entry.node, 'cathode');
    const override = cathode?.members.find(isAreaOverride);
    const cellArea = (entry.node.members as AstNode[]).find(isElectrodeArea);
    const dims: Dimensions | undefined = override?.size ?? cellArea?.size;
    if (dims) {
      const area = areaForCapacity(entry.cell, goal, override ? 'cathode' : 'both');
      const range = dims.height.$cstNode?.range;
      if (area.ok && range) {
        const text = formatQuantity(area.value.height, 'length', { unit: 'mm', digits: DIGITS });
        out.push(
          quickFix(
            `Set the ${override ? 'cathode' : 'electrode'} height to ${text} for ${shown}`,
            document,
            range,
            text,
            diagnostics,
            false,
          ),
        );
      }
    }
    return out;
  }

  /** The written loading / areal capacity / thickness of an electrode and its replacement text. */
  private amountEdit(
    document: LangiumDocument,
    entry: CellDesignEntry,
    role: 'cathode' | 'anode',
    quantity: ElectrodeQuantity,
    value: number,
  ): { range: Range; text: string } | undefined {
    const electrode = electrodeNode(entry.node, role);
    if (!electrode || AstUtils.getDocument(electrode) !== document) return undefined;
    const kind = KIND_OF[quantity];
    const prop = electrode.members.find(
      (m): m is Property =>
        isProperty(m) &&
        PROPERTY_OF[quantity].includes(m.name) &&
        this.services.evaluation.Evaluator.quantity(m.value, [kind]).ok,
    );
    const range = prop?.value.$cstNode?.range;
    if (!range) return undefined;
    return { range, text: formatQuantity(value, kind, { digits: DIGITS }) };
  }

  /** "Convert to mg/cm²" (and the kind's other common units) on a written quantity with a unit. */
  private unitConversions(document: LangiumDocument, range: Range): CodeAction[] {
    const out: CodeAction[] = [];
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
      const r = node.$cstNode?.range;
      if (!isProperty(node) || !r || r.start.line > range.end.line || r.end.line < range.start.line) continue;
      out.push(...this.conversions(document, node));
    }
    return out;
  }

  /**
   * Refactors that rewrite a value in another unit of its kind, the unit cellspec shows first:
   * the same SI value to 6 significant figures, so the design does not move beyond rounding.
   */
  private conversions(document: LangiumDocument, node: Property): CodeAction[] {
    if (!isQuantityLiteral(node.value) || !node.value.unit) return [];
    const spec = PROPERTIES[node.name];
    const q = this.services.evaluation.Evaluator.quantity(node.value, spec?.kinds);
    const target = node.value.$cstNode?.range;
    if (!q.ok || !target) return [];
    const written = normalise(q.quantity.written);
    const units = unitsForKinds([q.quantity.kind])
      .map((u) => u.unit)
      .filter((u) => u !== 'um' && normalise(u) !== written);
    return units.map((unit) => {
      const text = formatQuantity(q.quantity.si, q.quantity.kind, { unit, digits: 6 });
      return {
        title: `Convert to ${unit} (${text})`,
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [document.uri.toString()]: [{ range: target, newText: text }] } },
      };
    });
  }
}

/** Where a new import goes: after the last import, or at the top. */
function importInsertion(document: LangiumDocument): Range {
  const imports = (document.parseResult.value as Spec).imports ?? [];
  const last = imports[imports.length - 1]?.$cstNode?.range.end.line;
  const line = last === undefined ? 0 : last + 1;
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** The quantity literal a diagnostic's range starts in. */
function literalAt(document: LangiumDocument, range: Range): QuantityLiteral | undefined {
  const root = document.parseResult.value.$cstNode;
  if (!root) return undefined;
  const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
  const node = leaf?.astNode;
  return node ? (AstUtils.getContainerOfType(node, isQuantityLiteral) ?? undefined) : undefined;
}

/** Levenshtein distance, case-insensitive, with `2`/`²` and `u`/`µ` read alike. */
function editDistance(a: string, b: string): number {
  const x = normalise(a).toLowerCase();
  const y = normalise(b).toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

function goalOf(target: TargetIR): number {
  if (target.op === 'between' && target.upper !== undefined) return (target.value + target.upper) / 2;
  return target.value;
}

function label(quantity: ElectrodeQuantity): string {
  return quantity === 'arealCapacity' ? 'areal capacity' : quantity;
}

function normalise(unit: string): string {
  return unit.replace(/\s/g, '').replace(/²/g, '2').replace(/³/g, '3').replace(/µ/g, 'u').replace(/\^/g, '');
}

function overlaps(a: Range, b: Range): boolean {
  return !(a.end.line < b.start.line || b.end.line < a.start.line);
}

function quickFix(
  title: string,
  document: LangiumDocument,
  range: Range,
  newText: string,
  diagnostics: Diagnostic[],
  preferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    isPreferred: preferred,
    ...(diagnostics.length ? { diagnostics } : {}),
    edit: { changes: { [document.uri.toString()]: [{ range, newText }] } },
  };
}
