/**
 * Checks concrete steps against the cell's limits (voltage window, charge and discharge rates,
 * temperature range) and against themselves (end conditions that can never be reached or are
 * reached at once, loops that never finish). Messages name the limit and the numbers.
 */
import type { CellIR } from '../ir.js';
import type { ConcreteEnd, ConcreteStep, ConcreteTest, PlanProblem, PlanProblemCode } from './types.js';

const K0 = 273.15;
/** Rounding slack when comparing against limits: 1 mV, 0.1 % of a rate, 0.01 K. */
const V_EPS = 1e-3;
const RATE_EPS = 1e-3;
const T_EPS = 1e-2;

export function checkSteps(test: ConcreteTest, cell: CellIR, oneC: number): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const walker = new Walker(test, cell, oneC, problems);
  walker.walk(test.steps);
  return problems;
}

class Walker {
  /** Voltage the cell was last left at by a voltage end or hold (undefined once a step moves it unknowably). */
  private voltage: number | undefined;
  constructor(
    private readonly test: ConcreteTest,
    private readonly cell: CellIR,
    private readonly oneC: number,
    private readonly problems: PlanProblem[],
  ) {}

  walk(steps: readonly ConcreteStep[]): void {
    for (const s of steps) this.check(s);
  }

  private report(
    step: ConcreteStep,
    code: PlanProblemCode,
    message: string,
    severity: PlanProblem['severity'] = 'error',
  ): void {
    // Deliberate abuse steps go outside the limits by design: say so, do not fail the plan.
    const sev = step.abuse && code.startsWith('limit-') ? 'info' : severity;
    const text = step.abuse && code.startsWith('limit-') ? `${message} (abuse test: intended)` : message;
    const where = step.origin ? ` (in ${step.origin})` : '';
    const at = step.sweep
      ? { test: this.test.test, subtest: this.test.id, sweep: step.sweep }
      : { test: this.test.test, subtest: this.test.id, ...(step.source ? { step: step.source } : {}) };
    this.problems.push({ severity: sev, code, message: text + (step.sweep ? ' (swept set-point)' : where), at });
  }

  private check(s: ConcreteStep): void {
    const L = this.cell.limits;
    switch (s.kind) {
      case 'cc':
      case 'pulse': {
        this.checkRate(s, s.direction, s.setpoint.current, s.setpoint.crate);
        if (s.kind === 'pulse') {
          if (!(s.duration > 0)) this.report(s, 'impossible-end', `a ${s.direction} pulse needs a positive duration`);
          this.voltage = undefined;
          return;
        }
        if (s.cv !== undefined) this.checkVoltage(s, s.cv, `${s.direction} holds ${fmtV(s.cv)} (cv)`);
        this.checkEnds(s, s.direction, s.ends, s.cv);
        return;
      }
      case 'hold': {
        this.checkVoltage(s, s.voltage, `hold at ${fmtV(s.voltage)}`);
        if (s.ends.length === 0)
          this.report(
            s,
            'no-end',
            `hold at ${fmtV(s.voltage)} has no end condition; add \`for 1 h\` or \`until C/50\``,
          );
        this.voltage = s.voltage;
        return;
      }
      case 'rest': {
        if (s.ends.length === 0) this.report(s, 'no-end', 'rest has no end condition; add `for 30 min`');
        if (s.ends.length > 0 && s.ends.every((e) => e.quantity === 'current')) {
          this.report(s, 'impossible-end', 'a rest carries no current, so it cannot end on a current; end it on time');
        }
        return;
      }
      case 'temperature': {
        if (L.temperatureMax !== undefined && s.setpoint > L.temperatureMax + T_EPS) {
          this.report(
            s,
            'limit-temperature',
            `set-temperature ${fmtT(s.setpoint)} is above the cell's upper temperature limit ${fmtT(L.temperatureMax)}`,
          );
        }
        if (L.temperatureMin !== undefined && s.setpoint < L.temperatureMin - T_EPS) {
          this.report(
            s,
            'limit-temperature',
            `set-temperature ${fmtT(s.setpoint)} is below the cell's lower temperature limit ${fmtT(L.temperatureMin)}`,
          );
        }
        if (s.soak < 0) this.report(s, 'impossible-end', 'a soak time cannot be negative');
        return;
      }
      case 'loop': {
        if (!Number.isFinite(s.count)) {
          this.report(
            s,
            'loop-without-exit',
            'the repeat count cannot be worked out from the procedure parameters: the loop has no exit',
          );
        } else if (s.count < 1 || !Number.isInteger(s.count)) {
          this.report(
            s,
            'loop-without-exit',
            `repeat count ${s.count} is not a whole number of at least 1: the loop has no exit`,
          );
        }
        if (s.steps.length === 0) this.report(s, 'empty-loop', 'this repeat has no steps', 'warning');
        const before = this.voltage;
        this.walk(s.steps);
        // Passes after the first start where the body ended; check them once more from there.
        if (s.count > 1 && this.voltage !== before) {
          const collected: PlanProblem[] = [];
          const second = new Walker(this.test, this.cell, this.oneC, collected);
          second.voltage = this.voltage;
          second.walk(s.steps);
          for (const p of collected)
            if (p.code === 'impossible-end' && !this.problems.some((q) => q.message === p.message))
              this.problems.push(p);
        }
        if (s.ends) this.checkLoopEnds(s, s.ends);
        return;
      }
      case 'impedance': {
        if (!(s.frequencyHigh > s.frequencyLow && s.frequencyLow > 0)) {
          this.report(s, 'impossible-end', 'impedance sweep needs a high frequency above a positive low frequency');
        }
        return;
      }
      case 'pressure':
      case 'note':
      case 'documented':
        return;
    }
  }

  private checkRate(s: ConcreteStep, direction: 'charge' | 'discharge', current: number, crate: number): void {
    const L = this.cell.limits;
    const maxRate = direction === 'charge' ? L.maxChargeRate : L.maxDischargeRate;
    const maxCurrent = direction === 'charge' ? L.maxChargeCurrent : L.maxDischargeCurrent;
    const label = direction === 'charge' ? 'charge' : 'discharge';
    const what = s.kind === 'pulse' ? `${label} pulse` : label;
    if (maxRate !== undefined && crate > maxRate * (1 + RATE_EPS)) {
      this.report(
        s,
        'limit-rate',
        `${what} at ${fmtRate(crate)} exceeds the cell's maximum ${label} rate of ${fmtRate(maxRate)} (max-${label}-rate)`,
      );
    }
    if (maxCurrent !== undefined && current > maxCurrent * (1 + RATE_EPS)) {
      this.report(
        s,
        'limit-rate',
        `${what} at ${fmtI(current)} exceeds the cell's maximum ${label} current of ${fmtI(maxCurrent)} (max-${label}-current)`,
      );
    }
    if (!(current > 0) && Number.isFinite(current))
      this.report(s, 'impossible-end', `${what} current must be above zero; use rest for no current`);
    void this.oneC;
  }

  private checkVoltage(s: ConcreteStep, volts: number, what: string): void {
    const L = this.cell.limits;
    if (L.voltageMax !== undefined && volts > L.voltageMax + V_EPS)
      this.report(s, 'limit-voltage', `${what}, above the cell's upper voltage limit ${fmtV(L.voltageMax)}`);
    if (L.voltageMin !== undefined && volts < L.voltageMin - V_EPS)
      this.report(s, 'limit-voltage', `${what}, below the cell's lower voltage limit ${fmtV(L.voltageMin)}`);
  }

  private checkEnds(
    s: ConcreteStep,
    direction: 'charge' | 'discharge',
    ends: readonly ConcreteEnd[],
    cv: number | undefined,
  ): void {
    const L = this.cell.limits;
    if (ends.length === 0) {
      this.report(
        s,
        'no-end',
        `${direction} has no end condition; add \`until ${direction === 'charge' ? fmtV(L.voltageMax ?? 4.2) : fmtV(L.voltageMin ?? 2.5)}\` or \`for 1 h\``,
      );
      this.voltage = undefined;
      return;
    }
    let endVoltage: number | undefined;
    for (const e of ends) {
      if (e.quantity === 'voltage') {
        const rising = direction === 'charge';
        if (rising && L.voltageMax !== undefined && e.value > L.voltageMax + V_EPS) {
          this.report(
            s,
            'limit-voltage',
            `charge ends at ${fmtV(e.value)}, above the cell's upper voltage limit ${fmtV(L.voltageMax)}`,
          );
        } else if (!rising && L.voltageMin !== undefined && e.value < L.voltageMin - V_EPS) {
          this.report(
            s,
            'limit-voltage',
            `discharge ends at ${fmtV(e.value)}, below the cell's lower voltage limit ${fmtV(L.voltageMin)}`,
          );
        }
        if (rising && e.op === '>=' && L.voltageMin !== undefined && e.value <= L.voltageMin + V_EPS) {
          this.report(
            s,
            'impossible-end',
            `charge ends at ${fmtV(e.value)}, at or below the cell's lower voltage limit ${fmtV(L.voltageMin)}: the voltage rises on charge, so the step would end at once`,
          );
        } else if (!rising && e.op === '<=' && L.voltageMax !== undefined && e.value >= L.voltageMax - V_EPS) {
          this.report(
            s,
            'impossible-end',
            `discharge ends at ${fmtV(e.value)}, at or above the cell's upper voltage limit ${fmtV(L.voltageMax)}: the voltage falls on discharge, so the step would end at once`,
          );
        } else if (rising && e.op === '>=' && this.voltage !== undefined && e.value < this.voltage - V_EPS) {
          this.report(
            s,
            'impossible-end',
            `charge ends at ${fmtV(e.value)}, below the ${fmtV(this.voltage)} the previous step left the cell at: it would end at once`,
          );
        } else if (!rising && e.op === '<=' && this.voltage !== undefined && e.value > this.voltage + V_EPS) {
          this.report(
            s,
            'impossible-end',
            `discharge ends at ${fmtV(e.value)}, above the ${fmtV(this.voltage)} the previous step left the cell at: it would end at once`,
          );
        }
        if (cv !== undefined && rising && e.value > cv + V_EPS && e.op === '>=') {
          this.report(
            s,
            'impossible-end',
            `charge holds ${fmtV(cv)} but ends at ${fmtV(e.value)}: the voltage never gets there`,
            'warning',
          );
        }
        endVoltage = e.value;
      } else if (e.quantity === 'current') {
        if (cv === undefined && e.op === '<=') {
          const only = ends.every((x) => x.quantity === 'current');
          this.report(
            s,
            'impossible-end',
            `a constant-current ${direction} never falls to ${e.crate !== undefined ? fmtRate(e.crate) : fmtI(e.value)}; add \`cv ${fmtV(direction === 'charge' ? (L.voltageMax ?? 4.2) : (L.voltageMin ?? 2.5))}\` or end on voltage`,
            only ? 'error' : 'warning',
          );
        } else if (cv !== undefined && s.kind === 'cc' && e.value >= s.setpoint.current * (1 - 1e-9)) {
          this.report(
            s,
            'impossible-end',
            `the CV tail ends at ${e.crate !== undefined ? fmtRate(e.crate) : fmtI(e.value)}, not below the constant current ${fmtRate(s.setpoint.crate)}: the hold would end at once`,
          );
        }
      } else if (e.quantity === 'soc') {
        if (!s.abuse && (e.value > 1 + 1e-9 || e.value < -1e-9)) {
          this.report(s, 'limit-soc', `${direction} ends at SOC ${fmtPct(e.value)}, outside 0…100 %`);
        }
        if (direction === 'charge' && e.op === '<=')
          this.report(s, 'impossible-end', `charge ends when SOC falls to ${fmtPct(e.value)}, but SOC rises on charge`);
        if (direction === 'discharge' && e.op === '>=')
          this.report(
            s,
            'impossible-end',
            `discharge ends when SOC rises to ${fmtPct(e.value)}, but SOC falls on discharge`,
          );
      } else if (e.quantity === 'time' || e.quantity === 'capacity' || e.quantity === 'energy') {
        if (Number.isNaN(e.value))
          this.report(
            s,
            'impossible-end',
            `${direction} ends after a ${e.quantity === 'time' ? 'time' : e.quantity} that cannot be worked out (is the cell's capacity known?)`,
          );
        else if (!(e.value > 0))
          this.report(
            s,
            'impossible-end',
            `${direction} ends after ${e.value} ${e.quantity === 'time' ? 's' : e.quantity === 'capacity' ? 'C' : 'J'}: it would end at once`,
          );
      } else if (e.quantity === 'temperature') {
        const L2 = this.cell.limits;
        if (L2.temperatureMax !== undefined && e.value > L2.temperatureMax + T_EPS) {
          this.report(
            s,
            'limit-temperature',
            `${direction} ends at ${fmtT(e.value)}, above the cell's upper temperature limit ${fmtT(L2.temperatureMax)}`,
          );
        }
      }
    }
    // Where the step leaves the cell: the voltage end reached (or the CV voltage); unknown otherwise.
    const onlyVoltage = ends.every((e) => e.quantity === 'voltage' || (cv !== undefined && e.quantity === 'current'));
    this.voltage = onlyVoltage ? (cv ?? endVoltage) : undefined;
  }

  private checkLoopEnds(s: ConcreteStep, ends: readonly ConcreteEnd[]): void {
    for (const e of ends) {
      if (e.quantity === 'soc' && (e.value > 1 || e.value < 0)) {
        this.report(
          s,
          'loop-without-exit',
          `the repeat ends at SOC ${fmtPct(e.value)}, which the cell never reaches; only the count ends it`,
          'warning',
        );
      }
    }
  }
}

export function fmtV(v: number): string {
  return `${trim(v, 3)} V`;
}
export function fmtT(k: number): string {
  return `${trim(k - K0, 1)} °C`;
}
export function fmtRate(c: number): string {
  if (c > 0 && c < 1) {
    const inv = 1 / c;
    if (Math.abs(inv - Math.round(inv)) < 1e-6) return `C/${Math.round(inv)}`;
  }
  return `${trim(c, 3)} C`;
}
export function fmtI(a: number): string {
  const abs = Math.abs(a);
  if (abs >= 1) return `${trim(a, 4)} A`;
  if (abs >= 1e-3) return `${trim(a * 1e3, 4)} mA`;
  return `${trim(a * 1e6, 4)} µA`;
}
export function fmtPct(f: number): string {
  return `${trim(f * 100, 2)} %`;
}
function trim(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toFixed(digits)));
}
