/**
 * The quick fix of `document-history`: applied to the text, the diagnostic is gone.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { documentHistoryFixes } from '../src/lsp/document-fixes.js';
import { buildWorkspace } from './validation-helpers.js';

async function fixed(text: string): Promise<{ after: string; codesAfter: (string | number | undefined)[] }> {
  const [file] = await buildWorkspace({ 'doc.cellspec': text });
  const diagnostics = file!.diagnostics.filter((d) => d.code === 'document-history');
  expect(diagnostics).toHaveLength(1);
  const [action] = documentHistoryFixes(file!.document, {
    textDocument: { uri: file!.document.uri.toString() },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  });
  const edits = Object.values(action!.edit!.changes!)[0]!;
  const after = TextDocument.applyEdits(TextDocument.create('x', 'cellspec', 1, text), edits);
  const [again] = await buildWorkspace({ 'doc.cellspec': after });
  return { after, codesAfter: again!.diagnostics.map((d) => d.code) };
}

describe('document-history quick fix', () => {
  it('adds the revision to an existing history, dated with the effective date', async () => {
    const { after, codesAfter } = await fixed(`document {
  number "D-1"
  revision "B"
  status released
  effective "2024-02-01"
  approver "evaluation centre"
  history {
    revision "A" date "2024-01-01": "first issue"
  }
}
`);
    expect(after).toContain('    revision "B" date "2024-02-01": "describe the change"\n  }\n}');
    expect(codesAfter).toEqual([]);
  });

  it('adds a history block when there is none', async () => {
    const { after, codesAfter } = await fixed(`document {
  number "D-2"
  revision "A"
  status draft
}
`);
    expect(after).toContain('  status draft\n  history {\n    revision "A": "describe the change"\n  }\n}');
    expect(codesAfter).toEqual([]);
  });
});
