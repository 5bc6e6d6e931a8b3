/**
 * The PyBaMM export simulates the spec's own cell. PyBaMM cannot run here, so the generated
 * script is compiled (`python3 -m py_compile`) and checked: every parameter name it sets is one
 * PyBaMM's models read (packages/emit/test/pybamm/parameter-names.txt, extracted from PyBaMM's
 * sources at a stated commit by scripts/pybamm-parameter-names.py), and its numbers are the
 * spec's — exactly, since both are written with full double precision.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, resolveDocument } from '../../packages/language/src/index.js';
import {
  designCell,
  expandPlan,
  parametersFromCell,
  type CellIR,
  type ElectrodeParameters,
  type TestPlanIR,
} from '../../packages/physics/src/index.js';
import { emitPyBaMM, importBpx, validateBpx, type BpxDocument } from '../../packages/emit/src/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NAMES = new Set(
  readFileSync(join(ROOT, 'packages/emit/test/pybamm/parameter-names.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#')),
);

/** A Python dict literal the emitter writes as JSON (`NAME = {…}` up to the closing brace line). */
function dict(python: string, name: string): Record<string, number | string> {
  const m = new RegExp(`^${name} = (\\{[\\s\\S]*?\\n\\})`, 'm').exec(python);
  if (!m) throw new Error(`no ${name} in the script`);
  return JSON.parse(m[1]!.replace(/,\n\}$/, '\n}')) as Record<string, number | string>;
}

/** Keys of the FUNCTIONS dict (values are Python functions, so not JSON). */
function functionNames(python: string): string[] {
  const m = /^FUNCTIONS = \{([\s\S]*?)\n\}/m.exec(python);
  return m ? [...m[1]!.matchAll(/^\s+"([^"]+)":/gm)].map((x) => x[1]!) : [];
}

function compile(files: readonly { name: string; content: string | Uint8Array }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-pybamm-'));
  for (const f of files) writeFileSync(join(dir, f.name), f.content);
  const script = files.find((f) => f.name.endsWith('.py'))!;
  execFileSync('python3', ['-m', 'py_compile', join(dir, script.name)]);
  return script.content as string;
}

async function cellsOf(path: string): Promise<{ cells: Map<string, CellIR>; plans: TestPlanIR[] }> {
  const ws = await loadWorkspace([path]);
  const cells = new Map<string, CellIR>();
  let plans: TestPlanIR[] = [];
  for (const f of ws.files) {
    const { ir } = resolveDocument(ws.services, f.document);
    for (const c of ir.cells) cells.set(c.name, c);
    if (f.requested) plans = [...ir.testPlans];
  }
  return { cells, plans };
}

describe('PyBaMM export', () => {
  it('a solid-state cell: explicit DFN values that PyBaMM reads, equal to the spec’s model parameters', async () => {
    const { cells, plans } = await cellsOf(join(ROOT, 'examples/test-plans/sb21-test-plans.cellspec'));
    const cell = cells.get('SB21')!;
    const plan = expandPlan(
      plans.find((p) => p.name === 'SB21Acceptance')!,
      cell,
      {
        designCapacity: designCell(cell).capacity!,
      },
    );
    const { files, notes } = emitPyBaMM(plan, cell);
    const python = compile(files);
    const values = dict(python, 'PARAMETERS');
    const options = dict(python, 'OPTIONS');
    const set = [...Object.keys(values), ...functionNames(python)];
    expect(set.filter((n) => !NAMES.has(n))).toEqual([]);
    expect(functionNames(python)).toContain('Positive electrode OCP [V]');
    expect(options['contact resistance']).toBe('true');
    const p = parametersFromCell(cell).parameters!;
    const pos = p.positive;
    const neg = p.negative as ElectrodeParameters;
    expect(values['Lower voltage cut-off [V]']).toBe(cell.limits.voltageMin);
    expect(values['Upper voltage cut-off [V]']).toBe(cell.limits.voltageMax);
    expect(values['Nominal cell capacity [A.h]']).toBe(plan.capacity / 3600);
    expect(values['Positive electrode thickness [m]']).toBe(pos.thickness);
    expect(values['Negative electrode thickness [m]']).toBe(neg.thickness);
    expect(values['Separator thickness [m]']).toBe(cell.separator!.thickness);
    expect(values['Positive particle radius [m]']).toBe(pos.particleRadius);
    expect(values['Maximum concentration in positive electrode [mol.m-3]']).toBe(pos.maxConcentration);
    expect(values['Positive electrode active material volume fraction']).toBe(pos.activeFraction);
    expect(values['Cation transference number']).toBe(1);
    expect(values['Contact resistance [Ohm]']).toBe(p.seriesResistance / p.electrodeArea);
    expect((values['Electrode height [m]'] as number) * (values['Electrode width [m]'] as number)).toBe(
      p.electrodeArea,
    );
    expect(notes.map((n) => n.message).join('\n')).toMatch(/explicit \(no BPX for this cell\)/);
  });

  it('a liquid cell: its BPX file through create_from_bpx, with the plan’s limits', async () => {
    const file = 'nmc_pouch_cell_BPX.json';
    const original = JSON.parse(readFileSync(join(ROOT, 'test/interop/bpx-examples', file), 'utf8')) as BpxDocument;
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-pybamm-bpx-'));
    const spec = join(dir, 'nmc.cellspec');
    writeFileSync(
      spec,
      importBpx(original, { name: 'NMCPouch', file }).text +
        `
test-plan NMCCheck for NMCPouch {
  test capacity {
    samples 1
    charge at C/3 cv 4.2 V until C/20
    rest for 1 h
    discharge at 1 C until 2.7 V
  }
}
`,
    );
    const { cells, plans } = await cellsOf(spec);
    const cell = cells.get('NMCPouch')!;
    const plan = expandPlan(plans[0]!, cell, { designCapacity: designCell(cell).capacity! });
    expect(plan.problems.filter((q) => q.severity === 'error')).toEqual([]);
    const { files } = emitPyBaMM(plan, cell);
    const python = compile(files);
    expect(python).toMatch(/pybamm\.ParameterValues\.create_from_bpx\(str\(BPX_FILE\)\)/);
    expect(python).toMatch(/^MODEL = "DFN"$/m);
    const limits = dict(python, 'CELL_LIMITS');
    expect(Object.keys(limits).filter((n) => !NAMES.has(n))).toEqual([]);
    expect(limits['Lower voltage cut-off [V]']).toBe(2.7);
    expect(limits['Upper voltage cut-off [V]']).toBe(4.2);
    // 12.5 Ah nominal: C/3 is 4.17 A, not the 1,900-hour steps of a mismatched parameter set.
    expect(limits['Nominal cell capacity [A.h]']).toBe(12.5);
    const bpx = JSON.parse(files.find((f) => f.name.endsWith('.bpx.json'))!.content as string) as BpxDocument;
    expect(validateBpx(bpx)).toEqual([]);
    expect(bpx.Parameterisation['Positive electrode']!['Thickness [m]']).toBe(cell.cathode.thickness);
    expect(bpx.Parameterisation.Cell!['Upper voltage cut-off [V]']).toBe(cell.limits.voltageMax);
  });
});
