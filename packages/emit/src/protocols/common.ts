/** Shared helpers for protocol emitters: file names, plain numbers, walking concrete steps. */
import type { ConcreteStep, ConcreteTest, ExpandedPlan } from '@cellspec/physics';

/** One file an emitter produces; `content` is text (UTF-8) or bytes (already encoded). */
export interface ProtocolFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** Something an emitter could not say in its format, and what it wrote instead. */
export interface EmitNote {
  readonly test: string;
  readonly message: string;
}

export interface EmitResult {
  readonly files: readonly ProtocolFile[];
  readonly notes: readonly EmitNote[];
}

/** Data-recording interval used where a step states none, s. */
export const DEFAULT_RECORD = 30;
/** Safety margin outside the voltage window at which cycler protocols stop the test, V. */
export const SAFETY_MARGIN = 0.05;

/**
 * A file-name-safe form of a sub-test id: `capacity @ -20 °C, 1 C` → `capacity_m20C_1C`. A minus
 * becomes `m` only where it is a sign (a U+2212 minus, or a hyphen after a non-alphanumeric
 * character before a digit), so a hyphen inside a name stays: `storage-42-days` is unchanged.
 */
export function slug(text: string): string {
  return text
    .replace(/−(?=\d)/g, 'm')
    .replace(/(^|[^A-Za-z0-9])-(?=\d)/g, '$1m')
    .replace(/°C/g, 'C')
    .replace(/%/g, 'pct')
    .replace(/\./g, 'p')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** A number as plain decimal text (never exponent notation), at most `digits` significant digits. */
export function plain(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, Math.min(12, digits - 1 - magnitude));
  let s = x.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Sub-tests that have something for a cycler to run. */
export function cyclerTests(plan: ExpandedPlan): ConcreteTest[] {
  return plan.tests.filter((t) => t.electrical);
}

/** Refuses plans with errors: a protocol is only written for a plan that checks. */
export function assertEmittable(plan: ExpandedPlan): void {
  const errors = plan.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `test plan ${plan.plan} has ${errors.length} error${errors.length === 1 ? '' : 's'}; no protocol written:\n` +
        errors.map((e) => `  ${e.at.subtest ?? e.at.test}: ${e.message}`).join('\n'),
    );
  }
}

/** Every step, loops opened, in order. */
export function allSteps(steps: readonly ConcreteStep[]): ConcreteStep[] {
  return steps.flatMap((s) => (s.kind === 'loop' ? [s, ...allSteps(s.steps)] : [s]));
}

export const K0 = 273.15;
