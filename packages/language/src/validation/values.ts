/**
 * The one way every check turns an expression into a checked quantity: evaluate it with the
 * Evaluator service, report why it cannot be evaluated, check its unit kind, then its physical
 * range. Messages name the thing the engineer wrote ("loading is in mAh/g, …").
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { KINDS, formatNumber, formatQuantity, fromSI, type Quantity, type QuantityKind } from '@cellspec/units';
import type { Evaluator } from '../evaluate.js';
import {
  isBinaryExpression,
  isCRateLiteral,
  isQuantityLiteral,
  isReference,
  type Expression,
  type ValueList,
} from '../generated/ast.js';
import { Code } from './codes.js';

/** Physical limits in SI, as in the property table. */
export interface Limits {
  readonly min?: number;
  readonly max?: number;
  readonly positive?: boolean;
  readonly integer?: boolean;
}

export class ValueChecks {
  constructor(private readonly evaluator: Evaluator) {}

  /** Evaluates without a kind check (constants, open-ended parameters); reports only failures. */
  evaluates(expr: Expression | undefined, accept: ValidationAcceptor): boolean {
    if (!expr) return false;
    const e = this.evaluator.evaluate(expr);
    if (!e.ok) reportEvaluationFailure(e.message, e.node, accept);
    return e.ok;
  }

  /** The checked quantity of `expr` as one of `kinds`, or undefined after reporting why not. */
  quantity(
    expr: Expression | undefined,
    kinds: readonly QuantityKind[],
    what: string,
    accept: ValidationAcceptor,
    limits?: Limits | ((kind: QuantityKind) => Limits),
  ): Quantity | undefined {
    if (!expr) return undefined;
    const e = this.evaluator.evaluate(expr);
    if (!e.ok) {
      reportEvaluationFailure(e.message, e.node, accept);
      return undefined;
    }
    const q = this.evaluator.quantity(expr, kinds);
    if (!q.ok) {
      accept('error', kindMessage(what, q.message), { node: expr, code: Code.UnitKind });
      return undefined;
    }
    if (limits)
      checkLimits(q.quantity, typeof limits === 'function' ? limits(q.quantity.kind) : limits, what, expr, accept);
    return q.quantity;
  }

  /** Each value of a list (`-40, 0, 25 °C`: a unit on the last applies to all). */
  list(
    list: ValueList | undefined,
    kinds: readonly QuantityKind[],
    what: string,
    accept: ValidationAcceptor,
    limits?: Limits,
  ): Array<Quantity | undefined> {
    if (!list) return [];
    const results = this.evaluator.list(list, kinds);
    return results.map((r, i) => {
      const expr = list.values[i]!;
      const e = this.evaluator.evaluate(expr);
      if (!e.ok) {
        reportEvaluationFailure(e.message, e.node, accept);
        return undefined;
      }
      if (!r.ok) {
        accept('error', kindMessage(what, r.message), { node: expr, code: Code.UnitKind });
        return undefined;
      }
      if (limits) checkLimits(r.quantity, limits, what, expr, accept);
      return r.quantity;
    });
  }
}

/** Evaluator messages start with "value …"; say what the value is instead. */
function kindMessage(what: string, message: string): string {
  return message.replace(/^value\b/, what);
}

/**
 * Reports why an expression has no value. Unresolved names and cycles are reported once where
 * they arise (by the linker and the self-reference check), not at every use.
 */
export function reportEvaluationFailure(message: string, node: AstNode, accept: ValidationAcceptor): void {
  if (isReference(node)) {
    if (!node.target.ref) return;
    if (/refers to itself/.test(message)) return;
    accept('error', message, { node, code: Code.UnknownProperty });
    return;
  }
  if (isQuantityLiteral(node)) {
    accept('error', message, { node, property: 'unit', code: Code.UnknownUnit });
    return;
  }
  if (isCRateLiteral(node)) {
    accept('error', message, { node, code: Code.OutOfRange });
    return;
  }
  accept('error', message, { node, code: isBinaryExpression(node) ? Code.UnitArithmetic : Code.UnitKind });
}

/** A value shown as the engineer wrote it: 120 %, 5 µm, -300 °C. */
export function showValue(si: number, q: Quantity): string {
  if (q.written === '') return formatNumber(si, 4);
  try {
    const shown = fromSI(si, q.kind, q.written);
    // A huge SI value can overflow in a smaller unit (1e308 m in mm): show it in SI instead.
    if (!Number.isFinite(shown)) return `${formatNumber(si, 4)} ${KINDS[q.kind].si}`;
    return `${formatNumber(shown, 4)} ${q.written}`;
  } catch {
    return formatQuantity(si, q.kind, { digits: 4 });
  }
}

function showBound(si: number, q: Quantity): string {
  if (q.written === '') return formatNumber(si, 4);
  try {
    const shown = fromSI(si, q.kind, q.written);
    if (!Number.isFinite(shown)) return `${formatNumber(si, 4)} ${KINDS[q.kind].si}`;
    return formatNumber(shown, 4);
  } catch {
    return formatQuantity(si, q.kind, { digits: 4 });
  }
}

/** Checks a quantity against physical limits; true when it is within them. */
export function checkLimits(
  q: Quantity,
  limits: Limits,
  what: string,
  node: AstNode,
  accept: ValidationAcceptor,
): boolean {
  // Shown only in a message: a unit conversion costs more than the check, and most values pass.
  const value = () => showValue(q.si, q);
  if (limits.positive && q.si <= 0) {
    accept('error', `${what} must be positive, not ${value()}`, { node, code: Code.OutOfRange });
    return false;
  }
  const { min, max } = limits;
  const below = min !== undefined && q.si < min;
  const above = max !== undefined && q.si > max;
  if (below || above) {
    const unit = q.written === '' ? '' : ` ${q.written}`;
    const message =
      min !== undefined && max !== undefined
        ? `${what} ${value()} is outside ${showBound(min, q)}–${showBound(max, q)}${unit}`
        : below
          ? `${what} ${value()} is below ${showBound(min!, q)}${unit}`
          : `${what} ${value()} is above ${showBound(max!, q)}${unit}, beyond any real cell`;
    accept('error', message, { node, code: Code.OutOfRange });
    return false;
  }
  if (limits.integer && !Number.isInteger(q.si)) {
    accept('error', `${what} must be a whole number, not ${value()}`, { node, code: Code.NotInteger });
    return false;
  }
  return true;
}

export function labelOf(kind: QuantityKind): string {
  return KINDS[kind].label;
}
