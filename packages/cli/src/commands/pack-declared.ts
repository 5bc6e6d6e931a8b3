/**
 * `cellspec pack FILE` on a declared pack: the figures of the `pack` block, the load of each drive
 * and the coupled electrochemical–thermal run of each duty (representative reduced-model cells
 * per row of a module on the lumped heat network).
 */
import {
  ASSUMED_AGEING,
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

export function declaredPack(cell: CellIR, pack: PackIR): DeclaredPackReport | { problems: string[] } {
  const design = packDesign(designCell(cell), cell.limits, packSpecOf(pack));
  if (!('cells' in design)) return { problems: design.problems };
  const { runs, problems, assumptions } = runPackDuties(cell, pack);
  // No ageing data of the cell are declared: the prediction uses the stated assumption set, and says so.
  const ageing = { ...programmeAgeing(ASSUMED_AGEING), map: programmeDegradationMap(ASSUMED_AGEING) };
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
