import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices, resolveDocument } from '../src/index.js';
import type { Spec } from '../src/generated/ast.js';

const services = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper<Spec>(services.CellSpec);

async function resolve(text: string) {
  const doc = await parse(text);
  expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
  return resolveDocument(services.CellSpec, doc);
}

const MATERIALS = `
  material NCM cathode-active { specific-capacity 195 mAh/g  density 4.7 g/cm3  mean-voltage 3.86 V source "BotB" }
  material LNO coating { density 4.6 g/cm3 film-resistance 50 Ω·cm² }
  material Gr anode-active { specific-capacity 350 mAh/g  density 2.24 g/cm3 }
  material Gr2 anode-active "new graphite sample" { specific-capacity 360 mAh/g  density 2.2 g/cm3  supplier "X" lot "L-01" }
  material LPSCl solid-electrolyte { density 1.86 g/cm3 ionic-conductivity 1.3 mS/cm activation 0.35 eV }
  material Al current-collector { density 2.7 g/cm3 }
  material SUS current-collector { density 7.93 g/cm3 }
  material Lam packaging { density 1.5 g/cm3 }
`;

const CELL = `${MATERIALS}
  let area-side = 20 mm
  cell SB21 "標準電池 2.1" {
    format pouch single-layer { outline 65 mm x 45 mm  packaging Lam 115 um }
    electrode-area area-side x area-side
    cathode {
      composition { NCM coated-with LNO: 75 wt%, LPSCl: 25 wt% }
      loading 20 mg/cm2
      porosity 8 %
      collector Al 15 um
    }
    electrolyte-layer LPSCl { thickness 20 um  porosity 10 % }
    anode {
      composition by-weight { Gr: 60 wt%; LPSCl: 40 wt% }
      loading 2 * 5 mg/cm2
      collector SUS 10 um
      area 21 mm x 21 mm
    }
    restraint-pressure 5 MPa
    limits { voltage 2.5 V to 4.25 V  temperature -40 °C to 100 °C  max-charge-rate 6 C }
    targets { capacity 8 mAh ± 3 %; energy-density (stack) >= 400 Wh/L; np-ratio between 1.05 and 1.2 }
    analyses { discharge at C/10, 1, 3 C temperature 25 °C  fast-charge fc at 6 C to-soc 80 % }
  }
  variant SB21-G2 of SB21 {
    replace Gr with Gr2
    anode { loading 9 mg/cm2 }
  }
`;

// SI conversions are exact up to float rounding; 1e-9 relative is far tighter than any use.
const rel = 1e-9;

describe('resolve', () => {
  it('turns a cell into SI-unit IR', async () => {
    const { ir, problems } = await resolve(CELL);
    expect(problems).toEqual([]);
    const cell = ir.cells.find((c) => c.name === 'SB21')!;
    expect(cell.title).toBe('標準電池 2.1');
    expect(cell.cathode.area).toBeCloseTo(4e-4, 12);
    expect(cell.anode.area).toBeCloseTo(0.021 * 0.021, 12);
    expect(cell.cathode.loading).toBeCloseTo(0.2, 12); // 20 mg/cm² = 0.2 kg/m²
    expect(cell.anode.loading).toBeCloseTo(0.1, 12);
    expect(cell.cathode.porosity).toBeCloseTo(0.08, 12);
    expect(cell.cathode.components).toEqual([
      { material: 'NCM', fraction: 0.75, basis: 'mass', coating: 'LNO' },
      { material: 'LPSCl', fraction: 0.25, basis: 'mass' },
    ]);
    expect(cell.cathode.collector).toEqual({ material: 'Al', thickness: expect.closeTo(15e-6, 15) });
    expect(cell.separator).toMatchObject({ type: 'solid-electrolyte', material: 'LPSCl' });
    expect(cell.separator!.thickness).toBeCloseTo(20e-6, 15);
    expect(cell.format).toMatchObject({
      type: 'pouch',
      stacking: 'single-layer',
      layers: 1,
      outline: { width: 0.065, height: 0.045 },
    });
    expect(cell.format.packaging!.thickness).toBeCloseTo(115e-6, 15);
    expect(cell.restraintPressure).toBeCloseTo(5e6, 6);
    expect(cell.limits.voltageMin).toBe(2.5);
    expect(cell.limits.voltageMax).toBe(4.25);
    expect(cell.limits.temperatureMin).toBeCloseTo(233.15, 9);
    expect(cell.limits.maxChargeRate).toBe(6);
    expect(cell.targets).toHaveLength(3);
    expect(cell.targets[0]).toMatchObject({ metric: 'capacity', op: '=', relativeTolerance: 0.03 });
    expect(Math.abs(cell.targets[0]!.value - 28.8) / 28.8).toBeLessThan(rel); // 8 mAh = 28.8 C
    expect(cell.targets[1]).toMatchObject({ metric: 'energyDensity', basis: 'stack', op: '>=' });
    expect(cell.targets[2]).toMatchObject({ metric: 'npRatio', op: 'between', value: 1.05, upper: 1.2 });
    expect(cell.analyses[0]).toMatchObject({ type: 'discharge', rates: [0.1, 1, 3] });
    expect(cell.analyses[1]).toMatchObject({ type: 'charge', name: 'fc', rates: [6], targetSoc: 0.8 });
    expect(Object.keys(cell.materials).sort()).toEqual(['Al', 'Gr', 'LNO', 'LPSCl', 'Lam', 'NCM', 'SUS']);
    expect(cell.materials['NCM']!.properties.specificCapacity).toBeCloseTo(195 * 3.6 * 1000, 6); // C/kg
    expect(cell.materials['NCM']!.sources.meanVoltage?.citation).toBe('BotB');
    expect(cell.materials['NCM']!.sources.specificCapacity?.citation).toBeUndefined();
    expect(cell.materials['NCM']!.sources.specificCapacity?.line).toBe(2);
    expect(cell.materials['LPSCl']!.properties.ionicActivationEnergy).toBeCloseTo(0.35 * 96485.33212, 3);
    // The whole IR survives structured cloning (it crosses postMessage to workers as it is).
    expect(structuredClone(ir)).toEqual(ir);
  });

  it('applies a variant on top of its base', async () => {
    const { ir } = await resolve(CELL);
    const v = ir.cells.find((c) => c.name === 'SB21-G2')!;
    expect(v.base).toBe('SB21');
    expect(v.anode.components[0]!.material).toBe('Gr2');
    expect(v.anode.loading).toBeCloseTo(0.09, 12);
    expect(v.cathode.loading).toBeCloseTo(0.2, 12);
    expect(v.materials['Gr2']!.lot).toBe('L-01');
    expect(v.materials['Gr']).toBeUndefined();
    const base = ir.cells.find((c) => c.name === 'SB21')!;
    expect(base.anode.components[0]!.material).toBe('Gr');
  });

  it('reports a cell without an anode and leaves it out', async () => {
    const { ir, problems } = await resolve(
      `${MATERIALS} cell X { electrode-area 1 cm x 1 cm cathode { composition { NCM: 100 wt% } loading 10 mg/cm2 } }`,
    );
    expect(ir.cells).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['incomplete-cell']);
    expect(problems[0]!.message).toBe('cell X has no anode; it is left out of the results');
  });

  it('resolves test plans with sweeps, CCCV, loops and procedures', async () => {
    const { ir } = await resolve(`${CELL}
      test-plan P for SB21 {
        test cap "Capacity" {
          samples 3
          at -40, 0, 25 °C
          record every 10 s
          charge at C/10 cv 4.25 V until C/20
          rest for 30 min
          discharge at 0.1 C until 2.5 V or capacity >= 8 mAh
          repeat 100 times { charge at 1 C until 4.25 V  discharge at 2 mA until 2.5 V }
          procedure dc-ir { soc: 50 %; current: 0.5 C; method: "pulse" }
          pass "within ± 3 % of the lot mean"
        }
      }`);
    const test = ir.testPlans[0]!.tests[0]!;
    expect(test.samples).toBe(3);
    expect(test.temperatures!.map((t) => +t.toFixed(2))).toEqual([233.15, 273.15, 298.15]);
    expect(test.steps[0]).toEqual({
      type: 'charge',
      setpoint: { mode: 'crate', value: 0.1 },
      cv: 4.25,
      until: [{ quantity: 'crate', value: 0.05 }],
      record: 10,
    });
    expect(test.steps[1]).toEqual({ type: 'rest', until: [{ quantity: 'time', value: 1800 }], record: 10 });
    expect(test.steps[2]).toMatchObject({
      type: 'discharge',
      until: [
        { quantity: 'voltage', value: 2.5 },
        { quantity: 'capacity', op: '>=' },
      ],
    });
    expect(test.steps[3]).toMatchObject({
      type: 'loop',
      count: 100,
      steps: [
        { type: 'charge' },
        { type: 'discharge', setpoint: { mode: 'current', value: expect.closeTo(0.002, 12) } },
      ],
    });
    expect(test.steps[4]).toEqual({
      type: 'procedure',
      name: 'dc-ir',
      arguments: { soc: 0.5, current: 0.5, method: 'pulse' },
    });
    expect(test.criteria).toEqual(['within ± 3 % of the lot mean']);
  });
});
