/**
 * Required parts. A cell needs a cathode, an anode, an electrolyte layer or separator and an
 * electrode area; an electrode needs a composition and one of loading, thickness or areal
 * capacity (a lithium-metal anode needs neither); an active material needs a specific capacity
 * and a density, possibly inherited through `extends`. Variants inherit from their base, so
 * they are exempt.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { findMaterialProperty } from '../evaluate.js';
import {
  isAreaOverride,
  isCell,
  isComposition,
  isElectrode,
  isElectrodeArea,
  isFlag,
  isFormat,
  isProperty,
  isSeparatorLayer,
  type Cell,
  type CellSpecAstType,
  type Electrode,
  type Material,
  type SeparatorLayer,
} from '../generated/ast.js';
import { REQUIRED } from '../properties.js';
import { Code } from './codes.js';

/** Properties an active material must have (or inherit) for any design calculation. */
const ACTIVE_MATERIAL_REQUIRED = ['specific-capacity', 'density'];
/** Any one of these fixes how much electrode there is. */
const AMOUNT = ['loading', 'thickness', 'areal-capacity'];

export function requiredChecks(_services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  return {
    Cell: checkCell,
    Electrode: checkElectrode,
    SeparatorLayer: checkSeparator,
    Material: checkMaterial,
  };
}

function checkCell(node: Cell, accept: ValidationAcceptor): void {
  const electrodes = node.members.filter(isElectrode);
  const missing = (what: string): void =>
    accept('error', `cell ${node.name} has no ${what}`, { node, property: 'name', code: Code.MissingProperty });
  for (const role of ['cathode', 'anode'] as const) {
    if (!electrodes.some((e) => e.role === role)) missing(role);
  }
  if (!node.members.some(isSeparatorLayer)) missing('electrolyte-layer or separator');
  const eachElectrodeHasArea = electrodes.length >= 2 && electrodes.every((e) => e.members.some(isAreaOverride));
  // A wound cell's electrode area comes from its can and winding.
  const format = node.members.find(isFormat);
  const wound = format?.type === 'cylindrical' || (format?.type === 'prismatic' && format.stacking === 'wound');
  if (!wound && !node.members.some(isElectrodeArea) && !eachElectrodeHasArea)
    missing('electrode-area (or an area in each electrode)');
}

function checkElectrode(node: Electrode, accept: ValidationAcceptor): void {
  if (!isCell(node.$container)) return;
  const lithiumMetal = node.role === 'anode' && node.members.some((m) => isFlag(m) && m.flag === 'lithium-metal');
  if (lithiumMetal) return;
  // Anode-free: a bare collector needs no composition and no amount (a host layer may have both).
  if (node.role === 'anode' && node.members.some((m) => isFlag(m) && m.flag === 'anode-free')) return;
  // With np-ratio on the cell, the anode's amount is solved from it.
  const solved = node.role === 'anode' && node.$container.members.some((m) => isProperty(m) && m.name === 'np-ratio');
  if (!node.members.some(isComposition)) {
    accept('error', `the ${node.role} has no composition`, { node, property: 'role', code: Code.MissingProperty });
  }
  if (!solved && !node.members.some((m) => isProperty(m) && AMOUNT.includes(m.name))) {
    accept('error', `the ${node.role} needs its loading, thickness or areal-capacity`, {
      node,
      property: 'role',
      code: Code.MissingProperty,
      data: { missing: 'amount' },
    });
  }
}

function checkSeparator(node: SeparatorLayer, accept: ValidationAcceptor): void {
  if (!isCell(node.$container)) return;
  for (const name of REQUIRED.separator ?? []) {
    if (!node.members.some((m) => isProperty(m) && m.name === name)) {
      accept('error', `the ${node.type} has no ${name}`, {
        node,
        property: 'type',
        code: Code.MissingProperty,
        data: { missing: name },
      });
    }
  }
}

function checkMaterial(node: Material, accept: ValidationAcceptor): void {
  if (node.kind !== 'cathode-active' && node.kind !== 'anode-active') return;
  const required = REQUIRED[node.kind] ?? ACTIVE_MATERIAL_REQUIRED;
  for (const name of required) {
    if (!findMaterialProperty(node, name)) {
      accept('error', `material ${node.name} has no ${name}, which every active material needs`, {
        node,
        property: 'name',
        code: Code.MissingProperty,
      });
    }
  }
}
