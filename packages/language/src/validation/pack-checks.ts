/**
 * Modules and packs: the parts they need (a module's cell and counts, a pack's module, a vehicle
 * for a drive), the values of duty cycles (a C-rate, SOCs, a grade), drive cycles cellspec ships,
 * and whether a duty keeps the cells within their limits (a charge rate above `max-charge-rate`,
 * a drive whose peak load exceeds `max-discharge-rate`).
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isDriveDuty,
  isFastChargeDuty,
  isModuleCell,
  isPackModule,
  isProperty,
  isVehicle,
  type CellSpecAstType,
  type DriveDuty,
  type FastChargeDuty,
  type Module,
  type Pack,
  type Vehicle,
} from '../generated/ast.js';
import { packFigures } from '../pack-figures.js';
import { DRIVE_CYCLES, driveCycleOf, VEHICLE_REQUIRED } from '../resolve-pack.js';
import { resolveCell } from '../resolve.js';
import { Code } from './codes.js';
import { ValueChecks } from './values.js';

export function packChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const values = new ValueChecks(services.evaluation.Evaluator);
  return {
    Module: (node: Module, accept) => {
      if (!node.members.some(isModuleCell))
        accept('error', `module ${node.name} names no cell (\`cell NAME\`)`, {
          node,
          property: 'name',
          code: Code.MissingProperty,
        });
      for (const name of ['series', 'parallel'])
        if (!node.members.some((m) => isProperty(m) && m.name === name))
          accept('error', `module ${node.name} has no ${name} count`, {
            node,
            property: 'name',
            code: Code.MissingProperty,
          });
    },
    Pack: (node: Pack, accept) => {
      if (!node.members.some(isPackModule))
        accept('error', `pack ${node.name} names no module (\`module NAME\`)`, {
          node,
          property: 'name',
          code: Code.MissingProperty,
        });
      if (node.members.some(isDriveDuty) && !node.members.some(isVehicle))
        accept('error', `pack ${node.name} has a drive but no vehicle block`, {
          node,
          property: 'name',
          code: Code.MissingProperty,
        });
      checkLimits(services, node, accept);
    },
    Vehicle: (node: Vehicle, accept) => {
      const missing = VEHICLE_REQUIRED.filter((n) => !node.members.some((m) => m.name === n));
      if (missing.length)
        accept('error', `the vehicle needs ${missing.join(', ')} (no default vehicle values: state them)`, {
          node,
          keyword: 'vehicle',
          code: Code.MissingProperty,
        });
    },
    FastChargeDuty: (node: FastChargeDuty, accept) => {
      values.quantity(node.rate, ['cRate'], 'fast-charge rate', accept, { positive: true, max: 100 });
      const from = values.quantity(node.from, ['fraction'], 'start SOC', accept, { min: 0, max: 1 });
      const to = values.quantity(node.to, ['fraction'], 'end SOC', accept, { min: 0, max: 1 });
      if (to && to.si <= (from?.si ?? 0.1))
        accept('error', 'the charge ends at or below the SOC it starts from', {
          node,
          property: 'to',
          code: Code.ExpectedRange,
        });
    },
    DriveDuty: (node: DriveDuty, accept) => {
      if (!driveCycleOf(node.cycle))
        accept(
          'error',
          `drive cycle ${node.cycle} is not known; cellspec ships ${Object.keys(DRIVE_CYCLES)[0]!.toUpperCase()} (class 3b, UN GTR No. 15)`,
          { node, property: 'cycle', code: Code.UnknownDriveCycle },
        );
      values.quantity(node.grade, ['fraction'], 'grade', accept, { min: -0.3, max: 0.3 });
      values.quantity(node.from, ['fraction'], 'start SOC', accept, { positive: true, max: 1 });
      values.quantity(node.repeat, ['dimensionless'], 'repeat count', accept, {
        positive: true,
        integer: true,
        max: 100,
      });
    },
  };
}

/** Whether each duty keeps the cells within their stated rate limits. */
function checkLimits(services: CellSpecServices, node: Pack, accept: ValidationAcceptor): void {
  const cellNode = node.members.find(isPackModule)?.module?.ref?.members.find(isModuleCell)?.cell?.ref;
  if (!cellNode) return;
  const limits = resolveCell(services, cellNode).cell?.limits;
  for (const duty of node.members.filter(isFastChargeDuty)) {
    const rate = services.evaluation.Evaluator.quantity(duty.rate, ['cRate']);
    const max = limits?.maxChargeRate;
    if (rate.ok && max !== undefined && rate.quantity.si > max * (1 + 1e-9))
      accept(
        'warning',
        `a ${rate.quantity.si}C charge exceeds the cell's max-charge-rate ${max}C (cell ${cellNode.name})`,
        { node: duty, property: 'rate', code: Code.PackLimit },
      );
  }
  const figures = packFigures(services, node);
  if (!figures) return;
  for (const problem of figures.problems)
    accept('warning', `pack ${node.name}: ${problem}`, { node, property: 'name', code: Code.DesignIncomplete });
  const drives = node.members.filter(isDriveDuty);
  figures.drives.forEach((load, i) => {
    const max = limits?.maxDischargeRate;
    const duty = drives[i];
    if (duty && max !== undefined && load.peakCellRate > max)
      accept(
        'warning',
        `the drive's peak load is ${load.peakCellRate.toFixed(2)}C per cell, above the cell's max-discharge-rate ${max}C`,
        { node: duty, property: 'cycle', code: Code.PackLimit },
      );
  });
}
