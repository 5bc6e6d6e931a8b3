/**
 * `cellspec fit SPEC --cell NAME --data FILE.csv --param NAME …`: fits model parameters of a
 * cell to measured cycler data and suggests the edit that writes them into the spec.
 *
 * Data files are read by `language/measured-data.ts` (through `readUtf8`), fitted by
 * `physics/fit` (Levenberg–Marquardt, 95 % intervals from the Jacobian), and the edit comes from
 * `language/fit-edits.ts`. Text output is a table, the per-file RMSE and the suggested edit as
 * -/+ lines; JSON adds the residual series for plotting.
 */
import { basename, relative, resolve } from 'node:path';
import {
  fitEdits,
  fittedSource,
  loadWorkspace,
  parseMeasuredData,
  readUtf8,
  resolveDocument,
  type CurrentSign,
  type MeasuredData,
  type SpecEdit,
} from '@cellspec/language';
import {
  FIT_PARAMETERS,
  fitModelParameters,
  parametersFromCell,
  type Experiment,
  type FitResult,
  type FittedParameter,
} from '@cellspec/physics';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { parseTemperature } from './simulate.js';

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

export const fitCommand: Command = {
  name: 'fit',
  summary: 'Fit model parameters of a cell to measured cycler data (CSV) and suggest the edit.',
  usage: 'SPEC --cell NAME --data FILE.csv [--data FILE.csv …] --param NAME [--param NAME …] [options]',
  details: `Each --data file is one experiment: a CSV of time, current and voltage (temperature optional),
with cellspec's columns (time (s), current (A, discharge positive), voltage (V)) or a Maccor,
BioLogic or Neware export converted to CSV; units in the headers are read (mA, min, °C, …).
The model replays the measured current and the fit minimises the voltage error. An experiment
starts at the SOC whose open-circuit voltage is its opening rest's mean voltage, unless
--initial-soc gives it (one value for all files, or one per file in order).

parameters (--param): ${FIT_PARAMETERS.map((d) => d.name).join(', ')}, contact-fraction (the cathode's)

exit codes:
  0  fitted: the values, 95 % intervals, RMSE and the suggested edit are printed
  1  the fit failed: the parameters are not identifiable from these data, the model cannot run
     them, it did not converge, or the cell cannot be modelled
  2  usage error or an input that cannot be read`,
  options: {
    cell: { type: 'string', short: 'c', valueName: 'name', description: 'the cell (default: the only cell in SPEC)' },
    data: {
      type: 'string',
      short: 'd',
      multiple: true,
      valueName: 'file',
      description: 'measured data (CSV); repeat for more',
    },
    param: {
      type: 'string',
      short: 'p',
      multiple: true,
      valueName: 'name',
      description: 'a parameter to fit; repeat for more',
    },
    'initial-soc': {
      type: 'string',
      multiple: true,
      valueName: 'percent',
      description: 'SOC at the first sample (%); once for all files or once per file',
    },
    temperature: {
      type: 'string',
      valueName: 'T',
      description: "isothermal temperature (25, 25 °C or 298.15K; default the data's, else the cell's)",
    },
    'current-sign': {
      type: 'string',
      valueName: 'discharge-positive|charge-positive',
      description: "the data's current sign (default: the cycler layout's)",
    },
    model: { type: 'string', short: 'm', default: 'p2d', valueName: 'p2d|reduced', description: 'model fidelity' },
    'max-iterations': {
      type: 'string',
      valueName: 'n',
      description: 'Levenberg–Marquardt iterations at most (default 40)',
    },
    format: { type: 'string', short: 'f', default: 'text', valueName: 'text|json', description: 'output format' },
  },
  async run(values, positionals, io: CliIo) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec FILE');
    const format = oneOf('format', values.format, ['text', 'json'] as const);
    const model = oneOf('model', values.model, ['p2d', 'reduced'] as const);
    const dataFiles = list(values.data);
    const names = list(values.param);
    if (dataFiles.length === 0) throw new UsageError('give the measured data with --data FILE.csv');
    if (names.length === 0) throw new UsageError('name a parameter to fit with --param');
    const currentSign =
      values['current-sign'] === undefined
        ? undefined
        : oneOf('current-sign', values['current-sign'], ['discharge-positive', 'charge-positive'] as const);
    const socs = list(values['initial-soc']).map((t) => {
      const soc = Number(t.replace('%', '').trim()) / 100;
      if (!(soc >= 0 && soc <= 1)) throw new UsageError(`--initial-soc needs a SOC from 0 to 100 % (got '${t}')`);
      return soc;
    });
    if (socs.length > 1 && socs.length !== dataFiles.length)
      throw new UsageError(`give --initial-soc once, or once per --data file (${dataFiles.length})`);
    const maxIterations =
      values['max-iterations'] === undefined ? undefined : Number(values['max-iterations'] as string);
    if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations > 0))
      throw new UsageError(
        `--max-iterations needs a positive whole number (got '${String(values['max-iterations'])}')`,
      );
    const temperature = typeof values.temperature === 'string' ? parseTemperature(values.temperature) : undefined;

    // ---- inputs ------------------------------------------------------------------------------------
    const measured: MeasuredData[] = [];
    for (const file of dataFiles) {
      const path = resolve(io.cwd, file);
      const read = readUtf8(path);
      if ('problem' in read) throw new UsageError(`${file}: ${read.problem}`);
      const parsed = parseMeasuredData(read.text, file, currentSign ? { currentSign: currentSign as CurrentSign } : {});
      if ('error' in parsed) throw new UsageError(parsed.error);
      for (const w of parsed.data.warnings) io.stderr(`warning: ${file}: ${w}\n`);
      measured.push(parsed.data);
    }
    const specPath = resolve(io.cwd, positionals[0]!);
    const workspace = await loadWorkspace([specPath]);
    const problem = workspace.problems[0];
    if (problem) throw new UsageError(`${problem.path}: ${problem.message}`);
    const requested = workspace.files.find((f) => f.requested);
    if (!requested) throw new UsageError(`${specPath}: not a .cellspec file`);
    const cellName = typeof values.cell === 'string' ? values.cell : undefined;
    const own = resolveDocument(workspace.services, requested.document).ir.cells;
    const cell =
      cellName === undefined
        ? own.length === 1
          ? own[0]
          : undefined
        : workspace.files
            .map((f) => resolveDocument(workspace.services, f.document).ir.cells.find((c) => c.name === cellName))
            .find(Boolean);
    if (!cell)
      throw new UsageError(
        cellName !== undefined
          ? `no cell '${cellName}' in ${positionals[0]} or the files it imports`
          : `${positionals[0]} defines ${own.length === 0 ? 'no cell' : own.map((c) => c.name).join(', ')}; choose one with --cell`,
      );
    const mapped = parametersFromCell(cell);
    if (!mapped.parameters) {
      for (const p of mapped.problems) io.stderr(`error: ${cell.name}: ${p}\n`);
      return ExitCode.Findings;
    }

    // ---- the fit -------------------------------------------------------------------------------------
    const experiments: Experiment[] = measured.map((m, k) => ({
      series: m.series,
      ...(socs.length > 0 ? { initialSoc: socs[socs.length === 1 ? 0 : k]! } : {}),
    }));
    const result = fitModelParameters(mapped.parameters, experiments, names, {
      model,
      clock: () => performance.now(),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxIterations !== undefined ? { maxIterations } : {}),
    });
    if (!result.ok && result.reason === 'usage') throw new UsageError(result.message);
    const source = fittedSource(
      dataFiles.map((f) => basename(f)),
      new Date(),
      result.rmse ?? NaN,
    );
    const edits = result.ok
      ? fitEdits(
          workspace.files.map((f) => f.document),
          cell.name,
          result.parameters,
          source,
        )
      : undefined;
    if (format === 'json')
      io.stdout(JSON.stringify(fitJson(cell.name, measured, result, edits, io.cwd), null, 2) + '\n');
    else io.stdout(fitText(cell.name, measured, result, edits, io.cwd));
    // (Text output says it on standard output already.)
    if (!result.ok && format === 'json') io.stderr(`error: ${result.message}\n`);
    return result.ok ? ExitCode.Ok : ExitCode.Findings;
  },
};

const display = (f: FittedParameter, si: number) =>
  `${+(si * f.unit.perSi).toPrecision(4)}${f.unit.text ? ` ${f.unit.text}` : ''}`;

function editLines(edit: SpecEdit, cwd: string): { file: string; line: number; before: string[]; after: string[] } {
  const text = edit.document.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', edit.start - 1) + 1;
  const nextNewline = text.indexOf('\n', edit.end);
  const lineEnd = nextNewline < 0 ? text.length : nextNewline;
  const oldBlock = text.slice(lineStart, lineEnd);
  const newBlock = text.slice(lineStart, edit.start) + edit.newText + text.slice(edit.end, lineEnd);
  const inserted = edit.start === edit.end && edit.start === lineStart;
  return {
    file: relative(cwd, edit.document.uri.fsPath),
    line: text.slice(0, lineStart).split('\n').length,
    before: inserted ? [] : oldBlock.split('\n'),
    after: (inserted ? edit.newText.replace(/\n$/, '') : newBlock).split('\n'),
  };
}

function fitText(
  cell: string,
  measured: readonly MeasuredData[],
  result: FitResult,
  edits: ReturnType<typeof fitEdits> | undefined,
  cwd: string,
): string {
  const out: string[] = [];
  for (const m of measured)
    out.push(
      `${m.series.label}: ${m.series.time.length} samples over ${(m.series.time.at(-1)! / 3600).toPrecision(3)} h (${m.layout} layout; ${m.columns.time}, ${m.columns.current}, ${m.columns.voltage}${m.columns.temperature ? `, ${m.columns.temperature}` : ''}; current ${m.currentSign})`,
    );
  if (!result.ok) {
    out.push(`fit of ${cell} failed: ${result.message}`);
    if (result.parameters)
      for (const f of result.parameters) out.push(`  ${f.name} reached ${display(f, f.specValue)} (not to be used)`);
    return out.join('\n') + '\n';
  }
  out.push(
    `fitted ${cell}: RMSE ${(result.rmse * 1e3).toFixed(2)} mV over ${result.samples} samples, ${result.iterations} iterations, ${result.evaluations} model runs, ${(result.wallMs / 1000).toFixed(1)} s`,
  );
  const rows = [
    ['parameter', 'start', 'fitted', '95 % interval'],
    ...result.parameters.map((f) => {
      const spec = (v: number) => (f.specValue / f.value) * v;
      return [
        f.name,
        display(f, spec(f.initial)),
        display(f, f.specValue),
        `${display(f, spec(f.lower))} … ${display(f, spec(f.upper))}`,
      ];
    }),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    out.push(
      '  ' +
        r
          .map((cellText, c) => cellText.padEnd(widths[c]!))
          .join('  ')
          .trimEnd(),
    );
  if (result.parameters.length > 1) {
    const strongest = result.correlation
      .flatMap((row, a) => row.map((r, b) => ({ a, b, r })).filter((x) => x.b > x.a))
      .reduce((m, x) => (Math.abs(x.r) > Math.abs(m.r) ? x : m));
    out.push(
      `  largest correlation ${strongest.r.toFixed(3)} (${result.parameters[strongest.a]!.name}, ${result.parameters[strongest.b]!.name})`,
    );
  }
  for (const e of result.experiments)
    out.push(`  ${e.label}: RMSE ${(e.rmse * 1e3).toFixed(2)} mV, start SOC ${(e.initialSoc * 100).toFixed(1)} %`);
  if (edits && edits.edits.length > 0) {
    out.push('', 'suggested edit:');
    for (const edit of edits.edits) {
      const lines = editLines(edit, cwd);
      out.push(`${lines.file}:${lines.line} (${edit.what})`);
      for (const l of lines.before) out.push(`- ${l}`);
      for (const l of lines.after) out.push(`+ ${l}`);
    }
  }
  for (const n of edits?.notWritten ?? []) out.push(`not written: ${n}`);
  return out.join('\n') + '\n';
}

function fitJson(
  cell: string,
  measured: readonly MeasuredData[],
  result: FitResult,
  edits: ReturnType<typeof fitEdits> | undefined,
  cwd: string,
): unknown {
  const parameter = (f: FittedParameter) => ({
    name: f.name,
    unit: f.unit.text,
    start: f.initial * f.unit.perSi * (f.specValue / f.value),
    value: f.specValue * f.unit.perSi,
    lower: f.lower * f.unit.perSi * (f.specValue / f.value),
    upper: f.upper * f.unit.perSi * (f.specValue / f.value),
    model_value_si: f.value,
    standard_error_theta: f.standardError,
  });
  return {
    cell,
    data: measured.map((m) => ({
      file: m.series.label,
      layout: m.layout,
      columns: m.columns,
      current_sign: m.currentSign,
      samples: m.series.time.length,
      warnings: m.warnings,
    })),
    ok: result.ok,
    ...(result.ok
      ? {
          rmse_V: result.rmse,
          samples: result.samples,
          iterations: result.iterations,
          model_runs: result.evaluations,
          wall_ms: result.wallMs,
          parameters: result.parameters.map(parameter),
          correlation: result.correlation,
          condition_number: result.conditionNumber,
          residuals: result.experiments.map((e) => ({
            file: e.label,
            initial_soc: e.initialSoc,
            rmse_V: e.rmse,
            time_s: e.time,
            measured_V: e.measured,
            simulated_V: e.simulated,
            residual_V: e.residual,
          })),
          edits: (edits?.edits ?? []).map((e) => {
            const lines = editLines(e, cwd);
            return {
              file: lines.file,
              line: lines.line,
              what: e.what,
              start: e.start,
              end: e.end,
              new_text: e.newText,
            };
          }),
          not_written: edits?.notWritten ?? [],
        }
      : {
          reason: result.reason,
          message: result.message,
          ...(result.parameters ? { reached: result.parameters.map(parameter) } : {}),
        }),
  };
}
