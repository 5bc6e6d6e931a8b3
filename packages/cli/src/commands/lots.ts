/**
 * `cellspec lots [paths…] --cell NAME [--tol PATH=±BAND …]`: how a cell's tolerances spread its
 * design figures over a lot — Monte Carlo with a seeded generator, the linear propagation beside
 * it, which tolerance contributes most, and the yield against the cell's targets.
 *
 * Tolerances come from the cell's fabrication process (`tolerancesFromProcesses`) and from
 * `--tol`, which overrides a process tolerance of the same variable.
 */
import { lotVariation, tolerancesFromProcesses, type LotVariation, type Tolerance } from '@cellspec/physics';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { printable } from '../printable.js';
import { chooseCell, loadSpecs, quantity, show, variableKind } from './design-space.js';

const FORMATS = ['text', 'json'] as const;

/** `cathode.loading=3%` (relative) or `separator.thickness=2um` (absolute), a leading ± allowed. */
export function parseTolerance(text: string): Tolerance {
  const m = /^([a-z.]+)\s*=\s*(?:±|\+-|\+\/-)?\s*(.+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--tol needs PATH=BAND such as cathode.loading=3% (got '${text}')`);
  const path = m[1]!;
  const band = m[2]!.trim();
  const kind = variableKind(path);
  if (/%$/.test(band) && kind !== 'fraction') {
    const value = Number(band.slice(0, -1).trim());
    if (!(value >= 0)) throw new UsageError(`--tol ${path}: '${band}' is not a percentage`);
    return { path, halfWidth: value / 100, relative: true, origin: '--tol' };
  }
  return { path, halfWidth: quantity(band, kind, `--tol ${path}`), relative: false, origin: '--tol' };
}

export const lotsCommand: Command = {
  name: 'lots',
  summary: "Lot variation: how a cell's tolerances spread its design figures, and the yield.",
  usage: '[paths…] [--cell NAME] [--tol PATH=BAND …] [options]',
  details: `Tolerances are read from the cell's fabrication process (areal weights, SE layer thickness)
and from --tol (PATH=BAND; BAND a percentage of the nominal value or a quantity with a unit).
A band "± a" is read as a normal distribution with σ = a/3 (a process with Cpk = 1); with
--distribution uniform, as uniform on ±a.

exit codes:
  0  computed
  1  the specs have errors, or no tolerance applies to the cell
  2  usage error or an input that cannot be read`,
  options: {
    cell: { type: 'string', short: 'c', valueName: 'name', description: 'the cell or variant (default: the only one)' },
    tol: {
      type: 'string',
      multiple: true,
      valueName: 'path=band',
      description: 'a tolerance, e.g. cathode.loading=3% or separator.thickness=2um (repeatable)',
    },
    samples: { type: 'string', default: '2000', valueName: 'n', description: 'Monte Carlo samples (default 2000)' },
    seed: { type: 'string', default: '1', valueName: 'n', description: 'random seed (default 1)' },
    distribution: {
      type: 'string',
      default: 'normal',
      valueName: 'normal|uniform',
      description: 'how a band is drawn (default normal, σ = band/3)',
    },
    format: { type: 'string', short: 'f', default: 'text', valueName: 'text|json', description: 'output format' },
  },
  async run(values, positionals, io: CliIo) {
    const format = oneOf('format', values.format, FORMATS);
    const distribution = oneOf('distribution', values.distribution, ['normal', 'uniform'] as const);
    const samples = Number(values.samples);
    const seed = Number(values.seed);
    if (!(Number.isInteger(samples) && samples >= 2 && samples <= 1_000_000))
      throw new UsageError(`--samples must be a whole number from 2 to 1000000 (got '${String(values.samples)}')`);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number (got '${String(values.seed)}')`);
    const written = ((values.tol as string[] | undefined) ?? []).map(parseTolerance);
    const specs = await loadSpecs(positionals, io.cwd);
    if (specs.errors.length) {
      for (const e of specs.errors) io.stderr(`error: ${printable(e)}\n`);
      return ExitCode.Findings;
    }
    const cell = chooseCell(specs.cells, typeof values.cell === 'string' ? values.cell : undefined);
    const fromProcess = tolerancesFromProcesses(cell, specs.processes).filter(
      (t) => !written.some((w) => w.path === t.path),
    );
    const tolerances = [...fromProcess, ...written];
    if (tolerances.length === 0) {
      io.stderr(
        `error: no tolerance applies to ${cell.name}: its process states none that sets a design figure; give --tol\n`,
      );
      return ExitCode.Findings;
    }
    const lot = lotVariation(cell, tolerances, { samples, seed, distribution });
    for (const p of lot.problems) io.stderr(`warning: ${p}\n`);
    io.stdout(format === 'json' ? JSON.stringify(lot, null, 2) + '\n' : lotText(lot));
    return ExitCode.Ok;
  },
};

const percent = (x: number) => `${(x * 100).toFixed(2)} %`;

export function lotText(lot: LotVariation): string {
  const lines = [
    `${lot.cell}: ${lot.samples} cells drawn (${lot.distribution}, seed ${lot.seed})`,
    '',
    'tolerances',
    ...lot.inputs.map(
      (i) =>
        `  ${i.label.padEnd(30)} ${show(i.nominal, i.kind)} ± ${show(i.halfWidth, i.kind)} (σ ${show(i.sd, i.kind)})${i.origin ? `  from ${i.origin}` : ''}`,
    ),
    '',
    'figures                            nominal        mean     σ (rel)   ±3σ      p5 … p95              linear σ  largest share',
  ];
  for (const m of lot.metrics) {
    const rel = m.sd / Math.abs(m.mean);
    const top = m.contributions[0];
    lines.push(
      `  ${m.label.padEnd(30)} ${show(m.nominal, m.kind).padStart(12)} ${show(m.mean, m.kind).padStart(12)} ${percent(rel).padStart(8)} ${percent(3 * rel).padStart(8)}  ${`${show(m.p05, m.kind)} … ${show(m.p95, m.kind)}`.padEnd(22)} ${percent(m.linearSd / Math.abs(m.mean)).padStart(8)}  ${top ? `${top.label} ${(top.share * 100).toFixed(0)} %` : ''}`,
    );
  }
  lines.push('');
  if (lot.yield === undefined) lines.push('yield: the cell states no targets to accept a lot against');
  else {
    lines.push(`yield against the cell's targets: ${percent(lot.yield)}`);
    for (const miss of lot.misses) lines.push(`  ${percent(miss.fraction)} miss ${miss.target}`);
  }
  return lines.join('\n') + '\n';
}
