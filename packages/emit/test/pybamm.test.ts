/**
 * PyBaMM step strings read with a parser that follows PyBaMM's own step grammar
 * (pybamm/experiment/step/steps.py `string()` and base_step.py) and compared with the plan.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitPyBaMM, pybammDocument } from '../src/index.js';
import { standardPlan } from './fixtures.js';
import { checkPyBaMM, parsePyBaMMStep } from './checks.js';

describe('PyBaMM step grammar', () => {
  it("reads PyBaMM's documented examples and rejects what PyBaMM rejects", () => {
    for (const s of [
      'Discharge at 1C for 0.5 hours',
      'Discharge at C/20 for 0.5 hours',
      'Charge at 0.5 C for 45 minutes',
      'Discharge at 1 A for 0.5 hours',
      'Charge at 200 mA for 45 minutes',
      'Discharge at 1W for 0.5 hours',
      'Charge at 200mW for 45 minutes',
      'Rest for 10 minutes',
      'Hold at 1V for 20 seconds',
      'Charge at 1 C until 4.1V',
      'Hold at 4.1 V until 50mA',
      'Hold at 3V until C/50',
      'Discharge at C/3 for 2 hours or until 2.5 V',
    ]) {
      expect(() => parsePyBaMMStep(s), s).not.toThrow();
    }
    expect(parsePyBaMMStep('Discharge at C/3 for 2 hours or until 2.5 V')).toEqual({
      instruction: 'Discharge',
      electric: { typ: 'C-rate', value: 1 / 3 },
      duration: 7200,
      termination: { typ: 'voltage', value: 2.5 },
    });
    expect(() => parsePyBaMMStep('Discharge at 1C until 2.5 V at 25oC')).toThrow(/Temperature/);
    expect(() => parsePyBaMMStep('Discharge at 1C')).toThrow(/for' or 'until/);
    expect(() => parsePyBaMMStep('Discharge at 1e-3 A for 1 hour')).toThrow(/units/);
    expect(() => parsePyBaMMStep('Discharge at 1C for 2 days')).toThrow(/time units/);
    expect(() => parsePyBaMMStep('Charge at 1C until 10 mW')).toThrow(/termination/);
  });

  const plan = standardPlan();
  const doc = pybammDocument(plan);

  it('every emitted string is valid PyBaMM and says what the plan says', () => {
    // 102 written strings; 123 once repeated cycles are counted (the custom test's set-soc 50 %
    // after a discharge is the IEC 62660-1 adjustment: CC-CV charge, hold, rest, discharge).
    expect(checkPyBaMM(plan, doc)).toBe(123);
  });

  it('temperatures travel as separate values in kelvin', () => {
    const cap = doc.experiments.find((e) => e.id === 'capacity @ -20 °C')!;
    expect(new Set(cap.cycles.flatMap((c) => c.temperatures))).toEqual(new Set([298.15, 253.15]));
    for (const e of doc.experiments)
      for (const c of e.cycles) for (const s of c.steps) expect(s).not.toMatch(/oC|°C|K\b/);
  });

  // .ci/run installs python3 where it is missing.
  it('the Python file compiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-pybamm-'));
    const { files } = emitPyBaMM(plan);
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    execFileSync('python3', ['-m', 'py_compile', join(dir, files.find((f) => f.name.endsWith('.py'))!.name)]);
  });
});
