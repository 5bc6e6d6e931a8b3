import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
const file = process.argv[2]!;
const ws = await loadWorkspace([file]);
const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
const p = ph.parametersFromCell(cell).parameters!;
for (const rate of process.argv.slice(3).map(Number)) {
  const r = ph.runConstantCurrent(p, { direction: 'charge', rate, startSoc: 0.1, targetSoc: 0.8, thermal: true });
  const i = r.result.anodePotential.findIndex(v => v < 0);
  console.log(rate, 'end', r.endSoc.toFixed(3), 'min', r.minAnodePotential.toFixed(4), 'dur', (r.duration/60).toFixed(1), 'cc end', r.constantCurrentEndSoc?.toFixed(3), 'first<0 at', i, r.result.anodePotential.slice(0,4).map(v=>v.toFixed(3)).join(','), r.result.failure ?? '');
}
const r0 = ph.runConstantCurrent(p, { direction: "charge", rate: 0.1, startSoc: 0.1, targetSoc: 0.8 });
const neg = p.negative as ph.ElectrodeParameters;
for (const r of [] as ph.AnalysisRun[]) for (let k = 0; k < r.result.soc.length; k += Math.ceil(r.result.soc.length/12)) {
  const soc = r.result.soc[k]!; const x = ph.stoichiometryAtSoc(neg, soc);
  console.log(soc.toFixed(3), 'x', x.toFixed(3), 'U', neg.ocp.value(x).toFixed(4), 'anode', r.result.anodePotential[k]!.toFixed(4), 'V', r.result.voltage[k]!.toFixed(4));
}
{
const r = ph.runConstantCurrent(p, { direction: 'charge', rate: 6, startSoc: 0.1, targetSoc: 0.8, thermal: true });
console.log(JSON.stringify(r.result.stepEnds), r.result.failure);
const e = r.result.stepEnds[0]!.index;
for (let k = e; k < r.result.time.length; k += Math.max(1, Math.floor((r.result.time.length - e)/15))) console.log(r.result.time[k]!.toFixed(1), r.result.soc[k]!.toFixed(3), r.result.voltage[k]!.toFixed(4), (r.result.current[k]!*1000).toFixed(3), r.result.temperature[k]!.toFixed(2));
}
