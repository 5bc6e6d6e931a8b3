/**
 * The palette and editor-title commands. Exports need a trusted workspace and write where the
 * user chooses, with progress; commands whose backend is missing say so plainly.
 */
import * as vscode from 'vscode';
import { writeFilesAtomic } from '@cellspec/emit/write';
import {
  ExpandedPlansRequest,
  PreviewDataRequest,
  ProtocolFilesRequest,
  RunAnalysesRequest,
  type PreviewData,
} from '@cellspec/language/lsp/messages';
import type { CellspecClient } from './client.js';
import type { PreviewManager } from './preview/panel.js';
import { showVariation } from './variation/command.js';
import type { CellspecSettings } from './settings.js';
import { PROTOCOL_CHOICES, protocolFileFromData, refusalMessage } from './exports/protocol-choices.js';
import { reportCsv, reportJson, type ReportFormat } from './view-model/report.js';
import { guarded, type ExportKind } from './exports/registry.js';
import { DOCUMENTS_FOLDER, runDocumentBuild } from './exports/documents.js';
import { join } from 'node:path';
import { fitToMeasuredData } from './fit.js';

/** The server's answer for a file without plans (`expandedPlansOf`). */
const NO_TEST_PLAN = 'this file has no test-plan';

export interface CommandContext {
  readonly client: CellspecClient;
  readonly previews: PreviewManager;
  readonly settings: () => CellspecSettings;
  readonly output: vscode.LogOutputChannel;
}

function activeCellspecEditor(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  return e?.document.languageId === 'cellspec' ? e : undefined;
}

export async function cellUnderCursor(ctx: CommandContext): Promise<PreviewData | undefined> {
  const editor = activeCellspecEditor();
  if (!editor) {
    if (ctx.previews.lastData) return ctx.previews.lastData;
    void vscode.window.showInformationMessage('Open a .cellspec file and put the cursor in a cell first.');
    return undefined;
  }
  const p = editor.selection.active;
  return ctx.client.request(PreviewDataRequest, {
    uri: editor.document.uri.toString(),
    position: { line: p.line, character: p.character },
  });
}

function refuseUntrusted(doing: string): void {
  void vscode.window
    .showWarningMessage(
      `${doing} writes files, which needs a trusted workspace. Trust this folder to export.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
}

/**
 * Where an export goes by default: `<exports folder>/<kind>` (setting `cellspec.exports.folder`,
 * default `out`) under the workspace folder of the active spec, created if missing, so exports
 * never litter the sources.
 */
async function defaultFolder(ctx: CommandContext, kind: 'protocols' | 'reports'): Promise<vscode.Uri | undefined> {
  const editor = activeCellspecEditor();
  const root =
    (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri) ??
    vscode.workspace.workspaceFolders?.[0]?.uri ??
    (editor?.document.uri.scheme === 'file' ? vscode.Uri.joinPath(editor.document.uri, '..') : undefined);
  if (!root) return undefined;
  const folder = vscode.Uri.joinPath(root, ...ctx.settings().exportsFolder.split('/'), kind);
  try {
    await vscode.workspace.fs.createDirectory(folder);
    return folder;
  } catch {
    return root; // a read-only workspace: the dialog starts at its root
  }
}

async function exportReport(ctx: CommandContext): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'JSON',
        description: 'figures in SI and display units, targets, the resolved cell',
        format: 'json' as ReportFormat,
      },
      { label: 'CSV', description: 'one row per figure in your preferred units', format: 'csv' as ReportFormat },
    ],
    { title: 'Export design report', placeHolder: 'Format' },
  );
  if (!pick) return;
  const data = await cellUnderCursor(ctx);
  if (!data) return;
  if (!data.cell) {
    void vscode.window.showErrorMessage(
      data.status === 'errors'
        ? 'The spec has errors and no cell resolved; fix them and export again.'
        : 'There is no cell at the cursor to report on.',
    );
    return;
  }
  const folder = await defaultFolder(ctx, 'reports');
  const target = await vscode.window.showSaveDialog({
    title: `Save the design report of ${data.cell.name}`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${data.cell.name}-design.${pick.format}`) } : {}),
    filters: pick.format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
  if (!target) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting the design report of ${data.cell.name}` },
    async () => {
      const text = pick.format === 'json' ? reportJson(data, ctx.settings()) : reportCsv(data, ctx.settings());
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    },
  );
  void vscode.window.showInformationMessage(`Design report written to ${vscode.workspace.asRelativePath(target)}.`);
}

async function exportProtocols(ctx: CommandContext): Promise<void> {
  const editor = activeCellspecEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open a .cellspec file with a `test-plan` first.');
    return;
  }
  // What there is to export is known before a format is asked for.
  const { plans, errors } = await ctx.client.request(ExpandedPlansRequest, { uri: editor.document.uri.toString() });
  if (plans.length === 0 && errors.includes(NO_TEST_PLAN)) {
    void vscode.window.showInformationMessage(
      `${vscode.workspace.asRelativePath(editor.document.uri)} has no test-plan to export; open the file that declares the plan (\`test-plan … for <cell>\`).`,
    );
    return;
  }
  if (errors.length) {
    void vscode.window.showErrorMessage(refusalMessage(errors));
    return;
  }
  const choice = await vscode.window.showQuickPick(
    PROTOCOL_CHOICES.map((f) => ({ label: f.label, detail: f.detail, format: f.id })),
    { title: 'Export test protocols', placeHolder: 'Cycler format' },
  );
  if (!choice) return;
  // The server emits (the emitters live there); nothing is asked of the user before it has.
  const emitted = await ctx.client.request(ProtocolFilesRequest, {
    uri: editor.document.uri.toString(),
    format: choice.format,
  });
  if (emitted.errors.length) {
    void vscode.window.showErrorMessage(refusalMessage(emitted.errors));
    return;
  }
  const start = await defaultFolder(ctx, 'protocols');
  const folder = await vscode.window.showOpenDialog({
    title: `Folder for the ${choice.label} files`,
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Export here',
    ...(start ? { defaultUri: start } : {}),
  });
  const target = folder?.[0];
  if (!target) return;
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Writing ${choice.label} files`, cancellable: false },
    async (progress) => {
      // Everything is emitted before anything is written, so a failure leaves no partial set on disk.
      const result = { ...emitted, files: emitted.files.map(protocolFileFromData) };
      progress.report({ message: `${result.files.length} files`, increment: 50 });
      if (target.scheme === 'file') {
        writeFilesAtomic(target.fsPath, result.files);
      } else {
        for (const f of result.files)
          await vscode.workspace.fs.writeFile(
            vscode.Uri.joinPath(target, f.name),
            typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content,
          );
      }
      progress.report({ increment: 50 });
      return result;
    },
  );
  for (const s of written.summaries) ctx.output.info(`protocols: ${s}`);
  for (const n of written.notes) ctx.output.warn(`protocols: ${n.plan} / ${n.test}: ${n.message}`);
  const notes = written.notes.length
    ? ` ${written.notes.length} note${written.notes.length === 1 ? '' : 's'} on what the format cannot say are in the cellspec output.`
    : '';
  void vscode.window.showInformationMessage(
    `Wrote ${written.files.length} ${choice.label} file${written.files.length === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}.${notes}`,
  );
}

async function compareWithBase(ctx: CommandContext): Promise<void> {
  const data = await cellUnderCursor(ctx);
  if (!data) return;
  if (!data.cell) {
    void vscode.window.showInformationMessage(
      'Put the cursor in a `variant … of …` block to compare it with its base.',
    );
    return;
  }
  if (!data.cell.base) {
    void vscode.window.showInformationMessage(
      `${data.cell.name} is not a variant, so it has no base to compare with. Put the cursor in a \`variant … of ${data.cell.name}\` block.`,
    );
    return;
  }
  ctx.previews.open(activeCellspecEditor());
  await ctx.previews.refresh();
  ctx.previews.focus('comparison');
}

async function runAnalyses(ctx: CommandContext): Promise<void> {
  const editor = activeCellspecEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open a .cellspec file with an `analyses { … }` block first.');
    return;
  }
  const settings = ctx.settings();
  if (!settings.analyses.enabled) {
    void vscode.window.showInformationMessage('Analyses are switched off (setting cellspec.analyses.enabled).');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Starting analyses' },
    () =>
      ctx.client.request(RunAnalysesRequest, {
        uri: editor.document.uri.toString(),
        position: { line: editor.selection.active.line, character: editor.selection.active.character },
        modelFidelity: settings.analyses.modelFidelity,
      }),
  );
  if (!result.started) void vscode.window.showWarningMessage(result.message ?? 'The analyses could not be started.');
  else
    void vscode.window.showInformationMessage(
      result.message ?? 'Analyses started; the preview shows the curves when they finish.',
    );
}

/** Builds the controlled documents of the workspace folder of the active file (or the first folder). */
async function buildDocuments(ctx: CommandContext): Promise<void> {
  const editor = activeCellspecEditor();
  const folder =
    (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open a folder with .cellspec files to build its documents.');
    return;
  }
  // The CLI bundle ships beside the extension's own bundle (dist/cli), with the document font.
  const cli = join(__dirname, 'cli', 'cellspec.mjs');
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Building documents', cancellable: true },
    (progress, token) =>
      runDocumentBuild(cli, folder.uri.fsPath, (number) => progress.report({ message: number }), token),
  );
  if (outcome.stderr.trim()) ctx.output.warn(`documents: ${outcome.stderr.trim()}`);
  if (outcome.summary) ctx.output.info(`documents: ${outcome.summary}`);
  const out = vscode.Uri.joinPath(folder.uri, ...DOCUMENTS_FOLDER.split(/[\\/]/));
  if (outcome.built.length === 0) {
    void vscode.window.showErrorMessage(
      `No document was built: ${outcome.stderr.trim().split('\n')[0] ?? 'see the cellspec output'}`,
    );
    return;
  }
  const problems = outcome.code === 0 ? '' : ' Some files were not built; the cellspec output says why.';
  const choice = await vscode.window.showInformationMessage(
    `Built ${outcome.built.length} document${outcome.built.length === 1 ? '' : 's'} into ${vscode.workspace.asRelativePath(out)}.${problems}`,
    'Open Register',
    'Reveal Folder',
  );
  if (choice === 'Open Register') await vscode.env.openExternal(vscode.Uri.joinPath(out, 'register.html'));
  else if (choice === 'Reveal Folder') await vscode.commands.executeCommand('revealFileInOS', out);
}

/** The exports: each needs a trusted workspace (and has its command in package.json). */
export const EXPORTS: readonly ExportKind<CommandContext>[] = [
  { command: 'cellspec.export.protocols', doing: 'Exporting test protocols', run: exportProtocols },
  { command: 'cellspec.export.report', doing: 'Exporting the design report', run: exportReport },
  { command: 'cellspec.documents.build', doing: 'Building documents', run: buildDocuments },
];

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  const run = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (e) {
      void vscode.window.showErrorMessage(`cellspec: ${(e as Error).message}`);
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('cellspec.preview.open', () => ctx.previews.open(activeCellspecEditor())),
    vscode.commands.registerCommand(
      'cellspec.compareWithBase',
      run(() => compareWithBase(ctx)),
    ),
    ...EXPORTS.map((e) =>
      vscode.commands.registerCommand(
        e.command,
        run(() => guarded(e, () => vscode.workspace.isTrusted, refuseUntrusted)(ctx)),
      ),
    ),
    vscode.commands.registerCommand(
      'cellspec.analyses.run',
      run(() => runAnalyses(ctx)),
    ),
    vscode.commands.registerCommand(
      'cellspec.fit',
      run(() => fitToMeasuredData(ctx)),
    ),
    vscode.commands.registerCommand(
      'cellspec.preview.variation',
      run(async () => {
        const data = await cellUnderCursor(ctx);
        const file = activeCellspecEditor()?.document.uri ?? ctx.previews.source;
        if (data?.cell && !ctx.previews.isOpen) ctx.previews.open(activeCellspecEditor());
        await showVariation(ctx, data?.cell?.name, file);
      }),
    ),
  );
}
