import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
const ws = await loadWorkspace([process.argv[2]!]);
const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
const p = ph.parametersFromCell(cell).parameters!;
const T = 273.15 + Number(process.argv[3]);
for (const rate of [0.5, 0.9, 1, 1.1, 2]) {
  const m = new ph.P2DModel(p);
  m.initialise(1, T);
  const ok = m.step(1e-6, { mode: 'current', value: rate * p.oneCCurrent / p.electrodeArea });
  console.log(rate, ok, m.iterations, m.voltage);
}
