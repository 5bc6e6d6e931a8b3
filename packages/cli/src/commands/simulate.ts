/**
 * `cellspec simulate FILE [--plan NAME] [--test NAME] [--model p2d|reduced] [--format text|json]`:
 * runs a plan's electrical steps on the cell model and reports the predicted capacity of every
 * full charge and discharge (per temperature and rate), the resistance of every pulse (per SOC)
 * and the duration of each sub-test.
 */
import { resolve } from 'node:path';
import { simulatePlan, type PlanSimulation } from '@cellspec/physics';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command.js';
import { loadPlans } from './protocols.js';

const MODELS = ['p2d', 'reduced'] as const;
const FORMATS = ['text', 'json'] as const;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run a test plan on the cell model: predicted capacities, pulse resistances, durations.',
  usage: 'FILE [--plan NAME] [--test NAME] [--model p2d|reduced] [--format text|json]',
  details: `Chamber set-points set the model temperature (isothermal); soaks run as rests. Off-cycler
operations, impedance and abuse steps are not simulated; repeats run their first pass and count
the rest at the same length.

exit codes:
  0  simulated
  1  the spec or a test plan has errors, or the cell cannot be modelled
  2  usage error or an input that cannot be read`,
  options: {
    plan: { type: 'string', short: 'p', valueName: 'name', description: 'the test plan (default: every plan in FILE)' },
    test: { type: 'string', short: 't', valueName: 'name', description: 'only this test of the plan' },
    model: { type: 'string', short: 'm', default: 'p2d', valueName: 'p2d|reduced', description: 'model fidelity (default p2d)' },
    format: { type: 'string', short: 'f', default: 'text', valueName: 'text|json', description: 'report format (default text)' },
  },
  async run(values, positionals, io: CliIo) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec FILE');
    const fidelity = oneOf('model', values.model, MODELS);
    const format = oneOf('format', values.format, FORMATS);
    const { workspace, plans, errors } = await loadPlans(resolve(io.cwd, positionals[0]!), typeof values.plan === 'string' ? values.plan : undefined, io.cwd);
    if (errors.length > 0) {
      for (const e of errors) io.stderr(`error: ${e}\n`);
      return ExitCode.Findings;
    }
    const testName = typeof values.test === 'string' ? values.test : undefined;
    if (testName !== undefined && !plans.some((p) => p.tests.some((t) => t.test === testName))) {
      throw new UsageError(`no test '${testName}' in ${plans.map((p) => p.plan).join(', ')}`);
    }
    const cells = new Map(workspace.files.flatMap((f) => f.document.parseResult.value.elements).map((e) => [(e as { name?: string }).name, e]));
    void cells;
    const runs: PlanSimulation[] = [];
    for (const plan of plans) {
      const cell = cellOf(workspace, plan.cell);
      if (!cell) { io.stderr(`error: cell ${plan.cell} cannot be resolved\n`); return ExitCode.Findings; }
      runs.push(simulatePlan(plan, cell, { fidelity, ...(testName ? { filter: (t) => t.test === testName } : {}) }));
    }
    const problems = runs.flatMap((r) => r.problems.map((p) => `${r.plan}: ${p}`));
    if (format === 'json') io.stdout(JSON.stringify(runs.map(jsonOf), null, 2) + '\n');
    else for (const r of runs) io.stdout(textOf(r));
    for (const p of problems) io.stderr(`error: ${p}\n`);
    return problems.length ? ExitCode.Findings : ExitCode.Ok;
  },
};

import { resolveDocument, type LoadedWorkspace } from '@cellspec/language';
import type { CellIR } from '@cellspec/physics';

function cellOf(workspace: LoadedWorkspace, name: string): CellIR | undefined {
  for (const f of workspace.files) {
    const cell = resolveDocument(workspace.services, f.document).ir.cells.find((c) => c.name === name);
    if (cell) return cell;
  }
  return undefined;
}

const celsius = (k: number) => `${Math.round((k - 273.15) * 10) / 10} °C`;
const rate = (c: number) => (c > 0 && c < 1 && Math.abs(1 / c - Math.round(1 / c)) < 1e-6 ? `C/${Math.round(1 / c)}` : `${Number(c.toPrecision(3))} C`);
const hours = (s: number) => (s >= 172800 ? `${(s / 86400).toFixed(1)} days` : `${(s / 3600).toFixed(2)} h`);

function textOf(r: PlanSimulation): string {
  const lines = [`${r.plan} on ${r.cell} (${r.model === 'p2d' ? 'P2D' : 'SPMe'} model)`];
  for (const t of r.tests) {
    lines.push(`  ${t.id}: ${hours(t.duration)}${t.failure ? ` — stopped: ${t.failure}` : ''}`);
    for (const c of t.capacities) {
      const ah = c.capacity;
      lines.push(`    ${c.direction} at ${rate(c.rate)}, ${celsius(c.temperature)}: ${(ah * 1000).toFixed(3)} mAh${Number.isFinite(c.meanVoltage) ? `, mean ${c.meanVoltage.toFixed(3)} V` : ''}${ah * 1000 < 1e-3 ? ' (ends at once: the voltage limit is reached at the first instant)' : ''}`);
    }
    for (const p of t.pulses) lines.push(`    ${p.direction} pulse ${rate(p.rate)} for ${p.duration} s at SOC ${Math.round(p.soc * 100)} %, ${celsius(p.temperature)}: ${p.resistance.toPrecision(4)} Ω`);
  }
  if (r.notes.length) lines.push(...r.notes.map((n) => `  note: ${n}`));
  if (r.assumptions.length) lines.push(`  ${r.assumptions.length} model assumption${r.assumptions.length === 1 ? '' : 's'} (values the spec does not state); see --format json`);
  return lines.join('\n') + '\n';
}

function jsonOf(r: PlanSimulation): unknown {
  return {
    plan: r.plan, cell: r.cell, model: r.model, assumptions: r.assumptions, problems: r.problems, notes: r.notes,
    tests: r.tests.map((t) => ({
      id: t.id, point: t.point, duration_s: t.duration, ...(t.failure ? { failure: t.failure } : {}),
      capacities: t.capacities.map((c) => ({ direction: c.direction, c_rate: c.rate, temperature_C: c.temperature - 273.15, capacity_mAh: c.capacity * 1000, energy_mWh: c.energy * 1000, mean_voltage_V: c.meanVoltage, ended_by: c.endedBy })),
      pulses: t.pulses.map((p) => ({ direction: p.direction, c_rate: p.rate, temperature_C: p.temperature - 273.15, soc: p.soc, duration_s: p.duration, resistance_ohm: p.resistance })),
    })),
  };
}
