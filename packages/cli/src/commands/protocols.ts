/**
 * `cellspec protocols FILE [--plan NAME] --format pybamm|maccor|biologic|json|neware|arbin --out DIR`: expands
 * the test plans of a spec for their cells and writes cycler protocol files. Files are written
 * atomically (temporary file, then rename), and nothing is written for a spec or plan with errors.
 */
import { join, relative, resolve } from 'node:path';
import { loadWorkspace, resolveDocument, type LoadedWorkspace } from '@cellspec/language';
import { designCell, expandPlan, type CellIR, type ExpandedPlan, type TestPlanIR } from '@cellspec/physics';
import { emitProtocol, writeFilesAtomic, PROTOCOL_FORMATS, type ProtocolFormat } from '@cellspec/emit';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { printable } from '../printable.js';

export interface LoadedPlans {
  readonly workspace: LoadedWorkspace;
  readonly plans: readonly ExpandedPlan[];
  /** The cells the plans name, by name. */
  readonly cells: ReadonlyMap<string, CellIR>;
  /** Error diagnostics of the requested file, `path:line: message`. */
  readonly errors: readonly string[];
}

/**
 * Loads one spec (and what it imports), resolves it and expands its test plans (all, or the one
 * named) against their cells; C-rates use the design capacity where the cell fixes no 1C.
 */
export async function loadPlans(file: string, planName: string | undefined, cwd: string): Promise<LoadedPlans> {
  const workspace = await loadWorkspace([file]);
  const problem = workspace.problems[0];
  if (problem) throw new UsageError(`${relative(cwd, problem.path) || problem.path}: ${problem.message}`);
  const requested = workspace.files.find((f) => f.requested);
  if (!requested) throw new UsageError(`${file}: not a .cellspec file`);
  const cells = new Map<string, CellIR>();
  let plans: TestPlanIR[] = [];
  for (const f of workspace.files) {
    const { ir } = resolveDocument(workspace.services, f.document);
    for (const c of ir.cells) cells.set(c.name, c);
    if (f === requested) plans = [...ir.testPlans];
  }
  if (plans.length === 0) throw new UsageError(`${relative(cwd, requested.path)} has no test-plan`);
  if (planName !== undefined) {
    const chosen = plans.filter((p) => p.name === planName);
    if (chosen.length === 0)
      throw new UsageError(
        `no test-plan '${planName}' in ${relative(cwd, requested.path)}; it has ${plans.map((p) => p.name).join(', ')}`,
      );
    plans = chosen;
  }
  const errors = requested.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${relative(cwd, requested.path)}:${d.line}: ${d.message}`);
  const expanded = plans.flatMap((plan) => {
    const cell = cells.get(plan.cell);
    if (!cell) {
      errors.push(`test-plan ${plan.name}: cell ${plan.cell} is not defined or not imported`);
      return [];
    }
    let designCapacity: number | undefined;
    try {
      designCapacity = designCell(cell).capacity;
    } catch {
      designCapacity = undefined;
    }
    return [expandPlan(plan, cell, designCapacity !== undefined ? { designCapacity } : {})];
  });
  for (const p of expanded) {
    for (const q of p.problems)
      if (q.severity === 'error') errors.push(`test-plan ${p.plan}, ${q.at.subtest ?? q.at.test}: ${q.message}`);
  }
  return { workspace, plans: expanded, cells, errors: [...new Set(errors)] };
}

export const protocolsCommand: Command = {
  name: 'protocols',
  summary: "Write cycler protocol files (PyBaMM, Maccor, BioLogic, Neware, Arbin, JSON) from a spec's test plans.",
  usage: 'FILE [--plan NAME] --format pybamm|maccor|biologic|json|neware|arbin --out DIR',
  details: `Each electrical sub-test (one per sweep point) becomes one Maccor .000 or BioLogic .mps file;
PyBaMM and JSON write one file per plan (PyBaMM also a runnable Python script). Tests done off the
cycler (crush, vibration, …) appear in the JSON protocol only. Where a format cannot say something
(a chamber set-point, an impedance step) the protocol carries a note and the command lists it.

exit codes:
  0  protocols written
  1  the spec or a test plan has errors; nothing written
  2  usage error or an input that cannot be read`,
  options: {
    plan: {
      type: 'string',
      short: 'p',
      valueName: 'name',
      description: 'the test plan to write (default: every plan in FILE)',
    },
    format: {
      type: 'string',
      short: 'f',
      valueName: 'pybamm|maccor|biologic|json|neware|arbin',
      description: 'protocol format',
    },
    out: { type: 'string', short: 'o', valueName: 'dir', description: 'folder to write into (created if missing)' },
    force: {
      type: 'boolean',
      description: 'replace files in the folder that cellspec did not write (or that were changed since)',
    },
  },
  async run(values, positionals, io: CliIo) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec FILE');
    if (values.format === undefined) throw new UsageError(`--format is required (${PROTOCOL_FORMATS.join(', ')})`);
    const format = oneOf<ProtocolFormat>('format', values.format, PROTOCOL_FORMATS);
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    const file = resolve(io.cwd, positionals[0]!);
    const out = resolve(io.cwd, values.out);
    const { workspace, plans, cells, errors } = await loadPlans(
      file,
      typeof values.plan === 'string' ? values.plan : undefined,
      io.cwd,
    );
    if (errors.length > 0) {
      for (const e of errors) io.stderr(`error: ${printable(e)}\n`);
      io.stderr(`cellspec protocols: ${errors.length} error${errors.length === 1 ? '' : 's'}; no protocol written\n`);
      return ExitCode.Findings;
    }
    // Emit everything first, then write every plan's files in one batch: a failure in any plan
    // (a file that may not be replaced, a full disk) leaves none of them on disk.
    const results = plans.map((p) => ({ plan: p, result: emitProtocol(p, format, { cell: cells.get(p.cell) }) }));
    try {
      writeFilesAtomic(
        out,
        results.flatMap((r) => r.result.files),
        { force: values.force === true, inputs: workspace.files.map((f) => f.path) },
      );
    } catch (error) {
      io.stderr(`cellspec protocols: cannot write to ${relative(io.cwd, out) || '.'}: ${(error as Error).message}\n`);
      return ExitCode.Usage;
    }
    for (const { plan, result } of results) {
      const written = result.files.map((f) => join(out, f.name));
      io.stdout(
        `${plan.plan} (${plan.cell}): ${plan.cost.summary} — ${written.length} ${format} file${written.length === 1 ? '' : 's'}\n`,
      );
      for (const w of written) io.stdout(`  ${printable(relative(io.cwd, w))}\n`);
      for (const n of result.notes) io.stderr(`note: ${plan.plan} / ${n.test}: ${n.message}\n`);
    }
    return ExitCode.Ok;
  },
};
