import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, expectHover, parseHelper } from 'langium/test';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const hover = expectHover(CellSpec);
const parse = parseHelper(CellSpec);

afterEach(() => clearDocuments(CellSpec.shared));

const MATERIALS = `
material N<|>CM811 cathode-active "LiNi0.8Co0.1Mn0.1O2" {
  specific-capacity 195 mAh/g source "supplier datasheet"
  density 4.7 g/cm3
  stoichiometry 0.03 to 0.9
  ocp NMC811_Chen2020
  lot "L-2024-07"
}
material HighNi cathode-active extends NCM811 { specific-capacity 205 mAh/g }
let gap = 150 um
`;

/** One hover check: `<|>` marks the cursor; every pattern must occur in the hover text. */
async function hoverAt(text: string, ...patterns: RegExp[]): Promise<void> {
  const parseOptions = { documentUri: URI.file('/ws/main.cellspec').toString() };
  for (const pattern of patterns)
    await hover({ text, index: 0, hover: pattern, parseOptions, disposeAfterCheck: true });
}

describe('hover', () => {
  it('on a material declaration lists kind, title and properties in display units with sources', async () => {
    await hoverAt(
      MATERIALS,
      /\*\*material\*\* `NCM811` — cathode-active/,
      /LiNi0\.8Co0\.1Mn0\.1O2/,
      /\| specific-capacity \| 195 mAh\/g \| supplier datasheet \|/,
      /\| density \| 4\.7 g\/cm³ \|/,
      /\| stoichiometry \| 0\.03 to 0\.9 \|/,
      /\| ocp \| NMC811_Chen2020 \|/,
      /lot: L-2024-07/,
    );
  });

  it('on a material reference shows the referenced material, inherited properties marked', async () => {
    const text =
      MATERIALS.replace('N<|>CM811 cathode', 'NCM811 cathode') +
      `
cell A {
  cathode { composition { High<|>Ni: 100 wt% } }
}`;
    await hoverAt(
      text,
      /\*\*material\*\* `HighNi`/,
      /extends `NCM811`/,
      /\| specific-capacity \| 205 mAh\/g/,
      /\| density \(from NCM811\) \| 4\.7 g\/cm³/,
    );
  });

  it('on a property keyword shows its doc, accepted kinds with units, and range', async () => {
    await hoverAt(
      `cell A { cathode { load<|>ing 20 mg/cm2 } }`,
      /\*\*loading\*\* — property/,
      /Areal loading/,
      /a mass per area \(mg\/cm²\) or an areal capacity \(mAh\/cm²\)/,
      /Allowed in: electrode/,
    );
    await hoverAt(
      `cell A { cathode { poros<|>ity 8 % } }`,
      /a fraction \(%, ppm\)/,
      /Physical range: ≥ 0 % and ≤ 95 %/,
    );
  });

  it('on a quantity shows the value in SI and in the display unit', async () => {
    await hoverAt(
      `cell A { cathode { loading 2<|>0 mg/cm2 } }`,
      /\*\*20 mg\/cm²\*\* — a mass per area/,
      /SI: 0\.2 kg\/m²/,
    );
    await hoverAt(
      `cell A { cathode { loading 20 mA<|>h/cm2 } }`,
      /\*\*20 mAh\/cm²\*\* — an areal capacity/,
      /SI: 720000 C\/m²/,
    );
    await hoverAt(
      `cell A { electrolyte-layer X { thickness 0.02 m<|>m } }`,
      /\*\*20 µm\*\* — a length/,
      /SI: 0\.00002 m/,
    );
  });

  it('on a bare number of a list reads it in the unit written on the last value', async () => {
    await hoverAt(
      `test-plan T for A { test t { at -40, <|>0, 25 °C } }\ncell A { }`,
      /\*\*0 °C\*\* — a temperature/,
      /SI: 273\.15 K/,
    );
  });

  it('on a literal inside an expression also shows the whole expression', async () => {
    await hoverAt(`cell A { anode { loading 2 * <|>5 mg/cm2 } }`, /\*\*5 mg\/cm²\*\*/, /`2 \* 5 mg\/cm2` = 10 mg\/cm²/);
  });

  it('on a constant and its reference shows its value', async () => {
    await hoverAt(`let g<|>ap = 150 um`, /\*\*let\*\* `gap` = 150 µm/, /SI: 0\.00015 m/);
    await hoverAt(`let gap = 150 um\nlet twice = 2 * ga<|>p`, /\*\*let\*\* `gap` = 150 µm/);
  });

  it('on a material property reference shows the evaluated value', async () => {
    await hoverAt(
      MATERIALS.replace('N<|>CM811 cathode', 'NCM811 cathode') + `let rho = NCM811.dens<|>ity`,
      /\*\*4\.7 g\/cm³\*\* — a density/,
      /SI: 4700 kg\/m³/,
    );
  });

  it('on a material imported from another file names that file', async () => {
    await parse(`library lib\nmaterial Al current-collector { density 2.7 g/cm3 }`, {
      documentUri: URI.file('/ws/lib.cellspec').toString(),
    });
    await hoverAt(
      `import "lib.cellspec"\ncell A { cathode { collector A<|>l 15 um } }`,
      /\*\*material\*\* `Al`/,
      /declared in `lib\.cellspec`/,
      /\| density \| 2\.7 g\/cm³/,
    );
  });

  it('on a built-in library material says where it comes from', async () => {
    await hoverAt(
      `cell A { cathode { composition { NCM<|>811: 100 wt% } } }`,
      /\*\*material\*\* `NCM811` — cathode-active/,
      /from the built-in material library/,
      /\| density \|/,
    );
  });

  it('on a target metric explains it and its unit', async () => {
    await hoverAt(
      `cell A { targets { energy-den<|>sity (stack) >= 400 Wh/L } }`,
      /\*\*energy-density\*\* — target/,
      /name the basis/,
      /In Wh\/L/,
    );
  });

  it('on a built-in OCP names its source', async () => {
    await hoverAt(
      `material M cathode-active { ocp NMC811_Chen<|>2020 }`,
      /built-in open-circuit potential/,
      /Chen et al/,
    );
    await hoverAt(`material M cathode-active { ocp NoSuch<|>Fit }`, /not a built-in fit/);
  });

  it('takes contributions from other features, after the built-in ones', async () => {
    const { CellSpec: services } = createCellSpecServices(EmptyFileSystem);
    services.lsp.HoverContributors.add({
      contribute: (ctx) =>
        ctx.declaration && 'name' in ctx.declaration ? `extra for ${String(ctx.declaration.name)}` : undefined,
    });
    await expectHover(services)({
      text: `cell S<|>B21 "標準電池 2.1" { }`,
      index: 0,
      hover: /^\*\*cell\*\* `SB21` — 標準電池 2\.1\n\n---\n\n[\s\S]*extra for SB21$/,
    });
  });

  it('says nothing on whitespace', async () => {
    const { CellSpec: services } = createCellSpecServices(EmptyFileSystem);
    const doc = await parseHelper(services)(`cell A {   }`);
    const result = await services.lsp.HoverProvider!.getHoverContent(doc, {
      textDocument: { uri: doc.uri.toString() },
      position: { line: 0, character: 9 },
    });
    expect(result).toBeUndefined();
  });
});
