/**
 * Inlay hints on each cell and variant header: design capacity, energy density with its basis,
 * and N/P — recomputed on every edit (the design cache is per workspace state).
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import { formatMetric, metricSpec, type CellDesign } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { documentDesigns } from './cell-design.js';
import { isPack, type Spec } from '../generated/ast.js';
import { packFigures } from '../pack-figures.js';
import { packHintText } from './pack-hover.js';

/** The hint text of one cell: "8.19 mAh · 511 Wh/L (stack) · N/P 1.13". */
export function cellHintText(d: CellDesign): string | undefined {
  const parts: string[] = [];
  if (d.capacity !== undefined) parts.push(formatMetric(metricSpec('capacity')!, d.capacity));
  // A wound cell is judged by its can (cell basis); a stack names its area basis and its state.
  const ed =
    d.winding && d.cell.energyDensity !== undefined
      ? { v: d.cell.energyDensity, basis: 'cell' as const }
      : d.stack.energyDensity !== undefined
        ? { v: d.stack.energyDensity, basis: 'stack' as const }
        : d.cell.energyDensity !== undefined
          ? { v: d.cell.energyDensity, basis: 'cell' as const }
          : undefined;
  if (ed) {
    const qualifiers = [
      ed.basis,
      ...(ed.basis === 'stack' && d.stackBasis === 'electrode-area' ? ['electrode area'] : []),
      ...((ed.basis === 'stack' ? d.stack.state : d.cell.state) ? ['charged'] : []),
    ];
    parts.push(`${formatMetric(metricSpec('energyDensity', ed.basis)!, ed.v)} (${qualifiers.join(', ')})`);
  }
  if (d.npRatio !== undefined) parts.push(`N/P ${formatMetric(metricSpec('npRatio')!, d.npRatio)}`);
  // The first-charge basis shows only when first-charge capacities are stated (else it equals the reversible one).
  if (d.npRatioFirstCharge !== undefined && (d.cathode.firstChargeStated || d.anode.firstChargeStated))
    parts.push(`first-charge N/P ${formatMetric(metricSpec('npRatio')!, d.npRatioFirstCharge)}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export class CellSpecInlayHintProvider implements InlayHintProvider {
  constructor(private readonly services: CellSpecServices) {}

  getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
    const hints: InlayHint[] = [];
    for (const entry of documentDesigns(this.services, document).cells) {
      const cst = entry.node.$cstNode;
      const anchor = GrammarUtils.findNodeForProperty(cst, 'title') ?? GrammarUtils.findNodeForProperty(cst, 'name');
      if (!anchor) continue;
      const position = anchor.range.end;
      if (position.line < params.range.start.line || position.line > params.range.end.line) continue;
      const label = cellHintText(entry.design);
      if (!label) continue;
      hints.push({
        position,
        label,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: `design capacity (${entry.design.limitingElectrode ?? '?'} limits), energy density on the ${entry.design.stack.energyDensity !== undefined ? 'electrode-stack' : 'packaged-cell'} basis, N/P ratio on the reversible basis (and on the first-charge basis when first-charge capacities are stated)`,
      });
    }
    hints.push(...packHints(this.services, document, params));
    return hints;
  }
}

/** A hint on each pack header: usable energy, Wh/L, Wh/kg and the arrangement. */
function packHints(services: CellSpecServices, document: LangiumDocument, params: InlayHintParams): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const element of (document.parseResult.value as Spec).elements) {
    if (!isPack(element)) continue;
    const cst = element.$cstNode;
    const anchor = GrammarUtils.findNodeForProperty(cst, 'title') ?? GrammarUtils.findNodeForProperty(cst, 'name');
    if (!anchor) continue;
    const position = anchor.range.end;
    if (position.line < params.range.start.line || position.line > params.range.end.line) continue;
    const figures = packFigures(services, element);
    const label = figures ? packHintText(figures) : undefined;
    if (label)
      hints.push({
        position,
        label,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip:
          'usable pack energy at C/3, energy density and specific energy on the pack basis, cells in series and parallel',
      });
  }
  return hints;
}
