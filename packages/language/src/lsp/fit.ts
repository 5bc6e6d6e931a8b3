/**
 * Fitting in the editor: the `cellspec/fit` request reads the measured-data files, runs the fit
 * in the analysis worker (progress on the request's work-done token, cancelled with the
 * request), answers with the fitted values and the edit that writes them into the spec, and
 * keeps the result so that a quick fix on the cell offers the same edit later.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Range,
} from 'vscode-languageserver';
import type { Experiment, FittedParameter } from '@cellspec/physics';
import { analysisServiceOf } from '../analysis/editor.js';
import type { CellSpecServices } from '../cellspec-module.js';
import { fitEdits, fittedSource, type SpecEdit } from '../fit-edits.js';
import type { Spec } from '../generated/ast.js';
import { parseMeasuredData } from '../measured-data.js';
import { readUtf8 } from '../load-workspace.js';
import { FitRequest, type FitParams, type FitResponse, type TextChange } from './messages.js';
import { previewDataOf, validatedDocument } from './preview-data.js';

/** The last fit of each cell (by document URI and cell name), for the quick fix. */
interface StoredFit {
  readonly cell: string;
  readonly parameters: readonly FittedParameter[];
  readonly source: string;
}
const stored = new WeakMap<CellSpecServices, Map<string, StoredFit>>();
const storeOf = (services: CellSpecServices) => {
  let map = stored.get(services);
  if (!map) stored.set(services, (map = new Map()));
  return map;
};

function changesOf(edits: readonly SpecEdit[]): Record<string, TextChange[]> {
  const changes: Record<string, TextChange[]> = {};
  for (const e of edits) {
    const text = e.document.textDocument;
    (changes[e.document.uri.toString()] ??= []).push({
      range: { start: text.positionAt(e.start), end: text.positionAt(e.end) },
      newText: e.newText,
    });
  }
  return changes;
}

const allDocuments = (shared: LangiumSharedCoreServices) =>
  shared.workspace.LangiumDocuments.all.toArray() as LangiumDocument<Spec>[];

/** Registers `cellspec/fit`. */
export function registerFit(
  connection: Connection,
  shared: LangiumSharedCoreServices,
  services: CellSpecServices,
): void {
  connection.onRequest(FitRequest.method, async (params: FitParams, token: CancellationToken): Promise<FitResponse> => {
    const service = analysisServiceOf(services);
    if (!service) return { ok: false, message: 'This language server runs no model worker.' };
    const document = await validatedDocument(shared, params.uri, token);
    if (!document)
      return { ok: false, message: 'The language server does not know this file yet; save it and try again.' };
    const cell = previewDataOf(services, document, params).cell;
    if (!cell) return { ok: false, message: 'Put the cursor in the cell to fit, or name it.' };
    if (params.data.length === 0 || params.parameters.length === 0)
      return { ok: false, message: 'Choose the measured data and at least one parameter to fit.' };
    // ---- the data ----------------------------------------------------------------------------------
    const folder = document.uri.scheme === 'file' ? dirname(document.uri.fsPath) : process.cwd();
    const experiments: Experiment[] = [];
    const warnings: string[] = [];
    for (const [k, file] of params.data.entries()) {
      const path = file.startsWith('file:') ? URI.parse(file).fsPath : isAbsolute(file) ? file : resolve(folder, file);
      const read = readUtf8(path);
      if ('problem' in read) return { ok: false, message: `${file}: ${read.problem}` };
      const parsed = parseMeasuredData(read.text, path.slice(path.lastIndexOf('/') + 1), {
        ...(params.currentSign ? { currentSign: params.currentSign } : {}),
      });
      if ('error' in parsed) return { ok: false, message: parsed.error };
      warnings.push(...parsed.data.warnings.map((w) => `${parsed.data.series.label}: ${w}`));
      const soc = params.initialSoc?.[params.initialSoc.length === 1 ? 0 : k];
      experiments.push({ series: parsed.data.series, ...(soc !== undefined ? { initialSoc: soc } : {}) });
    }
    // ---- the fit, in the worker ----------------------------------------------------------------
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin(`Fitting ${cell.name}`, 0, `${params.parameters.join(', ')}`, true);
    const handle = service.fit(
      { cell, experiments, parameters: params.parameters, ...(params.model ? { model: params.model } : {}) },
      (p) =>
        progress.report(
          Math.round((100 * p.iteration) / p.maxIterations),
          `iteration ${p.iteration}, RMSE ${(p.rmse * 1e3).toFixed(2)} mV`,
        ),
    );
    const cancelled = token.onCancellationRequested(() => handle.cancel());
    const result = await handle.result;
    cancelled.dispose();
    progress.done();
    if (!result.ok) return { ok: false, message: [result.message, ...warnings].join('\n') };
    const source = fittedSource(
      experiments.map((e) => e.series.label),
      new Date(),
      result.rmse,
    );
    storeOf(services).set(`${document.uri.toString()}#${cell.name}`, {
      cell: cell.name,
      parameters: result.parameters,
      source,
    });
    const edits = fitEdits(allDocuments(shared), cell.name, result.parameters, source);
    return {
      ok: true,
      message: [
        `${cell.name}: RMSE ${(result.rmse * 1e3).toFixed(2)} mV over ${result.samples} samples (${result.iterations} iterations)`,
        ...warnings,
      ].join('\n'),
      parameters: result.parameters.map((f) => {
        const toSpec = (v: number) => (f.specValue / f.value) * v * f.unit.perSi;
        return {
          name: f.name,
          unit: f.unit.text,
          start: toSpec(f.initial),
          value: toSpec(f.value),
          lower: toSpec(f.lower),
          upper: toSpec(f.upper),
        };
      }),
      rmse: result.rmse,
      residuals: result.experiments.map((e) => ({ file: e.label, time: e.time, residual: e.residual })),
      changes: changesOf(edits.edits),
      notWritten: edits.notWritten,
    };
  });
}

/** Quick fixes on a cell with a kept fit result: write the fitted values into the spec. */
export function fitResultActions(
  services: CellSpecServices,
  document: LangiumDocument,
  range: Range,
  overlaps: (a: Range, b: Range) => boolean,
): CodeAction[] {
  const store = stored.get(services);
  if (!store || store.size === 0) return [];
  const actions: CodeAction[] = [];
  const prefix = `${document.uri.toString()}#`;
  for (const [owner, fit] of store) {
    if (!owner.startsWith(prefix)) continue;
    const spec = document.parseResult.value as Spec;
    const node = spec.elements.find((e) => 'name' in e && e.name === fit.cell && e.$type !== 'Material');
    const cellRange = node?.$cstNode?.range;
    if (!cellRange || !overlaps(cellRange, range)) continue;
    const documents = services.shared.workspace.LangiumDocuments.all.toArray() as LangiumDocument<Spec>[];
    const edits = fitEdits(documents, fit.cell, fit.parameters, fit.source);
    if (edits.edits.length === 0) continue;
    actions.push({
      title: `Write the fitted ${fit.parameters.map((p) => p.name).join(', ')} (${fit.source})`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: changesOf(edits.edits) },
    });
  }
  return actions;
}
