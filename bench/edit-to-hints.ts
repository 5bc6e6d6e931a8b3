/**
 * Edit → refreshed inlay hints and status-bar figures, on both ways text reaches the server:
 *
 *   npx -y pnpm@12.4.2 run bench:edit-to-hints [-- --rounds 12]
 *
 * The real server process (with its analysis worker) over stdio, on the editor tests' workspace
 * (test/e2e/workspace/sb21.cellspec: a cell with targets, a variant, a test plan and analyses).
 * Each round rewrites the cathode loading (12 ↔ 14 mg/cm², 7.02 ↔ 8.19 mAh) either as keystrokes
 * (one `didChange` per character, 5 ms apart, as `page.keyboard.type` sends them) or as one
 * insertion of the whole text (one `didChange` with a multi-character replacement: IME
 * composition, paste). The clock starts when the last change is sent and stops when
 *   - an inlay-hint request sent at once answers with the new capacity (a client that asks right
 *     after the edit; the server holds the request until the edit is built),
 *   - the preview-data request (the status bar's) answers with the new capacity,
 *   - the server publishes diagnostics for that version.
 * Prints medians per path. Goal: < 300 ms from edit to refreshed hints on either path.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, LspSession, median } from '../test/scale/lsp-client.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--rounds');
const ROUNDS = at >= 0 ? Number(argv[at + 1]) : 12;
const VALUES = ['loading 12 mg/cm2', 'loading 14 mg/cm2'] as const;
/** 12 mg/cm² × 75 wt% × 195 mAh/g × 4 cm² = 7.02 mAh; 14 mg/cm² gives 8.19 mAh. */
const HINTS = ['7.02 mAh', '8.19 mAh'] as const;
const CAPACITY_C = [7.02 * 3.6, 8.19 * 3.6] as const;

interface Hint {
  label: string | { value: string }[];
}
const labelOf = (h: Hint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  await buildServer();
  const root = mkdtempSync(join(tmpdir(), 'cellspec-edit-hints-'));
  cpSync(join(import.meta.dirname, '../test/e2e/workspace'), root, { recursive: true });
  const path = join(root, 'sb21.cellspec');
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === 'loading 14 mg/cm2');
  const indent = lines[line]!.indexOf('loading');
  let current: string = VALUES[1];

  const { session } = await LspSession.start(root);
  const first = session.next((p) => p.uri === uri, 120_000);
  await session.open(uri, text, 1);
  await first;
  const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  const hints = async () =>
    (
      (await session.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })) as
        Hint[] | null
    )?.map(labelOf) ?? [];
  const capacity = async () =>
    (
      (await session.connection.sendRequest('cellspec/previewData', {
        uri,
        position: { line, character: indent },
      })) as { figures?: { capacity?: number } }
    ).figures?.capacity;
  /** Polls `check` until it holds; the time from `t0`, ms. */
  const until = async (check: () => Promise<boolean>, t0: number): Promise<number> => {
    for (let i = 0; i < 2000; i++) {
      if (await check()) return performance.now() - t0;
      await sleep(5);
    }
    throw new Error('no answer with the new value within 10 s');
  };
  // Let the first analysis run settle, as an author would have it before editing.
  await sleep(3000);

  let version = 1;
  const lineRange = (from: number, to: number) => ({
    start: { line, character: from },
    end: { line, character: to },
  });
  const samples = () => ({ hints: [] as number[], status: [] as number[], diagnostics: [] as number[] });
  const typed = samples();
  const inserted = samples();
  for (let round = 0; round < ROUNDS; round++) {
    const path = Math.floor(round / 2) % 2 === 0 ? 'typed' : 'inserted';
    const i = round % 2 === 0 ? 0 : 1;
    const value = VALUES[i];
    const target = version + (path === 'typed' ? value.length : 1);
    let sentAll = Infinity;
    // Diagnostics carry their version when the server sends one; else the first after the last change.
    const published = session.next(
      (p) => p.uri === uri && (p.version === undefined ? p.at > sentAll : p.version >= target),
      20_000,
    );
    if (path === 'typed') {
      // The selection is replaced by the first character, then one change per further character.
      await session.change(uri, ++version, [{ range: lineRange(indent, indent + current.length), text: value[0]! }]);
      for (let k = 1; k < value.length; k++) {
        await sleep(5);
        await session.change(uri, ++version, [{ range: lineRange(indent + k, indent + k), text: value[k]! }]);
      }
    } else {
      await session.change(uri, ++version, [{ range: lineRange(indent, indent + current.length), text: value }]);
    }
    const t0 = performance.now();
    sentAll = t0;
    current = value;
    const [h, s, d] = await Promise.all([
      until(async () => (await hints()).some((l) => l.includes(HINTS[i])), t0),
      until(async () => Math.abs(((await capacity()) ?? 0) / CAPACITY_C[i] - 1) < 5e-3, t0),
      published.then((p) => p.at - t0),
    ]);
    const bucket = path === 'typed' ? typed : inserted;
    bucket.hints.push(h);
    bucket.status.push(s);
    bucket.diagnostics.push(d);
    await sleep(400);
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  for (const [name, r] of [
    ['keystrokes', typed],
    ['one insertion', inserted],
  ] as const) {
    console.log(`${name}: edit → refreshed hints ${fmt(r.hints)}`);
    console.log(`${name}: edit → status-bar figures ${fmt(r.status)}`);
    console.log(`${name}: edit → diagnostics ${fmt(r.diagnostics)}`);
  }
  await session.stop();
  rmSync(root, { recursive: true, force: true });
}

await main();
process.exit(0);
