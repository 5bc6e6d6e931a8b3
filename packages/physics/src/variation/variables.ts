/**
 * Design variables: the numbers of a cell that a lot varies or a sweep sets, by a path that reads
 * like the spec (`cathode.loading`, `separator.thickness`). Each reads and writes the IR in SI
 * units; writing returns a new cell and leaves the original untouched.
 */
import type { CellIR, ElectrodeIR, Rect } from '../ir.js';

export interface DesignVariable {
  readonly path: string;
  /** How a designer names it: "cathode loading". */
  readonly label: string;
  /** Quantity kind of `@cellspec/units`, for display. */
  readonly kind: string;
  readonly get: (cell: CellIR) => number | undefined;
  readonly set: (cell: CellIR, value: number) => CellIR;
}

type Role = 'cathode' | 'anode';
type ElectrodeNumber = 'loading' | 'thickness' | 'porosity';

const withElectrode = (cell: CellIR, role: Role, change: Partial<ElectrodeIR>): CellIR => ({
  ...cell,
  [role]: { ...cell[role], ...change },
});

function electrodeNumber(role: Role, key: ElectrodeNumber, kind: string): DesignVariable {
  return {
    path: `${role}.${key}`,
    label: `${role} ${key}`,
    kind,
    get: (cell) => cell[role][key],
    set: (cell, value) => withElectrode(cell, role, { [key]: value }),
  };
}

/** The coated area; a written cut size scales in both directions so the outline keeps its shape. */
function electrodeArea(role: Role): DesignVariable {
  return {
    path: `${role}.area`,
    label: `${role} area`,
    kind: 'area',
    get: (cell) => cell[role].area,
    set: (cell, value) => {
      const e = cell[role];
      const scale = Math.sqrt(value / e.area);
      const dimensions: Rect | undefined = e.dimensions
        ? { width: e.dimensions.width * scale, height: e.dimensions.height * scale }
        : undefined;
      return withElectrode(cell, role, { area: value, ...(dimensions ? { dimensions } : {}) });
    },
  };
}

function collectorThickness(role: Role): DesignVariable {
  return {
    path: `${role}.collector`,
    label: `${role} collector thickness`,
    kind: 'length',
    get: (cell) => cell[role].collector?.thickness,
    set: (cell, value) => {
      const collector = cell[role].collector;
      return collector ? withElectrode(cell, role, { collector: { ...collector, thickness: value } }) : cell;
    },
  };
}

function separatorNumber(key: 'thickness' | 'porosity', kind: string): DesignVariable {
  return {
    path: `separator.${key}`,
    label: `electrolyte layer ${key}`,
    kind,
    get: (cell) => cell.separator?.[key],
    set: (cell, value) => (cell.separator ? { ...cell, separator: { ...cell.separator, [key]: value } } : cell),
  };
}

export const DESIGN_VARIABLES: readonly DesignVariable[] = [
  ...(['cathode', 'anode'] as const).flatMap((role) => [
    electrodeNumber(role, 'loading', 'arealMass'),
    electrodeNumber(role, 'thickness', 'length'),
    electrodeNumber(role, 'porosity', 'fraction'),
    electrodeArea(role),
    collectorThickness(role),
  ]),
  separatorNumber('thickness', 'length'),
  separatorNumber('porosity', 'fraction'),
];

export function findVariable(path: string): DesignVariable | undefined {
  return DESIGN_VARIABLES.find((v) => v.path === path);
}
