// Runs inside the VS Code extension host (test-electron): opens the test workspace's spec, breaks
// a unit, waits for the diagnostic, opens the preview. Throws on the first failed check.
const vscode = require('vscode');
const assert = require('node:assert');
const path = require('node:path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, predicate, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await predicate();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const uri = vscode.Uri.joinPath(folder, 'sb21.cellspec');
  const t0 = Date.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension('cellspec.cellspec-vscode');
  assert.ok(ext, 'extension not found');
  await ext.activate();

  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.includes('loading 14 mg/cm2'));
  const range = doc.lineAt(line).range;
  await editor.edit((b) => b.replace(range, '    loading 14 mg/furlong'));
  await until('a diagnostic about the unit', () =>
    vscode.languages.getDiagnostics(uri).some((d) => /furlong/.test(d.message)),
  );
  console.log(`diagnostic after ${Date.now() - t0} ms from opening`);
  await editor.edit((b) => b.replace(doc.lineAt(line).range, '    loading 14 mg/cm2'));
  await until(
    'the diagnostic to clear',
    () => !vscode.languages.getDiagnostics(uri).some((d) => /furlong/.test(d.message)),
  );

  await vscode.commands.executeCommand('cellspec.preview.open');
  await until('the preview tab', () =>
    vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /Preview SB21/.test(t.label))),
  );
  console.log(`preview open; workspace ${path.basename(folder.fsPath)}`);
};
