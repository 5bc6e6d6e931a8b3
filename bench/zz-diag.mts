import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as ph from '../packages/physics/src/index.js';
const file = process.argv[2] ?? '/work/wt/ssmodel/examples/cells/standard-battery-2-1.cellspec';
const T = Number(process.argv[3] ?? -40) + 273.15;
const rate = Number(process.argv[4] ?? 1/3);
const ws = await loadWorkspace([file]);
const cell = resolveDocument(ws.services, ws.files.find(f=>f.requested)!.document).ir.cells[0]!;
const m = ph.parametersFromCell(cell);
const p = m.parameters!;
const variants: Record<string, ph.ModelParameters> = {
  base: p,
  noDiffEa: { ...p, positive: { ...p.positive, diffusivityActivationEnergy: 0 }, negative: { ...(p.negative as any), diffusivityActivationEnergy: 0 } },
  noRxnEa: { ...p, positive: { ...p.positive, reactionActivationEnergy: 0 }, negative: { ...(p.negative as any), reactionActivationEnergy: 0 } },
  noPosDiffEa: { ...p, positive: { ...p.positive, diffusivityActivationEnergy: 0 } },
  noIonEa: { ...p, electrolyte: { ...p.electrolyte, conductivity: () => p.electrolyte.conductivity(1, 298.15) } },
};
for (const [k, v] of Object.entries(variants)) {
  const r = ph.runConstantCurrent(v, { direction: 'discharge', rate, temperature: T });
  console.log(k, (r.capacity*1000).toFixed(3), r.meanVoltage.toFixed(3), r.result.failure ?? '', r.result.voltage.slice(0,3).map(x=>x.toFixed(3)).join(' '));
}
