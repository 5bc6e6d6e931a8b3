/**
 * `cellspec pack FILE` on a declared pack: the figures of the `pack` block, the load of each drive
 * and the coupled electrochemical–thermal run of each duty (representative reduced-model cells
 * per row of a module on the lumped heat network).
 */
import {
  ASSUMED_AGEING,
  fitCalendarAgeing,
  fitCycleAgeing,
  type AgeingParameters,
  type CycleResult,
  type StorageResult,
  PROGRAMME_CYCLE_TEST,
  PROGRAMME_STORAGE_TEST,
  programmeAgeing,
  programmeDegradationMap,
  type DegradationMap,
  type ProgrammeAgeing,
  designCell,
  packDesign,
  packSpecOf,
  runPackDuties,
  type CellIR,
  type PackDesign,
  type PackIR,
  type PackSimulation,
} from '@cellspec/physics';
import { UsageError } from '../command-framework.js';

export function choosePack(packs: readonly PackIR[], name: string | undefined): PackIR {
  if (name !== undefined) {
    const pack = packs.find((p) => p.name === name);
    if (!pack)
      throw new UsageError(`no pack '${name}'; the paths define ${packs.map((p) => p.name).join(', ') || 'none'}`);
    return pack;
  }
  if (packs.length !== 1)
    throw new UsageError(
      packs.length === 0
        ? 'the paths declare no pack; declare one or give --series and --parallel'
        : `the paths declare ${packs.map((p) => p.name).join(', ')}; choose one with --pack`,
    );
  return packs[0]!;
}

export interface DutySummary {
  readonly label: string;
  /** s */
  readonly duration: number;
  /** K */
  readonly peakTemperature: number;
  readonly peakSpread: number;
  readonly startSoc: number;
  readonly endSoc: number;
  /** V */
  readonly minPackVoltage: number;
  readonly maxPackVoltage: number;
  readonly limitsHold: boolean;
  readonly violations: readonly string[];
  readonly failure?: string;
  /** Downsampled curves (at most 200 points): s, V, A, SOC, K. */
  readonly curves: {
    readonly time: number[];
    readonly packVoltage: number[];
    readonly packCurrent: number[];
    readonly soc: number[];
    readonly maxTemperature: number[];
    readonly minTemperature: number[];
  };
}

export interface DeclaredPackReport {
  readonly pack: PackDesign;
  readonly duties: readonly DutySummary[];
  readonly problems: readonly string[];
  readonly assumptions: readonly string[];
  /** Predicted retention after the programme's durability tests, and the degradation-factor map. */
  readonly ageing: ProgrammeAgeing & { readonly map: DegradationMap };
}

export function declaredPack(
  cell: CellIR,
  pack: PackIR,
  ageingParameters: AgeingParameters = ASSUMED_AGEING,
): DeclaredPackReport | { problems: string[] } {
  const design = packDesign(designCell(cell), cell.limits, packSpecOf(pack));
  if (!('cells' in design)) return { problems: design.problems };
  const { runs, problems, assumptions } = runPackDuties(cell, pack);
  // Without the cell's own results the prediction uses the stated assumption set, and says so.
  const ageing = { ...programmeAgeing(ageingParameters), map: programmeDegradationMap(ageingParameters) };
  return { pack: design, duties: runs.map(({ label, run }) => summary(label, run)), problems, assumptions, ageing };
}

function summary(label: string, run: PackSimulation): DutySummary {
  const every = Math.max(1, Math.ceil(run.time.length / 200));
  const pick = (xs: readonly number[]) => xs.filter((_, i) => i % every === 0 || i === xs.length - 1);
  return {
    label,
    duration: run.time.at(-1) ?? 0,
    peakTemperature: run.peakTemperature,
    peakSpread: run.peakSpread,
    startSoc: run.soc[0] ?? NaN,
    endSoc: run.soc.at(-1) ?? NaN,
    minPackVoltage: Math.min(...run.packVoltage.slice(1)),
    maxPackVoltage: Math.max(...run.packVoltage.slice(1)),
    limitsHold: run.violations.length === 0 && !run.failure,
    violations: run.violations,
    ...(run.failure ? { failure: run.failure } : {}),
    curves: {
      time: pick(run.time),
      packVoltage: pick(run.packVoltage),
      packCurrent: pick(run.packCurrent),
      soc: pick(run.soc),
      maxTemperature: pick(run.maxTemperature),
      minTemperature: pick(run.minTemperature),
    },
  };
}

export function dutyText(duties: readonly DutySummary[]): string {
  const celsius = (k: number) => `${(k - 273.15).toFixed(1)} °C`;
  return duties
    .map((d) =>
      [
        `${d.label}: ${(d.duration / 60).toFixed(1)} min, SOC ${(d.startSoc * 100).toFixed(0)} → ${(d.endSoc * 100).toFixed(1)} %`,
        `  peak cell temperature ${celsius(d.peakTemperature)}, spread across cells ${d.peakSpread.toFixed(1)} K; pack ${d.minPackVoltage.toFixed(0)} … ${d.maxPackVoltage.toFixed(0)} V`,
        `  limits ${d.limitsHold ? 'hold' : `do not hold: ${[...d.violations, ...(d.failure ? [d.failure] : [])].join('; ')}`}`,
      ].join('\n'),
    )
    .join('\n');
}

export function ageingText(a: ProgrammeAgeing): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const celsius = (k: number) => `${(k - 273.15).toFixed(0)} °C`;
  return [
    `ageing (${a.source}):`,
    `  ${PROGRAMME_STORAGE_TEST.days}-day storage at ${celsius(PROGRAMME_STORAGE_TEST.temperature)}: retention ${a.storage.map((s) => `${pct(s.retention)} at SOC ${pct(s.soc)}`).join(', ')}`,
    `  ${PROGRAMME_CYCLE_TEST.days}-day cycle test at ${celsius(PROGRAMME_CYCLE_TEST.temperature)}, ${PROGRAMME_CYCLE_TEST.rate}C (${a.cycle.cycles} cycles): retention ${pct(a.cycle.retention)}, resistance ×${a.cycle.resistanceFactor.toFixed(2)}`,
  ].join('\n');
}

/**
 * The pack's charts as SVG files in `dir`, written atomically (the emitters' writer, which never
 * replaces a file it did not write unless forced). Vega loads only here, when plots are asked for.
 * Returns the paths written, or why nothing was.
 */
export async function writePackPlots(
  report: DeclaredPackReport,
  dir: string,
  force: boolean,
): Promise<string[] | string> {
  const charts = await import('@cellspec/emit/charts');
  const { writeFilesAtomic } = await import('@cellspec/emit');
  const duties = report.duties.map((d) => ({ label: d.label, ...d.curves }));
  const specs = {
    [`${report.pack.name}-temperature.svg`]: charts.packTemperatureChart(duties),
    [`${report.pack.name}-voltage.svg`]: charts.packVoltageChart(duties),
    [`${report.pack.name}-soc.svg`]: charts.packSocChart(duties),
    [`${report.pack.name}-degradation-temperature.svg`]: charts.degradationTemperatureChart(report.ageing.map),
    [`${report.pack.name}-degradation-rate.svg`]: charts.degradationRateChart(report.ageing.map),
  };
  const files = [];
  for (const [name, spec] of Object.entries(specs)) files.push({ name, content: await charts.renderChartSvg(spec) });
  try {
    return writeFilesAtomic(dir, files, { force });
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Storage and cycle results for the ageing fit, one CSV row a measurement:
 *   test,temperature_C,soc_percent,days,cycles,rate_C,retention_percent
 *   storage,45,100,42,0,0,95.1
 *   cycle,45,50,28,336,1,94.0
 * (a header row first; `cycles` and `rate_C` are 0 for storage). Returns the results in SI or why not.
 */
export function parseAgeingResults(
  text: string,
  file: string,
): { storage: StorageResult[]; cycle: CycleResult[] } | { error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const header = lines[0]?.split(',').map((h) => h.trim());
  const columns = ['test', 'temperature_C', 'soc_percent', 'days', 'cycles', 'rate_C', 'retention_percent'];
  if (!header || columns.some((c, i) => header[i] !== c))
    return { error: `${file}: the first row must be the header ${columns.join(',')}` };
  const storage: StorageResult[] = [];
  const cycle: CycleResult[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',').map((c) => c.trim());
    const [test, ...rest] = cells;
    const n = rest.map(Number);
    const [T, soc, days, cycles, rate, retention] = n;
    const where = `${file}:${i + 1}`;
    if (cells.length !== columns.length || n.some((v) => !Number.isFinite(v)))
      return { error: `${where}: expected ${columns.length} values, numbers after the test name` };
    if (!(retention! > 0 && retention! <= 100)) return { error: `${where}: retention must be in (0, 100] %` };
    if (!(days! > 0) || !(soc! >= 0 && soc! <= 100) || !(T! > -273.15))
      return { error: `${where}: days must be positive, SOC in 0…100 %, temperature above absolute zero` };
    const base = { temperature: T! + 273.15, soc: soc! / 100, time: days! * 86400, retention: retention! / 100 };
    if (test === 'storage') storage.push(base);
    else if (test === 'cycle') {
      if (!(cycles! > 0)) return { error: `${where}: a cycle result needs its cycle count` };
      cycle.push({ ...base, cycles: cycles!, rate: rate! > 0 ? rate! : 1 });
    } else return { error: `${where}: the test is 'storage' or 'cycle' (got '${test}')` };
  }
  return { storage, cycle };
}

/**
 * Ageing parameters fitted to the results: calendar SEI from the storage rows, then cycling SEI
 * and contact loss from the cycle rows with the calendar part taken off. The activation energies
 * of the two cycling terms are the stated assumptions of `ASSUMED_AGEING` unless refitted elsewhere.
 */
export function fitAgeingResults(
  results: { storage: readonly StorageResult[]; cycle: readonly CycleResult[] },
  file: string,
): { parameters?: AgeingParameters; notes: string[] } {
  const notes: string[] = [];
  const calendar = fitCalendarAgeing(results.storage);
  notes.push(...calendar.problems.map((p) => `storage: ${p}`));
  if (!calendar.parameters) return { notes };
  const cycling = results.cycle.length
    ? fitCycleAgeing(results.cycle, calendar.parameters, {
        cycling: ASSUMED_AGEING.cycling!.activationEnergy,
        contact: ASSUMED_AGEING.contactLoss!.activationEnergy,
      })
    : undefined;
  notes.push(
    ...(cycling?.problems ?? ['no cycle results: cycling losses are not predicted']).map((p) => `cycle: ${p}`),
  );
  return {
    parameters: {
      sei: calendar.parameters,
      ...(cycling?.parameters ?? {}),
      source: `fitted to ${file} (storage rms ${((calendar.rmsError ?? 0) * 100).toFixed(2)} %${cycling?.rmsError !== undefined ? `, cycle rms ${(cycling.rmsError * 100).toFixed(2)} %` : ''}; cycling activation energies assumed)`,
    },
    notes,
  };
}
