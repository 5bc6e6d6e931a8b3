/**
 * The real language server (the bundle over stdio) with hostile files lying unopened in its
 * workspace: each once overflowed the stack or hung while the server collected the workspace,
 * and the server died as soon as any spec was opened. The server must stay up, answer requests,
 * and report each such file with a diagnostic of its own.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../scripts/gen-workspace.js';
import { buildServer, LspSession } from '../scale/lsp-client.js';
import { uriOf } from '../scale/stress-cases.js';
import { hostileFiles } from './hostile-files.js';

const TIMEOUT_MS = 120_000;

describe('a language server with hostile files unopened in its workspace', () => {
  let root = '';
  let session: LspSession;
  let cell = '';

  beforeAll(async () => {
    await buildServer();
    root = mkdtempSync(join(tmpdir(), 'cellspec-hostile-'));
    const paths = writeWorkspace(root, { files: 2 });
    cell = paths[1]!;
    mkdirSync(join(root, 'hostile'));
    for (const [name, content] of Object.entries(hostileFiles())) writeFileSync(join(root, 'hostile', name), content);
    ({ session } = await LspSession.start(root));
  }, TIMEOUT_MS);

  afterAll(async () => {
    await session?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(
    'opens a spec, answers requests and reports every hostile file',
    async () => {
      const uri = uriOf(cell);
      const published = session.next((p) => p.uri === uri, TIMEOUT_MS);
      await session.open(uri, readFileSync(cell, 'utf8'), 1);
      await published;
      const symbols = await session.symbols(uri);
      expect(symbols.length).toBeGreaterThan(0);
      const hostile = Object.keys(hostileFiles()).map((name) => uriOf(join(root, 'hostile', name)));
      await session.allPublished(hostile, TIMEOUT_MS);
      for (const h of hostile) {
        const errors = session.published.get(h)!.diagnostics.filter((d) => d.severity === 1);
        expect(errors.length, h).toBeGreaterThan(0);
        expect(await session.symbols(h)).toBeInstanceOf(Array);
      }
      expect(session.exited, session.stderr.slice(-2000)).toBeUndefined();
    },
    TIMEOUT_MS,
  );
});
