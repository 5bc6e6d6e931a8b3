/**
 * Measured cycler data from CSV text: time, current, voltage and optionally temperature, in SI,
 * current discharge positive (cellspec's convention), ready for `fitModelParameters`.
 *
 * Accepted text: one header row naming the columns, then one row per sample. The delimiter is
 * whichever of tab, semicolon and comma splits the header row into most cells; with tab or
 * semicolon a decimal comma (3,812) is read as a decimal point. Lines before the header row
 * (cycler preambles: BioLogic's "Nb header lines", Maccor's "Today's Date", …) are skipped: the
 * header row is the first row that names a time, a current and a voltage column. Text must be
 * UTF-8 (`workspace.readUtf8` says so when it is not).
 *
 * Columns (case, spaces and the unit's bracket style do not matter: `Current(mA)`, `I/mA`,
 * `current [mA]`, `Current (mA)`):
 *   time         time, test time, total time, test (sec) (Maccor), time/s (BioLogic); in s, ms,
 *                min or h, or as [d-]hh:mm:ss[.fff], or as a date-time (then counted from the first)
 *   current      current, i, <i>, amps (Maccor), cur; in A, mA or µA (uA)
 *   voltage      voltage, volts (Maccor), ewe, ecell, <ewe>, potential, u; in V or mV
 *   temperature  temperature, temp, t1, aux temperature; in °C (C, degC) or K   (optional)
 *   state        state (Maccor: C charge, D discharge, R rest)                  (optional)
 * A column without a unit is read in s, A, V and °C. Step time (`step (sec)`, `step time`,
 * Neware's `Time(h:min:s.ms)`) restarts every step and is never taken for the time.
 *
 * Layouts and their current sign (cellspec's own: discharge positive):
 *   maccor    `Rec#, Cyc#, Step, Test (Sec), Step (Sec), Amp-hr, Watt-hr, Amps, Volts, State, ES,
 *             DPt Time` — the column names of BEEP's Maccor conversion schema
 *             (TRI-AMDD/beep, beep/conversion_schemas/maccor_conversion.yaml) and cellpy's
 *             maccor_txt readers. Amps is unsigned there and `State` (C/D) gives the direction;
 *             a signed Amps column is read charge positive.
 *   biologic  EC-Lab text export (.mpt, "Export as text"): `mode, ox/red, …, time/s, control/V/mA,
 *             Ewe/V, <I>/mA (or I/mA), …, Temperature/°C` (column names as in galvani's and
 *             BEEP's BioLogic readers). I > 0 is anodic at the working electrode, the positive
 *             electrode of a full cell: charge positive.
 *   neware    BTSDA record export: `Record ID, Realtime, Time(h:min:s.ms), Step ID, Cycle ID,
 *             Current(mA), Voltage(V), …` (BEEP's neware_conversion.yaml) or the newer
 *             `DataPoint, Cycle Index, Step Index, Step Type, Time, Total Time, Current(A),
 *             Voltage(V), …, Date, T1(℃)` (PyProBE's Neware reader). Discharge current is
 *             negative: charge positive.
 *   arbin     MITS Pro CSV export: `Data_Point, Test_Time(s), Date_Time, Step_Time(s), Step_Index,
 *             Cycle_Index, Current(A), Voltage(V), …, Aux_Temperature_1(C)` (BEEP's
 *             arbin_conversion.yaml). Discharge current is negative: charge positive.
 *   cellspec  anything else, e.g. `cellspec simulate --format csv` (`time_s, voltage_V,
 *             current_A, temperature_K`): the columns above, discharge positive.
 * `currentSign` overrides the layout's sign. When the current and the voltage's slope say the
 * sign is the other way (a current called discharge raises the voltage), a warning says so.
 */
import { parse } from 'csv-parse/sync';
import type { MeasuredSeries } from '@cellspec/physics';

export type CurrentSign = 'discharge-positive' | 'charge-positive';
export type CyclerLayout = 'maccor' | 'biologic' | 'neware' | 'arbin' | 'cellspec';

export interface ReadMeasuredOptions {
  /** Overrides the layout's sign convention. */
  readonly currentSign?: CurrentSign;
}

export interface MeasuredData {
  readonly series: MeasuredSeries;
  readonly layout: CyclerLayout;
  /** Header of each column read. */
  readonly columns: {
    readonly time: string;
    readonly current: string;
    readonly voltage: string;
    readonly temperature?: string;
  };
  readonly currentSign: CurrentSign;
  readonly warnings: readonly string[];
}

export type MeasuredDataResult = { readonly data: MeasuredData } | { readonly error: string };

type Quantity = 'time' | 'current' | 'voltage' | 'temperature' | 'state';

const ALIASES: Readonly<Record<Quantity, readonly string[]>> = {
  // Most specific first: Neware's newer export has both `Time` (the step's) and `Total Time`.
  time: [
    'total time',
    'test time',
    'testtime',
    'test_time',
    'test',
    'elapsed time',
    'time',
    'realtime',
    'dpt time',
    'absolute time',
    'date',
  ],
  current: ['current', 'i', '<i>', 'amps', 'amp', 'cur'],
  voltage: ['voltage', 'volts', 'ewe', 'ecell', '<ewe>', '<ecell>', 'potential', 'u', 'volt'],
  temperature: [
    'temperature',
    'temp',
    'temp 1',
    't1',
    'aux temperature',
    'aux_temperature_1',
    'auxiliary temperature',
    'cell temperature',
  ],
  state: ['state'],
};

/** Unit factors to SI; temperature units are offsets to K. */
const TIME_UNITS: Record<string, number> = { s: 1, sec: 1, ms: 1e-3, min: 60, h: 3600, hr: 3600 };
const CURRENT_UNITS: Record<string, number> = { a: 1, ma: 1e-3, µa: 1e-6, ua: 1e-6 };
const VOLTAGE_UNITS: Record<string, number> = { v: 1, mv: 1e-3 };
const TEMPERATURE_OFFSETS: Record<string, number> = { '°c': 273.15, c: 273.15, degc: 273.15, '℃': 273.15, k: 0 };

interface Header {
  readonly text: string;
  readonly name: string;
  readonly unit?: string;
}

/** `Current(mA)`, `Current (mA)`, `current [mA]`, `I/mA`, `Test (Sec)` → name and unit, lower case. */
function splitHeader(text: string): Header {
  const clean = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const bracket = /^(.*?)\s*[([]\s*([^)\]]*?)\s*[)\]]$/.exec(clean);
  if (bracket) return { text: text.trim(), name: bracket[1]!.trim(), unit: bracket[2]! };
  // cellspec's own curve CSV: `time_s`, `voltage_V`, `current_A`, `temperature_K`.
  const suffix = /^(time|voltage|current|temperature)_(s|v|a|ma|k)$/.exec(clean);
  if (suffix) return { text: text.trim(), name: suffix[1]!, unit: suffix[2]! };
  const slash = /^([^/]+)\/(.+)$/.exec(clean);
  if (slash && !/^(ox\/red|control\/)/.test(clean))
    return { text: text.trim(), name: slash[1]!.trim(), unit: slash[2]!.trim() };
  return { text: text.trim(), name: clean };
}

const STEP_TIME = /^(step|step time|step_time|steptime|time\(h:min:s\.ms\))$/;

function quantityOf(header: Header): Quantity | undefined {
  if (STEP_TIME.test(header.name) || (header.name === 'time' && header.unit === 'h:min:s.ms')) return undefined;
  for (const q of Object.keys(ALIASES) as Quantity[]) if (ALIASES[q].includes(header.name)) return q;
  return undefined;
}

function layoutOf(headers: readonly Header[]): CyclerLayout {
  const names = new Set(headers.map((h) => h.name));
  const texts = headers.map((h) => h.text.toLowerCase());
  if (names.has('amps') || names.has('volts') || texts.includes('rec#') || texts.includes('test (sec)'))
    return 'maccor';
  if (names.has('ewe') || names.has('<ewe>') || names.has('ecell') || names.has('<i>') || texts.includes('ox/red'))
    return 'biologic';
  // Arbin MITS Pro: `Data_Point, Test_Time(s), Step_Index, Cycle_Index, Current(A), Voltage(V)`.
  if (names.has('data_point') || names.has('step_index') || names.has('cycle_index')) return 'arbin';
  if (
    names.has('record id') ||
    names.has('step id') ||
    names.has('cycle index') ||
    names.has('datapoint') ||
    names.has('realtime')
  )
    return 'neware';
  return 'cellspec';
}

function chooseDelimiter(line: string): string {
  const counts = ['\t', ';', ','].map((d) => [d, line.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Seconds from a time cell: a number (× unit), [d-]hh:mm:ss[.fff] or `1d 02:03:04`, or a date-time (ms since epoch / 1000). */
function parseTime(cell: string, factor: number, decimalComma: boolean): number | undefined {
  const text = decimalComma ? cell.replace(',', '.') : cell;
  const number = Number(text);
  if (text !== '' && Number.isFinite(number)) return number * factor;
  const clock = /^(?:(\d+)\s*(?:-|d\s*|\s))?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text);
  if (clock) return Number(clock[1] ?? 0) * 86400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T') + 'Z');
    return Number.isFinite(ms) ? ms / 1000 : undefined;
  }
  return undefined;
}

function unitFactor(quantity: 'time' | 'current' | 'voltage', header: Header): number | { readonly error: string } {
  const table = quantity === 'time' ? TIME_UNITS : quantity === 'current' ? CURRENT_UNITS : VOLTAGE_UNITS;
  if (header.unit === undefined || header.unit === '' || (quantity === 'time' && /^(h:m|d)/.test(header.unit)))
    return 1;
  const factor = table[header.unit];
  if (factor === undefined)
    return {
      error: `column '${header.text}': unknown ${quantity} unit '${header.unit}' (known: ${Object.keys(table).join(', ')})`,
    };
  return factor;
}

/** Reads measured cycler data from CSV text; `label` names the source in messages. */
export function parseMeasuredData(text: string, label: string, options: ReadMeasuredOptions = {}): MeasuredDataResult {
  const lines = text.split(/\r\n|\n|\r/);
  // ---- the header row ----------------------------------------------------------------------------
  let headerLine = -1;
  let headers: Header[] = [];
  let delimiter = ',';
  let columns: Partial<Record<Quantity, number>> = {};
  for (let i = 0; i < Math.min(lines.length, 500) && headerLine < 0; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const d = chooseDelimiter(line);
    let cells: string[];
    try {
      cells = (parse(line, { delimiter: d, relax_quotes: true, trim: true }) as string[][])[0] ?? [];
    } catch {
      continue;
    }
    const hs = cells.map(splitHeader);
    // Per quantity the column whose name comes first in its alias list, then the leftmost.
    const found: Partial<Record<Quantity, number>> = {};
    const rank: Partial<Record<Quantity, number>> = {};
    hs.forEach((h, k) => {
      const q = quantityOf(h);
      if (!q) return;
      const r = ALIASES[q].indexOf(h.name);
      if (found[q] === undefined || r < rank[q]!) {
        found[q] = k;
        rank[q] = r;
      }
    });
    if (found.time !== undefined && found.current !== undefined && found.voltage !== undefined) {
      headerLine = i;
      headers = hs;
      delimiter = d;
      columns = found;
    }
  }
  if (headerLine < 0)
    return {
      error: `${label}: no header row names a time, a current and a voltage column (e.g. 'time (s), current (A), voltage (V)'; Maccor 'Test (Sec), Amps, Volts'; BioLogic 'time/s, <I>/mA, Ewe/V'; Neware 'Total Time, Current(mA), Voltage(V)')`,
    };
  const layout = layoutOf(headers);
  const decimalComma = delimiter !== ',';
  const factors = {
    time: unitFactor('time', headers[columns.time!]!),
    current: unitFactor('current', headers[columns.current!]!),
    voltage: unitFactor('voltage', headers[columns.voltage!]!),
  };
  for (const f of Object.values(factors)) if (typeof f !== 'number') return { error: `${label}: ${f.error}` };
  const temperatureHeader = columns.temperature !== undefined ? headers[columns.temperature]! : undefined;
  const temperatureOffset = temperatureHeader ? TEMPERATURE_OFFSETS[temperatureHeader.unit ?? '°c'] : undefined;
  if (temperatureHeader && temperatureOffset === undefined)
    return {
      error: `${label}: column '${temperatureHeader.text}': unknown temperature unit '${temperatureHeader.unit}' (known: °C, C, degC, K)`,
    };

  // ---- the rows --------------------------------------------------------------------------------------
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(lines.slice(headerLine + 1).join('\n'), {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { error: `${label}${line !== undefined ? `:${line + headerLine + 1}` : ''}: ${(e as Error).message}` };
  }
  const number = (cell: string | undefined) => {
    if (cell === undefined || cell === '') return NaN;
    return Number(decimalComma ? cell.replace(',', '.') : cell);
  };
  const time: number[] = [];
  const current: number[] = [];
  const voltage: number[] = [];
  const temperature: number[] = [];
  const warnings: string[] = [];
  let repeated = 0;
  let t0: number | undefined;
  const stateColumn = layout === 'maccor' ? columns.state : undefined;
  for (const { record, info } of records) {
    const line = headerLine + 1 + info.lines;
    const where = `${label}:${line}`;
    if (record.every((c) => c === '')) continue;
    const needed = Math.max(columns.time!, columns.current!, columns.voltage!, columns.temperature ?? 0) + 1;
    if (record.length < needed)
      return { error: `${where}: ${record.length} columns, the header has ${headers.length}` };
    const rawTime = parseTime(record[columns.time!]!, factors.time as number, decimalComma);
    if (rawTime === undefined)
      return { error: `${where}: time '${record[columns.time!]}' is neither a number, hh:mm:ss nor a date-time` };
    const i = number(record[columns.current!]) * (factors.current as number);
    if (!Number.isFinite(i)) return { error: `${where}: current '${record[columns.current!]}' is not a number` };
    const v = number(record[columns.voltage!]) * (factors.voltage as number);
    if (!Number.isFinite(v)) return { error: `${where}: voltage '${record[columns.voltage!]}' is not a number` };
    let T: number | undefined;
    if (columns.temperature !== undefined) {
      T = number(record[columns.temperature]) + temperatureOffset!;
      if (!Number.isFinite(T))
        return { error: `${where}: temperature '${record[columns.temperature]}' is not a number` };
    }
    t0 ??= rawTime;
    const t = rawTime - t0;
    const previous = time[time.length - 1];
    if (previous !== undefined && t < previous)
      return {
        error: `${where}: time ${t} s is before the previous sample's ${previous} s (the samples must be in time order)`,
      };
    // A cycler logs a step's last and the next step's first point at one instant: keep the later.
    if (previous !== undefined && t === previous) {
      repeated++;
      time.pop();
      current.pop();
      voltage.pop();
      temperature.pop();
    }
    let signed = i;
    if (stateColumn !== undefined) {
      const state = (record[stateColumn] ?? '').toUpperCase();
      if (state === 'D') signed = -Math.abs(i);
      else if (state === 'C') signed = Math.abs(i);
      else if (state === 'R') signed = 0;
    }
    time.push(t);
    current.push(signed);
    voltage.push(v);
    if (T !== undefined) temperature.push(T);
  }
  if (time.length < 3) return { error: `${label}: ${time.length} samples; a fit needs more` };
  if (repeated > 0)
    warnings.push(
      `${repeated} sample${repeated === 1 ? '' : 's'} at the time of the previous one: the later of each pair kept`,
    );
  const currentSign: CurrentSign =
    options.currentSign ?? (layout === 'cellspec' ? 'discharge-positive' : 'charge-positive');
  const dischargePositive = currentSign === 'discharge-positive' ? current : current.map((c) => -c);
  // Sign check: discharge lowers the voltage, so Σ I·dV/dt < 0 with discharge positive.
  let agreement = 0;
  for (let k = 1; k < time.length; k++)
    agreement += dischargePositive[k]! * ((voltage[k]! - voltage[k - 1]!) / Math.max(time[k]! - time[k - 1]!, 1e-9));
  if (agreement > 0)
    warnings.push(
      `the voltage rises while the current read as ${currentSign === 'discharge-positive' ? 'positive' : 'negative'} flows: the current's sign looks reversed (read as ${currentSign}${options.currentSign ? '' : ` for the ${layout} layout`}; state the other sign if so)`,
    );
  return {
    data: {
      series: {
        label,
        time,
        current: dischargePositive.map((c) => c + 0), // no −0
        voltage,
        ...(columns.temperature !== undefined ? { temperature } : {}),
      },
      layout,
      columns: {
        time: headers[columns.time!]!.text,
        current: headers[columns.current!]!.text,
        voltage: headers[columns.voltage!]!.text,
        ...(temperatureHeader ? { temperature: temperatureHeader.text } : {}),
      },
      currentSign,
      warnings,
    },
  };
}
