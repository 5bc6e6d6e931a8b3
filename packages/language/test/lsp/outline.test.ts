import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFoldings, expectSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
afterEach(() => clearDocuments(CellSpec.shared));

const KIND_NAMES = new Map<number, string>(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));

/** The outline as indented lines: `<kind> <name> — <detail>`. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${KIND_NAMES.get(s.kind)} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

async function outlineOf(text: string): Promise<string[]> {
  let lines: string[] = [];
  await expectSymbols(CellSpec)({
    text,
    disposeAfterCheck: true,
    assert: (symbols) => {
      lines = outline(symbols);
    },
  });
  return lines;
}

const SPEC = `library programme "標準材料"
material NCM811 cathode-active "LiNi0.8Co0.1Mn0.1O2" { density 4.7 g/cm3 }
let gap = 150 um
cell SB21 "Standard battery 2.1" {
  format pouch single-layer { outline 65 mm x 45 mm }
  cathode {
    composition { NCM811: 97 wt%, VGCF: 3 wt% }
    loading 20 mg/cm2
  }
  electrolyte-layer Li6PS5Cl { thickness 20 um }
  anode { loading 10 mg/cm2 }
  limits { voltage 2.5 V to 4.25 V }
  targets { capacity 8 mAh }
}
variant SB21-G2 of SB21 { replace NCM811 with HighNi }
process P "作製工程" for SB21 {
  environment { dew-point: -40 °C }
  step mixing "スラリー混合" { time: 30 min }
  step pressing
}
test-plan T for SB21 {
  test lot-check "Lot check" {
    charge at C/10 until 4.25 V
    repeat 3 times { rest for 10 s }
    procedure dc-ir
  }
  test durability { procedure iec-62660-1-cycle }
}
document { number "SB-21-001" status draft }
`;

describe('document symbols', () => {
  it('outline: cells → format, electrodes, layers; materials; processes → steps; test plans → tests', async () => {
    expect(await outlineOf(SPEC)).toEqual([
      'Package programme — 標準材料',
      'Struct NCM811 — cathode-active · LiNi0.8Co0.1Mn0.1O2',
      'Constant gap — 150 um',
      'Class SB21 — Standard battery 2.1',
      '  Property format pouch single-layer',
      '  Field cathode',
      '    Array composition — NCM811, VGCF',
      '  Field electrolyte-layer — Li6PS5Cl',
      '  Field anode',
      '  Namespace limits',
      '  Namespace targets',
      'Class SB21-G2 — variant of SB21',
      '  Event replace NCM811 — with HighNi',
      'Module P — 作製工程',
      '  Namespace environment',
      '  Function mixing — スラリー混合',
      '  Function pressing',
      'Module T — for SB21',
      '  Method lot-check — Lot check',
      '    Array repeat 3',
      '    Function dc-ir — procedure',
      '  Method durability',
      '    Function iec-62660-1-cycle — procedure',
      'File document — SB-21-001',
    ]);
  });

  it('selects the name of a declaration and spans its whole block', async () => {
    await expectSymbols(CellSpec)({
      text: 'cell SB21 {\n  cathode { loading 20 mg/cm2 }\n}',
      disposeAfterCheck: true,
      assert: ([cell]) => {
        expect(cell!.selectionRange).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
        expect(cell!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 2, character: 1 } });
      },
    });
  });
});

describe('folding ranges', () => {
  async function foldings(text: string): Promise<Array<[number, number, string?]>> {
    let result: Array<[number, number, string?]> = [];
    await expectFoldings(CellSpec)({
      text,
      disposeAfterCheck: true,
      assert: (ranges: FoldingRange[]) => {
        result = ranges.map((r) => (r.kind ? [r.startLine, r.endLine, r.kind] : [r.startLine, r.endLine]));
      },
    });
    return result;
  }

  it('folds every block of three lines or more, from `{` to the line before `}`', async () => {
    expect(await foldings(SPEC)).toEqual([
      [3, 12], // cell SB21
      [5, 7], // cathode
      [15, 18], // process P
      [20, 26], // test-plan T
      [21, 24], // test lot-check
    ]);
  });

  it('folds block comments and runs of line comments', async () => {
    expect(await foldings('/* one\n two\n three */\n// a\n// b\n// c\nlet x1 = 1 // single\nlet y = 2')).toEqual([
      [0, 2, 'comment'],
      [3, 5, 'comment'],
    ]);
  });
});
