/**
 * Properties, all through one mechanism: the property table (`properties.ts`) says where a
 * property may stand, which quantity kinds it takes, its physical range and whether it is a
 * window `a to b`; the checks here apply that table to every property alike.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { QuantityKind } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isDocumentControl,
  isElectrode,
  isMaterial,
  type CellSpecAstType,
  type Flag,
  type Property,
  type TextField,
} from '../generated/ast.js';
import { PROPERTIES } from '../properties.js';
import { Code } from './codes.js';
import { contextOf, contextWords } from './context.js';
import { ValueChecks, showValue, type Limits } from './values.js';

/** Properties whose value follows an Arrhenius law and so may carry `activation <energy>`. */
const ARRHENIUS = new Set([
  'diffusivity',
  'ionic-conductivity',
  'electronic-conductivity',
  'rate-constant',
  'exchange-current',
  'electrolyte-diffusivity',
  // thermally activated interface terms (film conduction, lumped interface resistance)
  'film-resistance',
  'interface-resistance',
]);

/** Windows written in SOC order (at 0 % SOC to 100 % SOC), which run downwards for a cathode. */
const ORDERED_BY_SOC = new Set(['stoichiometry']);

/** Text fields per block; anything else is misplaced. */
const MATERIAL_TEXT = new Set(['title', 'source', 'supplier', 'grade', 'lot', 'description', 'formula-unit']);
const DOCUMENT_TEXT = new Set([
  'number',
  'title',
  'revision',
  'effective',
  'author',
  'reviewer',
  'approver',
  'description',
]);

/** Activation energies well beyond 10 eV per particle are unit slips. */
const ACTIVATION_LIMITS: Limits = { min: 0, max: 1e6 };

export function propertyChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const values = new ValueChecks(services.evaluation.Evaluator);
  return {
    Property: (node, accept) => checkProperty(node, accept, values),
    TextField: checkTextField,
    Flag: checkFlag,
  };
}

function checkProperty(node: Property, accept: ValidationAcceptor, values: ValueChecks): void {
  const spec = PROPERTIES[node.name];
  const context = contextOf(node.$container);
  if (!spec || !context) return;
  if (!spec.contexts.includes(context)) {
    const where = spec.contexts.map(contextWords).join(' or ');
    accept('error', `${node.name} does not belong in ${contextWords(context)}; it is a property of ${where}`, {
      node,
      property: 'name',
      code: Code.MisplacedProperty,
    });
    return;
  }
  const what = node.name;
  const limitsFor = (kind: QuantityKind): Limits => ({ ...spec, ...(spec.kindRanges?.[kind] ?? {}) });
  const quantityOf = (expr: Property['value'] | undefined) =>
    values.quantity(expr, spec.kinds, what, accept, limitsFor);
  const low = quantityOf(node.value);
  const expectsRange = spec.range === true || (spec.rangeIn?.includes(context) ?? false);
  if (node.upper) {
    if (!expectsRange) {
      accept('error', `${what} takes one value here, not a range`, {
        node,
        property: 'upper',
        code: Code.ExpectedRange,
      });
    } else {
      const high = quantityOf(node.upper);
      if (low && high && low.si === high.si) {
        accept('error', `${what} window ${showValue(low.si, low)} to ${showValue(high.si, high)} is empty`, {
          node,
          property: 'upper',
          code: Code.ExpectedRange,
        });
      } else if (low && high && low.si > high.si && !ORDERED_BY_SOC.has(node.name)) {
        accept(
          'error',
          `${what} window ${showValue(low.si, low)} to ${showValue(high.si, high)} runs backwards; write the lower bound first`,
          { node, property: 'upper', code: Code.ExpectedRange },
        );
      }
    }
  } else if (expectsRange) {
    accept('error', `${what} needs a window \`low to high\` here, e.g. ${example(node.name)}`, {
      node,
      property: 'value',
      code: Code.ExpectedRange,
    });
  }
  if (node.tolerance) {
    const kinds: QuantityKind[] = low ? [low.kind, 'fraction'] : [...spec.kinds, 'fraction'];
    values.quantity(node.tolerance.value, kinds, `tolerance of ${what}`, accept, { positive: true });
  }
  if (node.activation) {
    if (!ARRHENIUS.has(node.name)) {
      accept(
        'error',
        `${what} takes no activation energy; only diffusivities, conductivities, rate constants and interface resistances do`,
        {
          node,
          property: 'activation',
          code: Code.MisplacedProperty,
        },
      );
    } else {
      values.quantity(node.activation, ['activationEnergy'], 'activation energy', accept, ACTIVATION_LIMITS);
    }
  }
}

function example(name: string): string {
  switch (name) {
    case 'voltage':
      return '2.5 V to 4.25 V';
    case 'temperature':
      return '-20 °C to 60 °C';
    case 'stoichiometry':
      return '0.03 to 0.9';
    default:
      return 'a to b';
  }
}

function checkTextField(node: TextField, accept: ValidationAcceptor): void {
  const container = node.$container;
  if (isMaterial(container) && !MATERIAL_TEXT.has(node.key)) {
    accept('error', `${node.key} belongs in the document block, not in a material`, {
      node,
      property: 'key',
      code: Code.MisplacedProperty,
    });
  } else if (isDocumentControl(container) && !DOCUMENT_TEXT.has(node.key)) {
    accept('error', `${node.key} describes a material or a value, not the document`, {
      node,
      property: 'key',
      code: Code.MisplacedProperty,
    });
  }
}

function checkFlag(node: Flag, accept: ValidationAcceptor): void {
  if (node.flag === 'lithium-metal' && isElectrode(node.$container) && node.$container.role !== 'anode') {
    accept('error', `only an anode can be lithium metal`, { node, code: Code.MisplacedProperty });
  }
}
