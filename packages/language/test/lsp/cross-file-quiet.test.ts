/**
 * Quiet diagnostics across files, through the protocol: a unit typo typed into a materials file
 * is reported once, where it is; the cell file that uses the material and the test-plan file
 * that tests the cell each say "not computed because …" instead of their own warnings and
 * errors, and all of it goes away when the typo is corrected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { inMemoryServer } from './in-memory-server.js';

const EXAMPLES = join(import.meta.dirname, '../../../../examples');
const FILES = {
  materials: 'materials/programme-materials.cellspec',
  cell: 'cells/standard-battery-2-1.cellspec',
  plans: 'test-plans/sb21-test-plans.cellspec',
};
const uri = (path: string) => `file:///ws/${path}`;
const MATERIALS = readFileSync(join(EXAMPLES, FILES.materials), 'utf8');
const TYPO = MATERIALS.replace('specific-capacity 155 mAh/g ', 'specific-capacity 155 mAh/gg ');
const TYPO_LINE = TYPO.split('\n').findIndex((l) => l.includes('mAh/gg')) + 1;

let client: ProtocolConnection;
const latest = new Map<string, { diagnostics: Diagnostic[] }>();

/** `severity code` of a file's latest diagnostics, sorted. */
const summary = (path: string) =>
  (latest.get(uri(path))?.diagnostics ?? [])
    .map((d) => `${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1]} ${String(d.code)}`)
    .sort();

/** Waits until `ready` holds of the latest diagnostics (20 s at most: a full build of three files takes ~2 s). */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 800 && !ready(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ready()) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(Object.fromEntries(latest))}`);
}

let version = 1;
async function setMaterials(text: string): Promise<void> {
  version++;
  await client.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri(FILES.materials), version },
    contentChanges: [{ text }],
  });
}

beforeAll(async () => {
  client = inMemoryServer();
  client.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, { diagnostics: p.diagnostics });
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {},
  });
  await client.sendNotification(InitializedNotification.type, {});
  for (const path of Object.values(FILES))
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri: uri(path),
        languageId: 'cellspec',
        version: 1,
        text: readFileSync(join(EXAMPLES, path), 'utf8'),
      },
    });
  await until(() => Object.values(FILES).every((p) => latest.has(uri(p))), 'the first diagnostics');
}, 30_000);

afterAll(async () => {
  await client.sendRequest(ShutdownRequest.type);
  client.dispose();
});

describe('a unit typo in a materials file', () => {
  let clean: Record<string, string[]>;

  it('starts from files without errors or warnings', () => {
    clean = Object.fromEntries(Object.entries(FILES).map(([k, p]) => [k, summary(p)]));
    for (const list of Object.values(clean)) expect(list.filter((d) => /^(error|warning)/.test(d))).toEqual([]);
  });

  it('is reported once; the cell and its test plans say why they are not computed', async () => {
    await setMaterials(TYPO);
    await until(
      () => summary(FILES.cell).includes('info not-computed') && summary(FILES.plans).includes('info not-computed'),
      'the dependents to be quieted',
    );
    expect(summary(FILES.materials).filter((d) => /^(error|warning)/.test(d))).toEqual(['error unknown-unit']);
    expect(latest.get(uri(FILES.materials))!.diagnostics.find((d) => d.severity === 1)!.range.start.line + 1).toBe(
      TYPO_LINE,
    );
    expect(summary(FILES.cell).filter((d) => /^(error|warning)/.test(d))).toEqual([]);
    expect(summary(FILES.plans).filter((d) => /^(error|warning)/.test(d))).toEqual([]);
    const cellNotes = latest.get(uri(FILES.cell))!.diagnostics.filter((d) => d.code === 'not-computed');
    expect(cellNotes.map((d) => d.message)).toEqual([
      `design figures of SB21 not computed because of the error in ../materials/programme-materials.cellspec on line ${TYPO_LINE} ('mAh/gg' is not a unit cellspec knows)`,
    ]);
    // No design-incomplete or model-readiness notes of SB21 beside its one note.
    expect(summary(FILES.cell).filter((d) => /design-incomplete|model-readiness/.test(d))).toEqual([]);
    const planNotes = latest.get(uri(FILES.plans))!.diagnostics.filter((d) => d.code === 'not-computed');
    expect(planNotes.length).toBeGreaterThan(0);
    for (const n of planNotes)
      expect(n.message).toMatch(/^not computed because cell SB21 is not: the error in \.\.\/materials/);
  });

  it('leaves no trace once corrected', async () => {
    await setMaterials(MATERIALS);
    await until(
      () => !summary(FILES.cell).includes('info not-computed') && !summary(FILES.plans).includes('info not-computed'),
      'the notes to go',
    );
    await until(() => summary(FILES.materials).every((d) => !d.startsWith('error')), 'the typo to go');
    expect(Object.fromEntries(Object.entries(FILES).map(([k, p]) => [k, summary(p)]))).toEqual(clean);
  });
});
