/**
 * The resolved cells of the bundled examples that the models can run (`parametersFromCell`
 * gives parameters): the starting points the model fuzzer varies.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import { parametersFromCell, type CellIR } from '@cellspec/physics';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

export async function modelledExampleCells(): Promise<CellIR[]> {
  const folders = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(EXAMPLES, d.name));
  const workspace = await loadWorkspace(folders);
  const cells = new Map<string, CellIR>();
  for (const file of workspace.files) {
    for (const cell of resolveDocument(workspace.services, file.document).ir.cells) {
      if (!cells.has(cell.name) && parametersFromCell(cell).parameters) cells.set(cell.name, cell);
    }
  }
  return [...cells.values()].sort((a, b) => a.name.localeCompare(b.name));
}
