/** Hover on test plans: a procedure's expansion for the cell, a test's sub-tests, a plan's cost. */
import { afterEach, describe, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments, expectHover } from 'langium/test';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const hover = expectHover(CellSpec);
afterEach(() => clearDocuments(CellSpec.shared));

const SPEC = (plan: string) => `
cell C1 {
  electrode-area 20 mm x 20 mm
  cathode {
    composition { NCM811 coated-with LiNbO3: 75 wt%, Li6PS5Cl: 22 wt%, VGCF: 3 wt% }
    loading 20 mg/cm2
    porosity 8 %
    collector Al 15 um
  }
  electrolyte-layer Li6PS5Cl { thickness 20 um }
  anode {
    composition { NaturalGraphite: 60 wt%, Li6PS5Cl: 38.5 wt%, PVDF: 1.5 wt% }
    loading 15 mg/cm2
    porosity 9 %
    collector SUS304 10 um
  }
  nominal-capacity 8 mAh
  limits { voltage 2.5 V to 4.25 V  temperature -40 °C to 100 °C  max-charge-rate 6 C }
}
${plan}`;

async function hoverAt(text: string, ...patterns: RegExp[]): Promise<void> {
  const parseOptions = { documentUri: URI.file('/ws/plan.cellspec').toString() };
  for (const pattern of patterns)
    await hover({ text, index: 0, hover: pattern, parseOptions, disposeAfterCheck: true });
}

describe('test-plan hover', () => {
  it('on a named procedure shows its documentation and its concrete steps for the cell', async () => {
    await hoverAt(
      SPEC(`test-plan P for C1 {
  test r { samples 3  procedure dc<|>-ir { soc: 50 %; current: 0.5 C } }
}`),
      /\*\*procedure\*\* `dc-ir` — DC internal resistance/,
      /\| `current` \(written\) \| Highest pulse C-rate/,
      /\*\*Pass:\*\* DC resistance at 10 s reported/,
      /\*\*Expands to\*\* \(r, C1\)/,
      // 0.5C of 8 mAh is 4 mA; the SOC move from full charge is 4 mAh at C/3.
      /discharge pulse at C\/2 \(4 mA\) for 10 s/,
      /charge at C\/3 \(2\.6667 mA\) to 4\.25 V, hold until C\/20 \(400 µA\)/,
      /discharge at C\/3 \(2\.6667 mA\) until capacity ≥ 4 mAh or 2\.5 V/,
    );
  });

  it('on a test lists its sub-tests with estimated durations', async () => {
    await hoverAt(
      SPEC(`test-plan P for C1 {
  test ca<|>p { samples 3  at -20, 25 °C  procedure iec62660-capacity }
}`),
      /\*\*test\*\* `cap` — 2 sub-tests, 3 samples each/,
      /- cap @ -20 °C: ≈ \d+(\.\d)? h on the cycler/,
      /chamber -20 °C, soak 4 h/,
      // The reduced model runs on hover: each sub-test's full C/3 discharge in mAh.
      /\*\*Simulated\*\* \(SPMe model, isothermal/,
      /- cap @ 25 °C: \d+\.\d\d mAh at C\/3; \d+(\.\d)? h/,
    );
  });

  it('on a test plan shows its cost', async () => {
    await hoverAt(
      SPEC(`test-plan P<|>lan for C1 {
  test a { samples 3  charge at 1 C until 4.25 V  discharge at 1 C until 2.5 V }
  test b { samples 2  set-temperature 45 °C soak 2 h  rest for 1 h }
}`),
      // a: charge from an unknown SOC counted from empty (1 h) + discharge (1 h); b: soak 2 h + rest 1 h.
      /\*\*test plan\*\* `Plan` for `C1`: \*\*5 h on 3 channels at 45 °C\*\*/,
      /1C = 8 mA from the nominal-capacity \(8\.000 mAh\)/,
    );
  });
});
