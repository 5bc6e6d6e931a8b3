import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
const ws = await loadWorkspace([process.argv[2]!]);
const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
const p = ph.parametersFromCell(cell).parameters!;
for (const soc of [0.2, 0.5, 0.8]) for (const rate of [5, -5, 10, -10]) {
  const m = new ph.P2DModel(p);
  const r = ph.operate(m, ph.pulse(rate * p.oneCCurrent, 10, 0), { initialSoc: soc });
  const v = r.voltage; const end = v[r.stepEnds[0]!.index]!;
  console.log('soc', soc, 'rate', rate, 'V0', v[0]!.toFixed(3), 'end', end.toFixed(3), JSON.stringify(r.stepEnds[0]), 'R', ((end - (ph.P2DModel.prototype, v[0]!)) / (rate*p.oneCCurrent)).toFixed(1));
}
