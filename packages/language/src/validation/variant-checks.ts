/**
 * Variants: `replace A with B` must name a material the base cell (or its own base, for a variant
 * of a variant) actually uses — otherwise the variant silently changes nothing.
 */
import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isCell,
  isMaterial,
  isReplace,
  isVariant,
  type CellLike,
  type CellSpecAstType,
  type Material,
  type Variant,
} from '../generated/ast.js';
import { Code } from './codes.js';

export function variantChecks(_services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  return { Variant: checkReplacements };
}

/** The materials a cell or variant uses, after its own replacements. */
export function materialsUsedBy(cell: CellLike, seen = new Set<CellLike>()): Set<Material> {
  const used = new Set<Material>();
  if (seen.has(cell)) return used;
  seen.add(cell);
  if (isVariant(cell)) {
    const base = cell.base?.ref;
    if (base) for (const m of materialsUsedBy(base, seen)) used.add(m);
    for (const member of cell.members) {
      if (!isReplace(member)) continue;
      const before = member.old?.ref;
      const after = member.new?.ref;
      if (before) used.delete(before);
      if (after) used.add(after);
    }
  }
  for (const ref of AstUtils.streamAst(cell).flatMap((node) => AstUtils.streamReferences(node))) {
    const target = 'ref' in ref.reference ? ref.reference.ref : undefined;
    if (isMaterial(target) && !(isReplace(ref.container) && ref.property === 'old')) used.add(target);
  }
  return used;
}

function checkReplacements(node: Variant, accept: ValidationAcceptor): void {
  const base = node.base?.ref;
  if (!base || base === node) return;
  const used = materialsUsedBy(base);
  for (const member of node.members) {
    if (!isReplace(member)) continue;
    const before = member.old?.ref;
    if (before && !used.has(before)) {
      const kind = isCell(base) ? 'cell' : 'variant';
      accept('error', `${kind} ${base.name} does not use ${before.name}; there is nothing to replace`, {
        node: member,
        property: 'old',
        code: Code.VariantReplace,
      });
    }
  }
}
