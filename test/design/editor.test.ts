/**
 * Hover, quick fixes and code lenses of the design calculator through the language services.
 * A quick-fix test applies the edit, rebuilds, and checks the recomputed figure hits the target:
 * proposed values carry 5 significant figures, so the result may differ from the target by
 * rounding only (≤ 5e-5 relative; 1e-4 is allowed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAction, build, codeActions, designOfText, hints, hoverAt, lenses } from './helpers.js';

const SB21 = readFileSync(join(import.meta.dirname, 'fixtures', 'sb21-hints.cellspec'), 'utf8');
const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

describe('hover', () => {
  it('on a cell shows both bases, the breakdown and sources', async () => {
    const text = SB21.replace('cell SB21', 'cell SB<|>21');
    const md = (await hoverAt(text))!;
    expect(md).toContain('**design of SB21**');
    expect(md).toMatch(/capacity \*\*8\.19 mAh\*\* — cathode limits/);
    expect(md).toContain('| energy density | 511 Wh/L |');
    expect(md).toMatch(/\| cathode NCM811 \| [\d.]+ mg \|/);
    expect(md).toMatch(/\| NCM811 specific capacity \| 195 mAh\/g \| BotB materials table/);
    expect(md).toMatch(/\| cathode loading \| 14 mg\/cm² \| spec\.cellspec:\d+ \|/);
  });

  it('on an electrode shows components, computed thickness and areal capacity', async () => {
    const text = SB21.replace('  cathode {', '  cath<|>ode {');
    const md = (await hoverAt(text))!;
    expect(md).toContain('**cathode** of SB21');
    // 14 mg/cm² at 8 % porosity and 3.415 g/cm³ solids → 44.56 µm; 14 × 0.75 × 195 = 2.048 mAh/cm²
    expect(md).toContain('thickness 44.6 µm (computed)');
    expect(md).toContain('areal capacity 2.05 mAh/cm² (practical specific capacity)');
    expect(md).toMatch(/\| NCM811 \(coated with LiNbO3\) \| 75 \|/);
  });

  it('on a variant compares it with its base', async () => {
    const text = `${SB21}\nvariant SB21Si<|> of SB21 {\n  replace NaturalGraphite with Silicon\n}\n`;
    const md = (await hoverAt(text))!;
    expect(md).toContain('| metric | SB21 | SB21Si | Δ | % |');
    expect(md).toMatch(/\| N\/P ratio \| 1\.13 \| [\d.]+ \| \+[\d.]+ \| \+[\d.]+ % \|/);
  });
});

describe('inlay hints', () => {
  it('follow an edit of the loading', async () => {
    const before = await hints(await build(SB21));
    const after = await hints(await build(SB21.replace('loading 14 mg/cm2', 'loading 12 mg/cm2')));
    expect(before[0]).toContain('8.19 mAh');
    // 12 mg/cm² × 75 % × 195 mAh/g × 4 cm² = 7.02 mAh; N/P (11 × 0.6 × 350) / (12 × 0.75 × 195) = 1.32;
    // stack Al 15 + cathode 38.20 (12 mg/cm² ÷ 3.1415 g/cm³) + SE 20 + anode 58.42 + SUS 10 = 141.6 µm;
    // 7.02 mAh × 3.69 V = 25.90 mWh over 4 cm² × 141.6 µm = 0.05665 cm³ → 457 Wh/L
    expect(after[0]).toBe('4: 7.02 mAh · 457 Wh/L (stack) · N/P 1.32');
  });
});

describe('quick fixes', () => {
  it('set the anode loading for the N/P target, and the recomputed N/P hits it', async () => {
    const text = SB21.replace('np-ratio between 1.05 and 1.2', 'np-ratio between 1.2 and 1.3');
    const b = await build(text);
    const actions = await codeActions(b, lineOf(text, 'targets {'));
    const fix = actions.find((a) => a.title.startsWith('Set the anode loading'))!;
    expect(fix.title).toMatch(/^Set the anode loading to [\d.]+ mg\/cm² for N\/P 1\.25$/);
    const fixed = await designOfText(applyAction(b, fix), 'SB21');
    expect(Math.abs(fixed!.design.npRatio! / 1.25 - 1)).toBeLessThan(1e-4);
  });

  it('set the cathode loading, or the electrode height, for the capacity target', async () => {
    const text = SB21.replace('capacity 8 mAh ± 3 %', 'capacity 7 mAh ± 1 %');
    const b = await build(text);
    const actions = await codeActions(b, lineOf(text, 'targets {'));
    const byLoading = actions.find((a) => a.title.startsWith('Set the cathode loading'))!;
    const byArea = actions.find((a) => a.title.startsWith('Set the electrode height'))!;
    expect(byLoading.title).toMatch(/for 7 mAh$/);
    for (const fix of [byLoading, byArea]) {
      const fixed = await designOfText(applyAction(b, fix), 'SB21');
      expect(Math.abs(fixed!.design.capacity! / 3.6 / 7 - 1)).toBeLessThan(1e-4);
    }
  });

  it('convert a value to the unit shown for its kind', async () => {
    const text = SB21.replace('loading 14 mg/cm2', 'loading 0.14 kg/m2');
    const b = await build(text);
    const actions = await codeActions(b, lineOf(text, '0.14 kg/m2'));
    const convert = actions.find((a) => a.title.startsWith('Convert to'))!;
    expect(convert.title).toBe('Convert to mg/cm² (14 mg/cm²)');
    expect(applyAction(b, convert)).toContain('loading 14 mg/cm²');
    expect((await designOfText(applyAction(b, convert), 'SB21'))!.design.capacity).toBeCloseTo(
      (await designOfText(SB21, 'SB21'))!.design.capacity!,
      9,
    );
  });
});

describe('quick fixes read off a diagnostic', () => {
  it('a mistyped unit → the units the property takes, the nearest spelling first; applied, the design is back', async () => {
    for (const typo of ['mg/cm', 'mg/furlong', 'mg/cm3']) {
      const text = SB21.replace('loading 14 mg/cm2', `loading 14 ${typo}`);
      const b = await build(text);
      const fixes = (await codeActions(b, lineOf(text, `loading 14 ${typo}`))).filter((a) =>
        a.title.startsWith('Change the unit'),
      );
      expect(fixes.map((f) => f.title)[0], typo).toBe('Change the unit to mg/cm²');
      expect(fixes[0]!.isPreferred).toBe(true);
      expect(fixes[0]!.diagnostics?.[0]?.code).toMatch(/unknown-unit|unit-kind/);
      const fixed = await designOfText(applyAction(b, fixes[0]!), 'SB21');
      expect(fixed!.design.capacity).toBeCloseTo((await designOfText(SB21, 'SB21'))!.design.capacity!, 9);
    }
  });

  it('an unknown material → the nearest name', async () => {
    const text = SB21.replace('collector Al 15 um', 'collector Alu 15 um');
    const b = await build(text);
    const fix = (await codeActions(b, lineOf(text, 'collector Alu'))).find((a) => a.title.startsWith('Change to'));
    expect(fix?.title).toBe("Change to 'Al'");
    expect(applyAction(b, fix!)).toContain('collector Al 15 um');
  });
});

describe('code lens', () => {
  it('compares a variant with its base', async () => {
    const text = `${SB21}\nvariant SB21Si of SB21 {\n  replace NaturalGraphite with Silicon\n}\n`;
    const shown = await lenses(await build(text));
    expect(shown).toHaveLength(1);
    // Same cathode, so the same capacity; silicon's higher voltage vs Li lowers the energy density.
    expect(shown[0]).toMatch(
      /^\d+: vs SB21: capacity 8\.19 mAh \(±0 %\) · N\/P ratio [\d.]+ \(\+[\d.]+ %\) · energy density \(stack\) [\d.]+ Wh\/L \(−[\d.]+ %\)$/,
    );
  });
});
