/**
 * Maccor procedure files (`.000`, XML as Maccor's procedure editor saves it): one TestStep per
 * step with the fixed-width words of that format (StepType " Charge ", "Dischrge", "  Rest  ",
 * "  Do 1  ", " Loop 1 ", "  End   "; StepMode "Current ", "Voltage ", "Power   "; EndType
 * "StepTime", "Voltage ", "Current ", "Loop Cnt"), ends that name the step to go to, and a
 * report interval. The layout follows real Maccor procedures (e.g. TRI's published
 * diagnostic procedures). Every electrical step also ends the test when the voltage leaves the
 * cell's window by 50 mV (a safety end), except deliberate abuse steps.
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
  type ProtocolFile,
} from './common.js';

/** Maccor nests Do/Loop pairs up to five deep. */
export const MAX_LOOP_DEPTH = 5;

interface EndEntry {
  type: string;
  oper: ' = ' | '>= ' | '<= ';
  goto: number | 'END' | 'NEXT';
  value: string;
}
interface MaccorStep {
  type: string;
  mode: string;
  value: string;
  limits: { voltage?: string; current?: string };
  ends: EndEntry[];
  reports: { type: string; value: string }[];
  note: string;
  control: boolean;
}

export function emitMaccor(plan: ExpandedPlan): EmitResult {
  assertEmittable(plan);
  const notes: EmitNote[] = [];
  const files: ProtocolFile[] = cyclerTests(plan).map((t) => ({
    name: `${plan.plan}-${slug(t.id)}.000`,
    content: maccorProcedure(plan, t, notes),
  }));
  return { files, notes };
}

export function maccorProcedure(plan: ExpandedPlan, test: ConcreteTest, notes: EmitNote[] = []): string {
  const b = new Builder(plan, test, notes);
  b.steps(test.steps, 0);
  b.finish();
  return render(b.out, `${plan.plan} / ${test.id} (cell ${plan.cell})`);
}

class Builder {
  readonly out: MaccorStep[] = [];
  private pendingNote: string[] = [];
  private readonly state = initialState();
  private readonly ideal: IdealCell;
  constructor(
    private readonly plan: ExpandedPlan,
    private readonly test: ConcreteTest,
    private readonly notes: EmitNote[],
  ) {
    this.ideal = { capacity: plan.capacity, voltageMin: plan.voltageWindow[0], voltageMax: plan.voltageWindow[1] };
    if (test.restraintPressure !== undefined)
      this.pendingNote.push(`restraint ${plain(test.restraintPressure / 1e6)} MPa`);
  }

  private note(message: string): void {
    if (!this.notes.some((n) => n.test === this.test.id && n.message === message))
      this.notes.push({ test: this.test.id, message });
  }

  private push(step: Omit<MaccorStep, 'note'> & { note?: string }): void {
    const note = [...this.pendingNote, ...(step.note ? [step.note] : [])].join('; ');
    this.pendingNote = [];
    this.out.push({ ...step, note });
  }

  private safety(abuse: boolean | undefined): EndEntry[] {
    if (abuse) return [];
    const [vmin, vmax] = this.plan.voltageWindow;
    return [
      { type: 'Voltage ', oper: '>= ', goto: 'END', value: plain(vmax + SAFETY_MARGIN) },
      { type: 'Voltage ', oper: '<= ', goto: 'END', value: plain(vmin - SAFETY_MARGIN) },
    ];
  }

  private reports(record: number | undefined): { type: string; value: string }[] {
    return [{ type: 'StepTime', value: clock(record ?? DEFAULT_RECORD) }];
  }

  steps(steps: readonly ConcreteStep[], depth: number): void {
    for (const s of steps) this.step(s, depth);
  }

  private step(s: ConcreteStep, depth: number): void {
    const socBefore = this.state.soc;
    switch (s.kind) {
      case 'cc': {
        const type = s.direction === 'charge' ? ' Charge ' : 'Dischrge';
        const power = s.setpoint.mode === 'power';
        this.push({
          type,
          mode: power ? 'Power   ' : 'Current ',
          value: plain(power ? s.setpoint.power! : s.setpoint.current),
          limits: s.cv !== undefined ? { voltage: plain(s.cv) } : {},
          ends: [...this.ends(s.ends, s.setpoint.current, socBefore), ...this.safety(s.abuse)],
          reports: this.reports(s.record),
          control: false,
          note: [s.origin, s.abuse ? 'abuse test: window safety ends removed' : ''].filter(Boolean).join(', '),
        });
        break;
      }
      case 'pulse':
        this.push({
          type: s.direction === 'charge' ? ' Charge ' : 'Dischrge',
          mode: 'Current ',
          value: plain(s.setpoint.current),
          limits: {},
          // The pulse ends on its time or on its own voltage limit (the window edge) and goes on;
          // only beyond the window does the safety end stop the test.
          ends: [
            { type: 'StepTime', oper: ' = ', goto: 'NEXT', value: clock(s.duration) },
            s.direction === 'charge'
              ? { type: 'Voltage ', oper: '>= ', goto: 'NEXT', value: plain(this.plan.voltageWindow[1]) }
              : { type: 'Voltage ', oper: '<= ', goto: 'NEXT', value: plain(this.plan.voltageWindow[0]) },
            ...this.safety(s.abuse),
          ],
          reports: [{ type: 'StepTime', value: clock(Math.min(s.record ?? 0.1, 0.1)) }],
          control: false,
          note: `${plain(s.duration)} s pulse`,
        });
        break;
      case 'hold':
        this.push({
          type: ' Charge ',
          mode: 'Voltage ',
          value: plain(s.voltage),
          limits: {},
          ends: [...this.ends(s.ends, NaN, socBefore), ...this.safety(s.abuse)],
          reports: this.reports(s.record),
          control: false,
          note: s.origin ?? '',
        });
        break;
      case 'rest':
        this.push({
          type: '  Rest  ',
          mode: '        ',
          value: '',
          limits: {},
          ends: [...this.ends(s.ends, NaN, socBefore), ...this.safety(s.abuse)],
          reports: this.reports(s.record),
          control: false,
          note: s.origin ?? '',
        });
        break;
      case 'temperature':
        // Maccor procedures do not drive a chamber themselves: the set-point is an instruction, the soak a rest.
        this.push({
          type: '  Rest  ',
          mode: '        ',
          value: '',
          limits: {},
          ends: [
            { type: 'StepTime', oper: ' = ', goto: 'NEXT', value: clock(Math.max(s.soak, 1)) },
            ...this.safety(false),
          ],
          reports: this.reports(600),
          control: false,
          note: `chamber ${plain(s.setpoint - K0)} °C, soak ${plain(s.soak / 3600)} h`,
        });
        this.note(
          'chamber set-points are written as step notes with a soak rest; set the chamber from its own controller',
        );
        break;
      case 'impedance':
        this.note(
          'impedance is not run by the cycler channel; written as a rest with a note for the impedance analyser',
        );
        this.push({
          type: '  Rest  ',
          mode: '        ',
          value: '',
          limits: {},
          ends: [{ type: 'StepTime', oper: ' = ', goto: 'NEXT', value: clock(60) }, ...this.safety(false)],
          reports: this.reports(1),
          control: false,
          note: `impedance ${plain(s.frequencyHigh)} Hz to ${plain(s.frequencyLow)} Hz${s.amplitude !== undefined ? `, ${plain(s.amplitude * 1000)} mV` : ''} on the analyser`,
        });
        break;
      case 'loop': {
        const level = depth + 1;
        if (level > MAX_LOOP_DEPTH)
          throw new Error(`${this.test.id}: repeats are nested ${level} deep; Maccor allows ${MAX_LOOP_DEPTH}`);
        this.push({
          type: `  Do ${level}  `,
          mode: '        ',
          value: '',
          limits: {},
          ends: [],
          reports: [],
          control: true,
        });
        this.steps(s.steps, level);
        this.push({
          type: ` Loop ${level} `,
          mode: '        ',
          value: '',
          limits: {},
          ends: [{ type: 'Loop Cnt', oper: ' = ', goto: 'NEXT', value: String(s.count) }],
          reports: [],
          control: true,
        });
        if (s.ends?.length) this.note('repeat … until is written as its count only');
        // The ideal state is tracked by the body steps; loops are not advanced again.
        return;
      }
      case 'pressure':
        this.pendingNote.push(`restraint ${plain(s.value / 1e6)} MPa`);
        break;
      case 'note':
        this.pendingNote.push(s.text);
        break;
      case 'documented':
        this.pendingNote.push(`off the cycler: ${s.title}`);
        break;
    }
    advance(s, this.state, this.ideal);
  }

  private ends(ends: readonly ConcreteEnd[], current: number, soc: number | undefined): EndEntry[] {
    const out: EndEntry[] = [];
    for (const e of ends) {
      const oper = e.op === '>=' ? '>= ' : '<= ';
      switch (e.quantity) {
        case 'time':
          out.push({ type: 'StepTime', oper: ' = ', goto: 'NEXT', value: clock(e.value) });
          break;
        case 'voltage':
          out.push({ type: 'Voltage ', oper, goto: 'NEXT', value: plain(e.value) });
          break;
        case 'current':
          out.push({ type: 'Current ', oper, goto: 'NEXT', value: plain(e.value) });
          break;
        case 'capacity':
          // Constant current: a charge Q is reached after Q / I exactly.
          if (Number.isFinite(current))
            out.push({ type: 'StepTime', oper: ' = ', goto: 'NEXT', value: clock(e.value / current) });
          break;
        case 'soc':
          if (soc !== undefined && Number.isFinite(current))
            out.push({
              type: 'StepTime',
              oper: ' = ',
              goto: 'NEXT',
              value: clock((Math.abs(e.value - soc) * this.plan.capacity) / current),
            });
          else this.note('a SOC end from an unknown SOC cannot be written for Maccor; left out');
          break;
        case 'energy':
          if (Number.isFinite(current))
            out.push({
              type: 'StepTime',
              oper: ' = ',
              goto: 'NEXT',
              value: clock(e.value / ((current * (this.ideal.voltageMin + this.ideal.voltageMax)) / 2)),
            });
          this.note('an energy end is written as the time it takes at the mean voltage of the window');
          break;
        case 'temperature':
          this.note('temperature ends are left to the chamber; not written');
          break;
      }
    }
    return out;
  }

  finish(): void {
    this.push({ type: '  End   ', mode: '        ', value: '', limits: {}, ends: [], reports: [], control: true });
  }
}

/** `hh:mm:ss`, with hundredths where needed (`00:00:00.10`). */
export function clock(seconds: number): string {
  const cs = Math.round(seconds * 100);
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${pad(frac)}` : ''}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function render(steps: readonly MaccorStep[], description: string): string {
  const endIndex = steps.length; // 1-based number of the End step
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?maccor-application progid="Maccor Procedure File"?>',
    '<MaccorTestProcedure>',
    '  <header>',
    '    <BuildTestVersion>',
    '      <major>1</major>',
    '      <minor>5</minor>',
    '      <release>7006</release>',
    '      <build>32043</build>',
    '    </BuildTestVersion>',
    '    <FileFormatVersion>',
    '      <BTVersion>11</BTVersion>',
    '    </FileFormatVersion>',
    '    <ProcDesc>',
    `      <desc>${esc(description)}</desc>`,
    '    </ProcDesc>',
    '  </header>',
    '  <ProcSteps>',
  ];
  steps.forEach((s, i) => {
    const number = i + 1;
    lines.push('    <TestStep>');
    lines.push(`      <StepType>${s.type}</StepType>`);
    lines.push(`      <StepMode>${s.mode}</StepMode>`);
    lines.push(`      <StepValue>${s.value}</StepValue>`);
    if (s.limits.voltage === undefined && s.limits.current === undefined) lines.push('      <Limits/>');
    else {
      lines.push('      <Limits>');
      if (s.limits.voltage !== undefined) lines.push(`        <Voltage>${s.limits.voltage}</Voltage>`);
      if (s.limits.current !== undefined) lines.push(`        <Current>${s.limits.current}</Current>`);
      lines.push('      </Limits>');
    }
    if (s.ends.length === 0) lines.push('      <Ends/>');
    else {
      lines.push('      <Ends>');
      for (const e of s.ends) {
        const goto = e.goto === 'END' ? endIndex : e.goto === 'NEXT' ? number + 1 : e.goto;
        lines.push(
          '        <EndEntry>',
          `          <EndType>${e.type}</EndType>`,
          '          <SpecialType> </SpecialType>',
          `          <Oper>${esc(e.oper)}</Oper>`,
          `          <Step>${String(goto).padStart(3, '0')}</Step>`,
          `          <Value>${e.value}</Value>`,
          '        </EndEntry>',
        );
      }
      lines.push('      </Ends>');
    }
    if (s.reports.length === 0) lines.push('      <Reports/>');
    else {
      lines.push('      <Reports>');
      for (const r of s.reports)
        lines.push(
          '        <ReportEntry>',
          `          <ReportType>${r.type}</ReportType>`,
          `          <Value>${r.value}</Value>`,
          '        </ReportEntry>',
        );
      lines.push('      </Reports>');
    }
    lines.push(`      <Range>${s.control ? '' : 'A'}</Range>`);
    for (const o of ['Option1', 'Option2', 'Option3']) lines.push(`      <${o}>${s.control ? '' : 'N'}</${o}>`);
    lines.push(`      <StepNote>${esc(s.note)}</StepNote>`);
    lines.push('    </TestStep>');
  });
  lines.push('  </ProcSteps>', '</MaccorTestProcedure>', '');
  return lines.join('\n');
}
