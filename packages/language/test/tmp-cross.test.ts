import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { createCellSpecServices } from '../src/index.js';
const ex = (p: string) => readFileSync(`examples/${p}`, 'utf8');
it('show', async () => {
  const { shared } = createCellSpecServices(EmptyFileSystem);
  const files: Record<string, string> = {
    'materials/programme-materials.cellspec': ex('materials/programme-materials.cellspec').replace('specific-capacity 155 mAh/g', 'specific-capacity 155 mAh/gg'),
    'cells/standard-battery-2-1.cellspec': ex('cells/standard-battery-2-1.cellspec'),
    'test-plans/sb21-test-plans.cellspec': ex('test-plans/sb21-test-plans.cellspec'),
  };
  const docs = Object.entries(files).map(([p, t]) => {
    const d = shared.workspace.LangiumDocumentFactory.fromString(t, URI.parse(`file:///ws/${p}`));
    shared.workspace.LangiumDocuments.addDocument(d);
    return d;
  });
  await shared.workspace.DocumentBuilder.build(docs, { validation: true });
  const sev = ['', 'error', 'warning', 'info', 'hint'];
  for (const d of docs) for (const x of d.diagnostics ?? []) console.log(`${d.uri.path} ${sev[x.severity ?? 1]} ${String(x.code)}@${x.range.start.line + 1}: ${x.message}`);
});
