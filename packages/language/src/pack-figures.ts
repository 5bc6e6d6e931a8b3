/**
 * A pack node's figures, for checks, hover and inlay hints: the pack IR, its cell's IR and design,
 * the pack calculator's result and the load of each drive duty. Computed from the same physics
 * functions as `cellspec pack`, so every view shows the same number.
 */
import {
  designCell,
  drivePower,
  packDesign,
  packSpecOf,
  WLTC_CLASS_3B_KMH,
  type CellDesign,
  type CellIR,
  type DutyIR,
  type PackDesign,
  type PackIR,
} from '@cellspec/physics';
import type { CellSpecServices } from './cellspec-module.js';
import type { Pack } from './generated/ast.js';
import { resolveCell, sourceOf } from './resolve.js';
import { resolvePack } from './resolve-pack.js';

export interface DriveLoad {
  readonly duty: Extract<DutyIR, { type: 'drive' }>;
  readonly distance: number;
  /** J/m */
  readonly energyPerDistance: number;
  readonly peakPower: number;
  /** Peak discharge current of one cell as a C-rate (at the pack's nominal voltage). */
  readonly peakCellRate: number;
}

export interface PackFigures {
  readonly pack: PackIR;
  readonly cell: CellIR;
  readonly cellDesign: CellDesign;
  readonly design?: PackDesign;
  readonly problems: readonly string[];
  readonly drives: readonly DriveLoad[];
}

/** Figures of one pack node, or undefined when it does not resolve (its checks say why). */
export function packFigures(services: CellSpecServices, node: Pack): PackFigures | undefined {
  const pack = resolvePack(
    {
      num: (expr, kinds) => {
        if (!expr) return undefined;
        const q = services.evaluation.Evaluator.quantity(expr, kinds);
        return q.ok && Number.isFinite(q.quantity.si) ? q.quantity.si : undefined;
      },
      quantity: (expr, kinds) => {
        if (!expr) return undefined;
        const q = services.evaluation.Evaluator.quantity(expr, kinds);
        return q.ok && Number.isFinite(q.quantity.si) ? { si: q.quantity.si, kind: q.quantity.kind } : undefined;
      },
    },
    node,
    sourceOf(node),
  );
  const cellNode = node.members
    .find((m) => m.$type === 'PackModule')
    ?.module?.ref?.members.find((m) => m.$type === 'ModuleCell')?.cell?.ref;
  if (!pack || !cellNode) return undefined;
  const cell = resolveCell(services, cellNode).cell;
  if (!cell) return undefined;
  const cellDesign = designCell(cell);
  const result = packDesign(cellDesign, cell.limits, packSpecOf(pack));
  if (!('cells' in result)) return { pack, cell, cellDesign, problems: result.problems, drives: [] };
  const drives: DriveLoad[] = [];
  for (const duty of pack.duties) {
    if (duty.type !== 'drive' || !pack.vehicle || cellDesign.capacity === undefined) continue;
    const run = drivePower(pack.vehicle, WLTC_CLASS_3B_KMH, duty.grade);
    const peakPower = Math.max(...run.batteryPower);
    const cellsInParallel = result.capacity / cellDesign.capacity;
    drives.push({
      duty,
      distance: run.distance,
      energyPerDistance: run.batteryEnergy / run.distance,
      peakPower,
      peakCellRate: peakPower / result.nominalVoltage / cellsInParallel / (cellDesign.capacity / 3600),
    });
  }
  return { pack, cell, cellDesign, design: result, problems: [], drives };
}
