import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { csvField, reportCsv, reportJson } from '../src/view-model/report.js';
import { statusText } from '../src/view-model/status.js';
import { G2_FIGURES, SB21, SB21_FIGURES, SB21_G2, data } from './cells.js';

describe('design report', () => {
  it('writes JSON with SI values and their display text', () => {
    const r = JSON.parse(reportJson(data(), DEFAULT_SETTINGS));
    expect(r.cell).toBe('SB21');
    expect(r.figures[0]).toEqual({ metric: 'Capacity', value: 8.19 * 3.6, text: '8.19 mAh' });
    expect(r.targets).toHaveLength(3);
    expect(r.design.name).toBe('SB21');
  });

  it('writes CSV rows in display units, with base and change for a variant', () => {
    const csv = reportCsv(
      data({ cell: SB21_G2, figures: G2_FIGURES, base: SB21, baseFigures: SB21_FIGURES }),
      DEFAULT_SETTINGS,
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('cell,metric,value,unit,base,base value,change %');
    expect(lines[1]).toBe('SB21-G2,Capacity,8.19,mAh,SB21,8.19,0.00');
    expect(lines).toContain('SB21-G2,N/P ratio,1.05,,SB21,1.13,-7.08');
  });

  it('lists targets and their verdicts in the CSV', () => {
    const lines = reportCsv(data(), DEFAULT_SETTINGS).trimEnd().split('\r\n');
    expect(lines.slice(-3)).toEqual([
      'SB21,target: capacity 8 mAh ± 3 %,8.19 mAh,,,,met',
      'SB21,target: N/P ratio 1.05 to 1.2,1.13,,,,met',
      'SB21,target: energy density (cell) ≥ 400 Wh/L,95 Wh/L,,,,missed',
    ]);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-7.08', '-7.08'],
  ])('quotes CSV field %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('status bar text', () => {
  it('shows capacity and energy density on the default basis', () => {
    expect(statusText(data(), DEFAULT_SETTINGS)?.text).toBe('SB21: 8.19 mAh · 528 Wh/L (stack)');
    expect(statusText(data(), { ...DEFAULT_SETTINGS, energyDensityBasis: 'cell' })?.text).toBe(
      'SB21: 8.19 mAh · 95 Wh/L (cell)',
    );
  });

  it('marks a spec with errors and explains missing figures', () => {
    const s = statusText(
      data({ status: 'errors', figures: undefined, figuresNote: 'the anode has no composition' }),
      DEFAULT_SETTINGS,
    );
    expect(s?.text).toBe('SB21 (spec has errors)');
    expect(s?.tooltip).toBe('SB21: the anode has no composition. Click to open the preview.');
  });

  it('hides without a cell', () => {
    expect(statusText(data({ cell: undefined, status: 'no-cell' }), DEFAULT_SETTINGS)).toBeUndefined();
  });
});
