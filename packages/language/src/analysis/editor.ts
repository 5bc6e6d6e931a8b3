/**
 * Analyses in the editor: after each validation of a document, the declared analyses of its
 * cells are requested from the worker (cached by IR hash); results come back as diagnostics
 * (plating risk, runs that stop early), inlay hints after each analysis line and hover tables.
 */
import {
  AstUtils,
  DocumentState,
  type AstNode,
  type LangiumDocument,
  type LangiumSharedCoreServices,
  type MaybePromise,
} from 'langium';
import type { InlayHintProvider, LangiumSharedServices } from 'langium/lsp';
import {
  DiagnosticSeverity,
  InlayHintKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InlayHint,
  type InlayHintParams,
} from 'vscode-languageserver';
import type { CellIR } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { isAnalyses, isAnalysis, isCell, isVariant, type Analysis, type CellLike } from '../generated/ast.js';
import { documentDesigns } from '../lsp/cell-design.js';
import type { HoverContext, HoverContributor } from '../lsp/hover.js';
import type { CellSummary, OutcomeSummary, RunSummary } from './worker-messages.js';
import { AnalysisService, type WorkerEntry } from './service.js';
import { analysisKey } from './key.js';

const registry = new WeakMap<CellSpecServices, AnalysisService>();

/** The analysis service of a language-services instance, when the server registered one. */
export function analysisServiceOf(services: CellSpecServices): AnalysisService | undefined {
  return registry.get(services);
}

/**
 * Where the worker runs from: the running server script itself (the bundled `server.cjs`, whose
 * `startServer` turns into the worker loop when started as the analysis worker). Tests running
 * from source pass `analysis/worker-entry.ts` with `--import tsx` instead.
 */
export function defaultWorkerEntry(): WorkerEntry {
  return { file: typeof __filename !== 'undefined' ? __filename : process.argv[1]! };
}

/** Simulations start once typing pauses this long: each keystroke supersedes the waiting job, so none competes with the typing for the CPU. */
export const EDITOR_SETTLE_MS = 300;

const ownerOf = (document: LangiumDocument, cell: string) => `${document.uri.toString()}#${cell}`;

/** Wires the service into the server: requests after validation, publishes as results arrive. */
export function registerAnalyses(
  connection: Connection,
  shared: LangiumSharedCoreServices,
  services: CellSpecServices,
  worker: WorkerEntry = defaultWorkerEntry(),
): AnalysisService {
  const service = new AnalysisService({ worker, settleMs: EDITOR_SETTLE_MS });
  registry.set(services, service);
  const documents = shared.workspace.LangiumDocuments;
  const published = new Set<string>();
  let refreshSupported = false;
  (shared as Partial<LangiumSharedServices>).lsp?.LanguageServer.onInitialize((params) => {
    refreshSupported = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  });

  const publish = (document: LangiumDocument) => {
    const extra = analysisDiagnostics(services, document, service);
    const uri = document.uri.toString();
    if (extra.length === 0 && !published.has(uri)) return;
    if (extra.length > 0) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [...(document.diagnostics ?? []), ...extra] });
  };

  shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, (document) => {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    for (const entry of documentDesigns(services, document).cells) {
      if (!isCell(entry.node) && !isVariant(entry.node)) continue;
      service.request(ownerOf(document, entry.cell.name), entry.cell);
    }
    publish(document);
  });
  shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
    for (const uri of deleted) service.forget(`${uri.toString()}#`);
  });
  service.onResult((owner) => {
    const uri = owner.slice(0, owner.lastIndexOf('#'));
    const document = [...documents.all].find((d) => d.uri.toString() === uri);
    if (!document || document.state < DocumentState.Validated) return;
    publish(document);
    // Only clients that said they take refresh requests get one (others answer with an error).
    if (refreshSupported) connection.languages.inlayHint.refresh().catch(() => undefined);
  });
  return service;
}

// ---- findings → diagnostics -------------------------------------------------------------------

interface CellResults {
  readonly node: CellLike;
  readonly cell: CellIR;
  readonly summary: CellSummary | undefined;
  readonly pending: boolean;
}

function documentResults(
  services: CellSpecServices,
  document: LangiumDocument,
  service: AnalysisService,
): CellResults[] {
  return documentDesigns(services, document)
    .cells.filter((e) => e.cell.analyses.length > 0)
    .map((e) => {
      const summary = service.cached(e.cell);
      return { node: e.node, cell: e.cell, summary, pending: summary === undefined };
    });
}

/** The Analysis node of a cell that resolve named `name` (explicit name, or `type-index`). */
export function analysisNode(node: CellLike, name: string): Analysis | undefined {
  let index = 0;
  for (const member of node.members) {
    if (!isAnalyses(member)) continue;
    for (const a of member.analyses) {
      const resolved = a.name ?? `${a.type}-${index + 1}`;
      index++;
      if (resolved === name) return a;
    }
  }
  return undefined;
}

export function analysisDiagnostics(
  services: CellSpecServices,
  document: LangiumDocument,
  service: AnalysisService,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of documentResults(services, document, service)) {
    if (!r.summary) continue;
    for (const o of r.summary.outcomes) {
      const node: AstNode = analysisNode(r.node, o.analysis) ?? r.node;
      const range = node.$cstNode?.range;
      if (!range) continue;
      for (const f of o.findings) {
        out.push({
          range,
          message: f.message,
          source: 'cellspec analysis',
          severity:
            f.severity === 'error'
              ? DiagnosticSeverity.Error
              : f.severity === 'warning'
                ? DiagnosticSeverity.Warning
                : DiagnosticSeverity.Hint,
          code: f.message.includes('plating')
            ? 'analysis-plating-risk'
            : f.severity === 'info'
              ? 'analysis-result'
              : 'analysis-warning',
        });
      }
    }
  }
  return out;
}

// ---- inlay hints ------------------------------------------------------------------------------

const mAh = (ah: number) => (Math.abs(ah) >= 1 ? `${ah.toPrecision(3)} Ah` : `${(ah * 1000).toPrecision(3)} mAh`);
const celsius = (k: number) => `${+(k - 273.15).toFixed(1)} °C`;
const rate = (r: number) => (r < 1 && r > 0 ? `C/${+(1 / r).toFixed(2)}` : `${+r.toFixed(3)}C`);

export function outcomeHint(o: OutcomeSummary): string {
  const runs = o.runs;
  switch (o.type) {
    case 'charge':
      if (o.fastCharge)
        return o.fastCharge
          .map(
            (f) =>
              `${rate(f.rate)} ${(f.fromSoc * 100).toFixed(0)}→${(f.toSoc * 100).toFixed(0)} %: ${f.time !== undefined ? `${(f.time / 60).toFixed(1)} min` : 'not reached'}, anode ≥ ${(f.minAnodePotential * 1000).toFixed(0)} mV vs Li, +${f.temperatureRise.toFixed(1)} K${f.highestPlatingFreeRate !== undefined ? `, plating-free to ${rate(f.highestPlatingFreeRate)}` : ''}`,
          )
          .join(' · ');
      return runs
        .map(
          (r) =>
            `${rate(r.rate)}: ${r.platingFromSoc !== undefined ? `plating risk from ${(r.platingFromSoc * 100).toFixed(0)} % SOC` : `to ${(r.endSoc * 100).toFixed(0)} % SOC, anode ≥ ${(r.minAnodePotential * 1000).toFixed(0)} mV vs Li`}`,
        )
        .join(' · ');
    case 'temperature-sweep':
      return runs.map((r) => `${celsius(r.temperature)} ${mAh(r.capacity)}`).join(' · ');
    case 'thermal':
      return runs.map((r) => `${rate(r.rate)}: ${mAh(r.capacity)}, peak ${celsius(r.maxTemperature)}`).join(' · ');
    default:
      return runs.map((r) => `${rate(r.rate)} ${mAh(r.capacity)}`).join(' · ');
  }
}

/** Adds analysis results after each analysis line to the hints of `base`. */
export class AnalysisInlayHintProvider implements InlayHintProvider {
  constructor(
    private readonly base: InlayHintProvider | undefined,
    private readonly services: CellSpecServices,
  ) {}

  async getInlayHints(
    document: LangiumDocument,
    params: InlayHintParams,
    cancelToken?: CancellationToken,
  ): Promise<InlayHint[] | undefined> {
    const hints = [...((await this.base?.getInlayHints(document, params, cancelToken)) ?? [])];
    const service = analysisServiceOf(this.services);
    if (!service) return hints;
    for (const r of documentResults(this.services, document, service)) {
      for (const analysis of r.cell.analyses) {
        const node = analysisNode(r.node, analysis.name);
        const end = node?.$cstNode?.range.end;
        if (!end || end.line < params.range.start.line || end.line > params.range.end.line) continue;
        const outcome = r.summary?.outcomes.find((o) => o.analysis === analysis.name);
        const label = outcome ? outcomeHint(outcome) : 'simulating…';
        if (!label) continue;
        hints.push({
          position: end,
          label: `→ ${label}`,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          tooltip: `${outcome?.model === 'spme' ? 'reduced model' : 'P2D model'} of ${r.cell.name}`,
        });
      }
    }
    return hints;
  }
}

// ---- hover ------------------------------------------------------------------------------------

function runRow(r: RunSummary): string {
  const plating = r.platingFromSoc !== undefined ? `from ${(r.platingFromSoc * 100).toFixed(0)} % SOC` : '—';
  return `| ${r.label} | ${mAh(r.capacity)} | ${Number.isFinite(r.meanVoltage) ? r.meanVoltage.toFixed(3) + ' V' : '—'} | ${celsius(r.maxTemperature)} | ${(r.minAnodePotential * 1000).toFixed(0)} mV | ${plating} |${r.failure ? ` ${r.failure}` : ''}`;
}

export function outcomeHover(cell: string, o: OutcomeSummary, assumptions: readonly string[]): string {
  const lines = [
    `**${o.analysis}** of ${cell} — ${o.model === 'spme' ? 'reduced model (SPMe)' : 'P2D model'}, ${o.wallMs.toFixed(0)} ms`,
    '',
    '| run | capacity | mean voltage | peak temperature | lowest anode potential vs Li | plating |',
    '|---|---:|---:|---:|---:|---|',
    ...o.runs.map(runRow),
  ];
  const warnings = o.findings.filter((f) => f.severity !== 'info');
  if (warnings.length > 0) lines.push('', ...warnings.map((f) => `- ${f.message}`));
  if (assumptions.length > 0)
    lines.push(
      '',
      '<details><summary>model assumptions</summary>',
      '',
      ...assumptions.map((a) => `- ${a}`),
      '',
      '</details>',
    );
  return lines.join('\n');
}

export function analysisHoverContributor(services: CellSpecServices): HoverContributor {
  return {
    contribute(ctx: HoverContext): MaybePromise<string | undefined> {
      const service = analysisServiceOf(services);
      if (!service) return undefined;
      const analysis = isAnalysis(ctx.node) ? ctx.node : AstUtils.getContainerOfType(ctx.node, isAnalysis);
      if (!analysis) return undefined;
      const cellNode = AstUtils.getContainerOfType(analysis, (n): n is CellLike => isCell(n) || isVariant(n));
      if (!cellNode) return undefined;
      const entry = documentDesigns(services, ctx.document).cells.find((e) => e.node === cellNode);
      if (!entry) return undefined;
      const resolved = entry.cell.analyses.find((a) => analysisNode(cellNode, a.name) === analysis);
      if (!resolved) return undefined;
      const summary = service.cached(entry.cell);
      const outcome = summary?.outcomes.find((o) => o.analysis === resolved.name);
      if (!summary || !outcome) return `**${resolved.name}**: simulating… (results appear when the model finishes)`;
      return outcomeHover(entry.cell.name, outcome, summary.assumptions);
    },
  };
}

export { analysisKey };
