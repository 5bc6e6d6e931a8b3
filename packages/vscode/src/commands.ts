/**
 * The palette and editor-title commands. Exports need a trusted workspace and write where the
 * user chooses, with progress; commands whose backend is missing say so plainly.
 */
import * as vscode from 'vscode';
import { PreviewDataRequest, RunAnalysesRequest, type PreviewData } from '@cellspec/language/lsp/messages';
import type { CellspecClient } from './client.js';
import type { PreviewManager } from './preview/panel.js';
import type { CellspecSettings } from './settings.js';
import { PROTOCOL_FORMATS, unavailableMessage } from './exports/protocols.js';
import { reportCsv, reportJson, type ReportFormat } from './view-model/report.js';

export interface CommandContext {
  readonly client: CellspecClient;
  readonly previews: PreviewManager;
  readonly settings: () => CellspecSettings;
}

function activeCellspecEditor(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  return e?.document.languageId === 'cellspec' ? e : undefined;
}

async function cellUnderCursor(ctx: CommandContext): Promise<PreviewData | undefined> {
  const editor = activeCellspecEditor();
  if (!editor) {
    if (ctx.previews.lastData) return ctx.previews.lastData;
    void vscode.window.showInformationMessage('Open a .cellspec file and put the cursor in a cell first.');
    return undefined;
  }
  const p = editor.selection.active;
  return ctx.client.request(PreviewDataRequest, { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } });
}

function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`${what} writes files, which needs a trusted workspace. Trust this folder to export.`, 'Manage Workspace Trust')
    .then((choice) => { if (choice) void vscode.commands.executeCommand('workbench.trust.manage'); });
  return false;
}

function defaultFolder(): vscode.Uri | undefined {
  const editor = activeCellspecEditor();
  if (editor && editor.document.uri.scheme === 'file') return vscode.Uri.joinPath(editor.document.uri, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function exportReport(ctx: CommandContext): Promise<void> {
  if (!requireTrust('Exporting the design report')) return;
  const pick = await vscode.window.showQuickPick(
    [{ label: 'JSON', description: 'figures in SI and display units, targets, the resolved cell', format: 'json' as ReportFormat },
      { label: 'CSV', description: 'one row per figure in your preferred units', format: 'csv' as ReportFormat }],
    { title: 'Export design report', placeHolder: 'Format' },
  );
  if (!pick) return;
  const data = await cellUnderCursor(ctx);
  if (!data) return;
  if (!data.cell) {
    void vscode.window.showErrorMessage(data.status === 'errors' ? 'The spec has errors and no cell resolved; fix them and export again.' : 'There is no cell at the cursor to report on.');
    return;
  }
  const folder = defaultFolder();
  const target = await vscode.window.showSaveDialog({
    title: `Save the design report of ${data.cell.name}`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${data.cell.name}-design.${pick.format}`) } : {}),
    filters: pick.format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
  if (!target) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting the design report of ${data.cell.name}` }, async () => {
    const text = pick.format === 'json' ? reportJson(data, ctx.settings()) : reportCsv(data, ctx.settings());
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  });
  void vscode.window.showInformationMessage(`Design report written to ${vscode.workspace.asRelativePath(target)}.`);
}

async function exportProtocols(): Promise<void> {
  if (!requireTrust('Exporting test protocols')) return;
  const pick = await vscode.window.showQuickPick(
    PROTOCOL_FORMATS.map((f) => ({ label: f.label, detail: f.detail, description: f.emit ? undefined : 'not available yet', format: f })),
    { title: 'Export test protocols', placeHolder: 'Cycler format' },
  );
  if (!pick) return;
  if (!pick.format.emit) {
    void vscode.window.showWarningMessage(unavailableMessage(pick.format));
    return;
  }
  // With an emitter present: resolve the document's IR and write one file per test (see exports/protocols.ts).
}

async function compareWithBase(ctx: CommandContext): Promise<void> {
  const data = await cellUnderCursor(ctx);
  if (!data) return;
  if (!data.cell) {
    void vscode.window.showInformationMessage('Put the cursor in a `variant … of …` block to compare it with its base.');
    return;
  }
  if (!data.cell.base) {
    void vscode.window.showInformationMessage(`${data.cell.name} is not a variant, so it has no base to compare with. Put the cursor in a \`variant … of ${data.cell.name}\` block.`);
    return;
  }
  ctx.previews.open(activeCellspecEditor());
  await ctx.previews.refresh();
  ctx.previews.focus('comparison');
}

async function runAnalyses(ctx: CommandContext): Promise<void> {
  const editor = activeCellspecEditor();
  if (!editor) { void vscode.window.showInformationMessage('Open a .cellspec file with an `analyses { … }` block first.'); return; }
  const settings = ctx.settings();
  if (!settings.analyses.enabled) {
    void vscode.window.showInformationMessage('Analyses are switched off (setting cellspec.analyses.enabled).');
    return;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting analyses' }, () =>
    ctx.client.request(RunAnalysesRequest, { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character }, modelFidelity: settings.analyses.modelFidelity }));
  if (!result.started) void vscode.window.showWarningMessage(result.message ?? 'The analyses could not be started.');
  else void vscode.window.showInformationMessage(result.message ?? 'Analyses started; the preview shows the curves when they finish.');
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  const run = (fn: () => Promise<void>) => async () => {
    try { await fn(); } catch (e) { void vscode.window.showErrorMessage(`cellspec: ${(e as Error).message}`); }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('cellspec.preview.open', () => ctx.previews.open(activeCellspecEditor())),
    vscode.commands.registerCommand('cellspec.compareWithBase', run(() => compareWithBase(ctx))),
    vscode.commands.registerCommand('cellspec.export.report', run(() => exportReport(ctx))),
    vscode.commands.registerCommand('cellspec.export.protocols', run(() => exportProtocols())),
    vscode.commands.registerCommand('cellspec.analyses.run', run(() => runAnalyses(ctx))),
  );
}
