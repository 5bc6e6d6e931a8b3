/**
 * Neware BTS step files (`.xml`, "Step File" version 17, as written by BTS Client 8.0): a
 * `config` with `Head_Info`, whole-test protection and recording (`Whole_Prt`) and one `StepN`
 * per step in `Step_Info`. Step types and units follow public readers and writers of the format:
 * 1 CC CHG, 2 CC DCHG, 3 CV CHG, 4 REST, 5 CYCLE, 6 END, 7 CCCV CHG, 13 PAUSE, 19 CV DCHG,
 * 20 CCCV DCHG (the step-type table of Solid-Energy-Systems/NewareNDA `dicts.py`, the same codes
 * in the BTS 8 step writer of the `neware_utils` package); limits in `Limit/Main` as integers
 * or decimals of mA (`Curr`, `Stop_Curr`), 0.1 mV (`Volt`, `Stop_Volt`) and ms (`Time`); a
 * CYCLE's `Limit/Other` holds `Start_Step` and `Cycle_Count`. Currents keep their decimals: a
 * sub-milliampere current of a small cell truncated to whole mA would be zero.
 *
 * A chamber set-point is a PAUSE (the operator sets the chamber and resumes) followed by a REST
 * for the soak; an impedance measurement is a PAUSE too. Window protection (±50 mV) is the
 * file's whole-test protection; a test with abuse steps gets none and says so.
 */
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
  SAFETY_MARGIN,
  K0,
  type EmitNote,
  type EmitResult,
} from './common.js';

export const NEWARE_STEP_TYPES = {
  ccCharge: 1,
  ccDischarge: 2,
  cvCharge: 3,
  rest: 4,
  cycle: 5,
  end: 6,
  cccvCharge: 7,
  pause: 13,
  cvDischarge: 19,
  cccvDischarge: 20,
} as const;
/** The BTS client whose step-file layout this writes. */
export const NEWARE_CLIENT = 'BTS Client 8.0.0.478(2024.06.24)(R3)';

interface NewareStep {
  type: number;
  main: Record<string, string>;
  other?: Record<string, string>;
  /** What the operator does at a PAUSE (listed in the notes). */
  operator?: string;
}

const mA = (a: number): string => plain(a * 1000, 7);
const tenthMillivolt = (v: number): string => String(Math.round(v * 10000));
const ms = (s: number): string => String(Math.round(s * 1000));

export function emitNeware(plan: ExpandedPlan): EmitResult {
  assertEmittable(plan);
  const notes: EmitNote[] = [];
  const files = cyclerTests(plan).map((t) => ({
    name: `${plan.plan}-${slug(t.id)}.xml`,
    content: newareStepFile(plan, t, notes),
  }));
  return { files, notes };
}

export function newareStepFile(plan: ExpandedPlan, test: ConcreteTest, notes: EmitNote[] = []): string {
  const w = new NewareWriter(plan, test, notes);
  w.steps(test.steps);
  w.out.push({ type: NEWARE_STEP_TYPES.end, main: {} });
  const abuse = hasAbuse(test.steps);
  if (abuse)
    w.note(
      'the test has abuse steps beyond the voltage window: no whole-test voltage protection is written; watch the cell',
    );
  const [vmin, vmax] = plan.voltageWindow;
  const record = Math.min(DEFAULT_RECORD, ...allRecords(test.steps));
  const protect = abuse
    ? ''
    : `        <Main>
          <Volt>
            <Upper Value="${tenthMillivolt(vmax + SAFETY_MARGIN)}" />
            <Lower Value="${tenthMillivolt(vmin - SAFETY_MARGIN)}" />
          </Volt>
        </Main>
`;
  const steps = w.out.map((s, i) => stepXml(s, i + 1)).join('');
  return `<?xml version="1.0" encoding="GB2312"?>
<root>
  <config type="Step File" version="17" client_version="${NEWARE_CLIENT}" date="20000101000000" Guid="00000000-0000-0000-0000-000000000000">
    <Head_Info>
      <Operate Value="66" />
      <Scale Value="1" />
      <Start_Step Value="1" Hide_Ctrl_Step="0" />
      <Creator Value="cellspec" />
      <Remark Value="${xmlText(`${plan.plan} / ${test.id} (cell ${plan.cell})`)}" />
      <RateType Value="103" />
      <MultCap Value="3600000" />
    </Head_Info>
    <Whole_Prt>
      <Protect>
${protect}      </Protect>
      <Record>
        <Main>
          <Time Value="${ms(record)}" />
        </Main>
      </Record>
    </Whole_Prt>
    <Step_Info Num="${w.out.length}">
${steps}    </Step_Info>
    <SMBUS>
      <SMBUS_Info Num="0" AdjacentInterval="0" />
    </SMBUS>
  </config>
</root>
`;
}

function stepXml(s: NewareStep, n: number): string {
  const main = Object.entries(s.main);
  const other = Object.entries(s.other ?? {});
  if (main.length === 0 && other.length === 0) return `      <Step${n} Step_ID="${n}" Step_Type="${s.type}" />\n`;
  const block = (name: string, entries: [string, string][]) =>
    entries.length
      ? `          <${name}>\n${entries.map(([k, v]) => `            <${k} Value="${v}" />\n`).join('')}          </${name}>\n`
      : '';
  return `      <Step${n} Step_ID="${n}" Step_Type="${s.type}">\n        <Limit>\n${block('Main', main)}${block('Other', other)}        </Limit>\n      </Step${n}>\n`;
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hasAbuse(steps: readonly ConcreteStep[]): boolean {
  return steps.some((s) => s.abuse || (s.kind === 'loop' && hasAbuse(s.steps)));
}
function allRecords(steps: readonly ConcreteStep[]): number[] {
  return steps.flatMap((s) => (s.kind === 'loop' ? allRecords(s.steps) : s.record !== undefined ? [s.record] : []));
}

class NewareWriter {
  readonly out: NewareStep[] = [];
  private readonly state = initialState();
  private readonly ideal: IdealCell;
  constructor(
    private readonly plan: ExpandedPlan,
    private readonly test: ConcreteTest,
    private readonly notes: EmitNote[],
  ) {
    this.ideal = { capacity: plan.capacity, voltageMin: plan.voltageWindow[0], voltageMax: plan.voltageWindow[1] };
  }

  note(message: string): void {
    if (!this.notes.some((n) => n.test === this.test.id && n.message === message))
      this.notes.push({ test: this.test.id, message });
  }

  steps(steps: readonly ConcreteStep[]): void {
    for (const s of steps) this.step(s);
  }

  /** Time limit of a step from its time, capacity, SOC and energy ends (the shortest). */
  private time(ends: readonly ConcreteEnd[], current: number, soc: number | undefined): number | undefined {
    const times: number[] = [];
    for (const e of ends) {
      if (e.quantity === 'time') times.push(e.value);
      else if (e.quantity === 'capacity' && current > 0) times.push(e.value / current);
      else if (e.quantity === 'soc' && current > 0 && soc !== undefined)
        times.push((Math.abs(e.value - soc) * this.plan.capacity) / current);
      else if (e.quantity === 'energy' && current > 0) {
        times.push(e.value / ((current * (this.ideal.voltageMin + this.ideal.voltageMax)) / 2));
        this.note('an energy end is written as the time it takes at the mean voltage of the window');
      } else if (e.quantity === 'temperature') this.note('temperature ends are left to the chamber; not written');
    }
    return times.length ? Math.min(...times) : undefined;
  }

  private step(s: ConcreteStep): void {
    const soc = this.state.soc;
    switch (s.kind) {
      case 'cc': {
        const charge = s.direction === 'charge';
        if (s.setpoint.mode === 'power')
          this.note(
            `a ${plain(s.setpoint.power! * 1000)} mW power step is written as its current at the mean voltage, ${mA(s.setpoint.current)} mA`,
          );
        const main: Record<string, string> = { Curr: mA(s.setpoint.current) };
        const tail = s.ends.find((e) => e.quantity === 'current');
        const volt = s.ends.find((e) => e.quantity === 'voltage');
        let type: number;
        if (s.cv !== undefined) {
          type = charge ? NEWARE_STEP_TYPES.cccvCharge : NEWARE_STEP_TYPES.cccvDischarge;
          main.Volt = tenthMillivolt(s.cv);
          if (tail) main.Stop_Curr = mA(tail.value);
        } else {
          type = charge ? NEWARE_STEP_TYPES.ccCharge : NEWARE_STEP_TYPES.ccDischarge;
          if (volt) main.Stop_Volt = tenthMillivolt(volt.value);
        }
        const t = this.time(s.ends, s.setpoint.current, soc);
        if (t !== undefined) main.Time = ms(t);
        this.out.push({ type, main });
        break;
      }
      case 'pulse': {
        const main: Record<string, string> = { Curr: mA(s.setpoint.current), Time: ms(s.duration) };
        // A pulse ends on its own voltage limit and goes on (no whole-test stop): the window edge.
        main.Stop_Volt = tenthMillivolt(
          s.direction === 'charge' ? this.plan.voltageWindow[1] : this.plan.voltageWindow[0],
        );
        this.out.push({
          type: s.direction === 'charge' ? NEWARE_STEP_TYPES.ccCharge : NEWARE_STEP_TYPES.ccDischarge,
          main,
        });
        break;
      }
      case 'hold': {
        const main: Record<string, string> = { Curr: mA(this.plan.oneC), Volt: tenthMillivolt(s.voltage) };
        const tail = s.ends.find((e) => e.quantity === 'current');
        if (tail) main.Stop_Curr = mA(tail.value);
        const t = this.time(s.ends, NaN, soc);
        if (t !== undefined) main.Time = ms(t);
        this.note(`a voltage hold is a CV step limited to the 1C current, ${mA(this.plan.oneC)} mA`);
        this.out.push({ type: NEWARE_STEP_TYPES.cvCharge, main });
        break;
      }
      case 'rest': {
        const t = this.time(s.ends, NaN, soc);
        if (t === undefined) this.note('a rest ending on voltage is written as 1 hour (BTS rests end on time)');
        this.out.push({ type: NEWARE_STEP_TYPES.rest, main: { Time: ms(t ?? 3600) } });
        break;
      }
      case 'temperature': {
        const c = plain(s.setpoint - K0);
        this.out.push({ type: NEWARE_STEP_TYPES.pause, main: {}, operator: `set the chamber to ${c} °C, then resume` });
        this.out.push({ type: NEWARE_STEP_TYPES.rest, main: { Time: ms(Math.max(1, s.soak)) } });
        this.note(
          `step ${this.out.length - 1} pauses for the operator: set the chamber to ${c} °C and resume; step ${this.out.length} soaks ${plain(s.soak / 3600)} h`,
        );
        break;
      }
      case 'impedance':
        this.out.push({ type: NEWARE_STEP_TYPES.pause, main: {}, operator: 'impedance on the analyser' });
        this.note(
          `step ${this.out.length} pauses for the impedance analyser (${plain(s.frequencyHigh)} Hz to ${plain(s.frequencyLow)} Hz), then resume`,
        );
        break;
      case 'loop': {
        const start = this.out.length + 1;
        this.steps(s.steps);
        this.out.push({
          type: NEWARE_STEP_TYPES.cycle,
          main: {},
          other: { Start_Step: String(start), Cycle_Count: String(s.count) },
        });
        if (s.ends?.length) this.note('repeat … until is written as its count only');
        return;
      }
      case 'pressure':
      case 'note':
      case 'documented':
        break;
    }
    advance(s, this.state, this.ideal);
  }
}
