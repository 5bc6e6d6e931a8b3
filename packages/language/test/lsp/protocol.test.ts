/**
 * The editor features through the Language Server Protocol itself: a client and the cellspec
 * server talk JSON-RPC over in-memory streams, as VS Code does over stdio. Checks that every
 * feature is advertised and answers for an opened document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { inMemoryServer } from './in-memory-server.js';

const URI = 'file:///ws/sb21.cellspec';
const TEXT = `material NCM811x cathode-active "正極" { density 4.7 g/cm3 }
cell SB21 "標準電池 2.1" {
cathode { composition { NCM811x: 97 wt%, VGCF: 3 wt% } loading 20 mg/cm2 }
}
`;

let client: ProtocolConnection;
let init: InitializeResult;
const diagnostics: PublishDiagnosticsParams[] = [];
const textDocument = { uri: URI };

beforeAll(async () => {
  client = inMemoryServer();
  client.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
    diagnostics.push(p);
  });
  client.listen();
  init = await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      textDocument: {
        semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
      },
    },
  });
  await client.sendNotification(InitializedNotification.type, {});
  await client.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'cellspec', version: 1, text: TEXT },
  });
  // The document is built once its diagnostics are published.
  for (let i = 0; i < 200 && !diagnostics.some((d) => d.uri === URI); i++) await new Promise((r) => setTimeout(r, 25));
});

afterAll(async () => {
  await client.sendRequest(ShutdownRequest.type);
  client.dispose();
});

describe('the language server over LSP', () => {
  it('advertises every editor feature', () => {
    const c = init.capabilities;
    expect(c.hoverProvider).toBeTruthy();
    expect(c.completionProvider).toBeTruthy();
    expect(c.definitionProvider).toBeTruthy();
    expect(c.referencesProvider).toBeTruthy();
    expect(c.renameProvider).toBeTruthy();
    expect(c.documentSymbolProvider).toBeTruthy();
    expect(c.foldingRangeProvider).toBeTruthy();
    expect(c.documentFormattingProvider).toBeTruthy();
    expect(c.semanticTokensProvider?.legend.tokenTypes).toEqual(
      expect.arrayContaining(['class', 'number', 'enumMember', 'property', 'function']),
    );
  });

  it('answers hover, completion, definition, references and rename', async () => {
    const hover = await client.sendRequest(HoverRequest.type, { textDocument, position: { line: 2, character: 27 } });
    expect(JSON.stringify(hover?.contents)).toContain('**material** `NCM811x`');
    const completion = await client.sendRequest(CompletionRequest.type, {
      textDocument,
      position: { line: 2, character: TEXT.split('\n')[2]!.indexOf('20 mg') + 3 },
    });
    const labels = (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((i) => i.label);
    expect(labels.slice(0, 2)).toEqual(['mg/cm²', 'mAh/cm²']);
    const definition = await client.sendRequest(DefinitionRequest.type, {
      textDocument,
      position: { line: 2, character: 27 },
    });
    expect(JSON.stringify(definition)).toContain('"targetSelectionRange":{"start":{"line":0,"character":9}');
    const references = await client.sendRequest(ReferencesRequest.type, {
      textDocument,
      position: { line: 0, character: 10 },
      context: { includeDeclaration: true },
    });
    expect(references?.length).toBe(2);
    const rename = await client.sendRequest(RenameRequest.type, {
      textDocument,
      position: { line: 0, character: 10 },
      newName: 'NCM811-B',
    });
    expect(rename?.changes?.[URI]?.length).toBe(2);
  });

  it('answers outline, folding, formatting and semantic tokens', async () => {
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument });
    expect(symbols?.map((s) => s.name)).toEqual(['NCM811x', 'SB21']);
    const folding = await client.sendRequest(FoldingRangeRequest.type, { textDocument });
    expect(folding).toEqual([{ startLine: 1, endLine: 2 }]);
    const edits = await client.sendRequest(DocumentFormattingRequest.type, {
      textDocument,
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits?.length).toBeGreaterThan(0);
    const tokens = await client.sendRequest(SemanticTokensRequest.type, { textDocument });
    expect(tokens?.data.length).toBeGreaterThan(0);
  });

  it('refuses a rename to a keyword with a message for the engineer', async () => {
    await expect(
      client.sendRequest(RenameRequest.type, {
        textDocument,
        position: { line: 0, character: 10 },
        newName: 'porosity',
      }),
    ).rejects.toThrow(/'porosity' is a word of the language/);
  });
});
