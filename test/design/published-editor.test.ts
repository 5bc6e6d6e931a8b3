/**
 * The editor on the constructs of published cell designs: completion offers them where they
 * belong, hover explains them, and the cell hover names plated lithium, the winding and the
 * stack basis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { createCellSpecServices } from '../../packages/language/src/index.js';
import { hoverAt } from './helpers.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const complete = expectCompletion(CellSpec);
afterEach(() => clearDocuments(CellSpec.shared));

async function labelsAt(text: string): Promise<string[]> {
  let labels: string[] = [];
  await complete({
    text,
    index: 0,
    parseOptions: { documentUri: URI.file('/ws/main.cellspec').toString() },
    disposeAfterCheck: true,
    assert: (list: CompletionList) => {
      labels = list.items.map((i) => i.label);
    },
  });
  return labels;
}

const ANODE_FREE = `cell AF {
  format pouch single-layer { outline 30 mm x 30 mm  packaging PouchLaminate 115 um }
  electrode-area 20 mm x 20 mm
  cathode {
    composition { NCM811: 75 wt%, Li6PS5Cl: 22 wt%, VGCF: 3 wt% }
    loading 14 mg/cm2
    porosity 8 %
    collector Al 15 um
  }
  electrolyte-layer Li6PS5Cl { thickness 20 um }
  anode {
    anode-free
    collector Cu 10 um
  }
}`;

describe('completion', () => {
  it('offers can and winding properties and films in a format block', async () => {
    const labels = await labelsAt('cell A { format cylindrical { <|> } }');
    expect(labels).toEqual(
      expect.arrayContaining(['diameter', 'height', 'mandrel', 'headspace', 'can', 'interlayer', 'spacer']),
    );
    expect(labels).not.toContain('excess-lithium');
  });

  it('offers the plating flags and excess lithium in an electrode, N/P and the stack basis in a cell', async () => {
    expect(await labelsAt('cell A { anode { <|> } }')).toEqual(
      expect.arrayContaining(['anode-free', 'plating-by-design', 'excess-lithium']),
    );
    expect(await labelsAt('cell A { <|> }')).toEqual(expect.arrayContaining(['np-ratio', 'stack-basis']));
    expect(await labelsAt('cell A { stack-basis <|> }')).toEqual(
      expect.arrayContaining(['footprint', 'electrode-area']),
    );
    expect(await labelsAt('cell A { format prismatic <|> }')).toContain('wound');
  });
});

describe('hover', () => {
  it('explains anode-free and the properties of cans', async () => {
    expect(await hoverAt(ANODE_FREE.replace('    anode-free', '    anode-<|>free'))).toContain(
      'plates on it on charge',
    );
    expect(await hoverAt('cell A { format cylindrical { diam<|>eter 21 mm } }')).toContain('21700: 21 mm');
  });

  it('on an anode-free cell names the plated lithium and the charged state', async () => {
    const text = await hoverAt(ANODE_FREE.replace('cell AF', 'cell A<|>F'));
    expect(text).toContain('of lithium plates per unit cell on charge');
    expect(text).toContain('stack (over the layer footprint, charged)');
    expect(text).toContain('as assembled (discharged)');
  });
});
