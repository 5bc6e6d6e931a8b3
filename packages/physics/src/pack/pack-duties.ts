/**
 * A declared pack's duty cycles, run: each duty of the pack IR through `simulatePack` with the
 * cell's reduced model (SPMe) and the module's thermal layout. What the spec leaves out and the
 * simulation needs (plate conductance, a vehicle for a drive) is a problem, never a default.
 */
import type { CellIR } from '../ir.js';
import { parametersFromCell } from '../models/from-cell.js';
import { SPMeModel } from '../models/spme.js';
import type { PackIR } from './pack-ir.js';
import { simulatePack, type PackSimulation } from './pack-simulation.js';
import { drivePower } from './vehicle.js';
import { WLTC_CLASS_3B_KMH } from './wltc-class3b.js';

export interface PackDutyRuns {
  readonly runs: readonly { readonly label: string; readonly run: PackSimulation }[];
  readonly problems: readonly string[];
  /** Model defaults taken for the cell (from `parametersFromCell`). */
  readonly assumptions: readonly string[];
}

/** 25 °C when the spec states no coolant temperature: the temperature the cell data hold at. */
const DEFAULT_COOLANT = 298.15;

export function runPackDuties(cell: CellIR, pack: PackIR): PackDutyRuns {
  const problems: string[] = [];
  const { parameters, assumptions, problems: modelProblems } = parametersFromCell(cell);
  problems.push(...modelProblems);
  const m = pack.module;
  if (m.plateConductance === undefined) problems.push(`module ${m.name} states no plate-conductance`);
  if (!parameters || problems.length) return { runs: [], problems, assumptions };
  const layout = {
    rows: m.series,
    cellsPerRow: m.parallel,
    cellHeatCapacity: parameters.thermal.heatCapacity,
    plateConductance: m.plateConductance!,
    cellConductance: m.cellConductance ?? 0,
    coolantInlet: pack.coolantTemperature ?? DEFAULT_COOLANT,
    ...(pack.coolantFlow !== undefined ? { coolantFlow: pack.coolantFlow } : {}),
  };
  const input = {
    parameters: { ...parameters, temperature: layout.coolantInlet },
    makeModel: (p: typeof parameters) => new SPMeModel(p),
    series: m.series * pack.series,
    parallel: m.parallel * pack.parallel,
    layout,
    limits: {
      ...(cell.limits.voltageMin !== undefined ? { voltageMin: cell.limits.voltageMin } : {}),
      ...(cell.limits.voltageMax !== undefined ? { voltageMax: cell.limits.voltageMax } : {}),
      ...(cell.limits.temperatureMax !== undefined ? { temperatureMax: cell.limits.temperatureMax } : {}),
      ...(cell.limits.maxChargeRate !== undefined ? { maxChargeRate: cell.limits.maxChargeRate } : {}),
      ...(cell.limits.maxDischargeRate !== undefined ? { maxDischargeRate: cell.limits.maxDischargeRate } : {}),
    },
  };
  const runs: { label: string; run: PackSimulation }[] = [];
  for (const duty of pack.duties) {
    if (duty.type === 'fast-charge') {
      runs.push({
        label: `fast charge ${+duty.rate.toFixed(2)}C, ${(duty.fromSoc * 100).toFixed(0)}→${(duty.toSoc * 100).toFixed(0)} % SOC`,
        run: simulatePack(input, duty),
      });
    } else if (!pack.vehicle) {
      problems.push(`pack ${pack.name} drives without a vehicle`);
    } else {
      const trace = Array.from({ length: duty.repeat }, (_, i) =>
        i === 0 ? WLTC_CLASS_3B_KMH : WLTC_CLASS_3B_KMH.slice(1),
      ).flat();
      const power = drivePower(pack.vehicle, trace, duty.grade).batteryPower;
      runs.push({
        label: `WLTC class 3b${duty.repeat > 1 ? ` × ${duty.repeat}` : ''} at ${+(duty.grade * 100).toFixed(1)} % grade`,
        run: simulatePack(input, { type: 'drive', packPower: power, dt: 1, fromSoc: duty.fromSoc }),
      });
    }
  }
  return { runs, problems, assumptions };
}
