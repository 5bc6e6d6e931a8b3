/**
 * The design figures of the cells in a document, shared by validation, inlay hints, hover, code
 * actions and code lenses. One resolve and one calculation per document and workspace state
 * (cached until the next change), so every view shows the same numbers.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import {
  checkTargets,
  designCell,
  designWarnings,
  type CellDesign,
  type CellIR,
  type DesignProblem,
  type SpecIR,
  type TargetCheck,
} from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isCell,
  isComposition,
  isElectrode,
  isFormat,
  isProperty,
  isSeparatorLayer,
  isTargets,
  isVariant,
  type CellLike,
  type Electrode,
  type Spec,
  type Target,
} from '../generated/ast.js';
import { resolveDocument } from '../resolve.js';

export interface CellDesignEntry {
  readonly node: CellLike;
  readonly cell: CellIR;
  readonly design: CellDesign;
  /** Calculator problems plus design warnings (percolation, process, particle size). */
  readonly problems: readonly DesignProblem[];
  readonly targets: readonly TargetCheck[];
}

export interface DocumentDesigns {
  readonly ir: SpecIR;
  readonly cells: readonly CellDesignEntry[];
}

/** Design figures of every cell and variant of a document. */
export function documentDesigns(services: CellSpecServices, document: LangiumDocument): DocumentDesigns {
  return services.caches.Documents.named<DocumentDesigns>('designs').get(document.uri.toString(), () =>
    computeDesigns(services, document),
  );
}

function computeDesigns(services: CellSpecServices, document: LangiumDocument): DocumentDesigns {
  const { ir } = resolveDocument(services, document);
  const spec = document.parseResult.value as Spec;
  const nodes = new Map<string, CellLike>();
  for (const e of spec.elements) if (isCell(e) || isVariant(e)) nodes.set(e.name, e);
  const cells: CellDesignEntry[] = [];
  for (const cell of ir.cells) {
    const node = nodes.get(cell.name);
    if (!node) continue;
    const design = designCell(cell);
    const problems = [...design.problems, ...designWarnings(cell, design, ir.processes)];
    cells.push({ node, cell, design, problems, targets: checkTargets(cell, design) });
  }
  return { ir, cells };
}

/** The design of one cell node (or of the cell containing a node). */
export function designOf(services: CellSpecServices, node: AstNode): CellDesignEntry | undefined {
  const cellNode = AstUtils.getContainerOfType(node, (n): n is CellLike => isCell(n) || isVariant(n));
  if (!cellNode) return undefined;
  const document = AstUtils.getDocument(cellNode);
  return documentDesigns(services, document).cells.find((c) => c.node === cellNode);
}

/** The design of a cell or variant by name in the same document (the base of a variant). */
export function designByName(
  services: CellSpecServices,
  document: LangiumDocument,
  name: string,
): CellDesignEntry | undefined {
  return documentDesigns(services, document).cells.find((c) => c.cell.name === name);
}

/** The electrode block of a role written in this cell node (a variant may inherit it instead). */
export function electrodeNode(cell: CellLike, role: 'cathode' | 'anode'): Electrode | undefined {
  return (cell.members as AstNode[]).find((m): m is Electrode => isElectrode(m) && m.role === role);
}

/**
 * The AST node a calculator path (`cathode.loading`, `separator.thickness`, `format`) is about,
 * in this cell node; falls back to the nearest written block, then the cell itself.
 */
export function nodeForPath(cell: CellLike, path: string | undefined): { node: AstNode; property?: string } {
  if (!path) return { node: cell, property: 'name' };
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (head === 'cathode' || head === 'anode') {
    const e = electrodeNode(cell, head);
    if (!e) return { node: cell, property: 'name' };
    if (tail === 'composition') {
      const c = e.members.find(isComposition);
      return c ? { node: c } : { node: e };
    }
    if (tail) {
      const p = e.members.find((m) => isProperty(m) && m.name === tail);
      if (p) return { node: p };
    }
    return { node: e, property: 'role' };
  }
  if (head === 'separator') {
    const s = (cell.members as AstNode[]).find(isSeparatorLayer);
    if (!s) return { node: cell, property: 'name' };
    if (tail) {
      const p = s.members.find((m) => isProperty(m) && m.name === tail);
      if (p) return { node: p };
    }
    return { node: s };
  }
  if (head === 'format') {
    const f = (cell.members as AstNode[]).find(isFormat);
    return f ? { node: f } : { node: cell, property: 'name' };
  }
  return { node: cell, property: 'name' };
}

/** The written target node of a target check (targets are listed in order of writing). */
export function targetNodes(cell: CellLike): Target[] {
  return (cell.members as AstNode[]).filter(isTargets).flatMap((t) => t.targets);
}
