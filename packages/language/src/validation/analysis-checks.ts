/**
 * Declared analyses as diagnostics for `cellspec check` (the slow category: it runs the model).
 * A run that predicts no capacity, a non-physical voltage, a plating risk, a stopped solver or a
 * result outside the range a value was sourced or fitted over is a warning (or an error) on the
 * analysis line, never a silent number. In the language server the analysis worker reports the
 * same findings off the server's thread, so there this check stays silent.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { runCellAnalyses } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import type { CellLike, CellSpecAstType } from '../generated/ast.js';
import { analysisNode, analysisServiceOf } from '../analysis/editor.js';
import { designOf } from '../lsp/cell-design.js';
import { Code } from './codes.js';

export function analysisChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const check = (node: CellLike, accept: ValidationAcceptor) => checkAnalyses(services, node, accept);
  return { Cell: check, Variant: check };
}

function checkAnalyses(services: CellSpecServices, node: CellLike, accept: ValidationAcceptor): void {
  if (analysisServiceOf(services)) return; // the editor's worker reports these
  const entry = designOf(services, node);
  if (!entry || entry.cell.analyses.length === 0) return;
  const result = runCellAnalyses(entry.cell);
  for (const outcome of result.outcomes) {
    const target = analysisNode(node, outcome.analysis);
    for (const f of outcome.findings) {
      if (f.severity === 'info') continue;
      const code = f.message.includes('plating') ? Code.AnalysisPlatingRisk : Code.AnalysisWarning;
      if (target) accept(f.severity, f.message, { node: target, code });
      else accept(f.severity, `${outcome.analysis}: ${f.message}`, { node, property: 'name', code });
    }
  }
}
