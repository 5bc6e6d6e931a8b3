/**
 * Measured cycler data into one time series. Pure text parsing (files are read by the caller):
 * `readMeasured(text, format?)` detects or takes one of five layouts and returns time (s from
 * the first row), voltage (V), current (A, discharge positive, as the models report it) and,
 * where the file has them, temperature (K), cycle and step numbers.
 *
 * Layouts and where they were taken from:
 * - `maccor`: Maccor's tab-delimited text export — a header line with `Rec#`, `Cyc#`, `Step`,
 *   `Test (Sec)`, `Step (Sec)`, `Amp-hr`, `Watt-hr`, `Amps`, `Volts`, `State` (C, D, R),
 *   `ES`, `DPt Time` (the column map of TRI's BEEP, `beep/conversion_schemas/maccor_conversion.yaml`);
 *   currents are unsigned, the state gives the direction.
 * - `biologic`: EC-Lab's `.mpt` ASCII export — `EC-Lab ASCII FILE`, `Nb header lines : N`, the
 *   tab-separated column names on line N (`time/s`, `Ewe/V` or `Ecell/V`, `I/mA` or `<I>/mA`,
 *   `cycle number`), decimal commas in some locales (the layout galvani and BEEP read); positive
 *   current charges the working electrode.
 * - `neware`: BTS CSV export — `Record ID` or `DataPoint`, `Cycle ID`/`Cycle Index`, `Step ID`/
 *   `Step Index`, `Current(mA)` or `Current(A)`, `Voltage(V)`, and `Total Time` or `Realtime`
 *   (BEEP `neware_conversion.yaml`; NewareNDA's column names); discharge current negative.
 * - `arbin`: MITS Pro CSV export — `Data_Point`, `Test_Time(s)`, `Step_Index`, `Cycle_Index`,
 *   `Current(A)`, `Voltage(V)`, `Aux_Temperature_1(C)` (BEEP `arbin_conversion.yaml`); discharge
 *   current negative.
 * - `neutral`: cellspec's own curve CSV (`cellspec simulate --format csv`): `time_s`,
 *   `voltage_V`, `current_A` (discharge positive), optional `temperature_K`.
 */
export const MEASURED_FORMATS = ['maccor', 'biologic', 'neware', 'arbin', 'neutral'] as const;
export type MeasuredFormat = (typeof MEASURED_FORMATS)[number];

export interface TimeSeries {
  readonly format: MeasuredFormat;
  /** Seconds since the first row. */
  readonly time: number[];
  readonly voltage: number[];
  /** A, discharge positive. */
  readonly current: number[];
  /** K, when the file has a temperature column. */
  readonly temperature?: number[];
  readonly cycle?: number[];
  readonly step?: number[];
}

export class MeasuredDataError extends Error {}

/** Splits one delimited line; double quotes group a field (RFC 4180), "" is a quote. */
function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

interface Table {
  readonly header: string[];
  readonly rows: string[][];
  /** 1-based line of the header, for messages. */
  readonly headerLine: number;
}

function table(lines: string[], headerIndex: number, delimiter: string): Table {
  const header = splitLine(lines[headerIndex]!, delimiter);
  const rows = lines
    .slice(headerIndex + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => splitLine(l, delimiter));
  return { header, rows, headerLine: headerIndex + 1 };
}

function column(t: Table, ...names: (string | RegExp)[]): number {
  for (const n of names) {
    const i = t.header.findIndex((h) => (typeof n === 'string' ? h.toLowerCase() === n.toLowerCase() : n.test(h)));
    if (i >= 0) return i;
  }
  return -1;
}

function need(t: Table, what: string, ...names: (string | RegExp)[]): number {
  const i = column(t, ...names);
  if (i < 0)
    throw new MeasuredDataError(
      `no ${what} column in the header on line ${t.headerLine} (looked for ${names.map(String).join(', ')}; found ${t.header.join(', ')})`,
    );
  return i;
}

function number(text: string | undefined, where: string, decimalComma = false): number {
  const s = (decimalComma ? (text ?? '').replace(',', '.') : (text ?? '')).trim();
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new MeasuredDataError(`${where}: '${text ?? ''}' is not a number`);
  return v;
}

/** Seconds from `123.4`, `hh:mm:ss(.ms)` or `d-hh:mm:ss`/`d hh:mm:ss`. */
function seconds(text: string, where: string): number {
  const t = text.trim();
  const clock = /^(?:(\d+)[ -])?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (clock) return Number(clock[1] ?? 0) * 86400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  return number(t, where);
}

function relative(times: number[]): number[] {
  const t0 = times[0] ?? 0;
  return times.map((t) => t - t0);
}

function rowsOf(t: Table, format: string): string[][] {
  if (t.rows.length === 0) throw new MeasuredDataError(`the ${format} file has a header but no data rows`);
  return t.rows;
}

function readMaccor(lines: string[]): TimeSeries {
  const h = lines.findIndex((l) => /\bRec#/i.test(l) && /\bCyc#/i.test(l));
  if (h < 0) throw new MeasuredDataError('no Maccor column header (a line with Rec# and Cyc#)');
  const t = table(lines, h, '\t');
  const ti = need(t, 'test time', 'Test (Sec)', 'TestTime', 'Test Time', /^test ?time/i);
  const vi = need(t, 'voltage', 'Volts', 'Voltage', /^voltage/i);
  const ai = need(t, 'current', 'Amps', 'Current', /^current/i);
  const si = need(t, 'state', 'State', 'MD');
  const ci = column(t, 'Cyc#');
  const pi = column(t, 'Step');
  const rows = rowsOf(t, 'Maccor');
  return {
    format: 'maccor',
    time: relative(rows.map((r, k) => seconds(r[ti] ?? '', `row ${k + 1} test time`))),
    voltage: rows.map((r, k) => number(r[vi], `row ${k + 1} voltage`)),
    // Unsigned amps; the state says which way: D discharge (+), C charge (−), R rest.
    current: rows.map((r, k) => {
      const a = Math.abs(number(r[ai], `row ${k + 1} current`));
      const state = (r[si] ?? '').trim().toUpperCase();
      return state === 'D' ? a : state === 'C' ? -a : 0;
    }),
    ...(ci >= 0 ? { cycle: rows.map((r, k) => number(r[ci], `row ${k + 1} cycle`)) } : {}),
    ...(pi >= 0 ? { step: rows.map((r, k) => number(r[pi], `row ${k + 1} step`)) } : {}),
  };
}

function readBioLogic(lines: string[]): TimeSeries {
  const m = /Nb header lines\s*:\s*(\d+)/i.exec(lines[1] ?? '');
  if (!m) throw new MeasuredDataError('an EC-Lab .mpt file states its header length on line 2 (Nb header lines : N)');
  const h = Number(m[1]) - 1;
  if (h >= lines.length) throw new MeasuredDataError(`the header has ${m[1]} lines but the file only ${lines.length}`);
  const t = table(lines, h, '\t');
  const dc = /\d,\d/.test(t.rows[0]?.join('\t') ?? '') && !(t.rows[0] ?? []).some((f) => /\d\.\d/.test(f));
  const ti = need(t, 'time', 'time/s');
  const vi = need(t, 'voltage', 'Ewe/V', 'Ecell/V', '<Ewe>/V', '<Ewe/V>');
  const ai = need(t, 'current', 'I/mA', '<I>/mA', 'control/V/mA');
  const ci = column(t, 'cycle number');
  const ki = column(t, 'Temperature/°C', /^temperature\/.*C$/i);
  const rows = rowsOf(t, 'BioLogic');
  return {
    format: 'biologic',
    time: relative(rows.map((r, k) => number(r[ti], `row ${k + 1} time`, dc))),
    voltage: rows.map((r, k) => number(r[vi], `row ${k + 1} voltage`, dc)),
    // I > 0 charges the working electrode (the cell's positive): discharge positive is −I.
    current: rows.map((r, k) => -number(r[ai], `row ${k + 1} current`, dc) / 1000),
    ...(ci >= 0 ? { cycle: rows.map((r, k) => number(r[ci], `row ${k + 1} cycle`, dc)) } : {}),
    ...(ki >= 0 ? { temperature: rows.map((r, k) => number(r[ki], `row ${k + 1} temperature`, dc) + 273.15) } : {}),
  };
}

function delimiterOf(line: string): string {
  return (line.match(/\t/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? '\t' : ',';
}

/** Current in A from a column named in A or mA. */
function ampsScale(header: string): number {
  return /\(mA\)|\/mA|_mA\b/i.test(header) ? 1e-3 : 1;
}

function readSigned(lines: string[], format: 'neware' | 'arbin'): TimeSeries {
  const h = lines.findIndex((l) => /voltage/i.test(l));
  if (h < 0) throw new MeasuredDataError(`no ${format} column header (a line naming the voltage column)`);
  const t = table(lines, h, delimiterOf(lines[h]!));
  const vi = need(t, 'voltage', 'Voltage(V)', 'Voltage', /^voltage/i);
  const ai = need(t, 'current', 'Current(A)', 'Current(mA)', /^current/i);
  const rows = rowsOf(t, format);
  let time: number[];
  const total = column(t, 'Test_Time(s)', 'Total Time', 'Total Time(s)', 'test_time', /^total ?time/i);
  const real = column(t, 'Realtime', 'Date', 'Date_Time', 'Absolute Time');
  if (total >= 0) time = rows.map((r, k) => seconds(r[total] ?? '', `row ${k + 1} time`));
  else if (real >= 0)
    time = rows.map((r, k) => {
      const ms = Date.parse((r[real] ?? '').replace(' ', 'T'));
      if (!Number.isFinite(ms)) throw new MeasuredDataError(`row ${k + 1}: '${r[real]}' is not a date and time`);
      return ms / 1000;
    });
  else
    throw new MeasuredDataError(`no test-time or date column in the ${format} header (found ${t.header.join(', ')})`);
  const scale = ampsScale(t.header[ai]!);
  const ci = column(t, 'Cycle_Index', 'Cycle Index', 'Cycle ID', 'Cycle');
  const si = column(t, 'Step_Index', 'Step Index', 'Step ID', 'Step');
  const ki = column(t, 'Aux_Temperature_1(C)', 'Temperature(C)', 'T1(℃)', /temp.*\((°?C|℃)\)/i);
  return {
    format,
    time: relative(time),
    voltage: rows.map((r, k) => number(r[vi], `row ${k + 1} voltage`)),
    // Both write discharge currents negative.
    current: rows.map((r, k) => -number(r[ai], `row ${k + 1} current`) * scale),
    ...(ci >= 0 ? { cycle: rows.map((r, k) => number(r[ci], `row ${k + 1} cycle`)) } : {}),
    ...(si >= 0 ? { step: rows.map((r, k) => number(r[si], `row ${k + 1} step`)) } : {}),
    ...(ki >= 0 ? { temperature: rows.map((r, k) => number(r[ki], `row ${k + 1} temperature`) + 273.15) } : {}),
  };
}

function readNeutral(lines: string[]): TimeSeries {
  const t = table(lines, 0, ',');
  const ti = need(t, 'time', 'time_s');
  const vi = need(t, 'voltage', 'voltage_V');
  const ai = need(t, 'current', 'current_A');
  const ki = column(t, 'temperature_K');
  const rows = rowsOf(t, 'neutral CSV');
  return {
    format: 'neutral',
    time: relative(rows.map((r, k) => number(r[ti], `row ${k + 1} time`))),
    voltage: rows.map((r, k) => number(r[vi], `row ${k + 1} voltage`)),
    current: rows.map((r, k) => number(r[ai], `row ${k + 1} current`)),
    ...(ki >= 0 ? { temperature: rows.map((r, k) => number(r[ki], `row ${k + 1} temperature`)) } : {}),
  };
}

/** Which layout a text is, from its first lines; undefined when none fits. */
export function detectMeasuredFormat(text: string): MeasuredFormat | undefined {
  const head = text.slice(0, 20000);
  if (/^\uFEFF?EC-Lab ASCII FILE/.test(head)) return 'biologic';
  if (/\bRec#/i.test(head) && /\bCyc#/i.test(head)) return 'maccor';
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (/\btime_s\b/.test(first) && /\bvoltage_V\b/.test(first)) return 'neutral';
  if (/Test_Time\(s\)/i.test(head) && /Voltage\(V\)/i.test(head)) return 'arbin';
  if (/Voltage\(V\)/i.test(head) && /(Record ID|DataPoint|Cycle ID|Cycle Index|Step ID)/i.test(head)) return 'neware';
  return undefined;
}

/** Reads measured data in one of the five layouts (detected when not given) into one time series. */
export function readMeasured(text: string, format?: MeasuredFormat): TimeSeries {
  const chosen = format ?? detectMeasuredFormat(text);
  if (!chosen)
    throw new MeasuredDataError(
      `the layout is not one cellspec reads (${MEASURED_FORMATS.join(', ')}); name it if the header differs`,
    );
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const series =
    chosen === 'maccor'
      ? readMaccor(lines)
      : chosen === 'biologic'
        ? readBioLogic(lines)
        : chosen === 'neutral'
          ? readNeutral(lines)
          : readSigned(lines, chosen);
  for (let k = 1; k < series.time.length; k++)
    if (series.time[k]! < series.time[k - 1]!)
      throw new MeasuredDataError(`row ${k + 1}: time goes back (${series.time[k - 1]} s → ${series.time[k]} s)`);
  return series;
}
