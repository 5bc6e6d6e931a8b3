/**
 * Design checks on each cell and variant: targets missed, N/P below 1, too little solid
 * electrolyte to percolate, a porosity the declared process cannot reach, an electrolyte layer
 * thinner than the largest particle, and loading/thickness/porosity that contradict each other.
 * The figures come from the design calculator through the shared per-document cache, so the
 * diagnostics show the same numbers as hints, hover and reports.
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { DesignProblem, DesignProblemCode, TargetCheck } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import type { CellLike, CellSpecAstType } from '../generated/ast.js';
import { designByName, designOf, nodeForPath, targetNodes } from '../lsp/cell-design.js';
import { Code, type DiagnosticCode } from './codes.js';

/**
 * The diagnostic each calculator problem becomes; `null` where another check already reports it
 * (composition sums, unknown names). Exhaustive: a new problem code must be placed here.
 */
const CODE_OF: Readonly<Record<DesignProblemCode, DiagnosticCode | null>> = {
  'composition-sum': null,
  'mixed-basis': null,
  'no-composition': null,
  'unknown-material': null,
  'np-below-one': Code.NpBelowOne,
  'se-percolation': Code.ElectrolytePercolation,
  'porosity-unreachable': Code.PorosityUnreachable,
  'layer-thinner-than-particle': Code.LayerThinnerThanParticle,
  'thickness-inconsistent': Code.DesignInconsistent,
  'porosity-density-inconsistent': Code.DesignInconsistent,
  'negative-porosity': Code.DesignInconsistent,
  'cell-thinner-than-stack': Code.DesignInconsistent,
  'no-active-material': Code.DesignIncomplete,
  'no-loading': Code.DesignIncomplete,
  'loading-from-capacity': Code.DesignIncomplete,
  underdetermined: Code.DesignIncomplete,
  'missing-density': Code.DesignIncomplete,
  'no-collector': Code.DesignIncomplete,
  layers: Code.DesignIncomplete,
  'single-layer-with-layers': Code.DesignIncomplete,
  'bicell-odd-layers': Code.DesignIncomplete,
  'no-capacity': Code.DesignIncomplete,
  'no-mean-voltage': Code.DesignIncomplete,
  'mean-voltage-negative': Code.DesignIncomplete,
  'no-separator': Code.DesignIncomplete,
  'no-packaging': Code.DesignIncomplete,
  'tabs-incomplete': Code.DesignIncomplete,
  'insulation-incomplete': Code.DesignIncomplete,
  'no-outline': Code.DesignIncomplete,
  'not-computable': Code.DesignIncomplete,
};

export function designChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const check = (node: CellLike, accept: ValidationAcceptor) => checkCellDesign(services, node, accept);
  return { Cell: check, Variant: check };
}

function checkCellDesign(services: CellSpecServices, node: CellLike, accept: ValidationAcceptor): void {
  const entry = designOf(services, node);
  if (!entry) return;
  // A variant repeats its base's problems only where they differ (the base already shows them).
  const base = entry.cell.base ? designByName(services, AstUtils.getDocument(node), entry.cell.base) : undefined;
  const inherited = new Set(base?.problems.map((p) => `${p.code}|${p.message}`) ?? []);
  for (const p of entry.problems) if (!inherited.has(`${p.code}|${p.message}`)) reportProblem(node, p, accept);
  const written = targetNodes(node);
  for (const t of entry.targets) {
    if (t.met || t.actual === undefined) continue;
    reportTarget(node, t, written, accept);
  }
}

function reportProblem(cell: CellLike, p: DesignProblem, accept: ValidationAcceptor): void {
  const code = CODE_OF[p.code];
  if (p.severity === 'info' || code === null) return;
  const { node, property } = nodeForPath(cell, p.path);
  // What is missing is the required-property checks' business; here it only explains absent figures.
  const severity = p.code === 'negative-porosity' ? 'error' : code === Code.DesignIncomplete ? 'info' : 'warning';
  accept(severity, p.message, { node, ...(property ? { property } : {}), code, data: { code, designCode: p.code } });
}

/** On the target as written in this cell; an inherited target is reported on the variant's name. */
function reportTarget(cell: CellLike, t: TargetCheck, written: readonly AstNode[], accept: ValidationAcceptor): void {
  const line = t.target.source?.line;
  const own = written.find(
    (n) =>
      line !== undefined &&
      n.$cstNode &&
      n.$cstNode.range.start.line + 1 === line &&
      AstUtils.getDocument(n).uri.toString() === t.target.source?.file,
  );
  const data = { code: Code.TargetMissed, metric: t.target.metric, basis: t.target.basis, actual: t.actual };
  if (own) accept('warning', t.message, { node: own, code: Code.TargetMissed, data });
  else
    accept('warning', `${t.message} (target inherited from the base cell)`, {
      node: cell,
      property: 'name',
      code: Code.TargetMissed,
      data,
    });
}
