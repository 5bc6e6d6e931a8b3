/**
 * Evaluates expressions (`2 * 10 um`, `C/3`, `NCM811.density`, `gap`) to unit values and checks
 * them against the kinds a context accepts. One cached service: validators, hover, inlay hints
 * and resolve all ask it, and it answers with a reason instead of throwing.
 */
import { AstUtils, WorkspaceCache, type AstNode } from 'langium';
import {
  combine,
  literal,
  negate,
  toQuantity,
  withUnitOf,
  hasUnit,
  type QuantityKind,
  type QuantityResult,
  type UnitValue,
  type UnitValueResult,
} from '@cellspec/units';
import type { CellSpecServices } from './cellspec-module.js';
import {
  isBinaryExpression,
  isConstant,
  isCRateLiteral,
  isMaterial,
  isParenthesized,
  isQuantityLiteral,
  isReference,
  isUnaryExpression,
  type Expression,
  type ValueList,
} from './generated/ast.js';
import { PROPERTIES } from './properties.js';
import { onDocumentReleased } from './memory/closed-documents.js';

/** The deepest node an evaluation failure is about, for precise diagnostics. */
export type Evaluation = { ok: true; value: UnitValue } | { ok: false; message: string; node: AstNode };

export class Evaluator {
  private readonly cache: WorkspaceCache<Expression, Evaluation>;

  constructor(services: CellSpecServices) {
    this.cache = new WorkspaceCache(services.shared);
    onDocumentReleased(services.shared, (document) => {
      for (const node of AstUtils.streamAst(document.parseResult.value)) this.cache.delete(node as Expression);
    });
  }

  evaluate(expr: Expression): Evaluation {
    return this.cache.get(expr, () => this.compute(expr, new Set()));
  }

  /** Evaluates and checks the kind: the one call most callers need. */
  quantity(expr: Expression, kinds?: readonly QuantityKind[]): QuantityResult & { node?: AstNode } {
    const e = this.evaluate(expr);
    if (!e.ok) return { ok: false, message: e.message, node: e.node };
    // A range with its unit on the upper bound only (`-20 to 60 °C`): the lower bound takes it.
    const owner = expr.$container;
    if (isProperty(owner) && owner.value === expr && owner.upper && !hasUnit(e.value)) {
      const upper = this.evaluate(owner.upper);
      if (upper.ok && hasUnit(upper.value)) {
        const r = withUnitOf(e.value, upper.value);
        if (r.ok) return toQuantity(r.value, kinds);
      }
    }
    return toQuantity(e.value, kinds);
  }

  /** A list where a unit written on the last value applies to bare numbers before it. */
  list(list: ValueList, kinds?: readonly QuantityKind[]): Array<QuantityResult & { node?: AstNode | undefined }> {
    const evaluated = list.values.map((v) => this.evaluate(v));
    const last = evaluated[evaluated.length - 1];
    return evaluated.map((e, i) => {
      if (!e.ok) return { ok: false as const, message: e.message, node: e.node };
      let value = e.value;
      if (last?.ok && !hasUnit(value) && hasUnit(last.value)) {
        const r = withUnitOf(value, last.value);
        if (r.ok) value = r.value;
      }
      const q = toQuantity(value, kinds);
      return q.ok ? q : { ...q, node: list.values[i] };
    });
  }

  private compute(expr: Expression, visiting: Set<AstNode>): Evaluation {
    const fromResult = (r: UnitValueResult, node: AstNode): Evaluation =>
      r.ok ? r : { ok: false, message: r.message, node };
    if (isQuantityLiteral(expr)) return fromResult(literal(expr.value, expr.unit), expr);
    if (isCRateLiteral(expr)) {
      if (expr.divisor === 0) return { ok: false, message: 'C/0 is not a C-rate', node: expr };
      return fromResult(literal(1 / expr.divisor, 'C'), expr);
    }
    if (isParenthesized(expr)) return this.operand(expr.inner, expr, visiting);
    if (isUnaryExpression(expr)) {
      const inner = this.operand(expr.operand, expr, visiting);
      return inner.ok ? { ok: true, value: negate(inner.value) } : inner;
    }
    if (isBinaryExpression(expr)) {
      const left = this.operand(expr.left, expr, visiting);
      if (!left.ok) return left;
      const right = this.operand(expr.right, expr, visiting);
      if (!right.ok) return right;
      return fromResult(combine(expr.operator as '+' | '-' | '*' | '/', left.value, right.value), expr);
    }
    if (isReference(expr)) {
      const target = expr.target.ref;
      if (!target) return { ok: false, message: `'${expr.target.$refText}' is not defined`, node: expr };
      if (visiting.has(target)) return { ok: false, message: `'${expr.target.$refText}' refers to itself`, node: expr };
      if (isConstant(target)) {
        if (expr.property) return { ok: false, message: `a value has no property '${expr.property}'`, node: expr };
        const next = new Set(visiting).add(target);
        return this.operand(target.value, expr, next);
      }
      if (isMaterial(target)) {
        if (!expr.property)
          return {
            ok: false,
            message: `'${target.name}' is a material; name one of its properties, e.g. ${target.name}.density`,
            node: expr,
          };
        const prop = findMaterialProperty(target, expr.property);
        if (!prop) return { ok: false, message: `material ${target.name} has no ${expr.property}`, node: expr };
        const next = new Set(visiting).add(target);
        return this.operand(prop, expr, next);
      }
    }
    return { ok: false, message: 'cannot evaluate this expression', node: expr };
  }

  /** Error recovery can leave an operand out (`4.6 /`): the failure then sits on the enclosing expression. */
  private operand(expr: Expression | undefined, parent: Expression, visiting: Set<AstNode>): Evaluation {
    return expr ? this.compute(expr, visiting) : { ok: false, message: 'a value is missing here', node: parent };
  }
}

import type { Material } from './generated/ast.js';
import { isProperty } from './generated/ast.js';

/** The expression of a material's property, following `extends` to the base material. */
export function findMaterialProperty(
  material: Material,
  name: string,
  seen = new Set<Material>(),
): Expression | undefined {
  if (seen.has(material)) return undefined;
  seen.add(material);
  for (const m of material.members) if (isProperty(m) && m.name === name) return m.value;
  const base = material.base?.ref;
  return base ? findMaterialProperty(base, name, seen) : undefined;
}

export { PROPERTIES };
