/**
 * Compositions: every fraction is a fraction, the fractions sum to 100 % (within 0.05 %), and
 * they share one basis — by weight (wt%) or by volume (vol%) — which may also be declared with
 * `composition by-weight { … }` and then written as plain %.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { formatNumber, type Quantity } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import { isElectrode, type CellSpecAstType, type Composition } from '../generated/ast.js';
import { Code } from './codes.js';
import { ValueChecks } from './values.js';

/** Allowed deviation of the sum from 100 %, as a fraction: 0.05 %. */
export const COMPOSITION_SUM_TOLERANCE = 0.0005;

const BASIS_UNIT = { massFraction: 'wt%', volumeFraction: 'vol%' } as const;
type Basis = keyof typeof BASIS_UNIT;

export function compositionChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const values = new ValueChecks(services.evaluation.Evaluator);
  return { Composition: (node, accept) => checkComposition(node, accept, values) };
}

function checkComposition(node: Composition, accept: ValidationAcceptor, values: ValueChecks): void {
  const owner = isElectrode(node.$container) ? `${node.$container.role} composition` : 'composition';
  const seen = new Set<string>();
  for (const c of node.components) {
    const name = c.material?.$refText;
    if (!name) continue;
    if (seen.has(name))
      accept('error', `${name} is listed twice in the ${owner}; give it once with its total fraction`, {
        node: c,
        property: 'material',
        code: Code.DuplicateProperty,
      });
    seen.add(name);
  }
  const quantities: Array<Quantity | undefined> = node.components.map((c) =>
    values.quantity(
      c.fraction,
      ['massFraction', 'volumeFraction', 'fraction'],
      `fraction of ${c.material?.$refText ?? 'this component'}`,
      accept,
      { min: 0, max: 1, positive: true },
    ),
  );

  const declared: Basis | undefined =
    node.basis === 'by-weight' ? 'massFraction' : node.basis === 'by-volume' ? 'volumeFraction' : undefined;
  let written: Basis | undefined;
  for (let i = 0; i < quantities.length; i++) {
    const q = quantities[i];
    if (!q || q.kind === 'fraction') continue;
    const kind = q.kind as Basis;
    const component = node.components[i]!;
    if (declared && kind !== declared) {
      accept(
        'error',
        `the ${owner} is ${node.basis}, but ${component.material?.$refText} is given in ${BASIS_UNIT[kind]}`,
        { node: component, property: 'fraction', code: Code.CompositionBasis },
      );
      return;
    }
    if (written && kind !== written) {
      accept(
        'error',
        `the ${owner} mixes ${BASIS_UNIT[written]} and ${BASIS_UNIT[kind]}; give every fraction by weight or every fraction by volume`,
        { node: component, property: 'fraction', code: Code.CompositionBasis },
      );
      return;
    }
    written = kind;
  }
  const basis = declared ?? written;
  if (!basis && node.components.length > 0) {
    accept(
      'warning',
      `say whether the ${owner} is by weight or by volume: write wt% or vol%, or 'composition by-weight'`,
      { node, keyword: 'composition', code: Code.CompositionBasis },
    );
  }
  if (node.components.length === 0 || quantities.some((q) => q === undefined)) return;
  const sum = quantities.reduce((s, q) => s + q!.si, 0);
  if (Math.abs(sum - 1) > COMPOSITION_SUM_TOLERANCE) {
    const unit = basis ? BASIS_UNIT[basis] : '%';
    accept('error', `${owner} sums to ${formatNumber(sum * 100, 5)} ${unit}, must be 100 ${unit}`, {
      node,
      keyword: 'composition',
      code: Code.CompositionSum,
    });
  }
}
