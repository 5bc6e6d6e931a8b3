/**
 * Quick fix for `document-history`: add the current revision to the document's history (a new
 * `history { … }` block when there is none), dated with the effective date when there is one.
 * The change text is left for the author to write.
 */
import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { isDocumentControl, isHistory, isSpec, isTextField, type TextField } from '../generated/ast.js';
import { Code } from '../validation/codes.js';

export function documentHistoryFixes(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
  const diagnostics = params.context.diagnostics.filter((d) => d.code === Code.DocumentHistory);
  const root = document.parseResult.value;
  if (diagnostics.length === 0 || !isSpec(root)) return [];
  const control = root.elements.find(isDocumentControl);
  const field = (key: string) => control?.members.find((m): m is TextField => isTextField(m) && m.key === key);
  const revision = field('revision')?.value;
  const end = control?.$cstNode?.range.end;
  if (!control || revision === undefined || !end) return [];
  const effective = field('effective')?.value;
  const entry = `revision "${revision}"${effective ? ` date "${effective}"` : ''}: "describe the change"`;
  const history = control.members.find(isHistory);
  const historyEnd = history?.$cstNode?.range.end;
  // Insert before the closing brace of `history { … }`, or of `document { … }` for a new block.
  const at = historyEnd
    ? { line: historyEnd.line, character: historyEnd.character - 1 }
    : { line: end.line, character: end.character - 1 };
  const text = document.textDocument.getText();
  const lineStart = text.split('\n')[at.line]?.slice(0, at.character) ?? '';
  // The brace alone on its line: insert before it at its indentation; else start a new line.
  const ownLine = /^\s*$/.test(lineStart);
  const indent = ownLine ? lineStart : '';
  const lead = ownLine ? '' : '\n';
  const newText = history
    ? `${lead}${indent}  ${entry}\n${indent}`
    : `${lead}${indent}  history {\n${indent}    ${entry}\n${indent}  }\n${indent}`;
  return [
    {
      title: `Add revision "${revision}" to the history`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics,
      edit: { changes: { [document.uri.toString()]: [{ range: { start: at, end: at }, newText }] } },
    },
  ];
}
