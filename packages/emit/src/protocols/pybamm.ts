/**
 * PyBaMM experiments. Each sub-test becomes a list of cycles; each cycle is a list of step
 * strings in PyBaMM's documented step grammar (pybamm/experiment/step/steps.py `string()`):
 *   "Charge at 1 C until 4.1 V", "Discharge at C/3 for 2 hours or until 2.5 V",
 *   "Rest for 10 minutes", "Hold at 4.2 V until C/50", "Discharge at 200 mA for 10 seconds".
 * The grammar allows one `until` termination (a voltage, a current or a C-rate) and one `for`
 * duration in seconds, minutes or hours, and no temperature in the string: temperatures travel
 * as separate values (kelvin), passed to `pybamm.step.string(text, temperature=…)`.
 * What the grammar cannot say is converted where exact (a capacity end of a constant-current
 * step is a time: t = Q / I) and otherwise listed in `notes`.
 */
import {
  advance,
  initialState,
  type ConcreteEnd,
  type ConcreteSetpoint,
  type ConcreteStep,
  type ConcreteTest,
  type ExpandedPlan,
  type CellIR,
  type IdealCell,
} from '@cellspec/physics';
import { assertEmittable, cyclerTests, plain, type EmitNote, type EmitResult } from './common.js';
import { pybammParameters, type PyBaMMParameterCode } from './pybamm-parameters.js';

export interface PyBaMMCycle {
  readonly repeat: number;
  readonly steps: string[];
  /** Ambient temperature of each step, K; null keeps the model's default. */
  readonly temperatures: (number | null)[];
  /** Output period of each step, s; null for PyBaMM's default. */
  readonly periods: (number | null)[];
}

export interface PyBaMMExperiment {
  readonly id: string;
  readonly samples: number;
  readonly cycles: PyBaMMCycle[];
}

export interface PyBaMMDocument {
  readonly format: 'cellspec-pybamm-experiments';
  readonly version: 1;
  readonly plan: string;
  readonly cell: string;
  readonly nominal_capacity_Ah: number;
  readonly voltage_window_V: readonly [number, number];
  readonly experiments: PyBaMMExperiment[];
  readonly notes: EmitNote[];
}

export function pybammDocument(plan: ExpandedPlan): PyBaMMDocument {
  assertEmittable(plan);
  const notes: EmitNote[] = [];
  const ideal: IdealCell = {
    capacity: plan.capacity,
    voltageMin: plan.voltageWindow[0],
    voltageMax: plan.voltageWindow[1],
  };
  const experiments = cyclerTests(plan).map((t) => experimentOf(t, ideal, notes));
  return {
    format: 'cellspec-pybamm-experiments',
    version: 1,
    plan: plan.plan,
    cell: plan.cell,
    nominal_capacity_Ah: Number(plain(plan.capacity / 3600, 9)),
    voltage_window_V: plan.voltageWindow,
    experiments,
    notes,
  };
}

/** The experiments (JSON), the script that runs them and, for a liquid cell, its BPX file. */
export function emitPyBaMM(plan: ExpandedPlan, cell?: CellIR): EmitResult {
  const doc = pybammDocument(plan);
  const jsonName = `${plan.plan}.pybamm.json`;
  const parameters = pybammParameters(plan, cell, doc.notes);
  return {
    files: [
      { name: jsonName, content: JSON.stringify(doc, null, 2) + '\n' },
      ...parameters.files,
      {
        name: `${plan.plan.replace(/[^A-Za-z0-9_]/g, '_')}_pybamm.py`,
        content: pythonScript(plan, jsonName, parameters),
      },
    ],
    notes: doc.notes,
  };
}

function experimentOf(test: ConcreteTest, ideal: IdealCell, notes: EmitNote[]): PyBaMMExperiment {
  const w = new Writer(test.id, ideal, notes);
  const cycles: PyBaMMCycle[] = [];
  let loose: PyBaMMCycle | undefined;
  for (const s of test.steps) {
    if (s.kind === 'loop') {
      loose = undefined;
      const body: PyBaMMCycle = { repeat: s.count, steps: [], temperatures: [], periods: [] };
      // PyBaMM repeats a cycle as written; nested loops are unrolled inside it.
      for (const c of s.steps) w.step(c, body);
      if (s.ends?.length)
        notes.push({
          test: test.id,
          message: 'repeat … until is not expressible in PyBaMM; the cycle runs its full count',
        });
      cycles.push(body);
    } else {
      if (!loose) {
        loose = { repeat: 1, steps: [], temperatures: [], periods: [] };
        cycles.push(loose);
      }
      w.step(s, loose);
    }
  }
  return { id: test.id, samples: test.samples, cycles: cycles.filter((c) => c.steps.length > 0) };
}

class Writer {
  readonly state = initialState();
  private temperature: number | null = null;
  constructor(
    private readonly test: string,
    private readonly ideal: IdealCell,
    private readonly notes: EmitNote[],
  ) {}

  private note(message: string): void {
    if (!this.notes.some((n) => n.test === this.test && n.message === message))
      this.notes.push({ test: this.test, message });
  }

  private push(cycle: PyBaMMCycle, text: string, record?: number): void {
    cycle.steps.push(text);
    cycle.temperatures.push(this.temperature);
    cycle.periods.push(record ?? null);
  }

  step(s: ConcreteStep, cycle: PyBaMMCycle): void {
    const socBefore = this.state.soc;
    switch (s.kind) {
      case 'cc': {
        const verb = s.direction === 'charge' ? 'Charge' : 'Discharge';
        const value = setpointText(s.setpoint);
        const currentEnd = s.ends.find((e) => e.quantity === 'current');
        if (s.cv !== undefined && currentEnd) {
          // CCCV: constant current to the CV voltage, then hold it until the current tail.
          const others = s.ends.filter((e) => e.quantity !== 'current');
          this.push(
            cycle,
            `${verb} at ${value}${this.endText(others, s.setpoint, socBefore, s.direction, `${plain(s.cv)} V`)}`,
            s.record,
          );
          this.push(cycle, `Hold at ${plain(s.cv)} V until ${currentText(currentEnd)}`, s.record);
        } else {
          if (s.cv !== undefined)
            this.note(
              `the ${s.direction} at ${value} with cv ${plain(s.cv)} V has no current end; written as constant current to ${plain(s.cv)} V`,
            );
          this.push(
            cycle,
            `${verb} at ${value}${this.endText(s.ends, s.setpoint, socBefore, s.direction, s.cv !== undefined ? `${plain(s.cv)} V` : undefined)}`,
            s.record,
          );
        }
        break;
      }
      case 'pulse':
        this.push(
          cycle,
          `${s.direction === 'charge' ? 'Charge' : 'Discharge'} at ${setpointText(s.setpoint)} for ${durationText(s.duration)}`,
          s.record,
        );
        break;
      case 'rest': {
        const t = s.ends.find((e) => e.quantity === 'time');
        if (!t) this.note('PyBaMM rests end only on time; a rest ending on voltage is written as 1 hour');
        this.push(cycle, `Rest for ${durationText(t?.value ?? 3600)}`, s.record);
        break;
      }
      case 'hold': {
        const t = s.ends.find((e) => e.quantity === 'time');
        const c = s.ends.find((e) => e.quantity === 'current');
        const parts = [
          t ? ` for ${durationText(t.value)}` : '',
          c ? `${t ? ' or' : ''} until ${currentText(c)}` : '',
        ].join('');
        this.push(cycle, `Hold at ${plain(s.voltage)} V${parts || ' for 1 hour'}`, s.record);
        break;
      }
      case 'temperature':
        this.temperature = Number(plain(s.setpoint, 8));
        if (s.soak > 0) this.push(cycle, `Rest for ${durationText(s.soak)}`);
        break;
      case 'impedance':
        this.note('impedance steps are not part of a PyBaMM experiment; left out');
        break;
      case 'loop':
        // Nested repeat inside a cycle: unrolled.
        for (let i = 0; i < s.count; i++) for (const c of s.steps) this.step(c, cycle);
        return;
      case 'pressure':
        this.note(`restraint pressure ${plain(s.value / 1e6)} MPa is a model parameter, not an experiment step`);
        break;
      case 'note':
      case 'documented':
        break;
    }
    advance(s, this.state, this.ideal);
  }

  /** ` for …`, ` until …` or ` for … or until …`; ends PyBaMM cannot express become a time or a note. */
  private endText(
    ends: readonly ConcreteEnd[],
    sp: ConcreteSetpoint,
    soc: number | undefined,
    direction: 'charge' | 'discharge',
    fallbackVoltage?: string,
  ): string {
    const times: number[] = [];
    const untils: string[] = [];
    for (const e of ends) {
      switch (e.quantity) {
        case 'time':
          times.push(e.value);
          break;
        case 'capacity':
          // Exact for constant current: t = Q / I.
          times.push(e.value / sp.current);
          break;
        case 'energy':
          times.push(e.value / ((sp.current * (this.ideal.voltageMin + this.ideal.voltageMax)) / 2));
          this.note('an energy end is written as the time it takes at the mean voltage of the window');
          break;
        case 'soc':
          if (soc !== undefined) times.push((Math.abs(e.value - soc) * this.ideal.capacity) / sp.current);
          else this.note('a SOC end from an unknown SOC cannot be written for PyBaMM; left out');
          break;
        case 'voltage':
          untils.push(`${plain(e.value)} V`);
          break;
        case 'current':
          untils.push(currentText(e));
          break;
        case 'temperature':
          this.note('PyBaMM string steps cannot end on temperature; left out');
          break;
      }
    }
    if (untils.length > 1)
      this.note(`PyBaMM takes one termination per step; kept ${untils[0]}, dropped ${untils.slice(1).join(', ')}`);
    if (untils.length === 0 && fallbackVoltage) untils.push(fallbackVoltage);
    const t = times.length ? ` for ${durationText(Math.min(...times))}` : '';
    const u = untils.length ? `${t ? ' or' : ''} until ${untils[0]}` : '';
    if (!t && !u) {
      this.note(`a ${direction} without an end PyBaMM understands is written for 24 hours`);
      return ' for 24 hours';
    }
    return t + u;
  }
}

/** `C/3`, `2C`, `0.8 mA`, `10 mW`: the forms PyBaMM's `_convert_electric` reads. */
export function setpointText(sp: ConcreteSetpoint): string {
  if (sp.mode === 'power') return powerText(sp.power ?? 0);
  if (sp.written === 'crate') return crateText(sp.crate);
  return ampsText(sp.current);
}

export function crateText(c: number): string {
  const inv = 1 / c;
  if (c < 1 && Math.abs(inv - Math.round(inv)) < 1e-9) return `C/${Math.round(inv)}`;
  return `${plain(c)}C`;
}

function ampsText(a: number): string {
  return a >= 1 ? `${plain(a)} A` : `${plain(a * 1000)} mA`;
}
function powerText(w: number): string {
  return w >= 1 ? `${plain(w)} W` : `${plain(w * 1000)} mW`;
}
function currentText(e: ConcreteEnd): string {
  return e.crate !== undefined ? crateText(e.crate) : ampsText(e.value);
}

/** Seconds as PyBaMM's time words: seconds below 2 min, minutes below 2 h, hours above. */
export function durationText(seconds: number): string {
  const s = Number(plain(seconds, 9));
  if (s < 120) return `${plain(s)} seconds`;
  if (s < 7200) return `${plain(s / 60)} minutes`;
  return `${plain(s / 3600)} hours`;
}

function pythonScript(plan: ExpandedPlan, jsonName: string, parameters: PyBaMMParameterCode): string {
  const how =
    parameters.source === 'bpx'
      ? `The parameter set is ${plan.cell}'s own, read from its BPX file with
pybamm.ParameterValues.create_from_bpx.`
      : parameters.source === 'explicit'
        ? `The parameter set is ${plan.cell}'s own, set value by value (a solid-state cell has no
BPX form).`
        : `No cell was given: PyBaMM's Chen2020 set stands in, with this plan's capacity and cut-offs.`;
  return `"""PyBaMM experiments of test plan ${plan.plan} for cell ${plan.cell}, written by cellspec.

Run:  python ${plan.plan.replace(/[^A-Za-z0-9_]/g, '_')}_pybamm.py [EXPERIMENT_ID]
Builds one pybamm.Experiment per sub-test from ${jsonName} (same folder) and solves it.
${how} The cut-offs are the cell's voltage limits and the nominal capacity is the plan's 1C basis.
"""
import json
import math
import pathlib
import sys

import pybamm

HERE = pathlib.Path(__file__).resolve().parent
DATA = json.loads((HERE / ${JSON.stringify(jsonName)}).read_text(encoding="utf-8"))

${parameters.python}

def experiment(entry):
    """The pybamm.Experiment of one sub-test: each cycle is a tuple of steps, repeated."""
    conditions = []
    for cycle in entry["cycles"]:
        steps = []
        for text, temperature, period in zip(cycle["steps"], cycle["temperatures"], cycle["periods"]):
            options = {}
            if temperature is not None:
                options["temperature"] = temperature
            if period is not None:
                options["period"] = period
            steps.append(pybamm.step.string(text, **options))
        conditions += [tuple(steps)] * cycle["repeat"]
    return pybamm.Experiment(conditions)


def main(selected=None):
    parameters = parameter_values()
    model = getattr(pybamm.lithium_ion, MODEL)(options=OPTIONS)
    for entry in DATA["experiments"]:
        if selected and entry["id"] != selected:
            continue
        simulation = pybamm.Simulation(model, experiment=experiment(entry), parameter_values=parameters)
        solution = simulation.solve()
        print(f"{entry['id']}: {len(solution.cycles)} cycles, {solution['Time [h]'].entries[-1]:.2f} h")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
`;
}
