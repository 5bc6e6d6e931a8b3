/**
 * The client asks the editor for fresh inlay hints once per edit the server has built, and only
 * for the active document: `registerInlayHintsProvider(…).dispose()` is what makes VS Code query
 * again at once (see src/inlay-refresh.ts). The editor API is a stand-in that records calls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const editor = vi.hoisted(() => ({
  active: 'file:///ws/sb21.cellspec',
  changeListeners: [] as Array<(e: unknown) => void>,
  registrations: 0,
}));

vi.mock('vscode', () => ({
  workspace: {
    onDidChangeTextDocument: (listener: (e: unknown) => void) => {
      editor.changeListeners.push(listener);
      return { dispose: () => undefined };
    },
  },
  window: {
    get activeTextEditor() {
      return { document: { uri: { toString: () => editor.active } } };
    },
  },
  languages: {
    registerInlayHintsProvider: () => {
      editor.registrations++;
      return { dispose: () => undefined };
    },
  },
}));

const { InlayHintRefresh } = await import('../src/inlay-refresh.js');

describe('inlay-hint refresh after a built edit', () => {
  let built: (p: { uris: string[] }) => void;
  const edit = (uri: string) =>
    editor.changeListeners.forEach((l) =>
      l({ document: { languageId: 'cellspec', uri: { toString: () => uri } }, contentChanges: [{ text: '5' }] }),
    );

  beforeEach(() => {
    editor.changeListeners.length = 0;
    editor.registrations = 0;
    const client = {
      onNotification: (_: unknown, handler: (p: { uris: string[] }) => void) => {
        built = handler;
        return { dispose: () => undefined };
      },
    };
    new InlayHintRefresh(client as never);
  });

  it('refreshes once when the edited active document is built', () => {
    edit(editor.active);
    built({ uris: [editor.active, 'file:///ws/other.cellspec'] });
    expect(editor.registrations).toBe(1);
    // A later build without a new edit (an analysis result) leaves the hints to the server's refresh.
    built({ uris: [editor.active] });
    expect(editor.registrations).toBe(1);
  });

  it('does nothing for builds without an edit, or of other documents', () => {
    built({ uris: [editor.active] });
    edit('file:///ws/other.cellspec');
    built({ uris: ['file:///ws/other.cellspec'] });
    expect(editor.registrations).toBe(0);
  });
});
