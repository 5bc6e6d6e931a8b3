/**
 * A code lens above each variant comparing it with its base: the headline metrics with their
 * relative change ("vs SB21: capacity 8.31 mAh (+1.5 %) · energy density (stack) 498 Wh/L
 * (−2.6 %) · N/P 1.08 (−4.4 %)"). The full table is in the variant's hover.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { formatNumber } from '@cellspec/units';
import { compareDesigns, formatMetric, type CellDesign } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { designByName, documentDesigns } from './cell-design.js';

const HEADLINE = ['capacity', 'ed-stack', 'np'];

/** The lens text of a variant against its base. */
export function comparisonLensText(base: CellDesign, variant: CellDesign): string {
  const parts = compareDesigns(base, variant)
    .filter((r) => HEADLINE.includes(r.key) && r.variant !== undefined)
    .map(
      (r) =>
        `${r.label} ${formatMetric(r.spec, r.variant!)}${r.percent !== undefined ? ` (${r.percent > 0 ? '+' : r.percent < 0 ? '−' : '±'}${formatNumber(Math.abs(r.percent), 2)} %)` : ''}`,
    );
  return `vs ${base.name}: ${parts.join(' · ')}`;
}

export class CellSpecCodeLensProvider implements CodeLensProvider {
  constructor(private readonly services: CellSpecServices) {}

  provideCodeLens(document: LangiumDocument): CodeLens[] {
    const lenses: CodeLens[] = [];
    for (const entry of documentDesigns(this.services, document).cells) {
      if (!entry.cell.base) continue;
      const base = designByName(this.services, AstUtils.getDocument(entry.node), entry.cell.base);
      const range = entry.node.$cstNode?.range;
      if (!base || !range) continue;
      lenses.push({
        range: { start: range.start, end: range.start },
        command: { title: comparisonLensText(base.design, entry.design), command: '' },
      });
    }
    return lenses;
  }
}
