/**
 * The programme's durability tests as ageing predictions, the degradation-factor map it drew, and
 * fits of the ageing mechanisms (`ageing.ts`) to measured storage and cycle results.
 *
 * Test conditions: storage 42 days and cycling 28 days "under set temperature and restraint
 * pressure", capacity measured at 1/3C and 25 °C. The programme does not publish the set
 * temperature; the IEC 62660-1 storage and cycle-life tests it follows run at 45 °C, storage at
 * SOC 50 % and 100 % (IEC 62660-1:2018 §7.8, §7.9), so those are used. The cycle test's rate and
 * depth are not published either: full 1C/1C cycles without rests (12 a day) are assumed.
 */
import { GAS_CONSTANT } from '../models/constants.js';
import { predictAgeing, type AgeingParameters, type ArrheniusRate } from './ageing.js';

const DAY = 86400;

export const PROGRAMME_STORAGE_TEST = { days: 42, temperature: 318.15, socs: [0.5, 1] } as const;
export const PROGRAMME_CYCLE_TEST = { days: 28, temperature: 318.15, rate: 1, cyclesPerDay: 12, meanSoc: 0.5 } as const;

/**
 * An illustrative parameter set, every value an assumption (no cycle or storage data of the
 * programme's cells are published to fit): magnitudes typical of graphite- or Si-anode cells.
 * - calendar SEI: 2 % loss after a year at 25 °C and 50 % SOC, E_a 50 kJ/mol (calendar-ageing
 *   activation energies reported for graphite anodes lie between about 30 and 60 kJ/mol), rate
 *   doubling from 50 % to 100 % SOC;
 * - cycling SEI: 2 % after 1000 full 1C cycles at 25 °C, E_a 30 kJ/mol;
 * - contact loss (solid-state): 1 % per 1000 cycles, E_a 20 kJ/mol;
 * - resistance: +28 % after a year at 25 °C, +0.5 % per √cycle.
 * Use it to see the shape of a prediction; replace it by `fitCalendarAgeing`/`fitCycleAgeing`
 * on the cell's own results before reading a number from it.
 */
export const ASSUMED_AGEING: AgeingParameters = {
  sei: {
    reference: 0.02 / Math.sqrt(365.25 * DAY),
    activationEnergy: 50_000,
    socSensitivity: Math.log(2) / 0.5,
    referenceSoc: 0.5,
  },
  cycling: { reference: 0.02 / Math.sqrt(1000), activationEnergy: 30_000, rateExponent: 0.5 },
  contactLoss: { reference: 1e-5, activationEnergy: 20_000 },
  resistance: { reference: 0.28 / Math.sqrt(365.25 * DAY), activationEnergy: 50_000, perRootCycle: 0.005 },
  source: 'assumption: illustrative magnitudes, not fitted to the programme cells (see ASSUMED_AGEING)',
};

export interface ProgrammeAgeing {
  readonly storage: readonly { readonly soc: number; readonly retention: number; readonly resistanceFactor: number }[];
  readonly cycle: { readonly cycles: number; readonly retention: number; readonly resistanceFactor: number };
  readonly source: string;
}

/** Capacity retention after the 42-day storage tests and the 28-day cycle test. */
export function programmeAgeing(p: AgeingParameters): ProgrammeAgeing {
  const s = PROGRAMME_STORAGE_TEST;
  const c = PROGRAMME_CYCLE_TEST;
  const cycles = c.days * c.cyclesPerDay;
  const cycle = predictAgeing(p, {
    temperature: c.temperature,
    soc: c.meanSoc,
    time: c.days * DAY,
    cycles,
    rate: c.rate,
  });
  return {
    storage: s.socs.map((soc) => {
      const r = predictAgeing(p, { temperature: s.temperature, soc, time: s.days * DAY });
      return { soc, retention: r.retention, resistanceFactor: r.resistanceFactor };
    }),
    cycle: { cycles, retention: cycle.retention, resistanceFactor: cycle.resistanceFactor },
    source: p.source,
  };
}

export interface StorageResult {
  /** K, 0..1, s */
  readonly temperature: number;
  readonly soc: number;
  readonly time: number;
  /** Capacity retention, 0..1. */
  readonly retention: number;
}

export interface CycleResult extends StorageResult {
  readonly cycles: number;
  /** C-rate (default 1). */
  readonly rate?: number;
}

export interface AgeingFit<T> {
  readonly parameters?: T;
  /** Root-mean-square error of the retention, fraction. */
  readonly rmsError?: number;
  readonly problems: readonly string[];
}

/**
 * Calendar SEI from storage results. With loss = k_ref·exp(−E_a/R·(1/T − 1/T_ref))·exp(β·(SOC − SOC_ref))·√t,
 *   ln(loss/√t) = ln k_ref − (E_a/R)·(1/T − 1/T_ref) + β·(SOC − SOC_ref)
 * is linear in (ln k_ref, E_a, β): an ordinary least-squares fit. E_a needs two temperatures and
 * β two SOCs; without them the term is left out (E_a 0, β 0) and said.
 */
export function fitCalendarAgeing(
  results: readonly StorageResult[],
  referenceTemperature = 298.15,
  referenceSoc = 0.5,
): AgeingFit<NonNullable<AgeingParameters['sei']>> {
  const problems: string[] = [];
  const usable = results.filter((r) => r.retention < 1 && r.retention > 0 && r.time > 0);
  if (usable.length < results.length) problems.push('results without a capacity loss are left out');
  const temperatures = new Set(usable.map((r) => r.temperature));
  const socs = new Set(usable.map((r) => r.soc));
  const withT = temperatures.size > 1;
  const withSoc = socs.size > 1;
  if (!withT) problems.push('one storage temperature: no activation energy can be fitted (taken as 0)');
  if (!withSoc) problems.push('one storage SOC: no SOC dependence can be fitted (taken as none)');
  const columns = 1 + (withT ? 1 : 0) + (withSoc ? 1 : 0);
  if (usable.length < columns) return { problems: [...problems, 'too few results to fit'] };
  const rows = usable.map((r) => [
    1,
    ...(withT ? [-(1 / r.temperature - 1 / referenceTemperature) / GAS_CONSTANT] : []),
    ...(withSoc ? [r.soc - referenceSoc] : []),
  ]);
  const y = usable.map((r) => Math.log((1 - r.retention) / Math.sqrt(r.time)));
  const x = leastSquares(rows, y);
  if (!x) return { problems: [...problems, 'the results do not determine the parameters'] };
  const sei = {
    reference: Math.exp(x[0]!),
    activationEnergy: withT ? x[1]! : 0,
    referenceTemperature,
    ...(withSoc ? { socSensitivity: x[withT ? 2 : 1]!, referenceSoc } : {}),
  };
  const rms = Math.sqrt(
    usable.reduce((s, r) => {
      const predicted = predictAgeing({ sei, source: 'fit' }, r).retention;
      return s + (predicted - r.retention) ** 2;
    }, 0) / usable.length,
  );
  return { parameters: sei, rmsError: rms, problems };
}

/**
 * Cycling losses from cycle results at one temperature, after the calendar loss of the same time
 * (from `calendar`) is taken off: loss − loss_SEI = a·√N + b·N, linear in (a, b): SEI cracking
 * and re-forming (a) and contact loss (b). The activation energies are the caller's (stated or
 * fitted across temperatures); they only move the reference to `referenceTemperature`.
 */
export function fitCycleAgeing(
  results: readonly CycleResult[],
  calendar: AgeingParameters['sei'] | undefined,
  activationEnergies: { readonly cycling: number; readonly contact: number },
  referenceTemperature = 298.15,
): AgeingFit<{ cycling: ArrheniusRate; contactLoss: ArrheniusRate }> {
  const problems: string[] = [];
  if (results.length < 2) return { problems: ['two cycle results at least are needed (a √N and an N term)'] };
  const shift = (T: number, Ea: number) => Math.exp((-Ea / GAS_CONSTANT) * (1 / T - 1 / referenceTemperature));
  const rows = results.map((r) => [
    Math.sqrt(r.cycles) * shift(r.temperature, activationEnergies.cycling),
    r.cycles * shift(r.temperature, activationEnergies.contact),
  ]);
  const y = results.map((r) => {
    const calendarLoss = calendar ? 1 - predictAgeing({ sei: calendar, source: '' }, r).retention : 0;
    return 1 - r.retention - calendarLoss;
  });
  const x = leastSquares(rows, y);
  if (!x) return { problems: ['the results do not separate the √N and N terms (vary the cycle count)'] };
  if (x[0]! < 0 || x[1]! < 0) problems.push('a fitted rate is negative: the results do not follow √N + N');
  const parameters = {
    cycling: { reference: x[0]!, activationEnergy: activationEnergies.cycling, referenceTemperature },
    contactLoss: { reference: x[1]!, activationEnergy: activationEnergies.contact, referenceTemperature },
  };
  const rms = Math.sqrt(
    y.reduce((s, yi, i) => s + (rows[i]![0]! * x[0]! + rows[i]![1]! * x[1]! - yi) ** 2, 0) / results.length,
  );
  return { parameters, rmsError: rms, problems };
}

/** Least squares by the normal equations (a handful of columns); undefined when singular. */
function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] | undefined {
  const n = rows[0]!.length;
  const A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  rows.forEach((r, k) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) A[i]![j]! += r[i]! * r[j]!;
      A[i]![n]! += r[i]! * y[k]!;
    }
  });
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const pivot = A[c]![c]!;
    const scale = Math.max(...A.map((row) => Math.abs(row[c]!)));
    if (!(Math.abs(pivot) > 1e-12 * scale) || scale === 0) return undefined;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / pivot;
      for (let k = c; k <= n; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => row[n]! / row[i]!);
}

export interface DegradationMap {
  /** K, 0..1, C-rate: the axes. */
  readonly temperatures: readonly number[];
  readonly socs: readonly number[];
  readonly rates: readonly number[];
  /** Capacity loss after the 28-day cycle test, loss[i][j][k] at temperatures[i], socs[j], rates[k]. */
  readonly loss: readonly (readonly (readonly number[])[])[];
  /** Loss by mechanism at the same points: calendar SEI share of the total, 0..1. */
  readonly calendarShare: readonly (readonly (readonly number[])[])[];
}

/**
 * The degradation-factor map: capacity loss over the 28-day cycle test at each temperature, mean
 * SOC and rate, with full cycles back to back (12·rate a day). Default axes span what the
 * programme tested: 25 to 100 °C, SOC 20 to 100 %, C/3 to 6C.
 */
export function programmeDegradationMap(
  p: AgeingParameters,
  temperatures: readonly number[] = [298.15, 318.15, 333.15, 353.15, 373.15],
  socs: readonly number[] = [0.2, 0.5, 0.8, 1],
  rates: readonly number[] = [1 / 3, 1, 3, 6],
): DegradationMap {
  const time = PROGRAMME_CYCLE_TEST.days * DAY;
  const at = (temperature: number, soc: number, rate: number) =>
    predictAgeing(p, { temperature, soc, time, rate, cycles: PROGRAMME_CYCLE_TEST.days * 12 * rate });
  const loss = temperatures.map((T) => socs.map((s) => rates.map((r) => 1 - at(T, s, r).retention)));
  const calendarShare = temperatures.map((T) =>
    socs.map((s) =>
      rates.map((r) => {
        const a = at(T, s, r);
        const total = a.losses.sei + a.losses.cycling + a.losses.contact;
        return total > 0 ? a.losses.sei / total : 0;
      }),
    ),
  );
  return { temperatures, socs, rates, loss, calendarShare };
}
