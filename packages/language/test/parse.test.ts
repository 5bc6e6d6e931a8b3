import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices } from '../src/index.js';
import type { Spec } from '../src/generated/ast.js';

const services = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper<Spec>(services.CellSpec);

describe('grammar', () => {
  it('parses the flavour of the language', async () => {
    const doc = await parse(`
      material NCM811 cathode-active "LiNi0.8Co0.1Mn0.1O2" {
        specific-capacity 195 mAh/g source "BotB"
        density 4.7 g/cm3
        ocp NMC811_Chen2020
      }
      material LiNbO3 coating { density 4.6 g/cm³ }
      material Li6PS5Cl solid-electrolyte { density 1.86 g/cm3 ionic-conductivity 1.3 mS/cm activation 0.35 eV }
      material VGCF conductive-additive { density 2.0 g/cm3 }
      material Al current-collector { density 2.70 g/cm3 }
      let gap = 150 um
      cell SB21 "標準電池 2.1" {
        format pouch single-layer { outline 65 mm x 45 mm }
        electrode-area 20 mm x 20 mm
        cathode {
          composition { NCM811 coated-with LiNbO3: 75 wt%, Li6PS5Cl: 22 wt%, VGCF: 3 wt% }
          loading 20 mg/cm2
          porosity 8 %
          collector Al 15 um
        }
        electrolyte-layer Li6PS5Cl { thickness 20 um }
        anode { loading 2 * 5 mg/cm2 }
        limits { voltage 2.5 V to 4.25 V  max-charge-rate 6 C }
        targets { capacity 8 mAh ± 3 %; energy-density (stack) >= 400 Wh/L; np-ratio between 1.05 and 1.2 }
        analyses { discharge at C/10, 1 C, 3 C temperature 25 °C }
      }
      test-plan T for SB21 {
        test lot-check "Lot check" {
          samples 17
          at -40, 0, 25 °C
          charge at C/10 cv 4.25 V until C/20
          rest for 30 min
          discharge at 0.1 C until 2.5 V or capacity >= 8 mAh
          repeat 3 times { pulse discharge at 5 C for 10 s  rest for 60 s }
          procedure dc-ir { soc: 50 %; current: 0.5 C }
          pass "within ± 3 % of the lot mean"
        }
      }
    `);
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    expect(doc.parseResult.value.elements.length).toBe(8);
  });
});
