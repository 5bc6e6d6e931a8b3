/**
 * Every test plan of the bundled examples validates (no errors in the editor's diagnostics),
 * expands for its cell, and emits in every format; each emitted file passes its format's
 * independent read-back check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import { designCell, expandPlan, type CellIR, type ExpandedPlan } from '@cellspec/physics';
import { emitArbin, emitBioLogic, emitJson, emitMaccor, emitNeware, pybammDocument } from '../src/index.js';
import { checkArbin, checkBioLogic, checkJson, checkMaccor, checkNeware, checkPyBaMM } from './checks.js';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const plans: ExpandedPlan[] = [];
const planErrors: string[] = [];

beforeAll(async () => {
  const workspace = await loadWorkspace([EXAMPLES]);
  const cells = new Map<string, CellIR>();
  const raw: { file: string; plan: ReturnType<typeof resolveDocument>['ir']['testPlans'][number] }[] = [];
  for (const file of workspace.files) {
    const { ir } = resolveDocument(workspace.services, file.document);
    for (const c of ir.cells) cells.set(c.name, c);
    for (const p of ir.testPlans) raw.push({ file: file.path, plan: p });
    // The editor's own verdict on the plans: no error diagnostic with a test-plan code.
    for (const d of file.diagnostics) {
      if (
        d.severity === 'error' &&
        /test-|impossible-end|missing-end|loop-without-exit|unknown-procedure/.test(d.code ?? '')
      )
        planErrors.push(`${file.path}:${d.line}: ${d.message}`);
    }
  }
  for (const { plan } of raw) {
    const cell = cells.get(plan.cell)!;
    const designCapacity = designCell(cell).capacity;
    plans.push(expandPlan(plan, cell, designCapacity !== undefined ? { designCapacity } : {}));
  }
}, 120_000);

describe('example test plans', () => {
  it('exist and validate without test-plan errors', () => {
    expect(plans.length).toBeGreaterThanOrEqual(5);
    expect(planErrors).toEqual([]);
  });

  it('expand without errors', () => {
    for (const p of plans)
      expect(p.problems.filter((q) => q.severity === 'error').map((q) => `${p.plan}: ${q.message}`)).toEqual([]);
  });

  it('emit Maccor procedures that read back step by step', () => {
    for (const p of plans) {
      const tests = p.tests.filter((t) => t.electrical);
      const { files } = emitMaccor(p);
      expect(files).toHaveLength(tests.length);
      tests.forEach((t, i) => checkMaccor(p, t, files[i]!.content as string));
    }
  });

  it("emit PyBaMM experiments whose every string follows PyBaMM's grammar", () => {
    let strings = 0;
    for (const p of plans) strings += checkPyBaMM(p, pybammDocument(p));
    expect(strings).toBeGreaterThan(1000);
  });

  it('emit BioLogic settings that read back column by column', () => {
    for (const p of plans) {
      const tests = p.tests.filter((t) => t.electrical);
      const { files } = emitBioLogic(p);
      tests.forEach((t, i) => checkBioLogic(t, files[i]!.content as Uint8Array));
    }
  });

  it('emit Neware step files and Arbin schedules that read back step by step', () => {
    for (const p of plans) {
      const tests = p.tests.filter((t) => t.electrical);
      const neware = emitNeware(p).files;
      const arbin = emitArbin(p).files;
      tests.forEach((t, i) => {
        checkNeware(p, t, neware[i]!.content as string);
        checkArbin(p, t, arbin[i]!.content as string);
      });
    }
  });

  it('emit neutral JSON that validates against the published schema', () => {
    for (const p of plans) checkJson(JSON.parse(emitJson(p).files[0]!.content as string));
  });
});
