/**
 * `cellspec/fit` over LSP: the server reads the measured data next to the spec, fits in the
 * analysis worker with progress on the request's token, answers with the values and the edit,
 * offers the same edit as a quick fix on the cell, and a cancelled request stops the fit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  CodeActionRequest,
  createConnection,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { FIT_PARAMETERS, parametersFromCell, replay, segmentCurrent } from '@cellspec/physics';
import { createCellSpecServices, resolveDocument } from '../../src/index.js';
import { registerAnalyses } from '../../src/analysis/index.js';
import { registerFit } from '../../src/lsp/fit.js';
import { FIT_PARAMETER_NAMES, FitRequest, type FitResponse } from '../../src/lsp/messages.js';
import { registerPreviewData } from '../../src/lsp/preview-data.js';
import { parseHelper } from 'langium/test';
import type { Spec } from '../../src/generated/ast.js';

const ROOT = join(import.meta.dirname, '../../../..');
const WORKER = { file: new URL('../../src/analysis/worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
const TRUTH = 20e-4; // Ω·m², the cell's interfacial resistance
// Standard battery 2.1 with its materials in the same file (this server reads no imports).
const TEXT =
  readFileSync(join(ROOT, 'examples/materials/programme-materials.cellspec'), 'utf8').replace(/^library .*$/m, '') +
  readFileSync(join(ROOT, 'examples/cells/standard-battery-2-1.cellspec'), 'utf8').replace(/^import .*$/m, '');

let client: ProtocolConnection;
let uri: string;
const progress: unknown[] = [];
let cancelAtBegin = () => {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-lsp-fit-'));
  uri = `file://${join(dir, 'sb21.cellspec')}`;
  // Synthetic data from the same cell (reduced model, noise-free): a rest, a 2C pulse, its relaxation.
  const services = createCellSpecServices(EmptyFileSystem).CellSpec;
  const cell = resolveDocument(services, await parseHelper<Spec>(services)(TEXT)).ir.cells.find(
    (c) => c.name === 'SB21',
  )!;
  const truth = FIT_PARAMETERS.find((d) => d.name === 'interface-resistance')!.set(
    parametersFromCell(cell).parameters!,
    TRUTH,
  );
  const time = Array.from({ length: 42 }, (_, i) => i * 5);
  const current = time.map((t) => (t >= 30 && t < 90 ? 2 * truth.oneCCurrent : 0));
  const draft = { label: 'd', time, current, voltage: time.map(() => 0) };
  const voltage = replay(truth, draft, segmentCurrent(draft), 0.5, { model: 'reduced' }).voltage;
  writeFileSync(
    join(dir, 'pulse.csv'),
    ['time (s),current (A),voltage (V)', ...time.map((t, i) => `${t},${current[i]},${voltage[i]}`)].join('\n'),
  );

  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const { shared, CellSpec } = createCellSpecServices({ connection, ...EmptyFileSystem });
  registerPreviewData(connection, shared, CellSpec);
  registerFit(connection, shared, CellSpec);
  startLanguageServer(shared);
  registerAnalyses(connection, shared, CellSpec, WORKER);
  client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  let published = false;
  client.onNotification(PublishDiagnosticsNotification.method, () => {
    published = true;
  });
  client.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
    progress.push(p);
    if (p.token === 'fit-cancel' && p.value.kind === 'begin') cancelAtBegin();
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { window: { workDoneProgress: true } },
  });
  await client.sendNotification(InitializedNotification.type, {});
  await client.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'cellspec', version: 1, text: TEXT },
  });
  for (let i = 0; i < 400 && !published; i++) await new Promise((r) => setTimeout(r, 25));
}, 60_000);

afterAll(() => client.dispose());

describe('cellspec/fit', () => {
  it("the client's parameter picker lists exactly the fit-parameter table", () => {
    expect([...FIT_PARAMETER_NAMES].sort()).toEqual(FIT_PARAMETERS.map((d) => d.name).sort());
  });

  it('fits in the worker with progress, returns the edit and offers it as a quick fix', async () => {
    const response: FitResponse = await client.sendRequest(FitRequest.method, {
      uri,
      cell: 'SB21',
      data: ['pulse.csv'],
      parameters: ['interface-resistance'],
      initialSoc: [0.5],
      model: 'reduced',
      workDoneToken: 'fit-1',
    });
    expect(response.message).toMatch(/^SB21: RMSE/);
    expect(response.ok).toBe(true);
    // The spec's interface-resistance is the model's series value, in Ω·cm².
    expect(response.parameters![0]!.value / (TRUTH * 1e4) - 1).toBeCloseTo(0, 3);
    const changes = response.changes![uri]!;
    expect(changes).toHaveLength(1);
    expect(changes[0]!.newText).toMatch(/interface-resistance 20(\.0+)? Ω·cm² source "fitted to pulse\.csv \(/);
    const kinds = progress.map((p) => (p as { token: string; value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('report');
    expect(kinds.at(-1)).toBe('end');

    const cellLine = TEXT.split('\n').findIndex((l) => l.startsWith('cell SB21'));
    const actions = (await client.sendRequest(CodeActionRequest.method, {
      textDocument: { uri },
      range: { start: { line: cellLine, character: 0 }, end: { line: cellLine, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const write = actions.find((a) => a.title.startsWith('Write the fitted interface-resistance'));
    expect(write?.edit?.changes?.[uri]).toEqual(changes);
  }, 60_000);

  it('a cancelled request stops the fit', async () => {
    const source = new CancellationTokenSource();
    const pending = client.sendRequest(
      FitRequest.method,
      {
        uri,
        cell: 'SB21',
        data: ['pulse.csv'],
        parameters: ['interface-resistance', 'cathode.diffusivity'],
        initialSoc: [0.5],
        workDoneToken: 'fit-cancel',
      },
      source.token,
    ) as Promise<FitResponse>;
    // Cancel as the fit begins (its progress 'begin'): a timer would race a fit that a fast
    // machine finishes first; a fit takes many simulations, a cancellation one message.
    cancelAtBegin = () => source.cancel();
    // The server answers (it does not drop the request): the worker stopped between time steps.
    expect(await pending).toEqual({ ok: false, message: 'the fit was cancelled' });
  }, 60_000);
});
