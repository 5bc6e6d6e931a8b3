/**
 * `cellspec: Fit Parameters to Measured Data…`: choose cycler CSV files and parameters, fit the
 * cell under the cursor in the language server's model worker (progress in a notification,
 * cancellable), then write the fitted values into the spec (also offered as a quick fix on the cell).
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { FIT_PARAMETER_NAMES, FitRequest, type FitResponse } from '@cellspec/language/lsp/messages';
import type { CommandContext } from './commands.js';

let nextToken = 1;

export async function fitToMeasuredData(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'cellspec') {
    void vscode.window.showInformationMessage('Open a .cellspec file and put the cursor in the cell to fit.');
    return;
  }
  const data = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Fit to these data',
    filters: { 'Cycler data (CSV)': ['csv', 'txt', 'tsv'] },
    ...(editor.document.uri.scheme === 'file' ? { defaultUri: vscode.Uri.joinPath(editor.document.uri, '..') } : {}),
  });
  if (!data || data.length === 0) return;
  const picked = await vscode.window.showQuickPick(FIT_PARAMETER_NAMES, {
    canPickMany: true,
    title: 'Parameters to fit',
    placeHolder: 'an activation energy needs data at more than one temperature',
  });
  if (!picked || picked.length === 0) return;
  const token = `cellspec-fit-${nextToken++}`;
  const response = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fitting', cancellable: true },
    async (progress, cancel): Promise<FitResponse> => {
      let last = 0;
      const listener = ctx.client.client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind !== 'report') return;
        const report = value as WorkDoneProgressReport;
        const percentage = report.percentage ?? last;
        progress.report({ message: report.message ?? '', increment: percentage - last });
        last = percentage;
      });
      try {
        return await ctx.client.request(
          FitRequest,
          {
            uri: editor.document.uri.toString(),
            position: { line: editor.selection.active.line, character: editor.selection.active.character },
            data: data.map((u) => u.toString()),
            parameters: picked,
            workDoneToken: token,
          },
          cancel,
        );
      } finally {
        listener.dispose();
      }
    },
  );
  ctx.output.appendLine(`fit: ${response.message}`);
  if (!response.ok) {
    void vscode.window.showWarningMessage(`Fit failed: ${response.message}`);
    return;
  }
  const values = (response.parameters ?? [])
    .map(
      (p) =>
        `${p.name} ${+p.value.toPrecision(4)} ${p.unit} (95 %: ${+p.lower.toPrecision(3)}…${+p.upper.toPrecision(3)})`,
    )
    .join('; ');
  for (const n of response.notWritten ?? []) ctx.output.appendLine(`fit: not written: ${n}`);
  const choice = await vscode.window.showInformationMessage(`${response.message}. ${values}`, 'Write into the spec');
  if (choice !== 'Write into the spec' || !response.changes) return;
  const edit = new vscode.WorkspaceEdit();
  for (const [uri, changes] of Object.entries(response.changes))
    for (const c of changes)
      edit.replace(
        vscode.Uri.parse(uri),
        new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character),
        c.newText,
      );
  await vscode.workspace.applyEdit(edit);
}
