/**
 * Quick fixes that add a missing property with a typical value, named with its source, so a
 * draft computes before its author has the measured value:
 * - an electrode without loading, thickness or areal capacity → a typical loading (solid) or
 *   thickness (liquid);
 * - an electrode with only one of loading and thickness, and no porosity → a typical porosity;
 * - an electrolyte layer or separator without a thickness → a typical thickness.
 * Which values are typical depends on the cell: an `electrolyte-layer` makes it solid-state, a
 * `separator` a liquid cell. The inserted line carries its source as a comment: a default is a
 * claim, and the spec keeps it visible until a measured value replaces it.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import {
  isCell,
  isElectrode,
  isProperty,
  isSeparatorLayer,
  type Electrode,
  type SeparatorLayer,
} from '../generated/ast.js';

export interface TypicalValue {
  readonly property: string;
  readonly value: string;
  /** Where the value comes from and where it holds. */
  readonly source: string;
}

type CellType = 'solid' | 'liquid';
type Missing = 'cathode-amount' | 'anode-amount' | 'porosity' | 'layer-thickness';

/**
 * Typical values, each with its source and range of validity:
 * - solid-state amounts: standard battery 2.1 delivers 8 mAh from a 20 × 20 mm electrode, 2 mAh/cm²
 *   (standard-battery programme); the anode at N/P 1.1 (the programme's target window 1.05–1.2);
 * - solid-state porosity: a cold-pressed sulfide composite keeps ~15 % (Doux et al. 2020; Minnmann et
 *   al., J. Electrochem. Soc. 168, 040537 (2021), measured 14 %); densified electrodes go below 10 %;
 * - solid electrolyte layer: 20 µm (standard battery 2.1; earlier cells > 100 µm);
 * - liquid cells: the LG M50 of Chen et al., J. Electrochem. Soc. 167, 080534 (2020): positive
 *   75.6 µm, negative 85.2 µm, separator 12 µm; porosity 0.3 of Marquis et al. 2019 (Kokam cell).
 */
export const TYPICAL: Readonly<Record<CellType, Readonly<Record<Missing, TypicalValue>>>> = {
  solid: {
    'cathode-amount': {
      property: 'loading',
      value: '2 mAh/cm²',
      source: 'standard battery 2.1: 8 mAh over 20 × 20 mm; 1–4 mAh/cm² in sulfide cells',
    },
    'anode-amount': {
      property: 'loading',
      value: '2.2 mAh/cm²',
      source: "N/P 1.1 on standard battery 2.1's 2 mAh/cm² cathode",
    },
    porosity: {
      property: 'porosity',
      value: '15 %',
      source: 'cold-pressed sulfide composite, Minnmann et al. 2021: 14 %; < 10 % needs densification',
    },
    'layer-thickness': {
      property: 'thickness',
      value: '20 µm',
      source: 'standard battery 2.1 solid-electrolyte layer; 20–100 µm in pressed cells',
    },
  },
  liquid: {
    'cathode-amount': {
      property: 'thickness',
      value: '75.6 µm',
      source: 'LG M50 positive electrode, Chen et al. 2020',
    },
    'anode-amount': {
      property: 'thickness',
      value: '85.2 µm',
      source: 'LG M50 negative electrode, Chen et al. 2020',
    },
    porosity: {
      property: 'porosity',
      value: '30 %',
      source: 'calendered liquid-cell electrode, Marquis et al. 2019: 0.3; 25–40 % in practice',
    },
    'layer-thickness': {
      property: 'thickness',
      value: '12 µm',
      source: 'LG M50 separator, Chen et al. 2020',
    },
  },
};

/** Fixes for a `missing-property` diagnostic, or a `design-incomplete` one whose cause is a missing porosity. */
export function missingPropertyFixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
  const data = (diagnostic.data ?? {}) as { missing?: string; designCode?: string };
  const node = nodeAt(document, diagnostic.range);
  if (!node) return [];
  const electrode = AstUtils.getContainerOfType(node, isElectrode);
  const layer = AstUtils.getContainerOfType(node, isSeparatorLayer);
  let missing: Missing | undefined;
  let block: Electrode | SeparatorLayer | undefined;
  if (diagnostic.code === 'missing-property' && data.missing === 'amount' && electrode) {
    missing = electrode.role === 'cathode' ? 'cathode-amount' : 'anode-amount';
    block = electrode;
  } else if (diagnostic.code === 'missing-property' && data.missing === 'thickness' && layer) {
    missing = 'layer-thickness';
    block = layer;
  } else if (
    diagnostic.code === 'design-incomplete' &&
    data.designCode === 'underdetermined' &&
    electrode &&
    !electrode.members.some((m) => isProperty(m) && m.name === 'porosity')
  ) {
    missing = 'porosity';
    block = electrode;
  }
  if (!missing || !block) return [];
  const typical = TYPICAL[cellType(block)][missing];
  const edit = insertion(document, block, `${typical.property} ${typical.value}`, typical.source);
  if (!edit) return [];
  return [
    {
      title: `Add ${typical.property} ${typical.value} (typical: ${typical.source})`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri.toString()]: [edit] } },
    },
  ];
}

/** An `electrolyte-layer` makes a cell solid-state; a `separator` (or none) a liquid cell. */
function cellType(block: Electrode | SeparatorLayer): CellType {
  if (isSeparatorLayer(block)) return block.type === 'electrolyte-layer' ? 'solid' : 'liquid';
  const cell = AstUtils.getContainerOfType(block, isCell);
  const layer = (cell?.members as AstNode[] | undefined)?.find(isSeparatorLayer);
  return layer?.type === 'separator' ? 'liquid' : 'solid';
}

/**
 * The edit that adds `statement` to a block: on a line of its own (indented like the block's
 * members, its source as a trailing comment) when the block spans lines; inline when it is one
 * line; a new block `{ … }` after a layer written without one.
 */
function insertion(
  document: LangiumDocument,
  block: Electrode | SeparatorLayer,
  statement: string,
  source: string,
): { range: Range; newText: string } | undefined {
  const cst = block.$cstNode;
  if (!cst) return undefined;
  const open = GrammarUtils.findNodeForKeyword(cst, '{');
  const close = GrammarUtils.findNodeForKeyword(cst, '}');
  const at = (line: number, character: number): Range => ({
    start: { line, character },
    end: { line, character },
  });
  if (!open || !close) {
    const end = cst.range.end;
    return { range: at(end.line, end.character), newText: ` { ${statement} }` };
  }
  const members = block.members.map((m) => m.$cstNode).filter((n) => n !== undefined);
  const last = members[members.length - 1];
  if (open.range.start.line === close.range.start.line) {
    const after = last?.range.end ?? open.range.end;
    return { range: at(after.line, after.character), newText: ` ${statement}` };
  }
  const lines = document.textDocument.getText().split(/\r?\n/);
  const firstLine = members[0]?.range.start.line ?? open.range.start.line + 1;
  const indent =
    members.length > 0
      ? (/^\s*/.exec(lines[firstLine] ?? '')?.[0] ?? '  ')
      : `${/^\s*/.exec(lines[open.range.start.line] ?? '')?.[0] ?? ''}  `;
  const afterLine = last ? last.range.end.line : open.range.start.line;
  // A `}` on the last member's line: the statement goes before it, without the comment that would hide it.
  if (last && close.range.start.line === afterLine)
    return { range: at(last.range.end.line, last.range.end.character), newText: `\n${indent}${statement}` };
  const end = (lines[afterLine] ?? '').length;
  return { range: at(afterLine, end), newText: `\n${indent}${statement} // typical: ${source}` };
}

function nodeAt(document: LangiumDocument, range: Range): AstNode | undefined {
  const root = document.parseResult.value.$cstNode;
  if (!root) return undefined;
  return CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start))?.astNode;
}
