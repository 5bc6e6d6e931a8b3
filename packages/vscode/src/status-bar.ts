/**
 * The status-bar item: the active cell's capacity and energy density on the user's default basis.
 * Refreshes on cursor moves (debounced) and whenever the server has rebuilt documents.
 */
import * as vscode from 'vscode';
import { DocumentsBuiltNotification, PreviewDataRequest } from '@cellspec/language/lsp/messages';
import type { CellspecClient } from './client.js';
import type { CellspecSettings } from './settings.js';
import { statusText } from './view-model/status.js';

export class CellStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cellspec.cell', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly client: CellspecClient,
    private readonly settings: () => CellspecSettings,
  ) {
    this.item.name = 'cellspec cell';
    this.item.command = 'cellspec.preview.open';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(150);
      }),
      client.onNotification(DocumentsBuiltNotification, (p) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && p.uris.includes(uri)) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'cellspec') {
      this.item.hide();
      return;
    }
    const seq = ++this.seq;
    try {
      const data = await this.client.request(PreviewDataRequest, {
        uri: editor.document.uri.toString(),
        position: { line: editor.selection.active.line, character: editor.selection.active.character },
      });
      if (seq !== this.seq) return;
      const s = statusText(data, this.settings());
      if (!s) {
        this.item.hide();
        return;
      }
      this.item.text = `$(circuit-board) ${s.text}`;
      this.item.tooltip = s.tooltip;
      this.item.show();
    } catch {
      if (seq === this.seq) this.item.hide();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
