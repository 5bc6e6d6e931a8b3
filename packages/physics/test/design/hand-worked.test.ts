/**
 * Hand-worked cells: every expected number is derived in the comments from the inputs, in the
 * units a designer uses. Tolerance: 1e-9 relative for exact arithmetic (floating-point rounding
 * only), or the printed digits of the hand calculation where it rounds.
 */
import { describe, expect, it } from 'vitest';
import { designCell, collectorCounts } from '../../src/design/index.js';
import { byWeight, cell, cm, electrode, gcc, mgcm2, toMAh, toMg, toUm, toWhPerKg, toWhPerL, um } from './builders.js';
import { anode, cathode, HAND_WORKED_MATERIALS, rel, seLayer } from './hand-worked-parts.js';

const materials = HAND_WORKED_MATERIALS;

describe('one-layer pouch cell, 2 × 2 cm electrodes', () => {
  const d = designCell(
    cell({
      cathode: cathode(2, 2),
      anode: anode(2, 2),
      separator: seLayer,
      materials,
      format: {
        outline: { width: cm(4), height: cm(3) },
        packaging: { material: 'Film', thickness: um(100) },
        tabs: { material: 'Al', width: cm(0.5), length: cm(1), thickness: um(100), count: 2 },
      },
    }),
  );

  it('derives the cathode thickness, density and areal capacity', () => {
    rel(d.cathode.solidDensity, gcc(1 / 0.29));
    rel(d.cathode.components[0]!.volumeFraction, 0.14 / 0.29);
    rel(d.cathode.density, gcc(0.8 / 0.29));
    rel(toUm(d.cathode.thickness!), 72.5);
    expect(d.cathode.derived).toContain('thickness');
    rel(toMAh(d.cathode.arealCapacity!) / 1e4, 2.8); // per cm²
    rel(toUm(d.anode.thickness!), (14 / 1.5) * 10);
    rel(toMAh(d.anode.arealCapacity!) / 1e4, 2.94);
  });

  it('computes capacity, N/P, voltage and energy', () => {
    // capacity = 1 layer · 4 cm² · 2.8 mAh/cm² = 11.2 mAh, cathode-limited; N/P = 1.05
    rel(toMAh(d.capacity!), 11.2);
    expect(d.limitingElectrode).toBe('cathode');
    expect(d.capacityBasis).toBe('practical-specific-capacity');
    rel(d.npRatio, 1.05);
    // declared mean voltages: 3.8 − 0.2 = 3.6 V; energy 11.2 mAh · 3.6 V = 40.32 mWh
    rel(d.meanVoltage, 3.6);
    expect(d.meanVoltageMethod).toBe('declared');
    rel(d.energy! / 3.6, 40.32); // J → mWh
  });

  it('computes the stack basis', () => {
    // height 15 + 72.5 + 30 + 93.333 + 10 = 220.833 µm; volume 4 cm² · 0.0220833 cm = 0.0883333 cm³
    rel(toUm(d.stack.thickness!), 15 + 72.5 + 30 + 140 / 1.5 + 10);
    // 40.32 mWh / 0.0883333 mL = 456.45 Wh/L
    rel(toWhPerL(d.stack.energyDensity!), 0.04032 / (4 * 220.8333333333333e-4 * 1e-3));
    expect(toWhPerL(d.stack.energyDensity!)).toBeCloseTo(456.45, 2);
    // masses (mg): Al 4·15e-4·2.7·1000 = 16.2; cathode 4·20 = 80; SE 4·30e-4·2.0·1000 = 24; anode 4·14 = 56; Cu 4·10e-4·9.0·1000 = 36
    rel(toMg(d.massBreakdown['cathode collector']!), 16.2);
    rel(toMg(d.massBreakdown['electrolyte layer']!), 24);
    rel(toMg(d.massBreakdown['anode collector']!), 36);
    rel(toMg(d.massBreakdown['cathode NCM']!), 56); // 80 mg · 0.7
    rel(toMg(d.stack.mass!), 212.2);
    // 40.32 mWh / 212.2 mg = 190.01 Wh/kg
    expect(toWhPerKg(d.stack.specificEnergy!)).toBeCloseTo(190.01, 2);
  });

  it('computes the packaged-cell basis', () => {
    // thickness 220.833 + 2·100 = 420.833 µm; volume 12 cm² · 0.0420833 cm = 0.505 cm³ → 79.84 Wh/L
    rel(toUm(d.cell.thickness!), 420.8333333333333);
    rel(d.cell.volume! * 1e6, 0.505);
    expect(toWhPerL(d.cell.energyDensity!)).toBeCloseTo(79.84, 2);
    // film 2·12 cm²·0.01 cm·1.5 = 0.36 g; tabs 2·0.5·1·0.01 cm³·2.7 = 0.027 g; total 0.2122 + 0.36 + 0.027 = 0.5992 g
    rel(toMg(d.massBreakdown.packaging!), 360);
    rel(toMg(d.massBreakdown.tabs!), 27);
    rel(toMg(d.cell.mass!), 599.2);
    // 40.32 mWh / 0.5992 g = 67.29 Wh/kg
    expect(toWhPerKg(d.cell.specificEnergy!)).toBeCloseTo(67.29, 2);
    expect(d.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});

describe('bi-cell anode | cathode | anode with a larger anode', () => {
  // Double-sided 2 × 2 cm cathode in the centre, two single-sided 2.1 × 2.1 cm anodes.
  const d = designCell(
    cell({
      format: { stacking: 'bi-cell', layers: 2 },
      cathode: cathode(2, 2, true),
      anode: anode(2.1, 2.1),
      separator: seLayer,
      materials,
    }),
  );
  it('counts one cathode collector and two anode collectors', () => {
    expect(
      collectorCounts(
        cell({
          format: { stacking: 'bi-cell', layers: 2 },
          cathode: cathode(2, 2, true),
          anode: anode(2.1, 2.1),
          materials,
        }),
        2,
      ),
    ).toEqual({ cathode: 1, anode: 2 });
  });
  it('computes capacity over the facing area', () => {
    // facing area min(2, 2.1)² = 4 cm²; capacity 2 · 4 · 2.8 = 22.4 mAh; energy 22.4 · 3.6 = 80.64 mWh
    rel(d.facingArea * 1e4, 4);
    rel(toMAh(d.capacity!), 22.4);
    rel(d.energy! / 3.6, 80.64);
    rel(d.npRatio, 1.05);
  });
  it('computes stack height, volume and mass', () => {
    // height 15 (Al) + 2·(72.5 + 30 + 93.333) + 2·10 (Cu) = 426.667 µm
    rel(toUm(d.stack.thickness!), 15 + 2 * (72.5 + 30 + 140 / 1.5) + 20);
    // footprint is the largest layer, 2.1² = 4.41 cm² (the SE layer takes the larger electrode's area)
    // volume 4.41 · 0.0426667 = 0.18816 cm³ → 80.64 mWh / 0.18816 mL = 428.57 Wh/L
    rel(d.stack.volume! * 1e6, 0.18816);
    expect(toWhPerL(d.stack.energyDensity!)).toBeCloseTo(428.571, 2);
    // masses (mg): Al 16.2; cathode 2·4·20 = 160; SE 2·4.41·30e-4·2000 = 52.92; anode 2·4.41·14 = 123.48; Cu 2·4.41·10e-4·9000 = 79.38
    rel(toMg(d.massBreakdown['electrolyte layer']!), 52.92);
    rel(toMg(d.massBreakdown['anode collector']!), 79.38);
    rel(toMg(d.stack.mass!), 16.2 + 160 + 52.92 + 123.48 + 79.38);
    // 80.64 mWh / 431.98 mg = 186.68 Wh/kg
    expect(toWhPerKg(d.stack.specificEnergy!)).toBeCloseTo(186.675, 2);
  });
});

describe('stack of 4 unit cells with double-sided electrodes, edge insulation and pouch', () => {
  const d = designCell(
    cell({
      format: {
        stacking: 'stacked',
        layers: 4,
        outline: { width: cm(4), height: cm(3) },
        packaging: { material: 'Film', thickness: um(100) },
        insulation: { material: 'PI', thickness: um(25), width: cm(0.2) },
      },
      cathode: cathode(2, 2, true),
      anode: anode(2, 2, true),
      separator: seLayer,
      materials,
    }),
  );
  it('shares 5 collector sheets: 2 cathodes inside, 3 anodes with anodes outermost', () => {
    const counts = Object.fromEntries(
      d.layersBreakdown.filter((l) => l.name.endsWith('collector')).map((l) => [l.name, l.count]),
    );
    expect(counts).toEqual({ 'cathode collector': 2, 'anode collector': 3 });
  });
  it('computes the stack', () => {
    // capacity 4 · 4 cm² · 2.8 = 44.8 mAh; energy 44.8 · 3.6 = 161.28 mWh
    rel(toMAh(d.capacity!), 44.8);
    // height 2·15 + 3·10 + 4·195.833 = 843.333 µm; volume 4 · 0.0843333 = 0.337333 cm³ → 478.10 Wh/L
    rel(toUm(d.stack.thickness!), 60 + 4 * (72.5 + 30 + 140 / 1.5));
    expect(toWhPerL(d.stack.energyDensity!)).toBeCloseTo(478.1, 1);
    // mass (mg) Al 32.4 + cathode 320 + SE 96 + anode 224 + Cu 108 = 780.4 → 206.66 Wh/kg
    rel(toMg(d.stack.mass!), 780.4);
    expect(toWhPerKg(d.stack.specificEnergy!)).toBeCloseTo(206.66, 1);
  });
  it('computes the packaged cell with insulation', () => {
    // thickness 843.333 + 200 = 1043.333 µm; volume 12 · 0.1043333 = 1.252 cm³ → 128.82 Wh/L
    rel(d.cell.volume! * 1e6, 1.252);
    expect(toWhPerL(d.cell.energyDensity!)).toBeCloseTo(128.82, 1);
    // insulation frame: perimeter 8 cm · 0.2 cm wide · 25 µm · both faces = 0.008 cm³ · 1.4 = 11.2 mg
    rel(toMg(d.massBreakdown.insulation!), 11.2);
    // mass 780.4 + 360 + 11.2 = 1151.6 mg → 161.28 / 1.1516 = 140.05 Wh/kg
    rel(toMg(d.cell.mass!), 1151.6);
    expect(toWhPerKg(d.cell.specificEnergy!)).toBeCloseTo(140.05, 1);
  });
});

describe('any two of loading, thickness and porosity fix the third', () => {
  const base = { components: byWeight({ NCM: 70, SE: 30 }), collector: { material: 'Al', thickness: um(15) } };
  const make = (rest: object) =>
    designCell(
      cell({
        cathode: electrode('cathode', 2, 2, { ...base, ...rest }),
        anode: anode(2, 2),
        separator: seLayer,
        materials,
      }),
    );
  it('thickness and porosity give the loading', () => {
    // 72.5 µm at 20 % porosity: L = 2.75862 g/cm³ · 72.5e-4 cm = 20 mg/cm²
    rel(make({ thickness: um(72.5), porosity: 0.2 }).cathode.loading, mgcm2(20));
  });
  it('loading and thickness give the porosity', () => {
    rel(make({ loading: mgcm2(20), thickness: um(72.5) }).cathode.porosity, 0.2);
  });
  it('loading and bulk density give the thickness', () => {
    rel(toUm(make({ loading: mgcm2(20), density: gcc(0.8 / 0.29) }).cathode.thickness!), 72.5);
  });
  it('all three inconsistent is a problem naming both thicknesses', () => {
    const d = make({ loading: mgcm2(20), thickness: um(80), porosity: 0.2 });
    const p = d.problems.find((x) => x.code === 'thickness-inconsistent');
    expect(p?.message).toMatch(/thickness 80 µm disagrees with 72\.5 µm/);
    expect(p?.path).toBe('cathode.thickness');
  });
  it('all three within 2 % is accepted', () => {
    expect(
      make({ loading: mgcm2(20), thickness: um(73), porosity: 0.2 }).problems.find(
        (x) => x.code === 'thickness-inconsistent',
      ),
    ).toBeUndefined();
  });
});

describe('problems instead of NaN', () => {
  it('an anode-limited cell warns of lithium plating', () => {
    const d = designCell(
      cell({ cathode: cathode(2, 2), anode: { ...anode(2, 2), loading: mgcm2(10) }, separator: seLayer, materials }),
    );
    // anode 10 · 0.6 · 350 = 2.1 mAh/cm² < 2.8 → N/P 0.75, anode limits
    rel(d.npRatio, 0.75);
    expect(d.limitingElectrode).toBe('anode');
    expect(d.problems.some((p) => p.code === 'np-below-one')).toBe(true);
  });
  it('missing densities and loadings never produce non-finite numbers', () => {
    const d = designCell(
      cell({
        cathode: electrode('cathode', 2, 2, { components: byWeight({ NCM: 70, X: 30 }) }),
        anode: electrode('anode', 0, 0, { components: [] }),
        materials,
      }),
    );
    const numbers: number[] = [];
    JSON.stringify(d, (_k, v) => {
      if (typeof v === 'number') numbers.push(v);
      return v;
    });
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(d.capacity).toBeUndefined();
    expect(d.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['unknown-material', 'no-composition', 'no-capacity']),
    );
  });
  it('reports a composition that does not sum to 100 wt%', () => {
    const d = designCell(
      cell({
        cathode: { ...cathode(2, 2), components: byWeight({ NCM: 70, SE: 27 }) },
        anode: anode(2, 2),
        separator: seLayer,
        materials,
      }),
    );
    expect(d.problems.find((p) => p.code === 'composition-sum')?.message).toBe(
      'cathode composition sums to 97 wt%, must be 100 wt%',
    );
  });
});
