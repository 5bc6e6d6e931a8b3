/**
 * Model readiness: what a model run (`cellspec simulate`, the editor's analyses) will need or
 * assume for each cell, said by `check` as information on the cell, so that a spec `check`
 * passes is not refused later by `simulate` without warning ("NCM90 needs max-concentration").
 * It builds the model parameters (no solve) from the same IR the design cache holds; a slow
 * check, so it runs in the CLI and on save, never on the keystroke.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { openCircuitMeanVoltage, parametersFromCell } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import type { CellLike, CellSpecAstType } from '../generated/ast.js';
import { designOf } from '../lsp/cell-design.js';
import { Code } from './codes.js';

export function modelReadinessChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const check = (node: CellLike, accept: ValidationAcceptor) => checkReadiness(services, node, accept);
  return { Cell: check, Variant: check };
}

function checkReadiness(services: CellSpecServices, node: CellLike, accept: ValidationAcceptor): void {
  const entry = designOf(services, node);
  if (!entry) return;
  const mapped = parametersFromCell(entry.cell);
  // A value far outside its range can make an assumption's figure overflow: such a line says
  // nothing a designer can use, and the range checks already report the value itself.
  const readable = (text: string) => !/\b(NaN|Infinity)\b/.test(text);
  const problems = mapped.problems.filter(readable);
  const assumptions = mapped.assumptions.filter(readable);
  const at = { node, property: 'name' as const, code: Code.ModelReadiness };
  if (problems.length > 0)
    accept('info', `a model run (simulate) will refuse ${node.name}: ${problems.join('; ')}`, at);
  if (assumptions.length > 0) accept('info', `a model run of ${node.name} will assume: ${assumptions.join('; ')}`, at);
  // The design's energy figures and the model's curves should rest on one mean voltage; say so
  // when the declared mean voltages and the model's OCP curves over its windows differ by > 1 %.
  const design = entry.design;
  if (mapped.parameters && design.meanVoltage !== undefined && design.meanVoltageMethod === 'declared') {
    const model = openCircuitMeanVoltage(mapped.parameters);
    const apart = model / design.meanVoltage - 1;
    if (Number.isFinite(model) && Math.abs(apart) > 0.01)
      accept(
        'info',
        `the model's open-circuit mean voltage is ${model.toFixed(2)} V (OCP curves over its stoichiometry windows), ${Math.abs(apart * 100).toFixed(1)} % ${apart > 0 ? 'above' : 'below'} the ${design.meanVoltage.toFixed(2)} V of the declared mean voltages that the energy figures use: simulated energy and the design's energy differ by as much (state the stoichiometry windows, or mean voltages that match the OCP curves)`,
        at,
      );
  }
}
