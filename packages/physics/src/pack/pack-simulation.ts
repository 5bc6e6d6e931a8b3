/**
 * A pack under a duty cycle: electrochemistry and heat of representative cells, coupled.
 *
 * Arrangement. A module's cells stand in rows across its cooling plate; the coolant flows under
 * row 0, then row 1, … Each row is one thermal node with one representative cell, run by the
 * reduced model (`SPMeModel`, or any `CellModel`); every module is taken to be the same, so the
 * pack is the module's rows repeated. Cells in series carry the same current; cells in parallel
 * are taken to share it equally (no current imbalance from temperature: a stated simplification,
 * which makes the temperature spread a lower bound).
 *
 * Heat. Each step, every node's cell is stepped at its own temperature and its heat
 * (irreversible + reversible, W/m² × electrode area) is applied to a lumped network
 * (`stepThermalNetwork`, backward Euler):
 *   C dT_i/dt = Q_i − G_plate (T_i − T_c,i) − G_cell Σ_neighbours (T_i − T_j)
 * The coolant warms along its path by what the rows upstream give it (energy balance,
 * Incropera & DeWitt §8.3):
 *   T_c,i = T_in + Σ_{j<i} n_row·G_plate·(T_j − T_c,j) / (ṁ·c_p)
 * evaluated from the previous step's temperatures (a one-step lag, small against the minute-long
 * thermal time constants). The programme's pack study used a 3-D finite-element heat model; this
 * network resolves row-to-row spread along the coolant, not gradients inside a cell or across a
 * row, so its peak is the cell average, below a 3-D model's hottest point.
 *
 * Control. A fast charge is CC at the stated rate until the cell reaches its upper voltage, then
 * CV there, until the mean SOC reaches the target. A drive is the pack power of the vehicle model
 * shared equally by all cells (W per cell → W/m² of electrode area, the model's power control),
 * one step per second of the trace.
 */
import type { CellModel } from '../models/model.js';
import type { ModelParameters } from '../models/parameters.js';
import { stepThermalNetwork, type ThermalNetwork } from './thermal-network.js';

/** Water–ethylene glycol 50/50 near 25 °C, J/(kg·K) (ASHRAE Handbook — Fundamentals, ch. 31). */
export const COOLANT_SPECIFIC_HEAT = 3500;
const FARADAY = 96485.33212;

export interface PackThermalLayout {
  /** Rows along the coolant path (one node each), and cells per row. */
  readonly rows: number;
  readonly cellsPerRow: number;
  /** J/K per cell. */
  readonly cellHeatCapacity: number;
  /** W/K: one cell to the coolant; between cells of neighbouring rows. */
  readonly plateConductance: number;
  readonly cellConductance: number;
  /** K */
  readonly coolantInlet: number;
  /** kg/s through one module's plate; absent: the coolant does not warm (an infinite flow). */
  readonly coolantFlow?: number;
}

/** The network of one row-per-node module (per cell: a row's conductances are per cell, so nodes are cells). */
export function moduleNetwork(layout: PackThermalLayout): ThermalNetwork {
  return {
    nodes: Array.from({ length: layout.rows }, (_, i) => ({
      name: `row ${i + 1}`,
      capacity: layout.cellHeatCapacity,
      toCoolant: layout.plateConductance,
    })),
    links: Array.from({ length: Math.max(0, layout.rows - 1) }, (_, i) => ({
      a: i,
      b: i + 1,
      conductance: layout.cellConductance,
    })),
    coolant: layout.coolantInlet,
  };
}

/** Coolant temperature at each row, from the heat the rows upstream give it. */
export function coolantAlongPath(layout: PackThermalLayout, T: readonly number[]): number[] {
  const out: number[] = [];
  let Tc = layout.coolantInlet;
  for (let i = 0; i < layout.rows; i++) {
    out.push(Tc);
    if (layout.coolantFlow)
      Tc +=
        (layout.cellsPerRow * layout.plateConductance * (T[i]! - Tc)) / (layout.coolantFlow * COOLANT_SPECIFIC_HEAT);
  }
  return out;
}

export type PackDuty =
  | { readonly type: 'fast-charge'; readonly rate: number; readonly fromSoc: number; readonly toSoc: number }
  | {
      readonly type: 'drive';
      /** Pack power, W (discharge positive), one value every `dt` seconds. */
      readonly packPower: readonly number[];
      readonly dt: number;
      readonly fromSoc: number;
    };

export interface PackLimits {
  readonly voltageMin?: number;
  readonly voltageMax?: number;
  /** K */
  readonly temperatureMax?: number;
  readonly maxChargeRate?: number;
  readonly maxDischargeRate?: number;
}

export interface PackSimulationInput {
  readonly parameters: ModelParameters;
  readonly makeModel: (p: ModelParameters) => CellModel;
  /** Cells in series and in parallel in the whole pack. */
  readonly series: number;
  readonly parallel: number;
  readonly layout: PackThermalLayout;
  readonly limits: PackLimits;
}

export interface PackSimulation {
  readonly duty: PackDuty['type'];
  /** s */
  readonly time: number[];
  /** V: series × the mean cell voltage. */
  readonly packVoltage: number[];
  /** A, discharge positive. */
  readonly packCurrent: number[];
  /** Mean SOC of the cells, 0..1. */
  readonly soc: number[];
  /** K: the hottest and coolest row at each time. */
  readonly maxTemperature: number[];
  readonly minTemperature: number[];
  /** K over the run: the peak cell temperature and the largest row-to-row spread. */
  readonly peakTemperature: number;
  readonly peakSpread: number;
  /** Charge through each cell (C, discharge positive) and the lithium its cathode took up (C). */
  readonly cellCharge: number;
  readonly cathodeLithium: number;
  /** Limits the run crossed, in words; empty when they hold. */
  readonly violations: string[];
  /** Why a run stopped early (a model that did not converge), if it did. */
  readonly failure?: string;
}

/** Cathode capacity of one cell, C: Q_pos = c_max·ε_am·L·A·F (the change of its stoichiometry counts the charge in). */
function cathodeCharge(p: ModelParameters): number {
  const e = p.positive;
  return e.maxConcentration * e.activeFraction * e.thickness * p.electrodeArea * FARADAY;
}

/** Runs the duty on the pack; never throws, a cell model that fails ends the run with `failure`. */
export function simulatePack(input: PackSimulationInput, duty: PackDuty): PackSimulation {
  const { parameters: p, layout, limits } = input;
  const rows = layout.rows;
  const cells = input.series * input.parallel;
  const capacity = p.oneCCurrent * 3600;
  const area = p.electrodeArea;
  const startSoc = duty.fromSoc;
  const models = Array.from({ length: rows }, () => {
    const m = input.makeModel(p);
    m.initialise(startSoc, layout.coolantInlet);
    return m;
  });
  const network = moduleNetwork(layout);
  let T = network.nodes.map(() => layout.coolantInlet);
  const startStoich = models.map((m) => m.stoichiometry().positive);
  const out: Omit<PackSimulation, 'peakTemperature' | 'peakSpread' | 'cellCharge' | 'cathodeLithium'> = {
    duty: duty.type,
    time: [0],
    packVoltage: [input.series * mean(models.map((m) => m.voltage))],
    packCurrent: [0],
    soc: [startSoc],
    maxTemperature: [layout.coolantInlet],
    minTemperature: [layout.coolantInlet],
    violations: [],
  };
  let failure: string | undefined;
  let soc = startSoc;
  let charge = 0;
  let t = 0;
  const seen = new Set<string>();
  const violate = (what: string) => {
    if (!seen.has(what)) out.violations.push(what);
    seen.add(what);
  };

  /** One step of every row's cell under `control(model)`, then the heat network. */
  const step = (
    h: number,
    controlOf: (m: CellModel) => Parameters<CellModel['step']>[1],
    cccv?: { readonly current: number; readonly voltage: number },
  ): boolean => {
    const heat: number[] = [];
    const currents: number[] = [];
    for (let i = 0; i < rows; i++) {
      const m = models[i]!;
      m.setTemperature(T[i]!);
      m.save();
      let ok = m.step(h, controlOf(m));
      // Halve the step a few times before giving up: a power step at a sharp peak may need it.
      for (let sub = 2; !ok && sub <= 8; sub *= 2) {
        m.restore();
        ok = true;
        for (let k = 0; k < sub && ok; k++) ok = m.step(h / sub, controlOf(m));
      }
      // CC-CV: a current step that overshoots the upper voltage becomes a voltage hold, and a
      // hold may not draw more than the set current.
      if (ok && cccv && m.voltage > cccv.voltage + 1e-4) {
        m.restore();
        ok = m.step(h, { mode: 'voltage', value: cccv.voltage });
      }
      if (ok && cccv && Math.abs(m.current) > Math.abs(cccv.current) * (1 + 1e-6)) {
        m.restore();
        ok = m.step(h, { mode: 'current', value: cccv.current });
      }
      if (!ok || !Number.isFinite(m.voltage)) {
        failure = `the cell model did not converge at t = ${t.toFixed(0)} s (row ${i + 1})`;
        return false;
      }
      const q = m.heat();
      heat.push((q.irreversible + q.reversible) * area);
      currents.push(m.current * area);
    }
    T = stepThermalNetwork(network, T, heat, h, coolantAlongPath(layout, T));
    const cellCurrent = mean(currents);
    t += h;
    charge += cellCurrent * h;
    soc -= (cellCurrent * h) / capacity;
    const voltages = models.map((m) => m.voltage);
    out.time.push(t);
    out.packVoltage.push(input.series * mean(voltages));
    out.packCurrent.push(cellCurrent * input.parallel);
    out.soc.push(soc);
    out.maxTemperature.push(Math.max(...T));
    out.minTemperature.push(Math.min(...T));
    const rate = Math.abs(cellCurrent) / p.oneCCurrent;
    if (limits.voltageMax !== undefined && Math.max(...voltages) > limits.voltageMax + 1e-3)
      violate(`cell voltage above ${limits.voltageMax} V`);
    if (limits.voltageMin !== undefined && Math.min(...voltages) < limits.voltageMin - 1e-3)
      violate(`cell voltage below ${limits.voltageMin} V`);
    if (limits.temperatureMax !== undefined && Math.max(...T) > limits.temperatureMax)
      violate(`cell temperature above ${(limits.temperatureMax - 273.15).toFixed(0)} °C`);
    if (cellCurrent < 0 && limits.maxChargeRate !== undefined && rate > limits.maxChargeRate * (1 + 1e-6))
      violate(`charge rate above ${limits.maxChargeRate}C`);
    if (cellCurrent > 0 && limits.maxDischargeRate !== undefined && rate > limits.maxDischargeRate * (1 + 1e-6))
      violate(`discharge rate above ${limits.maxDischargeRate}C`);
    if (soc < -1e-3) violate('the pack ran empty');
    return true;
  };

  if (duty.type === 'fast-charge') {
    const current = -(duty.rate * p.oneCCurrent) / area; // A/m², charge negative
    const vMax = limits.voltageMax ?? p.voltageMax;
    const h = Math.min(5, 3600 / duty.rate / 400); // ≥ 400 steps over a full-capacity charge
    const budget = (3600 * (duty.toSoc - duty.fromSoc)) / Math.max(duty.rate, 0.05) + 3 * 3600;
    // CC-CV per cell: the set current until the cell reaches vMax, then vMax held, never above the set current.
    const controlOf = (m: CellModel): Parameters<CellModel['step']>[1] =>
      m.voltage >= vMax - 1e-4 ? { mode: 'voltage', value: vMax } : { mode: 'current', value: current };
    while (soc < duty.toSoc && t < budget) {
      const left = ((duty.toSoc - soc) * capacity) / (duty.rate * p.oneCCurrent);
      if (!step(Math.max(0.05, Math.min(h, left)), controlOf, { current, voltage: vMax })) break;
      if (Math.abs(out.packCurrent.at(-1)!) / input.parallel < 0.05 * p.oneCCurrent) break; // CV tail below C/20
    }
    if (soc < duty.toSoc - 1e-3 && !failure)
      violate(
        `the charge reached ${(soc * 100).toFixed(0)} % SOC in ${(t / 60).toFixed(0)} min, not ${(duty.toSoc * 100).toFixed(0)} %`,
      );
  } else {
    const perCell = 1 / cells;
    for (let k = 0; k < duty.packPower.length - 1; k++) {
      // Trapezoidal mean of the trace over the step: the pack delivers the trace's energy.
      const power = 0.5 * (duty.packPower[k]! + duty.packPower[k + 1]!) * perCell;
      if (!step(duty.dt, () => ({ mode: 'power', value: power / area }))) break;
    }
  }
  return {
    ...out,
    peakTemperature: Math.max(...out.maxTemperature),
    peakSpread: Math.max(...out.maxTemperature.map((hi, k) => hi - out.minTemperature[k]!)),
    cellCharge: charge,
    cathodeLithium: mean(models.map((m, i) => m.stoichiometry().positive - startStoich[i]!)) * cathodeCharge(p),
    ...(failure ? { failure } : {}),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
