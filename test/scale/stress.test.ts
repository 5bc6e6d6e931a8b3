/**
 * A reduced stress set through the real language server (the built bundle over stdio): a 1 MB
 * file, a 5,000-line spec, 1,000-deep nesting and a burst of 100 edits. After each case the
 * server must still be running and answer a request. The full set is
 * `pnpm run bench:lsp -- --stress`. Timeouts are generous: this runs on slow 2-core machines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../scripts/gen-workspace.js';
import { buildServer, LspSession } from './lsp-client.js';
import {
  bigFileText,
  burstCase,
  deepNestingText,
  describeResult,
  longSpecText,
  openCase,
  uriOf,
  type StressResult,
} from './stress-cases.js';

const CASE_TIMEOUT_MS = 60_000;

describe('the language server under stress (reduced set)', () => {
  let root = '';
  let paths: string[] = [];
  let session: LspSession;
  const uri = (name: string) => uriOf(join(root, 'cells', name));

  beforeAll(async () => {
    await buildServer();
    root = mkdtempSync(join(tmpdir(), 'cellspec-stress-test-'));
    paths = writeWorkspace(root, { files: 2 });
    ({ session } = await LspSession.start(root));
    const first = uriOf(paths[1]!);
    const published = session.next((p) => p.uri === first, CASE_TIMEOUT_MS);
    await session.open(first, readFileSync(paths[1]!, 'utf8'), 1);
    await published;
  }, CASE_TIMEOUT_MS);

  afterAll(async () => {
    await session?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const answered = (r: StressResult) => {
    console.log(describeResult(r));
    expect(r.serverUp, `${r.name}: server down; its last output:\n${session.stderr.slice(-2000)}`).toBe(true);
    expect(session.exited).toBeUndefined();
  };

  it(
    'answers after a 1 MB file',
    async () => {
      const text = bigFileText(1048576);
      const r = await openCase(session, '1 MB file', uri('big.cellspec'), text, CASE_TIMEOUT_MS);
      answered(r);
      // Many generated cells: linked and validated, each reported for what it lacks.
      expect(r.lines).toBeGreaterThan(30_000);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers after a 5,000-line spec',
    async () => {
      const r = await openCase(session, '5,000-line spec', uri('long.cellspec'), longSpecText(5000), CASE_TIMEOUT_MS);
      answered(r);
      expect(r.lines).toBe(5000);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'reports 1,000-deep nesting instead of overflowing',
    async () => {
      const r = await openCase(
        session,
        '1,000-deep parentheses',
        uri('deep.cellspec'),
        deepNestingText(1000),
        CASE_TIMEOUT_MS,
      );
      answered(r);
      expect(r.diagnostics).toBeGreaterThan(0);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers after a burst of 100 edits, with the last edit in its diagnostics',
    async () => {
      const r = await burstCase(
        session,
        'burst of 100 edits',
        uri('cell-0000.cellspec'),
        readFileSync(paths[0]!, 'utf8'),
        100,
        CASE_TIMEOUT_MS,
      );
      answered(r);
    },
    CASE_TIMEOUT_MS,
  );
});
