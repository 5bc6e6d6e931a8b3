/**
 * cellspec for VS Code: starts the language server, the preview, the status-bar item and the
 * commands. Everything language-aware happens in the server; this side only shows and writes.
 */
import * as vscode from 'vscode';
import { startClient, type CellspecClient } from './client.js';
import { readSettings, type CellspecSettings, type SettingKey } from './settings.js';

let client: CellspecClient | undefined;

function currentSettings(): CellspecSettings {
  const config = vscode.workspace.getConfiguration('cellspec');
  return readSettings((key: SettingKey) => config.get(key));
}

export async function activate(context: vscode.ExtensionContext): Promise<{ firstDiagnostics: Promise<number> }> {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel('cellspec', { log: true });
  context.subscriptions.push(output);
  const starting = startClient(context, output, activatedAt);
  // The preview, status bar and commands (with the units library and the emitters) load while
  // the server process starts, not before it.
  const [{ PreviewManager }, { CellStatusBar }, { registerCommands }, { InlayHintRefresh }] = await Promise.all([
    import('./preview/panel.js'),
    import('./status-bar.js'),
    import('./commands.js'),
    import('./inlay-refresh.js'),
  ]);
  client = await starting;
  output.appendLine(`language server started ${Date.now() - activatedAt} ms after activation`);

  let settings = currentSettings();
  const getSettings = () => settings;
  const previews = new PreviewManager(context, client, getSettings);
  const status = new CellStatusBar(client, getSettings);
  context.subscriptions.push(
    previews,
    status,
    new InlayHintRefresh(client),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('cellspec')) return;
      settings = currentSettings();
      previews.rerender();
      status.schedule(0);
    }),
  );
  registerCommands(context, { client, previews, settings: getSettings, output });
  return { firstDiagnostics: client.firstDiagnostics };
}

export async function deactivate(): Promise<void> {
  await client?.client.stop();
}
