/**
 * While an engineer types, the document is mostly broken. Every editor feature must answer (or
 * say nothing) on every prefix of a real spec, never throw.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(CellSpec);
const SPEC = readFileSync(new URL('./formatting/messy.expected.cellspec', import.meta.url), 'utf8');

describe('editor features on half-typed specs', () => {
  it('answer without throwing on every prefix', async () => {
    const lsp = CellSpec.lsp;
    // Features that swallow their own errors (hover sections, reference candidates) log them instead.
    const logged = vi.spyOn(console, 'error');
    let checked = 0;
    for (let cut = 0; cut <= SPEC.length; cut += 17) {
      const text = SPEC.slice(0, cut);
      const doc = await parse(text, { documentUri: URI.file(`/ws/prefix-${cut}.cellspec`).toString() });
      const textDocument = { uri: doc.uri.toString() };
      const end = doc.textDocument.positionAt(text.length);
      const middle = doc.textDocument.positionAt(Math.floor(text.length / 2));
      const where = `prefix of ${cut} characters`;
      try {
        await lsp.CompletionProvider!.getCompletion(doc, { textDocument, position: end });
        await lsp.HoverProvider!.getHoverContent(doc, { textDocument, position: middle });
        await lsp.HoverProvider!.getHoverContent(doc, { textDocument, position: end });
        await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument });
        await lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument });
        await lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument });
        const edits = await lsp.Formatter!.formatDocument(doc, {
          textDocument,
          options: { tabSize: 2, insertSpaces: true },
        });
        // A broken document is never reformatted.
        if (doc.parseResult.parserErrors.length > 0) expect(edits, where).toEqual([]);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).stack}`, { cause: error });
      }
      checked++;
    }
    await clearDocuments(CellSpec.shared);
    expect(checked).toBeGreaterThan(80);
    expect(logged.mock.calls.map((args) => String(args[0]))).toEqual([]);
    logged.mockRestore();
  });
});
