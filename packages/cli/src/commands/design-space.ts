/**
 * What the `lots` and `sweep` commands share: loading the cells and processes of the given paths,
 * choosing one cell, and reading quantities with units from the command line.
 */
import { resolve } from 'node:path';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import { formatQuantity, type QuantityKind } from '@cellspec/units';
import {
  METRICS,
  findVariable,
  quantityText,
  StudyError,
  type CellIR,
  type PackIR,
  type ProcessIR,
} from '@cellspec/physics';
import { UsageError } from '../command-framework.js';

export interface LoadedSpecs {
  readonly cells: readonly CellIR[];
  readonly processes: readonly ProcessIR[];
  readonly errors: readonly string[];
  /** Packs declared in the paths. */
  readonly packs?: readonly PackIR[];
}

/** Every cell and process of the paths (folders recursively) and the files they import. */
export async function loadSpecs(paths: readonly string[], cwd: string): Promise<LoadedSpecs> {
  const workspace = await loadWorkspace(paths.length ? paths.map((p) => resolve(cwd, p)) : [cwd]);
  const problem = workspace.problems[0];
  if (problem) throw new UsageError(`${problem.path}: ${problem.message}`);
  const cells: CellIR[] = [];
  const processes: ProcessIR[] = [];
  const errors: string[] = [];
  const packs: PackIR[] = [];
  for (const f of workspace.files) {
    for (const d of f.diagnostics) if (d.severity === 'error') errors.push(`${f.path}:${d.line}: ${d.message}`);
    const { ir } = resolveDocument(workspace.services, f.document);
    cells.push(...ir.cells);
    processes.push(...ir.processes);
    packs.push(...(ir.packs ?? []));
  }
  return { cells, processes, errors, packs };
}

export function chooseCell(cells: readonly CellIR[], name: string | undefined): CellIR {
  if (name !== undefined) {
    const cell = cells.find((c) => c.name === name);
    if (!cell)
      throw new UsageError(`no cell '${name}'; the paths define ${cells.map((c) => c.name).join(', ') || 'none'}`);
    return cell;
  }
  const names = [...new Set(cells.map((c) => c.name))];
  if (names.length !== 1)
    throw new UsageError(
      names.length === 0 ? 'the paths define no cell' : `the paths define ${names.join(', ')}; choose one with --cell`,
    );
  return cells[0]!;
}

/** A number with an optional unit of `kind` ("18.4 mg/cm2", "20um", "8 %"), in SI; a usage error if not. */
export function quantity(text: string, kind: QuantityKind, what: string): number {
  try {
    return quantityText(text, kind, what);
  } catch (error) {
    if (error instanceof StudyError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** The quantity kind of a design variable, or a usage error naming the ones there are. */
export function variableKind(path: string): QuantityKind {
  const variable = findVariable(path);
  if (!variable) throw new UsageError(`'${path}' is not a design variable (${variableList()})`);
  return variable.kind as QuantityKind;
}

export function variableList(): string {
  return 'cathode.loading, cathode.thickness, cathode.porosity, cathode.area, cathode.collector, the same for anode, separator.thickness, separator.porosity';
}

/** The quantity kind of a metric key (`capacity`, `np`, `ed-stack`, …). */
export function metricKind(key: string): QuantityKind | undefined {
  return METRICS.find((m) => m.key === key)?.kind;
}

export function show(si: number, kind: string): string {
  return kind === 'fraction' ? `${+(si * 100).toPrecision(4)} %` : formatQuantity(si, kind as QuantityKind);
}
