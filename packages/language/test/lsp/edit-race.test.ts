/**
 * A request that arrives right after an edit is answered from the edited text, never from the
 * parse of the text before it — even when the edit lands while the previous edit's build is
 * still running (the editor asks for inlay hints after every keystroke and does not ask again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  InlayHintRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type InlayHint,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { inMemoryServer } from './in-memory-server.js';

const URI = 'file:///ws/cells.cellspec';

/** Enough cells that a build takes a while, so edits land while one is running. */
function spec(loading: string): string {
  const cells: string[] = [];
  for (let i = 0; i < 40; i++) {
    cells.push(`cell C${i} {
  format pouch single-layer { outline 65 mm x 45 mm }
  electrode-area 20 mm x 20 mm
  cathode { composition { NCM811: 75 wt%, Li6PS5Cl: 22 wt%, VGCF: 3 wt% } loading ${i === 0 ? loading : '20'} mg/cm2 porosity 8 % collector Al 15 um }
  electrolyte-layer Li6PS5Cl { thickness 20 um porosity 10 % }
  anode { composition { NaturalGraphite: 60 wt%, Li6PS5Cl: 40 wt% } loading 12 mg/cm2 collector SUS304 20 um }
  limits { voltage 2.5 V to 4.25 V }
}`);
  }
  return cells.join('\n');
}

let client: ProtocolConnection;
let version = 1;
const published: string[] = [];

beforeAll(async () => {
  client = inMemoryServer();
  client.onNotification(PublishDiagnosticsNotification.method, (p: { uri: string }) => {
    published.push(p.uri);
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {},
  });
  await client.sendNotification(InitializedNotification.type, {});
  await client.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'cellspec', version, text: spec('20') },
  });
  for (let i = 0; i < 400 && !published.includes(URI); i++) await new Promise((r) => setTimeout(r, 25));
}, 60_000);

afterAll(async () => {
  await client.sendRequest(ShutdownRequest.type);
  client.dispose();
});

const range = { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } };
const firstCellHint = (hints: InlayHint[] | null): string => {
  const label = hints?.find((h) => h.position.line <= 1)?.label ?? '';
  return typeof label === 'string' ? label : label.map((p) => p.value).join('');
};

async function edit(loading: string): Promise<void> {
  version++;
  await client.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: URI, version },
    contentChanges: [{ text: spec(loading) }],
  });
}

describe('requests right after an edit', () => {
  it('answers inlay hints from the latest text when edits land during a build', async () => {
    // The second edit arrives at some point of the first one's build (parsing, linking,
    // validating); the request right behind it.
    for (const [i, delay] of [0, 5, 10, 20, 30, 45, 60, 80].entries()) {
      await edit(String(21 + 2 * i));
      await new Promise((r) => setTimeout(r, delay));
      await edit(String(22 + 2 * i));
      const answer = firstCellHint(
        await client.sendRequest(InlayHintRequest.type, { textDocument: { uri: URI }, range }),
      );
      // Once everything has settled, the hints of the latest text.
      await new Promise((r) => setTimeout(r, 300));
      const settled = firstCellHint(
        await client.sendRequest(InlayHintRequest.type, { textDocument: { uri: URI }, range }),
      );
      expect(settled).toMatch(/mAh/);
      expect(answer, `second edit ${delay} ms after the first`).toBe(settled);
    }
  }, 60_000);
});
