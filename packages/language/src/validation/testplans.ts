/**
 * Test-plan checks: every plan is expanded for its cell (named procedures opened, sweeps split,
 * C-rates turned into currents) and each step checked against the cell's limits; problems are
 * reported on the step that caused them. Procedure parameters are checked by name and unit kind.
 * The expansion is cached per document and shared with hover.
 */
import { AstUtils, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
  designCell,
  expandPlan,
  findProcedure,
  suggestProcedures,
  type CellIR,
  type ExpandedPlan,
  type ParameterKind,
  type PlanProblem,
  type PlanProblemCode,
} from '@cellspec/physics';
import { KINDS, type QuantityKind } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isLoopStep,
  isProperty,
  isRecordStep,
  isStep,
  isSweep,
  isTestPlan,
  type CellSpecAstType,
  type ProcedureStep,
  type Spec,
  type Step,
  type Test,
  type TestPlan,
} from '../generated/ast.js';
import { resolveCell, resolveDocument } from '../resolve.js';
import { Code, type DiagnosticCode } from './codes.js';

export interface PlanEntry {
  readonly node: TestPlan;
  readonly expanded?: ExpandedPlan;
  /** The cell the plan was expanded for. */
  readonly cell?: CellIR;
}

/** Every test plan of a document, expanded for its cell (cached until the workspace changes). */
export function documentPlans(services: CellSpecServices, document: LangiumDocument): PlanEntry[] {
  return services.caches.Documents.named<PlanEntry[]>('plans').get(document.uri.toString(), () =>
    computePlans(services, document),
  );
}

function computePlans(services: CellSpecServices, document: LangiumDocument): PlanEntry[] {
  const spec = document.parseResult.value as Spec;
  const nodes = spec.elements.filter(isTestPlan);
  if (nodes.length === 0) return [];
  const { ir } = resolveDocument(services, document);
  return nodes.map((node) => {
    const plan = ir.testPlans.find((p) => p.name === node.name);
    const cellNode = node.cell?.ref;
    if (!plan || !cellNode) return { node };
    const cell = ir.cells.find((c) => c.name === cellNode.name) ?? resolveCell(services, cellNode).cell;
    if (!cell) return { node };
    // The design calculator supplies the capacity when the cell states neither 1C nor a nominal capacity.
    let designCapacity: number | undefined;
    if (cell.oneCCurrent === undefined && cell.nominalCapacity === undefined) {
      try {
        designCapacity = designCell(cell).capacity;
      } catch {
        designCapacity = undefined;
      }
    }
    return { node, cell, expanded: expandPlan(plan, cell, designCapacity !== undefined ? { designCapacity } : {}) };
  });
}

/** The expansion of the plan containing a node. */
export function planOf(services: CellSpecServices, node: AstNode): PlanEntry | undefined {
  const planNode = AstUtils.getContainerOfType(node, isTestPlan);
  if (!planNode) return undefined;
  return documentPlans(services, AstUtils.getDocument(planNode)).find((p) => p.node === planNode);
}

export function testPlanChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  return {
    TestPlan: (node, accept) => checkPlan(services, node, accept),
    ProcedureStep: (node, accept) => checkProcedureParameters(services, node, accept),
  };
}

/** The diagnostic each plan problem becomes. Exhaustive: a new problem code must be placed here. */
const CODE_OF: Readonly<Record<PlanProblemCode, DiagnosticCode>> = {
  'limit-rate': Code.TestLimit,
  'limit-voltage': Code.TestLimit,
  'limit-temperature': Code.TestLimit,
  'limit-soc': Code.ImpossibleEnd,
  'impossible-end': Code.ImpossibleEnd,
  'no-end': Code.MissingEnd,
  'loop-without-exit': Code.LoopWithoutExit,
  'empty-loop': Code.LoopWithoutExit,
  'unknown-procedure': Code.UnknownProcedure,
  'unknown-parameter': Code.UnknownProcedureParameter,
  'invalid-parameter': Code.UnknownProcedureParameter,
  'no-capacity': Code.TestPlanIncomplete,
  'no-voltage-window': Code.TestPlanIncomplete,
  'channel-bipolar': Code.ChannelCapability,
  'channel-range': Code.ChannelCapability,
};

function checkPlan(services: CellSpecServices, node: TestPlan, accept: ValidationAcceptor): void {
  const entry = documentPlans(services, AstUtils.getDocument(node)).find((p) => p.node === node);
  if (!entry?.expanded) return;
  for (const p of entry.expanded.problems) {
    // Parameter names are checked on the procedure step itself, where the unit kind is known too.
    if (p.code === 'unknown-parameter' || p.code === 'invalid-parameter') continue;
    const target = nodeOf(node, p);
    const code = CODE_OF[p.code];
    const where = p.at.subtest && p.at.subtest !== p.at.test ? ` (${p.at.subtest})` : '';
    // An incomplete cell (no capacity, no window) is the cell's business; here it only explains missing checks.
    const severity = code === Code.TestPlanIncomplete ? 'warning' : p.severity;
    accept(severity, p.message + where, { ...target, code, data: { code, planCode: p.code } });
  }
}

/** The AST node a plan problem is about: the step at its path, else the test, else the plan's cell reference. */
function nodeOf(plan: TestPlan, p: PlanProblem): { node: AstNode; property?: string } {
  const test = plan.tests.find((t) => t.name === p.at.test);
  if (p.code === 'no-capacity' || p.code === 'no-voltage-window' || !test) return { node: plan, property: 'cell' };
  if (p.at.sweep) {
    const key = p.at.sweep === 'temperature' ? 'at' : p.at.sweep === 'rate' ? 'rates' : 'socs';
    const sweep =
      test.members.find((m) => isSweep(m) && m.key === key) ??
      test.members.find((m) => isProperty(m) && m.name === 'temperature' && key === 'at');
    if (sweep) return { node: sweep };
  }
  const step = stepAt(test, p.at.step ?? []);
  return step ? { node: step } : { node: test, property: 'name' };
}

/** Steps as resolve lists them: record statements set an interval and are not steps of their own. */
function stepsOf(nodes: readonly AstNode[]): Step[] {
  return nodes.filter((n): n is Step => isStep(n) && !isRecordStep(n));
}

function stepAt(test: Test, path: readonly number[]): Step | undefined {
  let steps = stepsOf(test.members);
  let found: Step | undefined;
  for (const i of path) {
    found = steps[i];
    if (!found) return undefined;
    steps = isLoopStep(found) ? stepsOf(found.steps) : [];
  }
  return found;
}

const KINDS_OF: Readonly<Record<ParameterKind, readonly QuantityKind[]>> = {
  cRate: ['cRate'],
  fraction: ['fraction'],
  time: ['time'],
  temperature: ['temperature'],
  voltage: ['voltage'],
  count: ['dimensionless'],
  resistance: ['resistance'],
  frequency: ['frequency'],
};

function checkProcedureParameters(services: CellSpecServices, node: ProcedureStep, accept: ValidationAcceptor): void {
  if (!node.name) return; // `procedure` with no name yet: the parser reports it.
  const def = findProcedure(node.name);
  if (!def) {
    // Reported here as well when the plan cannot be expanded (no cell), so an unknown name is never silent.
    if (!planOf(services, node)?.expanded) {
      const near = suggestProcedures(node.name);
      accept(
        'error',
        `unknown procedure '${node.name}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`,
        { node, property: 'name', code: Code.UnknownProcedure },
      );
    }
    return;
  }
  const evaluator = services.evaluation.Evaluator;
  for (const p of node.parameters) {
    const param = def.parameters.find((x) => x.name === p.name);
    if (!param) {
      accept(
        'error',
        `procedure ${def.name} has no parameter '${p.name}'; it takes ${def.parameters.map((x) => x.name).join(', ') || 'no parameters'}`,
        { node: p, property: 'name', code: Code.UnknownProcedureParameter },
      );
      continue;
    }
    if (p.text !== undefined) {
      accept('error', `parameter '${p.name}' of ${def.name} needs a value with a unit, not text`, {
        node: p,
        code: Code.UnknownProcedureParameter,
      });
      continue;
    }
    if (!p.values) continue;
    if (!param.list && p.values.values.length > 1) {
      accept('error', `parameter '${p.name}' of ${def.name} takes one value`, {
        node: p,
        code: Code.UnknownProcedureParameter,
      });
    }
    const kinds = KINDS_OF[param.kind];
    for (const [i, q] of evaluator.list(p.values, kinds).entries()) {
      if (q.ok) continue;
      const expected = kinds.map((k) => `${KINDS[k].label} (${KINDS[k].examples[0]})`).join(' or ');
      accept('error', `parameter '${p.name}' of ${def.name} takes ${expected}: ${q.message}`, {
        node: p.values.values[i] ?? p,
        code: Code.UnitKind,
      });
    }
  }
}
