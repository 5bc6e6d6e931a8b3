import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
for (const file of process.argv.slice(2)) {
  const ws = await loadWorkspace([file]);
  const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
  const p = ph.parametersFromCell(cell).parameters!;
  const m = new ph.P2DModel(p);
  m.initialise(1, 298.15);
  const m0 = new ph.P2DModel(p); m0.initialise(0, 298.15);
  console.log(cell.name, 'OCV(100%)', m.openCircuitVoltage().toFixed(4), 'Vmax', p.voltageMax, 'OCV(0%)', m0.openCircuitVoltage().toFixed(4), 'Vmin', p.voltageMin, JSON.stringify(p.positive.stoichiometryAt100Soc), p.positive.stoichiometryAt0Soc);
  const d = ph.designCell(cell);
  const r = ph.runConstantCurrent(p, { direction: 'discharge', rate: 0.05 });
  console.log(' design mean', d.meanVoltage, d.meanVoltageMethod, 'model C/20 mean', r.meanVoltage.toFixed(4), 'cap', (r.capacity*1000).toFixed(3), 'design cap', (d.capacity!/3.6).toFixed(3));
}
