/**
 * The command "Show Lot Variation and Sweep": the lot of the cell under the cursor and the
 * sweep of its study, from the bundled CLI, shown in the preview (histogram of lot capacity,
 * sweep plot with its Pareto front). It runs models, so it waits for a command, never a keystroke.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../commands.js';
import { variationModel } from '../view-model/variation.js';
import { runVariationReport } from './run.js';

export async function showVariation(ctx: CommandContext, cellName: string | undefined, file: vscode.Uri | undefined) {
  if (!cellName || !file) {
    void vscode.window.showInformationMessage('Open a .cellspec file and put the cursor in a cell first.');
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open the folder that holds the cell and its processes first.');
    return;
  }
  const cli = join(__dirname, 'cli', 'cellspec.mjs');
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Lot variation and sweep of ${cellName}`,
      cancellable: true,
    },
    (_progress, token) => runVariationReport(cli, folder.uri.fsPath, token),
  );
  if (outcome.error === 'cancelled') return;
  if (!outcome.records) {
    void vscode.window.showErrorMessage(`cellspec: ${outcome.error ?? 'no report'}`);
    return;
  }
  ctx.previews.showVariation(variationModel(outcome.records, cellName));
}
