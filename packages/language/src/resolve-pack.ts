/**
 * Modules and packs from the AST to the pack IR (SI units). Like `resolve`, it never throws and
 * never invents a value: a module without a cell or counts, a pack without a module, or a drive
 * cycle cellspec does not ship is left out and reported (`pack-checks.ts` says why at the node).
 */
import type { QuantityKind } from '@cellspec/units';
import type { DutyIR, ModuleIR, PackIR, SourceRef, Vehicle } from '@cellspec/physics';
import {
  isDriveDuty,
  isFastChargeDuty,
  isModuleCell,
  isPackModule,
  isProperty,
  isVehicle,
  type Expression,
  type Module,
  type Pack,
  type Property,
} from './generated/ast.js';

export interface PackValueReader {
  num(expr: Expression | undefined, kinds?: readonly QuantityKind[]): number | undefined;
  quantity(
    expr: Expression | undefined,
    kinds?: readonly QuantityKind[],
  ): { si: number; kind: QuantityKind } | undefined;
}

/** Drive cycles by the names a spec may write. */
export const DRIVE_CYCLES: Readonly<Record<string, 'wltc-class3b'>> = {
  wltc: 'wltc-class3b',
  wltc3: 'wltc-class3b',
  wltc3b: 'wltc-class3b',
  'wltc-class3b': 'wltc-class3b',
};

export const driveCycleOf = (name: string): 'wltc-class3b' | undefined => DRIVE_CYCLES[name.toLowerCase()];

/** Soc the drive starts from when the spec does not say (a full pack): stated, not hidden. */
export const DEFAULT_DRIVE_START_SOC = 1;
/** Soc a fast charge starts from when the spec does not say: 10 %, as the programme's 10→80 % charges. */
export const DEFAULT_CHARGE_START_SOC = 0.1;

const props = (members: readonly unknown[]): Property[] => members.filter(isProperty);

function lastOf(members: readonly Property[], name: string): Property | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.name === name) return members[i];
  return undefined;
}

export function resolveModule(r: PackValueReader, node: Module, source?: SourceRef): ModuleIR | undefined {
  const cell = node.members.find(isModuleCell)?.cell;
  const p = props(node.members);
  const value = (name: string, kinds: QuantityKind[]) => r.num(lastOf(p, name)?.value, kinds);
  const series = value('series', ['dimensionless']);
  const parallel = value('parallel', ['dimensionless']);
  const cellName = cell?.ref?.name ?? cell?.$refText;
  if (!cellName || !whole(series) || !whole(parallel)) return undefined;
  const optional = {
    busbarMass: value('busbar-mass', ['mass']),
    busbarResistance: value('busbar-resistance', ['resistance']),
    plateMass: value('plate-mass', ['mass']),
    plateVolume: value('plate-volume', ['volume']),
    plateConductance: value('plate-conductance', ['thermalConductance']),
    cellConductance: value('cell-conductance', ['thermalConductance']),
    housingMass: value('housing-mass', ['mass']),
    housingVolume: value('housing-volume', ['volume']),
  };
  return {
    name: node.name,
    ...(node.title ? { title: node.title } : {}),
    cell: cellName,
    series,
    parallel,
    ...definedOnly(optional),
    ...(source ? { source } : {}),
  };
}

export function resolvePack(r: PackValueReader, node: Pack, source?: SourceRef): PackIR | undefined {
  const moduleNode = node.members.find(isPackModule)?.module?.ref;
  const module = moduleNode ? resolveModule(r, moduleNode) : undefined;
  if (!module) return undefined;
  const p = props(node.members);
  const value = (name: string, kinds: QuantityKind[]) => r.num(lastOf(p, name)?.value, kinds);
  const series = value('series', ['dimensionless']) ?? 1;
  const parallel = value('parallel', ['dimensionless']) ?? 1;
  if (!whole(series) || !whole(parallel)) return undefined;
  const vehicleNode = node.members.find(isVehicle);
  const vehicle = vehicleNode ? vehicleOf(r, props(vehicleNode.members)) : undefined;
  const duties: DutyIR[] = [];
  for (const m of node.members) {
    if (isFastChargeDuty(m)) {
      const rate = r.num(m.rate, ['cRate']);
      const toSoc = r.num(m.to, ['fraction']);
      const fromSoc = m.from ? r.num(m.from, ['fraction']) : DEFAULT_CHARGE_START_SOC;
      if (rate !== undefined && toSoc !== undefined && fromSoc !== undefined)
        duties.push({ type: 'fast-charge', rate, fromSoc, toSoc });
    } else if (isDriveDuty(m)) {
      const cycle = driveCycleOf(m.cycle);
      const grade = m.grade ? r.num(m.grade, ['fraction']) : 0;
      const fromSoc = m.from ? r.num(m.from, ['fraction']) : DEFAULT_DRIVE_START_SOC;
      const repeat = m.repeat ? r.num(m.repeat, ['dimensionless']) : 1;
      if (cycle && grade !== undefined && fromSoc !== undefined && whole(repeat))
        duties.push({ type: 'drive', cycle, grade, fromSoc, repeat });
    }
  }
  const housingMass = r.quantity(lastOf(p, 'housing-mass')?.value, ['fraction']);
  const housingVolume = r.quantity(lastOf(p, 'housing-volume')?.value, ['fraction']);
  return {
    name: node.name,
    ...(node.title ? { title: node.title } : {}),
    module,
    series,
    parallel,
    ...definedOnly({
      busbarMass: value('busbar-mass', ['mass']),
      busbarResistance: value('busbar-resistance', ['resistance']),
      housingMassFraction: housingMass?.si,
      housingVolumeFraction: housingVolume?.si,
      coolantTemperature: value('coolant-temperature', ['temperature']),
      coolantFlow: value('coolant-flow', ['massFlow']),
    }),
    ...(vehicle ? { vehicle } : {}),
    duties,
    ...(source ? { source } : {}),
  };
}

/** Vehicle properties the road-load model needs; a vehicle missing one is left out (reported by the checks). */
export const VEHICLE_REQUIRED = [
  'test-mass',
  'drag-coefficient',
  'frontal-area',
  'rolling-resistance',
  'drivetrain-efficiency',
  'regeneration',
] as const;

function vehicleOf(r: PackValueReader, p: readonly Property[]): Vehicle | undefined {
  const v = (name: string, kinds: QuantityKind[]) => r.num(lastOf(p, name)?.value, kinds);
  const mass = v('test-mass', ['mass']);
  const dragCoefficient = v('drag-coefficient', ['dimensionless']);
  const frontalArea = v('frontal-area', ['area']);
  const rollingResistance = v('rolling-resistance', ['dimensionless']);
  const drivetrainEfficiency = v('drivetrain-efficiency', ['fraction']);
  const regenerationFraction = v('regeneration', ['fraction']);
  const auxiliaryPower = v('auxiliary-power', ['power']);
  if (
    mass === undefined ||
    dragCoefficient === undefined ||
    frontalArea === undefined ||
    rollingResistance === undefined ||
    drivetrainEfficiency === undefined ||
    regenerationFraction === undefined
  )
    return undefined;
  return {
    mass,
    dragCoefficient,
    frontalArea,
    rollingResistance,
    drivetrainEfficiency,
    regenerationFraction,
    ...(auxiliaryPower !== undefined ? { auxiliaryPower } : {}),
  };
}

const whole = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1;

function definedOnly<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k as keyof T] = v;
  return out;
}
