/**
 * The IEC 62660-1 capacity test as the programme ran it (−40 … 100 °C, C/3 … 5C), simulated with
 * the P2D model on example cells: discharge capacity (mAh) from a full charge (100 % SOC at rest)
 * at each temperature and rate, isothermal. Also prints the fast-charge table of the 6C
 * demonstration cell. Prints numbers only; the physics tests hold the claims.
 * Run: npx -y pnpm@12.4.2 exec tsx bench/capacity-table.ts [FILE …]
 */
import { loadWorkspace, resolveDocument } from '../packages/language/src/index.js';
import * as physics from '../packages/physics/src/index.js';
import type { CellIR } from '../packages/physics/src/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const paths = files.length
  ? files
  : [`${ROOT}examples/cells/standard-battery-2-1.cellspec`, `${ROOT}examples/demonstration/demo-6c-11mah.cellspec`];
const TEMPERATURES_C = [-40, -20, 0, 25, 45, 60, 80, 100];
const RATES = [1 / 3, 1, 2, 3, 5];
const FAST_CHARGE_RATES = [1, 2, 3, 4, 6, 8];

for (const path of paths) {
  const workspace = await loadWorkspace([path]);
  const file = workspace.files.find((f) => f.requested);
  if (!file) throw new Error(`${path}: not loaded`);
  for (const cell of resolveDocument(workspace.services, file.document).ir.cells) capacityTable(cell);
}

function capacityTable(cell: CellIR): void {
  const mapped = physics.parametersFromCell(cell);
  if (!mapped.parameters) {
    console.log(`${cell.name}: cannot be modelled: ${mapped.problems.join('; ')}`);
    return;
  }
  const p = mapped.parameters;
  console.log(`\n${cell.name}: discharge capacity, mAh (1C = ${(p.oneCCurrent * 1000).toFixed(2)} mA)`);
  console.log(['T \\ rate', ...RATES.map((r) => physics.rateLabel(r))].map((s) => s.padStart(9)).join(''));
  for (const celsius of TEMPERATURES_C) {
    const cells = RATES.map((rate) => {
      const run = physics.runConstantCurrent(p, { direction: 'discharge', rate, temperature: celsius + 273.15 });
      const mean = run.meanVoltage;
      const bad = run.result.failure !== undefined || !(mean > 0 && mean < 6);
      return `${(run.capacity * 1000).toFixed(2)}${bad ? '!' : ''}`;
    });
    console.log([`${celsius} °C`, ...cells].map((s) => s.padStart(9)).join(''));
  }
  console.log('(! = the run failed or reported a non-physical mean voltage)');
  if (typeof physics.fastCharge !== 'function') return; // (the model before CC-CV charging had none)
  console.log(`\n${cell.name}: CC-CV fast charge from 10 % to 80 % SOC at 25 °C, lumped thermal model`);
  console.log(['rate', 'time min', 'CC to SOC', 'anode mV', 'ΔT K'].map((s) => s.padStart(10)).join(''));
  for (const rate of FAST_CHARGE_RATES) {
    const fc = physics.fastCharge(p, { rate, fromSoc: 0.1, toSoc: 0.8, temperature: 298.15 });
    console.log(
      [
        physics.rateLabel(rate),
        fc.time !== undefined ? (fc.time / 60).toFixed(1) : 'not reached',
        `${((fc.run.constantCurrentEndSoc ?? fc.run.endSoc) * 100).toFixed(0)} %`,
        (fc.minAnodePotential * 1000).toFixed(0),
        fc.temperatureRise.toFixed(2),
      ]
        .map((s) => s.padStart(10))
        .join(''),
    );
  }
  const top = physics.fastCharge(p, { rate: 6, fromSoc: 0.1, toSoc: 0.8, searchHighestRate: true });
  console.log(
    `highest CC-CV rate keeping the anode above 0 V vs Li (10 → 80 %): ${top.highestPlatingFreeRate !== undefined ? physics.rateLabel(top.highestPlatingFreeRate) : '—'}`,
  );
}
