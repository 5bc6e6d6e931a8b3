/**
 * Asks the editor for fresh inlay hints as soon as the server has built an edit of the active
 * document. VS Code's inlay-hint controller re-requests hints no earlier than 1.25 s after a
 * content change and ignores the server's `workspace/inlayHint/refresh` while that request is
 * pending, so the capacity hint lagged every edit by 1.25 s or more (up to the next analysis
 * result), whichever way the text arrived; the server itself answers an edit's hints in tens of
 * milliseconds (`pnpm bench:edit-to-hints`). A change in the set of inlay-hint providers makes
 * the controller query again at once, so registering and disposing an empty provider for the
 * language, once per built edit, is the refresh.
 */
import * as vscode from 'vscode';
import { DocumentsBuiltNotification } from '@cellspec/language/lsp/messages';
import type { CellspecClient } from './client.js';

export class InlayHintRefresh implements vscode.Disposable {
  /** Documents edited since the server last reported them built. */
  private readonly edited = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(client: CellspecClient) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'cellspec' && e.contentChanges.length > 0)
          this.edited.add(e.document.uri.toString());
      }),
      client.onNotification(DocumentsBuiltNotification, (p) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (!active || !this.edited.has(active) || !p.uris.includes(active)) return;
        this.edited.delete(active);
        vscode.languages
          .registerInlayHintsProvider({ language: 'cellspec' }, { provideInlayHints: () => [] })
          .dispose();
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
