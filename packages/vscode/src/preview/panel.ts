/**
 * The preview to the side (one panel, like Markdown's): follows the active cellspec editor and
 * the cell under its cursor, and redraws in place when the server has rebuilt the document.
 * Stale answers are dropped by sequence number, so fast typing never shows an older state.
 */
import * as vscode from 'vscode';
import { DocumentsBuiltNotification, PreviewDataRequest, type PreviewData } from '@cellspec/language/lsp/messages';
import type { CellspecClient } from '../client.js';
import type { CellspecSettings } from '../settings.js';
import { buildPreviewModel } from '../view-model/preview-model.js';
import type { FromWebview, ToWebview } from '../view-model/types.js';
import type { VariationViewModel } from '../view-model/variation.js';
import { makeNonce, previewHtml } from './html.js';

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The file the preview follows. */
  source: vscode.Uri | undefined;
  /** The last lot-variation section shown (sent again when the webview reloads). */
  private variation: ToWebview | undefined;
  private position: vscode.Position | undefined;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastMessage: ToWebview | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last data shown, for commands that act on "the previewed cell". */
  lastData: PreviewData | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: CellspecClient,
    private readonly settings: () => CellspecSettings,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'cellspec' && this.panel) this.follow(editor, 0);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.panel || e.textEditor.document.uri.toString() !== this.source?.toString()) return;
        if (this.settings().followCursor) this.follow(e.textEditor, 120);
      }),
      client.onNotification(DocumentsBuiltNotification, (p) => {
        if (this.panel && this.source && p.uris.includes(this.source.toString())) this.schedule(0);
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens (or reveals) the preview beside the editor, for that editor's document and cursor. */
  open(editor: vscode.TextEditor | undefined): void {
    if (editor) {
      this.source = editor.document.uri;
      this.position = editor.selection.active;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.schedule(0);
      return;
    }
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      'cellspec.preview',
      'cellspec preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        enableCommandUris: false,
        // Only the bundled script and stylesheet may be loaded into the webview.
        localResourceRoots: [dist],
      },
    );
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.context.extensionUri, 'images', 'cellspec-light.svg'),
      dark: vscode.Uri.joinPath(this.context.extensionUri, 'images', 'cellspec-dark.svg'),
    };
    const webview = panel.webview;
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.disposables);
    panel.onDidDispose(
      () => {
        this.panel = undefined;
        this.lastMessage = undefined;
      },
      undefined,
      this.disposables,
    );
    this.panel = panel;
    this.schedule(0);
  }

  /** Sends the webview to a section, e.g. the variant comparison. */
  focus(section: 'comparison' | 'charts' | 'cross-section' | 'variation'): void {
    void this.panel?.webview.postMessage({ type: 'focus', section } satisfies ToWebview);
  }

  /** Re-renders with current settings (units, basis) without asking the server again. */
  rerender(): void {
    if (this.lastData) this.post({ type: 'render', model: buildPreviewModel(this.lastData, this.settings()) });
  }

  private follow(editor: vscode.TextEditor, delay: number): void {
    this.source = editor.document.uri;
    this.position = editor.selection.active;
    this.schedule(delay);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<PreviewData | undefined> {
    if (!this.panel || !this.source) return undefined;
    const seq = ++this.seq;
    let data: PreviewData | undefined;
    try {
      data = await this.client.request(PreviewDataRequest, {
        uri: this.source.toString(),
        ...(this.position ? { position: { line: this.position.line, character: this.position.character } } : {}),
      });
    } catch (e) {
      if (seq === this.seq)
        this.post({
          type: 'render',
          model: {
            ...buildPreviewModel(undefined, this.settings()),
            banner: `The language server did not answer: ${(e as Error).message}`,
          },
        });
      return undefined;
    }
    if (seq !== this.seq || !this.panel) return undefined;
    this.lastData = data;
    this.panel.title = data.cell ? `Preview ${data.cell.name}` : 'cellspec preview';
    this.post({ type: 'render', model: buildPreviewModel(data, this.settings()) });
    return data;
  }

  private post(message: ToWebview): void {
    this.lastMessage = message;
    void this.panel?.webview.postMessage(message);
  }

  /** Shows a cell's lot variation and sweep (`variation/command.ts`) in its own section. */
  showVariation(model: VariationViewModel): void {
    this.variation = { type: 'variation', model };
    void this.panel?.webview.postMessage(this.variation);
    this.focus('variation');
  }

  private onMessage(m: FromWebview): void {
    if (m.type === 'ready' && this.lastMessage) void this.panel?.webview.postMessage(this.lastMessage);
    if (m.type === 'ready' && this.variation) void this.panel?.webview.postMessage(this.variation);
    if (m.type === 'reveal-line' && this.source) {
      const line = m.line;
      void vscode.window.showTextDocument(this.source, {
        viewColumn: vscode.ViewColumn.One,
        selection: new vscode.Range(line, 0, line, 0),
      });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
