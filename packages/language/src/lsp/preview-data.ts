/**
 * Server side of the preview: answers `cellspec/previewData` with the IR of the cell under the
 * cursor, its design figures and target checks, and (for variants) the same for the base cell;
 * tells the client after every validation pass which documents changed, so previews refresh
 * without polling. Only this file turns AST nodes into preview data; the client sees plain data.
 */
import { packPreviewsOf } from './pack-preview.js';
import { DocumentState, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import {
  checkTargets,
  designCell,
  expandPlan,
  formatMetric,
  metricSpec,
  type CellDesign,
  type CellIR,
  type ExpandedPlan,
  type TargetIR,
} from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { isCell, isVariant, type CellLike, type Spec } from '../generated/ast.js';
import { resolveCell, resolveDocument } from '../resolve.js';
import { analysisServiceOf, type AnalysisService, type CellSummary } from '../analysis/index.js';
import { syntaxTreeReleaserOf } from '../memory/closed-documents.js';
import {
  DocumentsBuiltNotification,
  ExpandedPlansRequest,
  PreviewDataRequest,
  RunAnalysesRequest,
  type AnalysisData,
  type DesignFigures,
  type ExpandedPlansResult,
  type PreviewData,
  type PreviewDataParams,
  type PreviewProblem,
  type RunAnalysesParams,
  type RunAnalysesResult,
  type TargetCheck,
} from './messages.js';

/** A cell's span in the document, by character offset. */
export interface CellSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The cell the preview shows: the named one; else the one containing the cursor; else the last
 * one that starts before the cursor; else the first.
 */
export function pickCell(spans: readonly CellSpan[], offset?: number, name?: string): number {
  if (spans.length === 0) return -1;
  if (name !== undefined) {
    const i = spans.findIndex((s) => s.name === name);
    if (i >= 0) return i;
  }
  if (offset === undefined) return 0;
  const inside = spans.findIndex((s) => offset >= s.start && offset <= s.end);
  if (inside >= 0) return inside;
  let before = -1;
  spans.forEach((s, i) => {
    if (s.start <= offset) before = i;
  });
  return before >= 0 ? before : 0;
}

function describeTarget(t: TargetIR): string {
  const spec = metricSpec(t.metric, t.basis);
  const label = spec?.label ?? t.metric;
  const f = (x: number) => (spec ? formatMetric(spec, x) : String(x));
  switch (t.op) {
    case '>=':
      return `${label} ≥ ${f(t.value)}`;
    case '<=':
      return `${label} ≤ ${f(t.value)}`;
    case 'between':
      return `${label} ${f(t.value)} to ${f(t.upper ?? t.value)}`;
    case '=':
      if (t.relativeTolerance !== undefined)
        return `${label} ${f(t.value)} ± ${+(t.relativeTolerance * 100).toPrecision(3)} %`;
      if (t.tolerance !== undefined) return `${label} ${f(t.value)} ± ${f(t.tolerance)}`;
      return `${label} ${f(t.value)}`;
  }
}

/** The design calculator's results as the preview's figures, with each target checked. */
export function figuresFromDesign(cell: CellIR, design: CellDesign): DesignFigures {
  const targets: TargetCheck[] = checkTargets(cell, design).map((c) => {
    const spec = metricSpec(c.target.metric, c.target.basis);
    return {
      metric: c.target.metric,
      ...(c.target.basis ? { basis: c.target.basis } : {}),
      text: describeTarget(c.target),
      ...(c.actual !== undefined
        ? { actual: c.actual, actualText: spec ? formatMetric(spec, c.actual) : String(c.actual), met: c.met }
        : {}),
      message: c.message,
    };
  });
  const figures: DesignFigures = {
    capacity: design.capacity,
    energy: design.energy,
    meanVoltage: design.meanVoltage,
    energyDensityStack: design.stack.energyDensity,
    energyDensityCell: design.cell.energyDensity,
    specificEnergyStack: design.stack.specificEnergy,
    specificEnergyCell: design.cell.specificEnergy,
    npRatio: design.npRatio,
    cathodeArealCapacity: design.cathode.arealCapacity,
    anodeArealCapacity: design.anode.arealCapacity,
    cathodeThickness: design.cathode.thickness,
    ...(design.platedLithiumThickness !== undefined ? { platedLithiumThickness: design.platedLithiumThickness } : {}),
    anodeThickness: design.anode.thickness,
    stackThickness: design.stack.thickness,
    cellThickness: design.cell.thickness,
    stackMass: design.stack.mass,
    cellMass: design.cell.mass,
    targets,
  };
  // Drop absent figures so the payload says only what was computed.
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as DesignFigures;
}

function designOf(cell: CellIR): { figures?: DesignFigures; note?: string } {
  try {
    const design = designCell(cell);
    const errors = design.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    return {
      figures: figuresFromDesign(cell, design),
      ...(errors.length ? { note: `Not all figures could be computed: ${errors.join('; ')}.` } : {}),
    };
  } catch (e) {
    return { note: `The design calculator failed on this cell: ${(e as Error).message}` };
  }
}

function problemsOf(document: LangiumDocument): PreviewProblem[] {
  return (document.diagnostics ?? [])
    .filter((d) => d.severity === 1 || d.severity === 2)
    .map((d) => ({
      message: typeof d.message === 'string' ? d.message : d.message.value,
      line: d.range.start.line,
      severity: d.severity === 1 ? ('error' as const) : ('warning' as const),
    }));
}

function cellNodes(document: LangiumDocument): CellLike[] {
  // A workspace file not parsed yet (its slice of the first build is still to come) has no elements.
  return ((document.parseResult.value as Spec).elements ?? []).filter((e): e is CellLike => isCell(e) || isVariant(e));
}

/**
 * The analyses a cell declares, as far as the server's analysis worker has results: summaries
 * per run (capacity Ah → C and energy Wh → J, ×3600 each) and findings; "running" while queued.
 */
export function analysesOf(
  cell: CellIR,
  service: AnalysisService | undefined,
  summary: CellSummary | undefined,
): AnalysisData[] {
  if (cell.analyses.length === 0) return [];
  if (!service)
    return cell.analyses.map((a) => ({
      name: a.name,
      type: a.type,
      state: 'unavailable' as const,
      message: 'this language server runs no analyses',
    }));
  if (!summary)
    return cell.analyses.map((a) => ({
      name: a.name,
      type: a.type,
      state: 'running' as const,
      message: 'computing…',
    }));
  const problems = summary.problems.length
    ? `the model could not be set up: ${summary.problems.join('; ')}`
    : undefined;
  if (summary.outcomes.length === 0)
    return cell.analyses.map((a) => ({
      name: a.name,
      type: a.type,
      state: 'failed' as const,
      message: problems ?? 'no results',
    }));
  return summary.outcomes.map((o) => ({
    name: o.analysis,
    type: o.type,
    model: o.model,
    state: 'done' as const,
    runs: o.runs.map((r) => ({
      label: r.label,
      direction: r.direction,
      rate: r.rate,
      temperature: r.temperature,
      capacity: r.capacity * 3600,
      energy: r.energy * 3600,
      meanVoltage: r.meanVoltage,
      maxTemperature: r.maxTemperature,
      minAnodePotential: r.minAnodePotential,
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.curve ? { curve: r.curve } : {}),
    })),
    findings: o.findings,
  }));
}

/** Computes the preview data of a document that has been validated. */
export function previewDataOf(
  services: CellSpecServices,
  document: LangiumDocument,
  params: PreviewDataParams,
): PreviewData {
  const problems = problemsOf(document);
  const hasErrors = problems.some((p) => p.severity === 'error');
  const nodes = cellNodes(document);
  const spans = nodes.map((n) => ({ name: n.name, start: n.$cstNode?.offset ?? 0, end: n.$cstNode?.end ?? 0 }));
  const base = { uri: params.uri, version: document.textDocument.version, problems, cells: nodes.map((n) => n.name) };
  const offset = params.position ? document.textDocument.offsetAt(params.position) : undefined;
  const index = pickCell(spans, offset, params.cell);
  const node = nodes[index];
  if (!node) return { ...base, status: hasErrors ? 'errors' : 'no-cell' };
  const { cell } = resolveCell(services, node);
  if (!cell) return { ...base, status: hasErrors ? 'errors' : 'no-cell' };
  const design = designOf(cell);
  let baseData: Pick<PreviewData, 'base' | 'baseFigures'> = {};
  if (isVariant(node) && node.base.ref) {
    const resolvedBase = resolveCell(services, node.base.ref).cell;
    if (resolvedBase)
      baseData = {
        base: resolvedBase,
        ...(designOf(resolvedBase).figures ? { baseFigures: designOf(resolvedBase).figures } : {}),
      };
  }
  const service = analysisServiceOf(services);
  const analyses = analysesOf(cell, service, service?.cached(cell));
  return {
    ...base,
    status: hasErrors ? 'errors' : 'ok',
    cell,
    ...(analyses.length ? { analyses } : {}),
    ...(design.figures ? { figures: design.figures } : {}),
    ...(design.note ? { figuresNote: design.note } : {}),
    ...baseData,
    ...withPacks(services, document),
  };
}

function withPacks(services: CellSpecServices, document: LangiumDocument): Pick<PreviewData, 'packs'> {
  const packs = packPreviewsOf(services, document);
  return packs.length ? { packs } : {};
}

/**
 * The document's test plans expanded against their cells, for protocol export. A plan's cell may
 * live in an imported file; C-rates use the design capacity where the cell fixes no 1C.
 */
export function expandedPlansOf(
  services: CellSpecServices,
  document: LangiumDocument,
  others: () => Iterable<LangiumDocument>,
): ExpandedPlansResult {
  const errors = problemsOf(document)
    .filter((p) => p.severity === 'error')
    .map((p) => `line ${p.line + 1}: ${p.message}`);
  const { ir } = resolveDocument(services, document);
  const cells = new Map(ir.cells.map((c) => [c.name, c]));
  const findCell = (name: string): CellIR | undefined => {
    if (cells.has(name)) return cells.get(name);
    for (const doc of others()) {
      const node = cellNodes(doc).find((n) => n.name === name);
      if (node) syntaxTreeReleaserOf(services.shared)?.restore(doc); // where its values are written
      const cell = node ? resolveCell(services, node).cell : undefined;
      if (cell) {
        cells.set(name, cell);
        return cell;
      }
    }
    return undefined;
  };
  if (ir.testPlans.length === 0) errors.push('this file has no test-plan');
  const plans: ExpandedPlan[] = [];
  for (const plan of ir.testPlans) {
    const cell = findCell(plan.cell);
    if (!cell) {
      errors.push(`test-plan ${plan.name}: cell ${plan.cell} is not defined or not imported`);
      continue;
    }
    let designCapacity: number | undefined;
    try {
      designCapacity = designCell(cell).capacity;
    } catch {
      designCapacity = undefined;
    }
    const expanded = expandPlan(plan, cell, designCapacity !== undefined ? { designCapacity } : {});
    for (const q of expanded.problems)
      if (q.severity === 'error') errors.push(`test-plan ${expanded.plan}, ${q.at.subtest ?? q.at.test}: ${q.message}`);
    plans.push(expanded);
  }
  return { plans, errors: [...new Set(errors)] };
}

export async function validatedDocument(
  shared: LangiumSharedCoreServices,
  uri: string,
  token: CancellationToken,
): Promise<LangiumDocument | undefined> {
  const parsed = URI.parse(uri);
  // Requests can come before the workspace has been read; answer about the document once it has.
  await shared.workspace.WorkspaceManager.ready;
  const documents = shared.workspace.LangiumDocuments;
  if (!documents.hasDocument(parsed)) return undefined;
  await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed, token);
  return documents.getDocument(parsed);
}

/** Registers the preview request, the analyses request and the documents-built notification. */
export function registerPreviewData(
  connection: Connection,
  shared: LangiumSharedCoreServices,
  services: CellSpecServices,
): void {
  connection.onRequest(
    PreviewDataRequest.method,
    async (params: PreviewDataParams, token: CancellationToken): Promise<PreviewData> => {
      const document = await validatedDocument(shared, params.uri, token);
      if (!document) return { uri: params.uri, version: 0, status: 'no-cell', problems: [], cells: [] };
      return previewDataOf(services, document, params);
    },
  );
  connection.onRequest(
    ExpandedPlansRequest.method,
    async (params: { uri: string }, token: CancellationToken): Promise<ExpandedPlansResult> => {
      const document = await validatedDocument(shared, params.uri, token);
      if (!document)
        return { plans: [], errors: ['the language server does not know this file yet; save it and try again'] };
      return expandedPlansOf(services, document, () =>
        shared.workspace.LangiumDocuments.all.filter((d) => d !== document),
      );
    },
  );
  connection.onRequest(
    RunAnalysesRequest.method,
    async (params: RunAnalysesParams, token: CancellationToken): Promise<RunAnalysesResult> => {
      const service = analysisServiceOf(services);
      if (!service) return { started: false, message: 'This language server runs no analyses.' };
      const document = await validatedDocument(shared, params.uri, token);
      if (!document)
        return { started: false, message: 'The language server does not know this file yet; save it and try again.' };
      const data = previewDataOf(services, document, params);
      if (!data.cell) return { started: false, message: 'Put the cursor in a cell with an `analyses { … }` block.' };
      if (data.cell.analyses.length === 0)
        return {
          started: false,
          message: `${data.cell.name} declares no analyses; add an \`analyses { … }\` block (e.g. \`discharge at C/10, 1 C\`).`,
        };
      hookResults(service);
      const cached = service.request(`${document.uri.toString()}#${data.cell.name}`, data.cell);
      return cached
        ? { started: true, message: `The analyses of ${data.cell.name} are up to date; the preview shows them.` }
        : {
            started: true,
            message: `Running ${data.cell.analyses.length} analys${data.cell.analyses.length === 1 ? 'is' : 'es'} of ${data.cell.name}; the preview updates when they finish.`,
          };
    },
  );
  // Results arrive after validation; tell the client so open previews redraw with them.
  let hooked = false;
  const hookResults = (service: AnalysisService) => {
    if (hooked) return;
    hooked = true;
    service.onResult(
      (owner) =>
        void connection.sendNotification(DocumentsBuiltNotification.method, {
          uris: [owner.slice(0, owner.lastIndexOf('#'))],
        }),
    );
  };
  shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (documents) => {
    const analyses = analysisServiceOf(services);
    if (analyses) hookResults(analyses);
    const uris = documents.map((d) => d.uri.toString());
    if (uris.length) void connection.sendNotification(DocumentsBuiltNotification.method, { uris });
  });
}
