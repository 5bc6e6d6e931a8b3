/**
 * Hand-worked cells of the kinds papers publish: an anode-free pouch cell, a bi-cell stack with
 * interlayer films, a 21700 cylindrical cell and a wound prismatic cell, plus N/P as a design
 * input. Every expected number is worked out in the comments from the inputs, in the units a
 * designer uses; the figures printed there are rounded, the assertions use the exact arithmetic
 * (tolerance 1e-9 relative: floating-point rounding only) and, where a rounded figure is quoted,
 * its printed digits (tolerance half a unit of the last digit).
 */
import { describe, expect, it } from 'vitest';
import { designCell, LITHIUM_VOLUMETRIC_CAPACITY } from '../../src/design/index.js';
import { cell, cm, electrode, gcc, material, mgcm2, toMAh, toMg, toUm, toWhPerKg, toWhPerL, um } from './builders.js';
import { anode, cathode, HAND_WORKED_MATERIALS, rel, seLayer } from './hand-worked-parts.js';

const Steel = material('Steel', 'packaging', { density: gcc(7.9) });
const materials = [...HAND_WORKED_MATERIALS, Steel];

/** A printed figure: equal to within half a unit of its last digit. */
const printed = (actual: number | undefined, shown: number, decimals: number) => {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - shown)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
};

describe('anode-free pouch cell, 5 × 5 cm, bare 10 µm Cu collector', () => {
  // Dense lithium holds ρ·F/M = 0.534 g/cm³ × 96485.33 C/mol / 6.941 g/mol = 7.42302e9 C/m³ = 2061.95 mAh/cm³.
  // Charged: the cathode's 2.8 mAh/cm² plates 2.8 / 2061.95 cm = 13.579 µm of lithium.
  //   stack, charged:    15 (Al) + 72.5 + 30 (SE) + 13.579 (Li) + 10 (Cu) = 141.079 µm
  //   stack, discharged: 127.5 µm
  //   capacity 25 cm² × 2.8 = 70 mAh; energy 70 mAh × (3.8 − 0) V = 266 mWh
  //   stack Wh/L charged 0.266 Wh / (25 cm² × 141.079 µm = 0.352698 cm³) = 754.2; discharged 0.266 / 0.31875 = 834.5
  //   cell (outline 6 × 6 cm, film 100 µm per face): charged 341.079 µm → 1.227884 cm³ → 216.6 Wh/L;
  //     discharged 327.5 µm → 1.179 cm³ → 225.6 Wh/L
  //   masses: cathode 500 + Al 101.25 + SE 150 + Cu 225 = 976.25 mg (plated lithium is the cathode's: no mass)
  //     + film 2 × 36 cm² × 100 µm × 1.5 g/cm³ = 1080 mg → 2056.25 mg; 266 mWh / 2.05625 g = 129.36 Wh/kg
  const d = designCell(
    cell({
      cathode: cathode(5, 5),
      anode: electrode('anode', 5, 5, { anodeFree: true, collector: { material: 'Cu', thickness: um(10) } }),
      separator: seLayer,
      materials,
      format: { outline: { width: cm(6), height: cm(6) }, packaging: { material: 'Film', thickness: um(100) } },
    }),
  );

  it('plates the cathode lithium in the charged state', () => {
    rel(LITHIUM_VOLUMETRIC_CAPACITY / 3.6e6, 2061.95, 3e-6);
    rel(d.platedLithiumThickness, (2.8 * 3.6e4) / LITHIUM_VOLUMETRIC_CAPACITY);
    printed(toUm(d.platedLithiumThickness!), 13.579, 3);
    expect(d.layersBreakdown.map((l) => l.name)).toContain('plated lithium (charged)');
  });

  it('is limited by the cathode, with N/P 0 and no plating warning', () => {
    expect(d.limitingElectrode).toBe('cathode');
    rel(toMAh(d.capacity!), 70);
    expect(d.npRatio).toBe(0);
    expect(d.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    rel(d.meanVoltage, 3.8);
  });

  it('names the state of each Wh/L: charged by default, discharged as assembled', () => {
    expect(d.stack.state).toBe('charged');
    rel(toUm(d.stack.thickness!), 127.5 + toUm(d.platedLithiumThickness!));
    printed(toWhPerL(d.stack.energyDensity!), 754.2, 1);
    printed(toWhPerL(d.discharged!.stack.energyDensity!), 834.5, 1);
    printed(toWhPerL(d.cell.energyDensity!), 216.6, 1);
    printed(toWhPerL(d.discharged!.cell.energyDensity!), 225.6, 1);
    rel(toMg(d.stack.mass!), 976.25);
    rel(toMg(d.cell.mass!), 2056.25);
    printed(toWhPerKg(d.cell.specificEnergy!), 129.36, 2);
  });
});

describe('lithium reservoir and plating by design', () => {
  it('counts excess lithium in N and in the mass, and plates the rest', () => {
    // 20 µm of excess lithium holds 20e-4 cm × 2061.95 mAh/cm³ = 4.1239 mAh/cm² → N/P 4.1239 / 2.8 = 1.4728.
    // It is there at assembly: mass 0.534 g/cm³ × 20e-4 cm × 25 cm² = 26.7 mg. The cathode's lithium still plates on it.
    const d = designCell(
      cell({
        cathode: cathode(5, 5),
        anode: electrode('anode', 5, 5, {
          anodeFree: true,
          excessLithium: um(20),
          collector: { material: 'Cu', thickness: um(10) },
        }),
        separator: seLayer,
        materials,
      }),
    );
    printed(d.npRatio, 1.4728, 4);
    rel(toMg(d.layersBreakdown.find((l) => l.name === 'lithium reservoir')!.mass!), 26.7);
    rel(toUm(d.stack.thickness!), 15 + 72.5 + 30 + 20 + 10 + toUm(d.platedLithiumThickness!));
  });

  it('lets an intercalation anode run below N/P 1 when plating is by design, else is an error', () => {
    // 7 mg/cm² graphite composite: 7 × 0.6 × 350 = 1.47 mAh/cm² → N/P 0.525; 1.33 mAh/cm² plates (6.450 µm).
    const thin = (platingByDesign: boolean) =>
      designCell(
        cell({
          cathode: cathode(5, 5),
          anode: { ...anode(5, 5), loading: mgcm2(7), ...(platingByDesign ? { platingByDesign } : {}) },
          separator: seLayer,
          materials,
        }),
      );
    const planned = thin(true);
    rel(planned.npRatio, 0.525);
    rel(toMAh(planned.capacity!), 70);
    printed(toUm(planned.platedLithiumThickness!), 6.45, 2);
    expect(planned.problems.some((p) => p.code === 'np-below-one')).toBe(false);
    const accidental = thin(false);
    expect(accidental.problems.find((p) => p.code === 'np-below-one')?.severity).toBe('error');
    expect(accidental.limitingElectrode).toBe('anode');
  });
});

describe('N/P as a design input', () => {
  it('solves the anode loading and thickness from np-ratio 1.1', () => {
    // Q_a = 1.1 × 2.8 = 3.08 mAh/cm² → loading 3.08 / (0.6 × 350) = 14.667 mg/cm² → t = 14.667 / 1.5 = 97.778 µm.
    const a = anode(5, 5);
    const { loading: _written, ...free } = a;
    const d = designCell({
      ...cell({ cathode: cathode(5, 5), anode: free, separator: seLayer, materials }),
      npRatio: 1.1,
    });
    rel(d.npRatio, 1.1);
    rel(toMg(d.anode.loading!) / 1e4, (3.08 / 210) * 1000);
    printed(toUm(d.anode.thickness!), 97.778, 3);
    expect(d.problems.some((p) => p.code === 'np-ratio-conflict')).toBe(false);
  });

  it('reports a written loading that contradicts it', () => {
    const d = designCell({
      ...cell({ cathode: cathode(5, 5), anode: anode(5, 5), separator: seLayer, materials }),
      npRatio: 1.2,
    });
    const conflict = d.problems.find((p) => p.code === 'np-ratio-conflict');
    expect(conflict?.path).toBe('npRatio');
    expect(conflict?.message).toContain('N/P 1.050');
  });
});

describe('bi-cell stack: 2 bi-cells (4 unit cells) with a 20 µm interlayer film between them', () => {
  // Bi-cell anode | cathode | anode, double-sided cathode at the centre: 2 Al sheets, 4 Cu sheets.
  //   stack height 2 × 15 + 4 × (72.5 + 30 + 93.333) + 4 × 10 = 853.333 µm
  //   one interlayer (2 bi-cells − 1), 20 µm over the footprint, outside the stack
  //   cell thickness 853.333 + 20 + 2 × 100 = 1073.333 µm
  //   capacity 4 × 25 cm² × 2.8 = 280 mAh; mean voltage 3.8 − 0.2 = 3.6 V → 1008 mWh
  //   SE layers 5.2 × 5.2 cm = 27.04 cm², the footprint; electrodes 25 cm².
  //   stack Wh/L on the footprint: 1.008 Wh / (27.04 × 0.0853333 = 2.307413 cm³) = 436.85
  //                 on the electrode area: 1.008 / (25 × 0.0853333 = 2.133333 cm³) = 472.50
  //   cell Wh/L: 1.008 / (36 × 0.1073333 = 3.864 cm³) = 260.87
  //   masses: cathode 2000 + anode 1400 + SE 4 × 27.04 × 30e-4 × 2.0 = 648.96 + Al 2 × 25 × 15e-4 × 2.7 = 202.5
  //     + Cu 4 × 25 × 10e-4 × 9 = 900 → stack 5151.46 mg; interlayer 27.04 × 20e-4 × 1.4 = 75.712 mg;
  //     film 1080 mg → cell 6307.172 mg → 159.82 Wh/kg
  const bicell = (stackBasis?: 'electrode-area') =>
    designCell({
      ...cell({
        cathode: cathode(5, 5, true),
        anode: anode(5, 5),
        separator: { ...seLayer, area: cm(5.2) * cm(5.2) },
        materials,
        format: {
          stacking: 'bi-cell',
          layers: 4,
          outline: { width: cm(6), height: cm(6) },
          packaging: { material: 'Film', thickness: um(100) },
          interlayer: { material: 'PI', thickness: um(20) },
        },
      }),
      ...(stackBasis ? { stackBasis } : {}),
    });
  const d = bicell();

  it('adds the interlayer to the packaged cell, not the stack, and shows it in the cross-section', () => {
    rel(toUm(d.stack.thickness!), 30 + 4 * (72.5 + 30 + 14 / 1.5 / 1e-4 / 1000) + 40);
    printed(toUm(d.stack.thickness!), 853.333, 3);
    const film = d.layersBreakdown.find((l) => l.name === 'interlayer');
    expect(film).toMatchObject({ count: 1, outside: true, material: 'PI' });
    printed(toUm(d.cell.thickness!), 1073.333, 3);
    rel(toMg(film!.mass!), 75.712);
    rel(toMg(d.stack.mass!), 5151.46);
    rel(toMg(d.cell.mass!), 6307.172);
  });

  it('gives the figures of the hand calculation, with the stack basis named', () => {
    rel(toMAh(d.capacity!), 280);
    expect(d.stackBasis).toBe('footprint');
    printed(toWhPerL(d.stack.energyDensity!), 436.85, 2);
    printed(toWhPerL(d.cell.energyDensity!), 260.87, 2);
    printed(toWhPerKg(d.cell.specificEnergy!), 159.82, 2);
    const onElectrodes = bicell('electrode-area');
    expect(onElectrodes.stackBasis).toBe('electrode-area');
    printed(toWhPerL(onElectrodes.stack.energyDensity!), 472.5, 2);
  });
});

/** Double-sided electrodes of the wound cells (areas are replaced by the winding). */
const woundCell = (format: Parameters<typeof cell>[0]['format']) =>
  designCell(cell({ cathode: cathode(1, 1, true), anode: anode(1, 1, true), separator: seLayer, materials, format }));

describe('21700 cylindrical cell', () => {
  // Winding repeat: 15 (Al) + 10 (Cu) + 2 × (72.5 + 93.333 + 30) = 416.667 µm.
  // Can 21 mm × 70 mm, steel wall 0.25 mm: inner diameter 20.5 mm; mandrel 2 mm; headspace 5 mm.
  //   roll cross-section π/4 (20.5² − 2²) = 326.922 mm²; electrode length 326.922 / 0.416667 = 784.61 mm
  //   electrode width 70 − 2 × 0.25 − 5 = 64.5 mm; turns (20.5 − 2) / (2 × 0.416667) = 22.2
  //   facing area 2 × 784.61 × 64.5 = 101 215 mm²; capacity 1012.15 cm² × 2.8 = 2834.0 mAh; energy × 3.6 V = 10.20 Wh
  //   cell volume π/4 × 21² × 70 = 24 245.9 mm³ → 10.2025 Wh / 0.0242459 L = 420.8 Wh/L
  //   can wall π/4 (21² − 20.5²) × 69.5 + 2 × π/4 × 21² × 0.25 = 1305.8 mm³ → × 7.9 g/cm³ = 10.316 g
  const d = woundCell({
    type: 'cylindrical',
    stacking: 'wound',
    diameter: 21e-3,
    height: 70e-3,
    mandrel: 2e-3,
    headspace: 5e-3,
    can: { material: 'Steel', thickness: 0.25e-3 },
  });
  const repeat = 25 + 2 * (72.5 + 14 / 1.5 / 1e-4 / 1000 + 30); // µm
  const length = ((Math.PI / 4) * (20.5 ** 2 - 2 ** 2)) / (repeat / 1000); // mm

  it('winds an electrode length from the can and the layer thicknesses', () => {
    printed(toUm(d.winding!.repeatThickness), 416.667, 3);
    rel(d.winding!.electrodeLength * 1000, length);
    printed(d.winding!.electrodeLength * 1000, 784.61, 2);
    printed(d.winding!.turns!, 22.2, 1);
    rel(d.winding!.width * 1000, 64.5);
  });

  it('gives a cell-basis Wh/L on the can volume', () => {
    rel(toMAh(d.capacity!), 2 * length * 64.5 * 1e-2 * 2.8);
    printed(toMAh(d.capacity!), 2834.0, 1);
    printed(toWhPerL(d.cell.energyDensity!), 420.8, 1);
    rel(d.cell.volume! * 1e9, (Math.PI / 4) * 21 ** 2 * 70);
    rel(
      toMg(d.massBreakdown.can!) / 1000,
      ((Math.PI / 4) * (21 ** 2 - 20.5 ** 2) * 69.5 + (Math.PI / 2) * 21 ** 2 * 0.25) * 7.9e-3,
    );
    printed(toMg(d.massBreakdown.can!) / 1000, 10.316, 3);
    expect(d.stackBasis).toBe('jelly-roll');
    expect(d.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});

describe('wound prismatic cell 148 × 91 × 27 mm', () => {
  // Al can wall 0.8 mm: inside 146.4 × 89.4 × 25.4 mm; headspace 8 mm → roll height 81.4 mm.
  //   stadium cross-section (81.4 − 25.4) × 25.4 + π/4 × 25.4² = 1422.4 + 506.71 = 1929.11 mm²
  //   electrode length 1929.11 / 0.416667 = 4629.86 mm; width along the axis 146.4 mm
  //   capacity 2 × 4629.86 × 146.4 mm² × 2.8 mAh/cm² = 37 957 mAh; energy × 3.6 V = 136.64 Wh
  //   cell volume 148 × 91 × 27 = 363 636 mm³ → 375.8 Wh/L
  const d = woundCell({
    type: 'prismatic',
    stacking: 'wound',
    outline: { width: 148e-3, height: 91e-3 },
    thickness: 27e-3,
    headspace: 8e-3,
    can: { material: 'Al', thickness: 0.8e-3 },
  });
  it('winds a flat roll into the can', () => {
    printed(d.winding!.crossSection * 1e6, 1929.11, 2);
    printed(d.winding!.electrodeLength * 1000, 4629.86, 2);
    printed(toMAh(d.capacity!), 37957, 0);
    printed(toWhPerL(d.cell.energyDensity!), 375.8, 1);
    rel(d.cell.thickness!, 27e-3);
    // Can wall: 148 × 91 × 27 − 146.4 × 89.4 × 25.4 = 363 636 − 332 439.3 = 31 196.7 mm³ × 2.7 g/cm³ = 84.23 g
    printed(toMg(d.massBreakdown.can!) / 1000, 84.23, 2);
  });
});
