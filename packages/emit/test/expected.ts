/**
 * What each cycler format should contain for a plan, derived directly from the concrete steps
 * (independently of the emitters' code) so the format checks compare two separate readings.
 */
import type { ConcreteStep } from '@cellspec/physics';

export type Expected =
  | { kind: 'current'; direction: 'charge' | 'discharge'; amps: number; power?: number; cv?: number; tail?: number }
  | { kind: 'pulse'; direction: 'charge' | 'discharge'; amps: number; seconds: number }
  | { kind: 'hold'; volts: number }
  | { kind: 'rest'; seconds?: number }
  | { kind: 'pause' }
  | { kind: 'do'; count: number }
  | { kind: 'loop'; count: number };

/**
 * The steps a cycler runs, in order, loops as do … loop brackets. Notes and documented steps run
 * nowhere. With `pauses`, a chamber set-point is an operator pause then the soak rest, and an
 * impedance measurement an operator pause (formats that can stop for the operator).
 */
export function cyclerSequence(steps: readonly ConcreteStep[], options: { pauses?: boolean } = {}): Expected[] {
  const out: Expected[] = [];
  for (const s of steps) {
    switch (s.kind) {
      case 'cc': {
        const tail = s.ends.find((e) => e.quantity === 'current')?.value;
        out.push({
          kind: 'current',
          direction: s.direction,
          amps: s.setpoint.current,
          ...(s.setpoint.power !== undefined ? { power: s.setpoint.power } : {}),
          ...(s.cv !== undefined ? { cv: s.cv } : {}),
          ...(tail !== undefined ? { tail } : {}),
        });
        break;
      }
      case 'pulse':
        out.push({ kind: 'pulse', direction: s.direction, amps: s.setpoint.current, seconds: s.duration });
        break;
      case 'hold':
        out.push({ kind: 'hold', volts: s.voltage });
        break;
      case 'rest': {
        const t = s.ends.find((e) => e.quantity === 'time')?.value;
        out.push({ kind: 'rest', ...(t !== undefined ? { seconds: t } : {}) });
        break;
      }
      case 'temperature':
        if (options.pauses) out.push({ kind: 'pause' });
        out.push({ kind: 'rest', seconds: Math.max(1, s.soak) });
        break;
      case 'impedance':
        out.push(options.pauses ? { kind: 'pause' } : { kind: 'rest' });
        break;
      case 'loop':
        out.push({ kind: 'do', count: s.count }, ...cyclerSequence(s.steps, options), { kind: 'loop', count: s.count });
        break;
      case 'pressure':
      case 'note':
      case 'documented':
        break;
    }
  }
  return out;
}
