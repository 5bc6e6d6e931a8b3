/**
 * BioLogic BT-Lab settings (`.mps`): the "Modulo Bat" technique, a table with one 20-character
 * column per sequence and one row per setting (ctrl_type, ctrl1_val, lim1_type, rec1_value …),
 * laid out as BT-Lab writes it (compare published BT-Lab settings, e.g. in TRI's BEEP
 * repository). BT-Lab reads these files as Windows-1252 text with CRLF line ends, so units
 * such as µA and cm² are written in that encoding (µ = 0xB5, ² = 0xB2).
 *
 * Sequences: CC (constant current, with Ecell limits), CV (constant voltage, with |I| limits),
 * Rest, Loop (ctrl_seq = first sequence of the body, ctrl_repeat = further passes). A CCCV
 * charge becomes CC to the CV voltage then CV until the current tail.
 */
import iconv from 'iconv-lite';
import {
  advance,
  initialState,
  type ConcreteEnd,
  type ConcreteStep,
  type ConcreteTest,
  type ExpandedPlan,
  type IdealCell,
} from '@cellspec/physics';
import {
  assertEmittable,
  cyclerTests,
  plain,
  slug,
  DEFAULT_RECORD,
  K0,
  type EmitNote,
  type EmitResult,
  type ProtocolFile,
} from './common.js';

export const COLUMN_WIDTH = 20;

interface Limit {
  type: 'Ecell' | 'Time' | '|I|';
  comp: '<' | '>';
  value: number;
  unit: string;
  target: 'NEXT' | number;
}
export interface Sequence {
  ctrlType: 'CC' | 'CV' | 'Rest' | 'Loop';
  value?: number;
  unit?: string;
  vs?: '<None>' | 'Ref';
  direction: 'Charge' | 'Discharge';
  loopTo?: number;
  repeat?: number;
  limits: Limit[];
  record: number;
  /** Largest current this sequence may carry, A, for the current range. */
  current: number;
}

export function emitBioLogic(plan: ExpandedPlan): EmitResult {
  assertEmittable(plan);
  const notes: EmitNote[] = [];
  const files: ProtocolFile[] = cyclerTests(plan).map((t) => {
    const name = `${plan.plan}-${slug(t.id)}.mps`;
    return { name, content: iconv.encode(mpsText(plan, t, name, notes), 'win1252') };
  });
  return { files, notes };
}

export function biologicSequences(
  plan: ExpandedPlan,
  test: ConcreteTest,
  notes: EmitNote[] = [],
): { sequences: Sequence[]; comments: string[] } {
  const b = new Builder(plan, test, notes);
  b.steps(test.steps);
  return { sequences: b.out, comments: b.comments };
}

class Builder {
  readonly out: Sequence[] = [];
  readonly comments: string[] = [];
  private readonly state = initialState();
  private readonly ideal: IdealCell;
  constructor(
    private readonly plan: ExpandedPlan,
    private readonly test: ConcreteTest,
    private readonly notes: EmitNote[],
  ) {
    this.ideal = { capacity: plan.capacity, voltageMin: plan.voltageWindow[0], voltageMax: plan.voltageWindow[1] };
    if (test.restraintPressure !== undefined)
      this.comments.push(`restraint ${plain(test.restraintPressure / 1e6)} MPa`);
  }

  private note(message: string): void {
    if (!this.notes.some((n) => n.test === this.test.id && n.message === message))
      this.notes.push({ test: this.test.id, message });
  }

  steps(steps: readonly ConcreteStep[]): void {
    for (const s of steps) this.step(s);
  }

  private rest(seconds: number, record = DEFAULT_RECORD): void {
    this.out.push({ ctrlType: 'Rest', direction: 'Charge', limits: [timeLimit(seconds)], record, current: 0 });
  }

  private step(s: ConcreteStep): void {
    const soc = this.state.soc;
    const record = ('record' in s ? s.record : undefined) ?? DEFAULT_RECORD;
    switch (s.kind) {
      case 'cc': {
        const direction = s.direction === 'charge' ? 'Charge' : 'Discharge';
        if (s.setpoint.mode === 'power')
          this.note(
            'BioLogic Modulo Bat has no power control here; power steps are written at their current at the mean voltage',
          );
        const current = amps(s.setpoint.current);
        const tail = s.ends.filter((e) => e.quantity === 'current');
        const ends = s.ends.filter((e) => e.quantity !== 'current');
        const limits = this.limits(ends, s.setpoint.current, soc, s.direction);
        if (s.cv !== undefined)
          limits.push({
            type: 'Ecell',
            comp: s.direction === 'charge' ? '>' : '<',
            value: s.cv,
            unit: 'V',
            target: 'NEXT',
          });
        this.out.push({
          ctrlType: 'CC',
          value: current.value,
          unit: current.unit,
          vs: '<None>',
          direction,
          limits,
          record,
          current: s.setpoint.current,
        });
        if (s.cv !== undefined && tail.length) {
          // The CV phase: hold the CV voltage until the current falls to the tail.
          const t = tail[0]!;
          const i = amps(t.value);
          this.out.push({
            ctrlType: 'CV',
            value: s.cv,
            unit: 'V',
            vs: 'Ref',
            direction,
            limits: [
              { type: '|I|', comp: '<', value: i.value, unit: i.unit, target: 'NEXT' },
              ...this.limits(
                ends.filter((e) => e.quantity === 'time'),
                NaN,
                undefined,
                s.direction,
              ),
            ],
            record,
            current: s.setpoint.current,
          });
        }
        break;
      }
      case 'pulse': {
        const current = amps(s.setpoint.current);
        this.out.push({
          ctrlType: 'CC',
          value: current.value,
          unit: current.unit,
          vs: '<None>',
          direction: s.direction === 'charge' ? 'Charge' : 'Discharge',
          // The pulse ends on its time or on the window edge, and the sequence goes on.
          limits: [
            timeLimit(s.duration),
            {
              type: 'Ecell',
              comp: s.direction === 'charge' ? '>' : '<',
              value: s.direction === 'charge' ? this.ideal.voltageMax : this.ideal.voltageMin,
              unit: 'V',
              target: 'NEXT',
            },
          ],
          record: Math.min(record, 0.1),
          current: s.setpoint.current,
        });
        break;
      }
      case 'hold':
        this.out.push({
          ctrlType: 'CV',
          value: s.voltage,
          unit: 'V',
          vs: 'Ref',
          direction: 'Charge',
          limits: s.ends.flatMap((e) =>
            e.quantity === 'time'
              ? [timeLimit(e.value)]
              : e.quantity === 'current'
                ? [{ type: '|I|' as const, comp: '<' as const, ...amps(e.value), target: 'NEXT' as const }]
                : [],
          ),
          record,
          current: this.plan.oneC,
        });
        break;
      case 'rest': {
        const t = s.ends.find((e) => e.quantity === 'time');
        const v = s.ends.filter((e) => e.quantity === 'voltage');
        const limits: Limit[] = [
          ...(t ? [timeLimit(t.value)] : []),
          ...v.map((e) => ({
            type: 'Ecell' as const,
            comp: e.op === '>=' ? ('>' as const) : ('<' as const),
            value: e.value,
            unit: 'V',
            target: 'NEXT' as const,
          })),
        ];
        this.out.push({ ctrlType: 'Rest', direction: 'Charge', limits, record, current: 0 });
        break;
      }
      case 'temperature':
        this.comments.push(
          `sequence ${this.out.length}: chamber ${plain(s.setpoint - K0)} °C, soak ${plain(s.soak / 3600)} h`,
        );
        this.note(
          'chamber set-points are written as comments with a soak rest; set the chamber from its own controller',
        );
        this.rest(Math.max(s.soak, 1), 600);
        break;
      case 'impedance':
        this.comments.push(
          `sequence ${this.out.length}: impedance ${plain(s.frequencyHigh)} Hz to ${plain(s.frequencyLow)} Hz — link a GEIS/PEIS technique here`,
        );
        this.note('impedance is a separate BT-Lab technique; written as a 1 min rest with a comment');
        this.rest(60, 1);
        break;
      case 'loop': {
        const first = this.out.length;
        this.steps(s.steps);
        // Loop goes back to the body's first sequence count − 1 more times.
        this.out.push({
          ctrlType: 'Loop',
          direction: 'Charge',
          loopTo: first,
          repeat: s.count - 1,
          limits: [],
          record: DEFAULT_RECORD,
          current: 0,
        });
        if (s.ends?.length) this.note('repeat … until is written as its count only');
        return;
      }
      case 'pressure':
        this.comments.push(`restraint ${plain(s.value / 1e6)} MPa`);
        break;
      case 'note':
        this.comments.push(s.text);
        break;
      case 'documented':
        this.comments.push(`off the cycler: ${s.title}`);
        break;
    }
    advance(s, this.state, this.ideal);
  }

  private limits(
    ends: readonly ConcreteEnd[],
    current: number,
    soc: number | undefined,
    direction: 'charge' | 'discharge',
  ): Limit[] {
    const out: Limit[] = [];
    for (const e of ends) {
      switch (e.quantity) {
        case 'voltage':
          out.push({ type: 'Ecell', comp: e.op === '>=' ? '>' : '<', value: e.value, unit: 'V', target: 'NEXT' });
          break;
        case 'time':
          out.push(timeLimit(e.value));
          break;
        // Constant current: a charge Q is reached after Q / I exactly.
        case 'capacity':
          if (Number.isFinite(current)) out.push(timeLimit(e.value / current));
          break;
        case 'soc':
          if (soc !== undefined && Number.isFinite(current))
            out.push(timeLimit((Math.abs(e.value - soc) * this.plan.capacity) / current));
          else this.note(`a SOC end of a ${direction} from an unknown SOC cannot be written; left out`);
          break;
        case 'energy':
          if (Number.isFinite(current))
            out.push(timeLimit(e.value / ((current * (this.ideal.voltageMin + this.ideal.voltageMax)) / 2)));
          this.note('an energy end is written as the time it takes at the mean voltage of the window');
          break;
        case 'temperature':
          this.note('temperature ends are left to the chamber; not written');
          break;
        case 'current':
          break;
      }
    }
    // BT-Lab holds at most three limits per sequence.
    if (out.length > 3) {
      this.note('more than three limits on one sequence; the first three are kept');
      out.length = 3;
    }
    return out;
  }
}

function timeLimit(seconds: number): Limit {
  if (seconds >= 2 * 86400) return { type: 'Time', comp: '>', value: seconds / 86400, unit: 'd', target: 'NEXT' };
  if (seconds >= 7200) return { type: 'Time', comp: '>', value: seconds / 3600, unit: 'h', target: 'NEXT' };
  if (seconds >= 120) return { type: 'Time', comp: '>', value: seconds / 60, unit: 'mn', target: 'NEXT' };
  return { type: 'Time', comp: '>', value: seconds, unit: 's', target: 'NEXT' };
}

/** A current in the unit BT-Lab would show it in: A, mA or µA. */
export function amps(a: number): { value: number; unit: string } {
  const abs = Math.abs(a);
  if (abs >= 1) return { value: a, unit: 'A' };
  if (abs >= 1e-3) return { value: a * 1e3, unit: 'mA' };
  return { value: a * 1e6, unit: 'µA' };
}

const RANGES: readonly [number, string][] = [
  [10e-6, '10 µA'],
  [100e-6, '100 µA'],
  [1e-3, '1 mA'],
  [10e-3, '10 mA'],
  [100e-3, '100 mA'],
  [1, '1 A'],
  [10, '10 A'],
];
/** The smallest current range that holds the current. */
export function currentRange(a: number): string {
  return (RANGES.find(([max]) => Math.abs(a) <= max) ?? RANGES[RANGES.length - 1]!)[1];
}

const f3 = (x: number) => x.toFixed(3);

/** The rows of the Modulo Bat table, in BT-Lab's order. */
export function tableRows(seqs: readonly Sequence[], window: readonly [number, number]): [string, string[]][] {
  const col = (f: (s: Sequence, i: number) => string) => seqs.map(f);
  const lim = (k: number, f: (l: Limit | undefined, s: Sequence, i: number) => string) =>
    col((s, i) => f(s.limits[k], s, i));
  const target = (l: Limit | undefined, i: number) =>
    l ? String(l.target === 'NEXT' ? i + 1 : l.target) : String(i + 1);
  const rows: [string, string[]][] = [
    ['Ns', col((_, i) => String(i))],
    ['ctrl_type', col((s) => s.ctrlType)],
    ['Apply I/C', col(() => 'I')],
    ['ctrl1_val', col((s) => (s.value !== undefined ? f3(s.value) : ''))],
    ['ctrl1_val_unit', col((s) => s.unit ?? '')],
    ['ctrl1_val_vs', col((s) => s.vs ?? '')],
    ['ctrl2_val', col(() => '')],
    ['ctrl2_val_unit', col(() => '')],
    ['ctrl2_val_vs', col(() => '')],
    ['ctrl3_val', col(() => '')],
    ['ctrl3_val_unit', col(() => '')],
    ['ctrl3_val_vs', col(() => '')],
    ['N', col(() => '1.00')],
    ['charge/discharge', col((s) => s.direction)],
    ['ctrl_seq', col((s) => String(s.loopTo ?? 0))],
    ['ctrl_repeat', col((s) => String(s.repeat ?? 0))],
    ['ctrl_trigger', col(() => 'Falling Edge')],
    ['ctrl_TO_t', col(() => '0.000')],
    ['ctrl_TO_t_unit', col(() => 'd')],
    ['ctrl_Nd', col(() => '6')],
    ['ctrl_Na', col(() => '1')],
    ['ctrl_corr', col(() => '1')],
    ['lim_nb', col((s) => String(s.limits.length))],
  ];
  for (let k = 0; k < 3; k++) {
    rows.push(
      [`lim${k + 1}_type`, lim(k, (l) => l?.type ?? 'Time')],
      [`lim${k + 1}_comp`, lim(k, (l) => l?.comp ?? '<')],
      [`lim${k + 1}_Q`, lim(k, () => 'Q limit')],
      [`lim${k + 1}_value`, lim(k, (l) => f3(l?.value ?? 0))],
      [`lim${k + 1}_value_unit`, lim(k, (l) => l?.unit ?? 's')],
      [`lim${k + 1}_action`, lim(k, () => 'Next sequence')],
      [`lim${k + 1}_seq`, lim(k, (l, _s, i) => target(l, i))],
    );
  }
  rows.push(
    ['rec_nb', col((s) => (s.ctrlType === 'Loop' ? '0' : '1'))],
    ['rec1_type', col(() => 'Time')],
    ['rec1_value', col((s) => f3(s.record))],
    ['rec1_value_unit', col(() => 's')],
    ['rec2_type', col(() => 'Time')],
    ['rec2_value', col(() => '0.000')],
    ['rec2_value_unit', col(() => 's')],
    ['rec3_type', col(() => 'Time')],
    ['rec3_value', col(() => '0.000')],
    ['rec3_value_unit', col(() => 's')],
    ['E range min (V)', col(() => f3(Math.max(0, window[0] - 0.5)))],
    ['E range max (V)', col(() => f3(window[1] + 0.5))],
    ['I Range', col((s) => currentRange(s.current))],
    ['I Range min', col(() => 'Unset')],
    ['I Range max', col(() => 'Unset')],
    ['I Range init', col(() => 'Unset')],
    ['auto rest', col(() => '0')],
    ['Bandwidth', col(() => '4')],
  );
  return rows;
}

export function mpsText(plan: ExpandedPlan, test: ConcreteTest, fileName: string, notes: EmitNote[] = []): string {
  const { sequences, comments } = biologicSequences(plan, test, notes);
  const pad = (s: string) => s.padEnd(COLUMN_WIDTH, ' ');
  const header = [
    'BT-LAB SETTING FILE',
    '',
    'Number of linked techniques : 1',
    '',
    `Filename : ${fileName}`,
    '',
    'Device : BCS-805',
    `Ecell ctrl range : min = 0.00 V, max = 9.00 V`,
    'Electrode material : ',
    'Initial state : ',
    'Electrolyte : ',
    `Comments : ${[`cellspec ${plan.plan} / ${test.id}, cell ${plan.cell}`, ...comments].join(' | ')}`,
    'Mass of active material : 0.001 mg',
    ' at x = 0.000',
    'Molecular weight of active material (at x = 0) : 0.001 g/mol',
    'Atomic weight of intercalated ion : 0.001 g/mol',
    'Acquisition started at : xo = 0.000',
    'Number of e- transfered per intercalated ion : 1',
    'for DX = 1, DQ = 26.802 mA.h',
    `Battery capacity : ${f3(plan.capacity / 3.6)} mA.h`,
    'Electrode surface area : 0.001 cm²',
    'Characteristic mass : 0.001 g',
    'Cycle Definition : Charge/Discharge alternance',
    'Do not turn to OCV between techniques',
    '',
    'Technique : 1',
    'Modulo Bat',
  ];
  const table = tableRows(sequences, plan.voltageWindow).map(([label, cells]) => pad(label) + cells.map(pad).join(''));
  return [...header, ...table, ''].join('\r\n');
}
