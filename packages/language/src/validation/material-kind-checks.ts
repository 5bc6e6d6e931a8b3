/**
 * Each material role takes materials of one kind: a collector is a current collector, a coating
 * is a coating, an electrolyte layer is a solid electrolyte, an electrode's composition holds an
 * active material of the electrode's polarity, a replacement is of the kind it replaces.
 */
import type { AstNode, Reference, ValidationAcceptor, ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { isElectrode, type CellSpecAstType, type Composition, type Material } from '../generated/ast.js';
import { Code } from './codes.js';

const KIND_WORDS: Readonly<Record<string, string>> = {
  'cathode-active': 'a cathode active material',
  'anode-active': 'an anode active material',
  'solid-electrolyte': 'a solid electrolyte',
  'liquid-electrolyte': 'a liquid electrolyte',
  'conductive-additive': 'a conductive additive',
  binder: 'a binder',
  coating: 'a coating',
  'current-collector': 'a current collector',
  separator: 'a separator',
  packaging: 'a packaging film',
  insulation: 'an insulation material',
  other: 'a material of kind other',
};

export function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}

/** Kinds that can never be mixed into an electrode composite. */
const NOT_IN_COMPOSITES = new Set(['current-collector', 'packaging', 'separator', 'insulation']);

const FILM_KINDS: Readonly<Record<string, readonly string[]>> = {
  packaging: ['packaging'],
  insulation: ['insulation', 'other'],
  tabs: ['current-collector', 'other'],
  interlayer: ['insulation', 'packaging', 'binder', 'other'],
  spacer: ['insulation', 'packaging', 'other'],
  can: ['packaging', 'current-collector', 'other'],
};

export function materialKindChecks(_services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  return {
    Collector: (node, accept) =>
      expectKind(node, 'material', node.material, ['current-collector'], 'collector', accept),
    Component: (node, accept) => {
      if (node.coating) expectKind(node, 'coating', node.coating, ['coating'], 'coated-with', accept);
      const m = node.material?.ref;
      if (m && NOT_IN_COMPOSITES.has(m.kind)) {
        accept('error', `${m.name} is ${kindWords(m.kind)}; it cannot be part of an electrode composition`, {
          node,
          property: 'material',
          code: Code.MaterialKind,
        });
      }
    },
    Composition: checkPolarity,
    SeparatorLayer: (node, accept) => {
      if (node.type === 'electrolyte-layer')
        expectKind(node, 'material', node.material, ['solid-electrolyte'], 'an electrolyte layer', accept);
      else expectKind(node, 'material', node.material, ['separator'], 'a separator', accept);
      if (node.electrolyte)
        expectKind(node, 'electrolyte', node.electrolyte, ['liquid-electrolyte'], 'filled-with', accept);
    },
    LayerFilm: (node, accept) =>
      expectKind(node, 'material', node.material, FILM_KINDS[node.role] ?? [], node.role, accept),
    Replace: (node, accept) => {
      const before = node.old?.ref;
      const after = node.new?.ref;
      if (before && after && before.kind !== after.kind) {
        accept(
          'error',
          `${after.name} is ${kindWords(after.kind)}; it cannot replace ${before.name}, which is ${kindWords(before.kind)}`,
          { node, property: 'new', code: Code.MaterialKind },
        );
      }
    },
    Material: (node, accept) => {
      const base = node.base?.ref;
      if (base && base !== node && base.kind !== node.kind) {
        accept(
          'error',
          `${node.name} is ${kindWords(node.kind)} but extends ${base.name}, which is ${kindWords(base.kind)}`,
          { node, property: 'base', code: Code.MaterialKind },
        );
      }
    },
  };
}

function expectKind(
  node: AstNode,
  property: string,
  ref: Reference<Material> | undefined,
  kinds: readonly string[],
  role: string,
  accept: ValidationAcceptor,
): void {
  const m = ref?.ref;
  if (!m || kinds.includes(m.kind)) return;
  const wanted = kinds.map(kindWords).join(' or ');
  accept('error', `${m.name} is ${kindWords(m.kind)}, but ${role} takes ${wanted}`, {
    node,
    property,
    code: Code.MaterialKind,
  });
}

function checkPolarity(node: Composition, accept: ValidationAcceptor): void {
  if (!isElectrode(node.$container)) return;
  const role = node.$container.role;
  const own = `${role}-active`;
  const other = role === 'cathode' ? 'anode-active' : 'cathode-active';
  const materials = node.components.map((c) => c.material?.ref);
  for (let i = 0; i < materials.length; i++) {
    const m = materials[i];
    if (m?.kind === other) {
      accept('error', `${m.name} is ${kindWords(other)}; it does not belong in the ${role}`, {
        node: node.components[i]!,
        property: 'material',
        code: Code.MaterialKind,
      });
    }
  }
  if (materials.length > 0 && materials.every((m) => m !== undefined) && !materials.some((m) => m!.kind === own)) {
    accept('error', `the ${role} composition has no ${role} active material`, {
      node,
      keyword: 'composition',
      code: Code.MaterialKind,
    });
  }
}
