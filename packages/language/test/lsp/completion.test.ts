import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, expectCompletion, parseHelper } from 'langium/test';
import type { CompletionList } from 'vscode-languageserver';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const complete = expectCompletion(CellSpec);
const parse = parseHelper(CellSpec);
afterEach(() => clearDocuments(CellSpec.shared));

const MAIN_URI = URI.file('/ws/main.cellspec').toString();

/** The completion labels at `<|>` in a file at /ws/main.cellspec. */
async function labelsAt(text: string): Promise<string[]> {
  let labels: string[] = [];
  await complete({
    text,
    index: 0,
    parseOptions: { documentUri: MAIN_URI },
    disposeAfterCheck: true,
    assert: (list: CompletionList) => {
      labels = list.items.map((i) => i.label);
    },
  });
  return labels;
}

describe('completion of units after a number', () => {
  it('offers only the kinds the property accepts', async () => {
    const loading = await labelsAt(`cell A { cathode { loading 20 <|> } }`);
    expect(loading.slice(0, 2)).toEqual(['mg/cm²', 'mAh/cm²']);
    expect(loading).not.toContain('µm');
    const thickness = await labelsAt(`cell A { electrolyte-layer X { thickness 20 <|> } }`);
    expect(thickness.slice(0, 4)).toEqual(['µm', 'um', 'mm', 'cm']);
    expect(thickness).not.toContain('mg/cm²');
  });

  it('filters by what is typed and knows the places that are not properties', async () => {
    expect(await labelsAt(`cell A { cathode { loading 20 mA<|> } }`)).toEqual(['mAh/cm²']);
    expect((await labelsAt(`cell A { cathode { composition { X: 75 <|> } } }`)).slice(0, 3)).toEqual([
      'wt%',
      'vol%',
      '%',
    ]);
    expect((await labelsAt(`cell A { targets { energy-density (stack) >= 400 <|> } }`))[0]).toBe('Wh/L');
    expect((await labelsAt(`test-plan T for A { test t { rest for 30 <|> } }`)).slice(0, 4)).toEqual([
      's',
      'min',
      'h',
      'd',
    ]);
    expect((await labelsAt(`test-plan T for A { test t { set-temperature 25 <|> } }`)).slice(0, 2)).toEqual([
      '°C',
      'K',
    ]);
  });

  it('offers every unit where any unit goes', async () => {
    const units = await labelsAt(`let gap = 150 <|>`);
    expect(units).toEqual(expect.arrayContaining(['µm', 'mg/cm²', 'mAh/g', 'mS/cm', 'Ω·cm²', 'ppm', 'wt%', '°C', 'C']));
  });

  it('offers no whole unit in the middle of one', async () => {
    const labels = await labelsAt(`cell A { cathode { loading 20 mg/<|> } }`);
    expect(labels).not.toContain('mg/cm²');
  });
});

describe('completion of property names', () => {
  it('offers only the properties the block accepts', async () => {
    const electrode = await labelsAt(`cell A { cathode { <|> } }`);
    expect(electrode).toEqual(expect.arrayContaining(['loading', 'porosity', 'composition', 'collector', 'thickness']));
    expect(electrode).not.toContain('specific-capacity');
    expect(electrode).not.toContain('yield');
    const material = await labelsAt(`material M cathode-active { <|> }`);
    expect(material).toEqual(expect.arrayContaining(['specific-capacity', 'density', 'ocp', 'source']));
    expect(material).not.toContain('loading');
    const limits = await labelsAt(`cell A { limits { <|> } }`);
    expect(limits).toEqual(expect.arrayContaining(['voltage', 'max-charge-rate', 'temperature']));
    expect(limits).not.toContain('porosity');
  });

  it('keeps non-property keywords (metrics in targets)', async () => {
    const targets = await labelsAt(`cell A { targets { <|> } }`);
    expect(targets).toEqual(expect.arrayContaining(['capacity', 'energy-density', 'np-ratio', 'thickness']));
    expect(targets).not.toContain('porosity');
  });
});

describe('completion of material names', () => {
  it('offers materials declared in the same file', async () => {
    const labels = await labelsAt(
      `material NCM811 cathode-active { }\nmaterial LPSCl solid-electrolyte { }\ncell A { cathode { composition { <|> } } }`,
    );
    expect(labels).toEqual(expect.arrayContaining(['NCM811', 'LPSCl']));
  });

  it('offers the built-in library materials', async () => {
    const labels = await labelsAt(`cell A { cathode { composition { <|> } } }`);
    expect(labels).toEqual(expect.arrayContaining(['NCM811', 'Li6PS5Cl', 'VGCF']));
  });

  it('offers materials of an imported file', async () => {
    await parse(`library lib\nmaterial Graphite anode-active { }`, {
      documentUri: URI.file('/ws/lib.cellspec').toString(),
    });
    const labels = await labelsAt(`import "lib.cellspec"\ncell A { anode { composition { Gra<|> } } }`);
    expect(labels).toContain('Graphite');
  });
});

describe('ranking of material names by the kind the place expects', () => {
  /** Labels (restricted to `names`) in the order the editor sorts them: by sortText, then label. */
  async function rankedAt(text: string, names: string[]): Promise<string[]> {
    let ranked: string[] = [];
    await complete({
      text,
      index: 0,
      parseOptions: { documentUri: MAIN_URI },
      disposeAfterCheck: true,
      assert: (list: CompletionList) => {
        ranked = list.items
          .filter((i) => names.includes(i.label))
          .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label))
          .map((i) => `${i.label} (${i.detail})`);
      },
    });
    return ranked;
  }
  const LIB =
    'material Foil current-collector { }\nmaterial Act cathode-active { }\nmaterial Coat coating { }\nmaterial SE solid-electrolyte { }\n';
  const names = ['Foil', 'Act', 'Coat', 'SE'];

  it('collectors first after `collector`', async () => {
    expect((await rankedAt(`${LIB}cell A { cathode { collector <|> } }`, names))[0]).toBe('Foil (current-collector)');
  });

  it('electrode materials first in a composition, coatings after `coated-with`', async () => {
    expect((await rankedAt(`${LIB}cell A { cathode { composition { <|> } } }`, names)).slice(0, 2)).toEqual([
      'Act (cathode-active)',
      'SE (solid-electrolyte)',
    ]);
    expect((await rankedAt(`${LIB}cell A { cathode { composition { Act coated-with <|> } } }`, names))[0]).toBe(
      'Coat (coating)',
    );
  });

  it('solid electrolytes first for an electrolyte layer', async () => {
    expect((await rankedAt(`${LIB}cell A { electrolyte-layer <|> }`, names))[0]).toBe('SE (solid-electrolyte)');
  });
});

describe('completion of named procedures, their parameters and built-in OCPs', () => {
  it('offers the standard procedures after `procedure`', async () => {
    const labels = await labelsAt(`test-plan T for A { test t { procedure <|> } }\ncell A { }`);
    expect(labels).toEqual(expect.arrayContaining(['lot-check', 'iec62660-capacity', 'dc-ir', 'nail-short']));
    expect(labels).not.toContain('charge');
  });

  it("offers a procedure's own parameters inside its block", async () => {
    const labels = await labelsAt(`test-plan T for A { test t { procedure dc-ir { <|> } } }\ncell A { }`);
    expect(labels).toContain('soc');
    expect(labels).not.toContain('porosity');
  });

  it('offers the built-in OCP fits after `ocp`', async () => {
    const labels = await labelsAt(`material M cathode-active { ocp <|> }`);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/Chen2020/)]));
  });
});

describe('completion that knows where it is', () => {
  it('after a number and a space offers only units of the value’s kind, no property names', async () => {
    const labels = await labelsAt(`cell A {\n  cathode {\n    loading 20 <|>\n  }\n}`);
    expect(labels).toEqual(['mg/cm²', 'mAh/cm²']);
  });

  it('right after the digits offers nothing, so Enter at the end of the line accepts no unit', async () => {
    expect(await labelsAt(`cell A {\n  cathode {\n    loading 20<|>\n  }\n}`)).toEqual([]);
    expect(await labelsAt(`cell A {\n  cathode {\n    porosity 8<|>\n  }\n}`)).toEqual([]);
    // Nor right after a unit that ends in a digit: no property name glued to `cm2`.
    expect(await labelsAt(`cell A {\n  cathode {\n    loading 20 mg/cm2<|>\n  }\n}`)).not.toContain('porosity');
  });

  it('a unit the user starts typing is still completed', async () => {
    expect(await labelsAt(`cell A {\n  cathode {\n    loading 20 mg<|>\n  }\n}`)).toContain('mg/cm²');
  });

  it('a new line in an electrode block offers that block’s properties only', async () => {
    const labels = await labelsAt(`cell A {\n  cathode {\n    loading 20 mg/cm2\n    <|>\n  }\n}`);
    expect(labels).toEqual(expect.arrayContaining(['porosity', 'composition', 'collector', 'thickness']));
    // Neither value continuations of the line above nor top-level keywords or templates.
    for (const stray of ['to', 'source', 'activation', 'cell', 'material', 'test-plan', 'yield'])
      expect(labels).not.toContain(stray);
  });

  it('the same line after a value still offers its continuations', async () => {
    const labels = await labelsAt(`cell A {\n  limits {\n    voltage 2.5 V <|>\n  }\n}`);
    expect(labels).toContain('to');
  });

  it('after `collector` offers collector materials only', async () => {
    const labels = await labelsAt(`cell A {\n  cathode {\n    collector <|>\n  }\n}`);
    expect(labels).toEqual(expect.arrayContaining(['Al', 'Cu']));
    expect(labels).not.toContain('NCM811');
    expect(labels).not.toContain('Li6PS5Cl');
  });

  it('offers templates where their keyword may stand, and nowhere else', async () => {
    let items: CompletionList['items'] = [];
    await complete({
      text: `<|>`,
      index: 0,
      parseOptions: { documentUri: MAIN_URI },
      disposeAfterCheck: true,
      assert: (list: CompletionList) => {
        items = list.items;
      },
    });
    const cell = items.find((i) => i.label === 'cell' && i.insertTextFormat === 2);
    expect(cell?.textEdit?.newText).toMatch(/^cell \$\{1:SB21\}/);
    const inProcess = await labelsAt(`process P for A {\n  <|>\n}`);
    expect(inProcess).toContain('step');
    expect(await labelsAt(`cell A {\n  <|>\n}`)).not.toContain('step');
  });
});

describe('completion in modules and packs', () => {
  it('offers the properties of each block and the units of duty values', async () => {
    const module = await labelsAt(`module M { <|> }`);
    expect(module).toEqual(expect.arrayContaining(['cell', 'series', 'parallel', 'plate-conductance', 'housing-mass']));
    expect(module).not.toContain('loading');
    expect(module).not.toContain('test-mass');
    const vehicle = await labelsAt(`pack P { vehicle { <|> } }`);
    expect(vehicle).toEqual(expect.arrayContaining(['test-mass', 'drag-coefficient', 'regeneration']));
    expect(vehicle).not.toContain('series');
    expect((await labelsAt(`module M { plate-conductance 2 <|> }`))[0]).toBe('W/K');
    expect((await labelsAt(`pack P { fast-charge 6 <|> }`))[0]).toBe('C');
  });
});
