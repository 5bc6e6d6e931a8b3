/**
 * `cellspec pack [paths…] --cell NAME --series S --parallel P [--drive wltc3b --grade G …]`: a pack
 * of one cell — capacity, energy, voltage window, Wh/L and Wh/kg with a mass and volume
 * breakdown — and, with a drive cycle, the battery power a vehicle draws, what each cell sees
 * (peak C-rate against the cell's limit) and the energy per kilometre.
 */
import {
  designCell,
  drivePower,
  packDesign,
  WLTC_CLASS_3B_KMH,
  type PackDesign,
  type AgeingParameters,
  type PackSpec,
  type Vehicle,
} from '@cellspec/physics';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { printable } from '../printable.js';
import { formatQuantity } from '@cellspec/units';
import { chooseCell, loadSpecs, quantity, show } from './design-space.js';
import {
  ageingText,
  choosePack,
  declaredPack,
  dutyText,
  fitAgeingResults,
  parseAgeingResults,
  writePackPlots,
} from './pack-declared.js';
import { readUtf8 } from '@cellspec/language';
import { relative, resolve } from 'node:path';

const FORMATS = ['text', 'json'] as const;

function count(name: string, value: unknown): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1 && n <= 100_000))
    throw new UsageError(`--${name} must be a whole number from 1 to 100000 (got '${String(value)}')`);
  return n;
}

const optional = (values: Record<string, unknown>, name: string, kind: Parameters<typeof quantity>[1]) =>
  typeof values[name] === 'string' ? quantity(values[name] as string, kind, `--${name}`) : undefined;

export const packCommand: Command = {
  name: 'pack',
  summary: 'A pack of one cell: figures with a breakdown, and the load a drive cycle puts on each cell.',
  usage:
    '[paths…] [--pack NAME] | [--cell NAME] --series S --parallel P [pack options] [--drive wltc3b vehicle options]',
  details: `Without --series and --parallel, the pack declared in the paths (a \`pack\` block; --pack
chooses one): its figures, and each duty it declares (fast-charge, drive) run on the reduced model
of one cell per module row coupled to the module's heat network: temperatures, voltage, SOC, limits.

Pack parts: --busbar-mass, --busbar-resistance, --cooling-mass, --cooling-volume, and housing,
electronics and structure as fractions of the pack (--housing-mass 20%, --housing-volume 30%).
Usable energy is cells × cell energy minus the busbar I²R loss at C/3.

With --drive wltc3b (UN GTR No. 15, class 3b) the vehicle (--vehicle-mass, --drag, --frontal-area,
--rolling, --efficiency, --regen, optional --grade) turns the speed trace into battery power;
each cell carries 1/(series × parallel) of it. There are no default vehicle values: state them.

exit codes:
  0  computed
  1  the specs have errors, or the cell's figures are not computable
  2  usage error or an input that cannot be read`,
  options: {
    cell: { type: 'string', short: 'c', valueName: 'name', description: 'the cell or variant (default: the only one)' },
    pack: { type: 'string', valueName: 'name', description: 'the declared pack (default: the only one)' },
    series: { type: 'string', valueName: 'n', description: 'cells in series' },
    parallel: { type: 'string', valueName: 'n', description: 'cells in parallel' },
    'busbar-mass': { type: 'string', valueName: 'mass', description: 'busbars and interconnects, e.g. 4 kg' },
    'busbar-resistance': {
      type: 'string',
      valueName: 'R',
      description: 'resistance of the series string, e.g. 20 mohm',
    },
    'cooling-mass': { type: 'string', valueName: 'mass', description: 'cooling plates, e.g. 12 kg' },
    'cooling-volume': { type: 'string', valueName: 'volume', description: 'cooling plates, e.g. 8 L' },
    'housing-mass': { type: 'string', valueName: 'fraction', description: 'housing share of the pack mass, e.g. 20%' },
    'housing-volume': {
      type: 'string',
      valueName: 'fraction',
      description: 'housing share of the pack volume, e.g. 30%',
    },
    drive: { type: 'string', valueName: 'wltc3b', description: 'drive cycle (wltc3b)' },
    grade: { type: 'string', valueName: 'percent', description: 'road grade (default 0 %)' },
    'vehicle-mass': { type: 'string', valueName: 'mass', description: 'test mass, e.g. 1900 kg' },
    drag: { type: 'string', valueName: 'Cd', description: 'drag coefficient' },
    'frontal-area': { type: 'string', valueName: 'area', description: 'frontal area, e.g. 2.3 m2' },
    rolling: { type: 'string', valueName: 'Crr', description: 'rolling-resistance coefficient' },
    efficiency: { type: 'string', valueName: 'fraction', description: 'battery-to-wheel efficiency, e.g. 90%' },
    regen: { type: 'string', valueName: 'fraction', description: 'share of braking power recovered, e.g. 60%' },
    format: { type: 'string', short: 'f', default: 'text', valueName: 'text|json', description: 'output format' },
    plots: {
      type: 'string',
      valueName: 'dir',
      description: 'a declared pack: write its charts (temperatures, voltage, SOC, degradation map) as SVG',
    },
    force: { type: 'boolean', description: 'with --plots: replace files cellspec did not write' },
    'ageing-results': {
      type: 'string',
      valueName: 'file.csv',
      description: 'a declared pack: storage and cycle results to fit the ageing prediction to',
    },
  },
  async run(values, positionals, io: CliIo) {
    const format = oneOf('format', values.format, FORMATS);
    if (values.series === undefined && values.parallel === undefined)
      return runDeclared(values, positionals, io, format);
    const series = count('series', values.series);
    const parallel = count('parallel', values.parallel);
    const spec: PackSpec = {
      name: `${series}s${parallel}p`,
      series,
      parallel,
      ...defined('busbarMass', optional(values, 'busbar-mass', 'mass')),
      ...defined('busbarResistance', optional(values, 'busbar-resistance', 'resistance')),
      ...defined('coolingMass', optional(values, 'cooling-mass', 'mass')),
      ...defined('coolingVolume', optional(values, 'cooling-volume', 'volume')),
      ...defined('housingMassFraction', optional(values, 'housing-mass', 'fraction')),
      ...defined('housingVolumeFraction', optional(values, 'housing-volume', 'fraction')),
    };
    const vehicle = typeof values.drive === 'string' ? vehicleOf(values) : undefined;
    const specs = await loadSpecs(positionals, io.cwd);
    if (specs.errors.length) {
      for (const e of specs.errors) io.stderr(`error: ${printable(e)}\n`);
      return ExitCode.Findings;
    }
    const cell = chooseCell(specs.cells, typeof values.cell === 'string' ? values.cell : undefined);
    const design = designCell(cell);
    const pack = packDesign(design, cell.limits, spec);
    if (!('cells' in pack)) {
      for (const p of pack.problems) io.stderr(`error: ${cell.name}: ${p}\n`);
      return ExitCode.Findings;
    }
    const drive = vehicle
      ? driveSummary(
          pack,
          design.capacity!,
          vehicle,
          optional(values, 'grade', 'fraction') ?? 0,
          cell.limits.maxDischargeRate,
        )
      : undefined;
    if (format === 'json') io.stdout(JSON.stringify({ cell: cell.name, units: 'SI', pack, drive }, null, 2) + '\n');
    else io.stdout(packText(cell.name, pack, drive));
    return ExitCode.Ok;
  },
};

const defined = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;

function vehicleOf(values: Record<string, unknown>): Vehicle {
  if (values.drive !== 'wltc3b') throw new UsageError(`--drive knows wltc3b (got '${String(values.drive)}')`);
  const need = (name: string, kind: Parameters<typeof quantity>[1]) => {
    const v = optional(values, name, kind);
    if (v === undefined) throw new UsageError(`--drive needs --${name}`);
    return v;
  };
  return {
    mass: need('vehicle-mass', 'mass'),
    dragCoefficient: need('drag', 'dimensionless'),
    frontalArea: need('frontal-area', 'area'),
    rollingResistance: need('rolling', 'dimensionless'),
    drivetrainEfficiency: need('efficiency', 'fraction'),
    regenerationFraction: need('regen', 'fraction'),
  };
}

interface DriveSummary {
  readonly cycle: string;
  readonly grade: number;
  readonly distance: number;
  /** J per m */
  readonly energyPerDistance: number;
  readonly peakPower: number;
  readonly peakRegenPower: number;
  /** Per cell: peak discharge current as a C-rate, at the cell's mean voltage. */
  readonly peakCellRate: number;
  readonly cellRateLimit?: number;
  readonly withinCellLimit?: boolean;
  /** Cycles the usable energy lasts. */
  readonly cyclesPerCharge: number;
}

function driveSummary(
  pack: PackDesign,
  cellCapacity: number,
  vehicle: Vehicle,
  grade: number,
  maxRate: number | undefined,
): DriveSummary {
  const run = drivePower(vehicle, WLTC_CLASS_3B_KMH, grade);
  const peakPower = Math.max(...run.batteryPower);
  const peakRegenPower = Math.min(...run.batteryPower);
  // Per-cell current at the pack's nominal voltage: I_cell = P / V_pack / parallel; its C-rate is
  // I_cell ÷ (Q_cell / 3600 s).
  const parallel = pack.capacity / cellCapacity;
  const peakCellRate = peakPower / pack.nominalVoltage / parallel / (cellCapacity / 3600);
  return {
    cycle: 'WLTC class 3b',
    grade,
    distance: run.distance,
    energyPerDistance: run.batteryEnergy / run.distance,
    peakPower,
    peakRegenPower,
    peakCellRate,
    ...(maxRate !== undefined ? { cellRateLimit: maxRate, withinCellLimit: peakCellRate <= maxRate } : {}),
    cyclesPerCharge: pack.usableEnergy / run.batteryEnergy,
  };
}

function packText(cell: string, pack: PackDesign, drive: DriveSummary | undefined): string {
  const kwh = (j: number) => `${(j / 3.6e6).toPrecision(4)} kWh`;
  const lines = [
    `${pack.name} pack of ${cell}: ${pack.cells} cells`,
    `  capacity ${formatQuantity(pack.capacity, 'capacity', { unit: 'Ah' })}, nominal voltage ${show(pack.nominalVoltage, 'voltage')}${pack.voltageWindow ? ` (${show(pack.voltageWindow[0], 'voltage')} … ${show(pack.voltageWindow[1], 'voltage')})` : ''}`,
    `  energy ${kwh(pack.nominalEnergy)} nominal, ${kwh(pack.usableEnergy)} usable at C/3 (busbar loss ${show(pack.busbarLoss, 'energy')})`,
    `  ${show(pack.energyDensity, 'energyDensity')}, ${show(pack.specificEnergy, 'specificEnergy')} (pack basis)`,
    `  mass ${formatQuantity(pack.mass, 'mass', { unit: 'kg' })}: ${Object.entries(pack.massBreakdown)
      .map(([k, v]) => `${k} ${formatQuantity(v, 'mass', { unit: 'kg' })}`)
      .join(', ')}`,
    `  volume ${formatQuantity(pack.volume, 'volume', { unit: 'L' })}: ${Object.entries(pack.volumeBreakdown)
      .map(([k, v]) => `${k} ${formatQuantity(v, 'volume', { unit: 'L' })}`)
      .join(', ')}`,
  ];
  if (drive)
    lines.push(
      `${drive.cycle}${drive.grade ? ` at ${(drive.grade * 100).toFixed(1)} % grade` : ''}: ${(drive.distance / 1000).toFixed(2)} km, ${((drive.energyPerDistance * 1000) / 3600).toFixed(0)} Wh/km`,
      `  peak battery power ${(drive.peakPower / 1000).toFixed(1)} kW (regeneration ${(-drive.peakRegenPower / 1000).toFixed(1)} kW); peak cell load ${drive.peakCellRate.toFixed(2)}C${drive.cellRateLimit !== undefined ? ` (limit ${drive.cellRateLimit}C: ${drive.withinCellLimit ? 'within' : 'EXCEEDED'})` : ''}`,
      `  the usable energy lasts ${drive.cyclesPerCharge.toFixed(1)} cycles`,
    );
  return lines.join('\n') + '\n';
}

/** The pack a spec declares, with its duties run. */
async function runDeclared(
  values: Record<string, unknown>,
  positionals: readonly string[],
  io: CliIo,
  format: (typeof FORMATS)[number],
): Promise<number> {
  const specs = await loadSpecs(positionals, io.cwd);
  if (specs.errors.length) {
    for (const e of specs.errors) io.stderr(`error: ${e}\n`);
    return ExitCode.Findings;
  }
  const pack = choosePack(specs.packs ?? [], typeof values.pack === 'string' ? values.pack : undefined);
  const cell = specs.cells.find((c) => c.name === pack.module.cell);
  if (!cell) {
    io.stderr(`error: pack ${pack.name}: cell ${pack.module.cell} is not computable\n`);
    return ExitCode.Findings;
  }
  let ageing: AgeingParameters | undefined;
  if (typeof values['ageing-results'] === 'string') {
    const file = values['ageing-results'];
    const read = readUtf8(resolve(io.cwd, file));
    if ('problem' in read) throw new UsageError(`${file}: ${read.problem}`);
    const parsed = parseAgeingResults(read.text, file);
    if ('error' in parsed) throw new UsageError(parsed.error);
    const fitted = fitAgeingResults(parsed, file);
    for (const n of fitted.notes) io.stderr(`note: ${file}: ${n}\n`);
    if (!fitted.parameters) throw new UsageError(`${file}: the results do not determine the ageing parameters`);
    ageing = fitted.parameters;
  }
  const report = declaredPack(cell, pack, ageing);
  if (!('pack' in report)) {
    for (const p of report.problems) io.stderr(`error: ${cell.name}: ${p}\n`);
    return ExitCode.Findings;
  }
  for (const p of report.problems) io.stderr(`error: pack ${pack.name}: ${p}\n`);
  const cellCapacity = designCell(cell).capacity;
  const drives = pack.duties.flatMap((d) =>
    d.type === 'drive' && pack.vehicle && cellCapacity !== undefined
      ? [driveSummary(report.pack, cellCapacity, pack.vehicle, d.grade, cell.limits.maxDischargeRate)]
      : [],
  );
  if (typeof values.plots === 'string') {
    const written = await writePackPlots(report, resolve(io.cwd, values.plots), values.force === true);
    if (typeof written === 'string') {
      io.stderr(`cellspec pack: cannot write to ${values.plots}: ${written}\n`);
      return ExitCode.Usage;
    }
    for (const w of written) io.stderr(`wrote ${relative(io.cwd, w)}\n`);
  }
  if (format === 'json')
    io.stdout(JSON.stringify({ cell: cell.name, units: 'SI', ...report, drive: drives[0] }, null, 2) + '\n');
  else
    io.stdout(
      packText(cell.name, report.pack, drives[0]) +
        dutyText(report.duties) +
        '\n' +
        (report.assumptions.length
          ? `  the cell model takes ${report.assumptions.length} values the spec does not state (listed with --format json)\n`
          : '') +
        ageingText(report.ageing) +
        '\n',
    );
  return report.problems.length ? ExitCode.Findings : ExitCode.Ok;
}
