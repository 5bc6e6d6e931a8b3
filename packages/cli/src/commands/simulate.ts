/**
 * `cellspec simulate FILE …`: runs the cell model.
 *
 * - One run of one cell: `--discharge RATE` (from 100 % SOC to the lower voltage limit), or
 *   `--charge RATE [--to-soc PERCENT]` (from 0 %), at `--temperature`; JSON curves or CSV.
 * - A declared analysis of the cell: `--analysis KIND` (discharge, charge, rate-sweep, …).
 * - A test plan: `--plan NAME [--test NAME]` runs the plan's electrical steps and reports the
 *   predicted capacity of every full charge and discharge (per temperature and rate), every
 *   pulse resistance (per SOC) and each sub-test's duration.
 */
import { resolve } from 'node:path';
import { loadWorkspace, resolveDocument, type LoadedWorkspace } from '@cellspec/language';
import {
  parametersFromCell,
  runAnalysis,
  runConstantCurrent,
  simulatePlan,
  describeExtrapolation,
  type AnalysisOutcome,
  type AnalysisRun,
  type CellIR,
  type PlanSimulation,
  type SimulationResult,
} from '@cellspec/physics';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { printable } from '../printable.js';
import { loadPlans } from './protocols.js';

/** Model runs from the command line keep to their wall-time budget. */
const wallClock = (): number => performance.now();

const MODELS = ['p2d', 'reduced'] as const;
const FORMATS = ['json', 'csv', 'text'] as const;

/** A C-rate as written on the command line: `1C`, `0.5 C`, `C/10` or a bare multiple `2`. */
export function parseRate(option: string, text: string): number {
  const t = text.trim();
  const fraction = /^C\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  const multiple = /^(\d+(?:\.\d+)?|\.\d+)\s*C?$/.exec(t);
  const rate = fraction ? 1 / Number(fraction[1]) : multiple ? Number(multiple[1]) : NaN;
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new UsageError(`--${option} needs a C-rate such as 1C, 0.5 C or C/10 (got '${text}')`);
  return rate;
}

/** A temperature: `25`, `25°C`, `-20 degC` (Celsius) or `300K` (kelvin); returns kelvin. */
export function parseTemperature(text: string): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(°C|degC|C|K)?\s*$/.exec(text);
  if (!m) throw new UsageError(`--temperature needs a temperature such as 25 °C or 298.15K (got '${text}')`);
  const value = Number(m[1]);
  return m[2] === 'K' ? value : value + 273.15;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run the cell model: a discharge or charge, a declared analysis, or a test plan.',
  usage:
    'FILE [--cell NAME] (--discharge RATE | --charge RATE [--to-soc PERCENT] | --analysis KIND | --plan NAME [--test NAME]) [options]',
  details: `A single run writes its curves (JSON, or CSV with --format csv); an analysis writes its runs as
JSON; a test plan writes predicted capacities, pulse resistances and durations (text by default,
or JSON). In a test plan, chamber set-points set the model temperature (isothermal) and soaks run
as rests; off-cycler operations, impedance and abuse steps are not simulated; a repeat runs its
first pass and counts the others at the same length.

exit codes:
  0  simulated
  1  the spec or a test plan has errors, the cell cannot be modelled, or a run failed
     (stopped by the solver, its time budget, or a result outside physical bounds; the
     reason is on standard error, and the curve up to the failure still on standard output)
  2  usage error or an input that cannot be read`,
  options: {
    cell: {
      type: 'string',
      short: 'c',
      valueName: 'name',
      description: 'the cell or variant (default: the only cell in FILE)',
    },
    discharge: {
      type: 'string',
      valueName: 'rate',
      description: 'constant-current discharge from 100 % SOC at this C-rate',
    },
    charge: {
      type: 'string',
      valueName: 'rate',
      description: 'CC-CV charge from 0 % SOC at this C-rate (CV at the upper limit until C/20)',
    },
    'to-soc': { type: 'string', valueName: 'percent', description: 'end the charge at this SOC (%)' },
    'from-soc': { type: 'string', valueName: 'percent', description: 'start the charge or discharge at this SOC (%)' },
    'cc-only': { type: 'boolean', description: 'charge at constant current only (no CV)' },
    temperature: {
      type: 'string',
      valueName: 'T',
      description: "cell temperature (25, 25 °C or 298.15K; default the cell's)",
    },
    analysis: { type: 'string', valueName: 'kind', description: 'run the analysis of this kind declared on the cell' },
    plan: { type: 'string', short: 'p', valueName: 'name', description: 'run this test plan of FILE' },
    test: { type: 'string', short: 't', valueName: 'name', description: 'with --plan: only this test' },
    model: {
      type: 'string',
      short: 'm',
      default: 'p2d',
      valueName: 'p2d|reduced',
      description: 'model fidelity (default p2d)',
    },
    format: {
      type: 'string',
      short: 'f',
      valueName: 'json|csv|text',
      description: 'output format (default json; text for --plan)',
    },
  },
  async run(values, positionals, io: CliIo) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec FILE');
    const modes = (['discharge', 'charge', 'analysis', 'plan'] as const).filter((k) => typeof values[k] === 'string');
    if (modes.length !== 1) throw new UsageError('give exactly one of --discharge, --charge, --analysis or --plan');
    const fidelity = oneOf('model', values.model, MODELS);
    const file = resolve(io.cwd, positionals[0]!);
    if (modes[0] === 'plan') {
      const format = oneOf('format', values.format ?? 'text', ['text', 'json'] as const);
      return runPlan(
        file,
        values.plan as string,
        typeof values.test === 'string' ? values.test : undefined,
        fidelity,
        format,
        io,
      );
    }
    const format = oneOf('format', values.format ?? 'json', FORMATS);
    const direction = modes[0] === 'charge' ? 'charge' : 'discharge';
    const rate = modes[0] === 'analysis' ? NaN : parseRate(direction, values[direction] as string);
    const temperature = typeof values.temperature === 'string' ? parseTemperature(values.temperature) : undefined;
    const cell = await chooseCell(file, typeof values.cell === 'string' ? values.cell : undefined);
    const mapped = parametersFromCell(cell);
    if (!mapped.parameters) {
      for (const p of mapped.problems) io.stderr(`error: ${cell.name}: ${p}\n`);
      return ExitCode.Findings;
    }
    const p = mapped.parameters;
    if (modes[0] === 'analysis') {
      const kind = values.analysis as string;
      const analysis = cell.analyses.find((a) => a.type === kind || a.name === kind);
      if (!analysis)
        throw new UsageError(
          `cell ${cell.name} declares no analysis '${kind}'${cell.analyses.length ? `; it has ${cell.analyses.map((a) => a.type).join(', ')}` : ''}`,
        );
      const outcome = runAnalysis(
        p,
        { ...analysis, model: fidelity },
        temperature ?? cell.temperature ?? p.temperature,
        undefined,
        wallClock,
      );
      io.stdout(
        JSON.stringify(
          {
            cell: cell.name,
            analysis: outcome.analysis,
            type: outcome.type,
            model: outcome.model,
            runs: outcome.runs.map((r) => ({
              label: r.label,
              direction: r.direction,
              c_rate: r.rate,
              temperature_K: r.temperature,
              capacity_mAh: r.capacity * 1000,
              energy_mWh: r.energy * 1000,
              mean_voltage_V: r.meanVoltage,
              end_soc: r.endSoc,
              duration_s: r.duration,
              min_anode_potential_V: r.minAnodePotential,
              ...(r.result.failure ? { failure: r.result.failure } : {}),
              warnings: runWarnings(r),
            })),
            ...(outcome.fastCharge ? { fast_charge: outcome.fastCharge.map(fastChargeJson) } : {}),
            findings: outcome.findings,
            assumptions: mapped.assumptions,
          },
          null,
          2,
        ) + '\n',
      );
      return reportFailures(outcome.runs, cell.name, io);
    }
    const socOption = (name: 'to-soc' | 'from-soc'): number | undefined => {
      const text = values[name];
      if (typeof text !== 'string') return undefined;
      const soc = Number(text.replace('%', '').trim()) / 100;
      if (!(soc >= 0 && soc <= 1) || text.trim() === '')
        throw new UsageError(`--${name} needs a SOC between 0 and 100 % (got '${text}')`);
      return soc;
    };
    const targetSoc = socOption('to-soc');
    const startSoc = socOption('from-soc');
    const run = runConstantCurrent(p, {
      direction,
      rate,
      fidelity,
      clock: wallClock,
      ...(temperature !== undefined ? { temperature } : {}),
      ...(targetSoc !== undefined ? { targetSoc } : {}),
      ...(startSoc !== undefined ? { startSoc } : {}),
      ...(values['cc-only'] === true ? { constantVoltage: false } : {}),
    });
    // What the numbers cannot be trusted for goes to standard error and into the JSON.
    const warnings = runWarnings(run);
    for (const w of warnings) if (!failureWarnings(run).includes(w)) io.stderr(`warning: ${cell.name}: ${w}\n`);
    if (format === 'csv') io.stdout(curveCsv(run.result));
    else
      io.stdout(
        JSON.stringify({
          cell: cell.name,
          model: run.result.model,
          label: run.label,
          direction,
          c_rate: rate,
          temperature_K: run.temperature,
          capacity_mAh: run.capacity * 1000,
          energy_mWh: run.energy * 1000,
          mean_voltage_V: run.meanVoltage,
          end_soc: run.endSoc,
          duration_s: run.duration,
          min_anode_potential_V: run.minAnodePotential,
          ...(run.result.failure ? { failure: run.result.failure } : {}),
          warnings,
          ...curveColumns(run.result),
          assumptions: mapped.assumptions,
        }) + '\n',
      );
    return reportFailures([run], cell.name, io);
  },
};

/** The warnings that restate a run's failure (on standard error as the error instead). */
function failureWarnings(run: AnalysisRun): string[] {
  const failure = run.result.failure;
  return failure === undefined ? [] : [`stopped: ${failure}`, ...(run.nonPhysical === failure ? [failure] : [])];
}

/** A failed run is not a result: its reason goes to standard error and the exit code is 1. */
function reportFailures(runs: readonly AnalysisRun[], cell: string, io: CliIo): number {
  const failed = runs.filter((r) => r.result.failure !== undefined);
  for (const r of failed) io.stderr(`error: ${cell}: ${r.label} failed: ${r.result.failure}\n`);
  return failed.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/** Why a run's numbers need care: extrapolated values, non-physical voltages, no capacity, a failure. */
function runWarnings(run: AnalysisRun): string[] {
  const out = run.extrapolations.map((e) => `extrapolates: ${describeExtrapolation(e)}`);
  if (run.nonPhysical) out.push(run.nonPhysical);
  if (run.result.failure) out.push(`stopped: ${run.result.failure}`);
  else if (Math.abs(run.capacity) < 1e-3 * run.result.current.reduce((a, b) => Math.max(a, Math.abs(b)), 0))
    out.push(
      `no capacity: the ${run.direction === 'charge' ? 'upper' : 'lower'} voltage limit is reached as soon as the current flows`,
    );
  return out;
}

function fastChargeJson(f: NonNullable<AnalysisOutcome['fastCharge']>[number]): Record<string, unknown> {
  return {
    c_rate: f.rate,
    from_soc: f.fromSoc,
    to_soc: f.toSoc,
    time_s: f.time ?? null,
    min_anode_potential_V: f.minAnodePotential,
    temperature_rise_K: f.temperatureRise,
    ...(f.highestPlatingFreeRate !== undefined ? { highest_plating_free_c_rate: f.highestPlatingFreeRate } : {}),
  };
}

export async function chooseCell(file: string, name: string | undefined): Promise<CellIR> {
  const workspace = await loadWorkspace([file]);
  const problem = workspace.problems[0];
  if (problem) throw new UsageError(`${problem.path}: ${problem.message}`);
  const requested = workspace.files.find((f) => f.requested);
  if (!requested) throw new UsageError(`${file}: not a .cellspec file`);
  const own = resolveDocument(workspace.services, requested.document).ir.cells;
  if (name === undefined) {
    if (own.length !== 1)
      throw new UsageError(
        own.length === 0
          ? `${file} defines no cell; name one with --cell`
          : `${file} defines ${own.map((c) => c.name).join(', ')}; choose one with --cell`,
      );
    return own[0]!;
  }
  const cell = cellOf(workspace, name);
  if (!cell) throw new UsageError(`no cell '${name}' in ${file} or the files it imports`);
  return cell;
}

function cellOf(workspace: LoadedWorkspace, name: string): CellIR | undefined {
  for (const f of workspace.files) {
    const cell = resolveDocument(workspace.services, f.document).ir.cells.find((c) => c.name === name);
    if (cell) return cell;
  }
  return undefined;
}

function curveColumns(r: SimulationResult): Record<string, number[]> {
  return {
    time_s: r.time,
    voltage_V: r.voltage,
    current_A: r.current,
    temperature_K: r.temperature,
    soc: r.soc,
    anode_potential_V: r.anodePotential,
  };
}

function curveCsv(r: SimulationResult): string {
  const rows = ['time_s,voltage_V,current_A,temperature_K,soc,anode_potential_V'];
  for (let i = 0; i < r.time.length; i++)
    rows.push(
      [r.time[i], r.voltage[i], r.current[i], r.temperature[i], r.soc[i], r.anodePotential[i]]
        .map((x) => String(x))
        .join(','),
    );
  return rows.join('\n') + '\n';
}

// ---- test plans ----------------------------------------------------------------------------------

async function runPlan(
  file: string,
  planName: string,
  testName: string | undefined,
  fidelity: 'p2d' | 'reduced',
  format: 'text' | 'json',
  io: CliIo,
): Promise<number> {
  const { workspace, plans, errors } = await loadPlans(file, planName, io.cwd);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`error: ${printable(e)}\n`);
    return ExitCode.Findings;
  }
  if (testName !== undefined && !plans.some((p) => p.tests.some((t) => t.test === testName))) {
    throw new UsageError(`no test '${testName}' in test-plan ${planName}`);
  }
  const runs: PlanSimulation[] = [];
  for (const plan of plans) {
    const cell = cellOf(workspace, plan.cell);
    if (!cell) {
      io.stderr(`error: cell ${plan.cell} cannot be resolved\n`);
      return ExitCode.Findings;
    }
    runs.push(
      simulatePlan(plan, cell, {
        fidelity,
        clock: wallClock,
        ...(testName ? { filter: (t) => t.test === testName } : {}),
      }),
    );
  }
  const problems = runs.flatMap((r) => [
    ...r.problems.map((p) => `${r.plan}: ${p}`),
    ...r.tests.flatMap((t) => (t.failure ? [`${r.plan} / ${t.id}: the run failed: ${t.failure}`] : [])),
  ]);
  if (format === 'json') io.stdout(JSON.stringify(runs.map(planJson), null, 2) + '\n');
  else for (const r of runs) io.stdout(planText(r));
  for (const p of problems) io.stderr(`error: ${p}\n`);
  return problems.length ? ExitCode.Findings : ExitCode.Ok;
}

const celsius = (k: number) => `${Math.round((k - 273.15) * 10) / 10} °C`;
const rateText = (c: number) =>
  c > 0 && c < 1 && Math.abs(1 / c - Math.round(1 / c)) < 1e-6
    ? `C/${Math.round(1 / c)}`
    : `${Number(c.toPrecision(3))} C`;
const hours = (s: number) => (s >= 172800 ? `${(s / 86400).toFixed(1)} days` : `${(s / 3600).toFixed(2)} h`);

function planText(r: PlanSimulation): string {
  const lines = [`${r.plan} on ${r.cell} (${r.model === 'p2d' ? 'P2D' : 'SPMe'} model)`];
  for (const t of r.tests) {
    lines.push(`  ${t.id}: ${hours(t.duration)}${t.failure ? ` — stopped: ${t.failure}` : ''}`);
    for (const c of t.capacities) {
      const mAh = c.capacity * 1000;
      lines.push(
        `    ${c.direction} at ${rateText(c.rate)}, ${celsius(c.temperature)}: ${mAh.toFixed(3)} mAh${Number.isFinite(c.meanVoltage) ? `, mean ${c.meanVoltage.toFixed(3)} V` : ''}${mAh < 1e-3 ? ' (the voltage limit is reached at the first instant)' : ''}`,
      );
    }
    for (const p of t.pulses)
      lines.push(
        `    ${p.direction} pulse ${rateText(p.rate)} for ${p.duration} s at SOC ${Math.round(p.soc * 100)} %, ${celsius(p.temperature)}: ${p.resistance.toPrecision(4)} Ω`,
      );
  }
  if (r.notes.length) lines.push(...r.notes.map((n) => `  note: ${n}`));
  if (r.assumptions.length)
    lines.push(
      `  ${r.assumptions.length} model assumption${r.assumptions.length === 1 ? '' : 's'} (values the spec does not state); see --format json`,
    );
  return lines.join('\n') + '\n';
}

function planJson(r: PlanSimulation): unknown {
  return {
    plan: r.plan,
    cell: r.cell,
    model: r.model,
    assumptions: r.assumptions,
    problems: r.problems,
    notes: r.notes,
    tests: r.tests.map((t) => ({
      id: t.id,
      point: t.point,
      duration_s: t.duration,
      ...(t.failure ? { failure: t.failure } : {}),
      capacities: t.capacities.map((c) => ({
        direction: c.direction,
        c_rate: c.rate,
        temperature_C: c.temperature - 273.15,
        capacity_mAh: c.capacity * 1000,
        energy_mWh: c.energy * 1000,
        mean_voltage_V: c.meanVoltage,
        ended_by: c.endedBy,
      })),
      pulses: t.pulses.map((p) => ({
        direction: p.direction,
        c_rate: p.rate,
        temperature_C: p.temperature - 273.15,
        soc: p.soc,
        duration_s: p.duration,
        resistance_ohm: p.resistance,
      })),
    })),
  };
}
