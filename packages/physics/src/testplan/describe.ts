/**
 * Concrete steps in words, for hovers, reports and the CLI: "charge at C/10 (800 µA) until
 * 4.25 V, then hold 4.25 V until C/20 (400 µA)".
 */
import { fmtI, fmtPct, fmtRate, fmtT, fmtV } from './limits.js';
import { formatDuration } from './cost.js';
import type { ConcreteEnd, ConcreteSetpoint, ConcreteStep } from './types.js';

export function describeSetpoint(sp: ConcreteSetpoint): string {
  if (sp.mode === 'power') return `${trim((sp.power ?? 0) * 1000)} mW (≈ ${fmtI(sp.current)})`;
  if (sp.written === 'crate') return `${fmtRate(sp.crate)} (${fmtI(sp.current)})`;
  return `${fmtI(sp.current)} (${fmtRate(sp.crate)})`;
}

export function describeEnd(e: ConcreteEnd): string {
  const op = e.op === '>=' ? '≥' : '≤';
  switch (e.quantity) {
    case 'voltage':
      return fmtV(e.value);
    case 'current':
      return e.crate !== undefined ? `${fmtRate(e.crate)} (${fmtI(e.value)})` : fmtI(e.value);
    case 'time':
      return `for ${formatDuration(e.value)}`;
    case 'capacity':
      return `capacity ${op} ${trim(e.value / 3.6)} mAh`;
    case 'energy':
      return `energy ${op} ${trim(e.value / 3.6)} mWh`;
    case 'soc':
      return `SOC ${op} ${fmtPct(e.value)}`;
    case 'temperature':
      return `temperature ${op} ${fmtT(e.value)}`;
  }
}

function ends(list: readonly ConcreteEnd[]): string {
  const time = list.filter((e) => e.quantity === 'time').map(describeEnd);
  const other = list.filter((e) => e.quantity !== 'time').map(describeEnd);
  return [other.length ? `until ${other.join(' or ')}` : '', ...time].filter(Boolean).join(', ');
}

/** One line per step; loops indent their body. */
export function describeSteps(steps: readonly ConcreteStep[], indent = ''): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const tag = s.abuse ? ' — abuse, beyond the limits on purpose' : '';
    switch (s.kind) {
      case 'cc': {
        const tail = s.ends.filter((e) => e.quantity === 'current');
        const rest = s.ends.filter((e) => e.quantity !== 'current');
        if (s.cv !== undefined && tail.length) {
          out.push(
            `${indent}${s.direction} at ${describeSetpoint(s.setpoint)} to ${fmtV(s.cv)}, hold until ${tail.map(describeEnd).join(' or ')}${rest.length ? `, ${ends(rest)}` : ''}${tag}`,
          );
        } else
          out.push(
            `${indent}${s.direction} at ${describeSetpoint(s.setpoint)}${s.cv !== undefined ? ` (cv ${fmtV(s.cv)})` : ''} ${ends(s.ends)}${tag}`,
          );
        break;
      }
      case 'pulse':
        out.push(`${indent}${s.direction} pulse at ${describeSetpoint(s.setpoint)} for ${trim(s.duration)} s${tag}`);
        break;
      case 'hold':
        out.push(`${indent}hold ${fmtV(s.voltage)} ${ends(s.ends)}${tag}`);
        break;
      case 'rest':
        out.push(`${indent}rest ${ends(s.ends)}`);
        break;
      case 'impedance':
        out.push(
          `${indent}impedance ${hertz(s.frequencyHigh)} → ${hertz(s.frequencyLow)}${s.amplitude !== undefined ? `, ${trim(s.amplitude * 1000)} mV` : ''}`,
        );
        break;
      case 'loop':
        out.push(`${indent}repeat ${s.count} times:`);
        out.push(...describeSteps(s.steps, indent + '  '));
        break;
      case 'temperature':
        out.push(`${indent}chamber ${fmtT(s.setpoint)}${s.soak > 0 ? `, soak ${formatDuration(s.soak)}` : ''}`);
        break;
      case 'pressure':
        out.push(`${indent}restraint ${trim(s.value / 1e6)} MPa`);
        break;
      case 'note':
        out.push(`${indent}note: ${s.text}`);
        break;
      case 'documented':
        out.push(`${indent}off the cycler — ${s.title}: ${s.text}`);
        break;
    }
  }
  return out;
}

/** 1 MHz, 10 kHz, 100 mHz. */
function hertz(f: number): string {
  if (f >= 1e6) return `${trim(f / 1e6)} MHz`;
  if (f >= 1e3) return `${trim(f / 1e3)} kHz`;
  if (f >= 1) return `${trim(f)} Hz`;
  return `${trim(f * 1e3)} mHz`;
}

function trim(x: number): string {
  return String(Number(x.toPrecision(4)));
}
