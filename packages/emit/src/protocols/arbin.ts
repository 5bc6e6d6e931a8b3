/**
 * Arbin schedules (`.sdu`, MITS Pro "Schedule Version 7.00.13"): an INI text with a
 * `[Schedule]` section (global current and voltage safety scopes, step count) and, per step,
 * `[Schedule_StepK]` (label, control type `Rest`, `Current(A)`, `CCCV`, `Voltage(V)`,
 * `Set Variable(s)`, control values; discharge currents negative) with its limits
 * `[Schedule_StepK_LimitJ]` (`EquationN_szLeft/CompareSign/Right` on `PV_CHAN_Voltage`,
 * `PV_CHAN_Current`, `PV_CHAN_CV_Stage_Current`, `PV_CHAN_Step_Time`,
 * `PV_CHAN_Charge_Capacity`/`PV_CHAN_Discharge_Capacity`, `TC_CounterN`; `m_szGotoStep` "Next
 * Step" or a step label; logging limits on `DV_Time`). The layout and keys follow the MITS Pro
 * 7.00 schedules published with TRI's BEEP (`beep/protocol/schedule_templates/*.sdu`,
 * `tests/test_files/schedule_test_20200724.sdu`, Apache-2.0), including its loop idiom: a
 * `Set Variable(s)` step resets test counter N (control value 2^(N+15)) before the body and
 * another increments it (extra value 2^N) after, with limits `TC_CounterN < count` → first
 * body step and `TC_CounterN = count` → next step; four counters, so four nested repeats.
 *
 * The window safety (±50 mV) is the schedule's voltage safety scope; a test with abuse steps
 * gets the abuse limits widened by the same margin. A chamber set-point is a rest of the soak
 * time labelled with the set-point; MITS Pro without a chamber add-in cannot wait for an
 * operator, so the note says to start that schedule with the chamber at temperature.
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

export const ARBIN_SCHEDULE_VERSION = 'Schedule Version 7.00.13';
export const ARBIN_MAX_LOOP_DEPTH = 4;

interface Equation {
  left: string;
  sign: '>' | '>=' | '<' | '<=' | '=';
  right: string;
}
interface ArbinLimit {
  step: boolean;
  log: boolean;
  goto: string;
  equation: Equation;
}
interface ArbinStep {
  label: string;
  type: 'Rest' | 'Current(A)' | 'CCCV' | 'Voltage(V)' | 'Set Variable(s)';
  value: string;
  ext1: string;
  limits: ArbinLimit[];
}

export function emitArbin(plan: ExpandedPlan): EmitResult {
  assertEmittable(plan);
  const notes: EmitNote[] = [];
  const files = cyclerTests(plan).map((t) => ({
    name: `${plan.plan}-${slug(t.id)}.sdu`,
    content: arbinSchedule(plan, t, notes),
  }));
  return { files, notes };
}

/** Arbin's current ranges (BEEP: Range1 30 A, Range2 5 A, Range3 500 mA, Range4 20 mA): the smallest that holds I. */
export function arbinCurrentRange(amps: number): string {
  if (amps <= 0.02) return 'Range4';
  if (amps <= 0.5) return 'Range3';
  if (amps <= 5) return 'Range2';
  return 'Range1';
}

export function arbinSchedule(plan: ExpandedPlan, test: ConcreteTest, notes: EmitNote[] = []): string {
  const w = new ArbinWriter(plan, test, notes);
  w.steps(test.steps, 0);
  const [vmin, vmax] = w.window();
  const imax = Math.max(plan.oneC, w.maxCurrent);
  const range = arbinCurrentRange(imax);
  const f6 = (x: number) => x.toFixed(6);
  const lines: string[] = [
    '[Version Section]',
    `Current_Version=${ARBIN_SCHEDULE_VERSION}`,
    '[Schedule]',
    'm_szCreator=cellspec',
    `m_szComments=${`${plan.plan} / ${test.id} (cell ${plan.cell})`.replace(/[\r\n]/g, ' ')}`,
    'm_bLogChanNormalData=1',
    'm_bCheckCurrentSafety=1',
    `m_CurrentSafetyScope=${f6(-imax * 1.05)}^${f6(imax * 1.05)}`,
    'm_bCheckVoltageSafety=1',
    `m_VoltageSafetyScope=${f6(vmin - SAFETY_MARGIN)}^${f6(vmax + SAFETY_MARGIN)}`,
    'm_bCheckPowerSafety=0',
    `m_uStepNum=${w.out.length}`,
    'm_uFormulaNum=0',
    'm_uPulseNum=0',
    'm_uCVNum=0',
  ];
  w.out.forEach((s, k) => {
    lines.push(
      `[Schedule_Step${k}]`,
      `m_uLimitNum=${s.limits.length}`,
      `m_szLabel=${s.label}`,
      `m_szStepCtrlType=${s.type}`,
      `m_szCurrentRange=${range}`,
      'm_szVoltageRange=High',
      `m_szCtrlValue=${s.value}`,
      `m_szExtCtrlValue1=${s.ext1}`,
      'm_szExtCtrlValue2=0',
    );
    s.limits.forEach((l, j) => {
      lines.push(
        `[Schedule_Step${k}_Limit${j}]`,
        `m_bStepLimit=${l.step ? 1 : 0}`,
        `m_bLogDataLimit=${l.log ? 1 : 0}`,
        `m_szGotoStep=${l.goto}`,
        `Equation0_szLeft=${l.equation.left}`,
        `Equation0_szCompareSign=${l.equation.sign}`,
        `Equation0_szRight=${l.equation.right}`,
        'Equation1_szLeft=',
        'Equation1_szCompareSign=',
        'Equation1_szRight=',
        'Equation2_szLeft=',
        'Equation2_szCompareSign=',
        'Equation2_szRight=',
      );
    });
  });
  return lines.join('\r\n') + '\r\n';
}

class ArbinWriter {
  readonly out: ArbinStep[] = [];
  maxCurrent = 0;
  private abuseMin = Infinity;
  private abuseMax = -Infinity;
  private readonly state = initialState();
  private readonly ideal: IdealCell;
  constructor(
    private readonly plan: ExpandedPlan,
    private readonly test: ConcreteTest,
    private readonly notes: EmitNote[],
  ) {
    this.ideal = { capacity: plan.capacity, voltageMin: plan.voltageWindow[0], voltageMax: plan.voltageWindow[1] };
  }

  /** The safety window: the cell's, widened to the limits of abuse steps. */
  window(): [number, number] {
    return [Math.min(this.plan.voltageWindow[0], this.abuseMin), Math.max(this.plan.voltageWindow[1], this.abuseMax)];
  }

  private note(message: string): void {
    if (!this.notes.some((n) => n.test === this.test.id && n.message === message))
      this.notes.push({ test: this.test.id, message });
  }

  private push(step: Omit<ArbinStep, 'label'>, what: string, record?: number): void {
    const label = `${this.out.length + 1}-${what}`.replace(/[\r\n=]/g, ' ');
    const limits = [...step.limits];
    if (step.type !== 'Set Variable(s)')
      limits.push({
        step: false,
        log: true,
        goto: 'Next Step',
        equation: { left: 'DV_Time', sign: '>', right: plain(record ?? DEFAULT_RECORD) },
      });
    this.out.push({ ...step, label, limits });
  }

  private limit(left: string, sign: Equation['sign'], right: number | string): ArbinLimit {
    return {
      step: true,
      log: true,
      goto: 'Next Step',
      equation: { left, sign, right: typeof right === 'number' ? plain(right, 7) : right },
    };
  }

  private ends(
    ends: readonly ConcreteEnd[],
    direction: 'charge' | 'discharge' | undefined,
    cv: boolean,
    current: number,
    soc: number | undefined,
  ): ArbinLimit[] {
    const out: ArbinLimit[] = [];
    for (const e of ends) {
      const sign = e.op;
      switch (e.quantity) {
        case 'time':
          out.push(this.limit('PV_CHAN_Step_Time', '>=', e.value));
          break;
        case 'voltage':
          out.push(this.limit('PV_CHAN_Voltage', sign, e.value));
          break;
        case 'current': {
          // Arbin currents are signed: a discharge tail is -I, and "falls below" becomes >= -I.
          const left = cv ? 'PV_CHAN_CV_Stage_Current' : 'PV_CHAN_Current';
          out.push(direction === 'discharge' ? this.limit(left, '>=', -e.value) : this.limit(left, '<=', e.value));
          break;
        }
        case 'capacity':
          out.push(
            this.limit(
              direction === 'discharge' ? 'PV_CHAN_Discharge_Capacity' : 'PV_CHAN_Charge_Capacity',
              '>=',
              e.value / 3600,
            ),
          );
          break;
        case 'soc':
          if (soc !== undefined && current > 0)
            out.push(this.limit('PV_CHAN_Step_Time', '>=', (Math.abs(e.value - soc) * this.plan.capacity) / current));
          else this.note('a SOC end from an unknown SOC cannot be written for Arbin; left out');
          break;
        case 'energy':
          out.push(
            this.limit(
              direction === 'discharge' ? 'PV_CHAN_Discharge_Energy' : 'PV_CHAN_Charge_Energy',
              '>=',
              e.value / 3600,
            ),
          );
          break;
        case 'temperature':
          this.note('temperature ends are left to the chamber; not written');
          break;
      }
    }
    return out;
  }

  steps(steps: readonly ConcreteStep[], depth: number): void {
    for (const s of steps) this.step(s, depth);
  }

  private step(s: ConcreteStep, depth: number): void {
    const soc = this.state.soc;
    if (s.abuse) {
      const ends: readonly ConcreteEnd[] = s.kind === 'cc' || s.kind === 'hold' || s.kind === 'rest' ? s.ends : [];
      for (const e of ends)
        if (e.quantity === 'voltage') {
          this.abuseMin = Math.min(this.abuseMin, e.value);
          this.abuseMax = Math.max(this.abuseMax, e.value);
        }
      this.note('abuse steps: the schedule safety scope is widened to their voltage limits');
    }
    switch (s.kind) {
      case 'cc': {
        const sign = s.direction === 'discharge' ? -1 : 1;
        this.maxCurrent = Math.max(this.maxCurrent, s.setpoint.current);
        if (s.setpoint.mode === 'power')
          this.note(`a ${plain(s.setpoint.power! * 1000)} mW power step is written as its current at the mean voltage`);
        this.push(
          {
            type: s.cv !== undefined ? 'CCCV' : 'Current(A)',
            value: plain(sign * s.setpoint.current, 7),
            ext1: s.cv !== undefined ? plain(s.cv) : '',
            limits: this.ends(s.ends, s.direction, s.cv !== undefined, s.setpoint.current, soc),
          },
          `${s.direction}${s.origin ? ` (${s.origin})` : ''}`,
          s.record,
        );
        break;
      }
      case 'pulse': {
        const sign = s.direction === 'discharge' ? -1 : 1;
        this.maxCurrent = Math.max(this.maxCurrent, s.setpoint.current);
        // The pulse ends on its time or on its own voltage limit, and the schedule goes on.
        const edge =
          s.direction === 'charge'
            ? this.limit('PV_CHAN_Voltage', '>=', this.plan.voltageWindow[1])
            : this.limit('PV_CHAN_Voltage', '<=', this.plan.voltageWindow[0]);
        this.push(
          {
            type: 'Current(A)',
            value: plain(sign * s.setpoint.current, 7),
            ext1: '',
            limits: [this.limit('PV_CHAN_Step_Time', '>=', s.duration), edge],
          },
          `${plain(s.duration)} s ${s.direction} pulse`,
          Math.min(s.record ?? 0.1, 0.1),
        );
        break;
      }
      case 'hold':
        this.push(
          {
            type: 'Voltage(V)',
            value: plain(s.voltage),
            ext1: '',
            limits: this.ends(s.ends, 'charge', false, NaN, soc),
          },
          `hold ${plain(s.voltage)} V`,
          s.record,
        );
        break;
      case 'rest':
        this.push(
          { type: 'Rest', value: '', ext1: '', limits: this.ends(s.ends, undefined, false, NaN, soc) },
          'rest',
          s.record,
        );
        break;
      case 'temperature': {
        const c = plain(s.setpoint - K0);
        this.push(
          { type: 'Rest', value: '', ext1: '', limits: [this.limit('PV_CHAN_Step_Time', '>=', Math.max(1, s.soak))] },
          `chamber ${c} C soak`,
          600,
        );
        this.note(
          `step ${this.out.length} is the soak at ${c} °C: start this schedule with the chamber at ${c} °C (MITS Pro without a chamber add-in does not wait for an operator)`,
        );
        break;
      }
      case 'impedance':
        this.push(
          { type: 'Rest', value: '', ext1: '', limits: [this.limit('PV_CHAN_Step_Time', '>=', 60)] },
          'impedance on the analyser',
          1,
        );
        this.note('impedance is not run by the Arbin channel; a 60 s rest marks where the analyser measures');
        break;
      case 'loop': {
        const level = depth + 1;
        if (level > ARBIN_MAX_LOOP_DEPTH)
          throw new Error(
            `${this.test.id}: repeats are nested ${level} deep; Arbin has ${ARBIN_MAX_LOOP_DEPTH} test counters`,
          );
        this.push(
          {
            type: 'Set Variable(s)',
            value: String(2 ** (level + 15)),
            ext1: '0',
            limits: [this.limit('PV_CHAN_Step_Time', '>', 0)],
          },
          `reset counter ${level}`,
        );
        const first = this.out.length;
        this.steps(s.steps, level);
        const firstLabel = this.out[first]?.label ?? 'Next Step';
        this.push(
          {
            type: 'Set Variable(s)',
            value: '0',
            ext1: String(2 ** level),
            limits: [
              {
                step: true,
                log: true,
                goto: firstLabel,
                equation: { left: `TC_Counter${level}`, sign: '<', right: String(s.count) },
              },
              {
                step: true,
                log: true,
                goto: 'Next Step',
                equation: { left: `TC_Counter${level}`, sign: '=', right: String(s.count) },
              },
            ],
          },
          `repeat ${s.count}`,
        );
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
