import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
const ws = await loadWorkspace([process.argv[2]!]);
const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
const p = ph.parametersFromCell(cell).parameters!;
const m = new ph.P2DModel(p);
m.initialise(1, 273.15);
process.env.NEWTON_DEBUG = '1';
console.log(m.step(1e-6, { mode: 'current', value: 1 * p.oneCCurrent / p.electrodeArea }));
