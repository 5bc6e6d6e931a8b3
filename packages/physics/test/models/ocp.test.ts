import { describe, expect, it } from 'vitest';
import { BUILTIN_OCPS, resolveOcp, tabulateOcp, tableOcp } from '../../src/ocp/index.js';

describe('built-in OCPs', () => {
  // Spot values from a separate evaluation of the published formulas (catches transcription
  // slips); 1e-6 V is far below what a discharge curve can resolve.
  it.each([
    ['graphite_Marquis2019', 0.8, 0.175193184],
    ['LiCoO2_Marquis2019', 0.6, 4.027013847],
    ['graphite_Chen2020', 0.5, 0.133085513],
    ['NMC811_Chen2020', 0.5, 3.971958656],
    ['NMC532_Xu2019', 0.5, 3.81478125],
    ['Si_delithiation_Chen2020', 0.5, 0.42629375],
  ])('%s at x = %f', (name, x, expected) => {
    expect(Math.abs(BUILTIN_OCPS[name]!.value(x) - expected)).toBeLessThan(1e-6);
  });

  it.each(Object.keys(BUILTIN_OCPS))('%s: analytic derivative agrees with a central difference', (name) => {
    const f = BUILTIN_OCPS[name]!;
    // Central difference with h = 1e-6 has truncation ~h²·U''' and rounding ~1e-16/h; 1e-4
    // relative (plus 1e-3 V absolute for flat regions) is well outside both.
    for (let x = 0.02; x < 0.99; x += 0.0137) {
      const fd = (f.value(x + 1e-6) - f.value(x - 1e-6)) / 2e-6;
      expect(Math.abs(f.derivative(x) - fd)).toBeLessThan(1e-4 * Math.abs(fd) + 1e-3);
    }
  });

  it.each(Object.keys(BUILTIN_OCPS))('%s: tabulated curve within 1e-5 V of the fit', (name) => {
    const f = BUILTIN_OCPS[name]!;
    const t = tabulateOcp(f);
    let worst = 0;
    for (let x = 0.005; x <= 0.995; x += 0.000731) worst = Math.max(worst, Math.abs(t.value(x) - f.value(x)));
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('table OCPs', () => {
  const xs = [0.1, 0.3, 0.5, 0.7, 0.9];
  const vs = [4.2, 4.0, 3.9, 3.85, 3.6];

  it('passes through the points and stays monotone between them', () => {
    const f = tableOcp(xs, vs);
    xs.forEach((x, i) => expect(Math.abs(f.value(x) - vs[i]!)).toBeLessThan(1e-12));
    let previous = Infinity;
    for (let x = 0.1; x <= 0.9; x += 0.001) {
      const v = f.value(x);
      expect(v).toBeLessThanOrEqual(previous + 1e-12);
      expect(f.derivative(x)).toBeLessThanOrEqual(1e-12);
      previous = v;
    }
  });

  it('reports a table that goes up and down', () => {
    const r = resolveOcp({ type: 'table', stoichiometry: [0.1, 0.5, 0.9], voltage: [4.0, 4.1, 3.9] });
    expect('error' in r ? r.error : '').toContain('goes up and down');
  });
});

describe('formula OCPs', () => {
  it('evaluates a linear formula and its slope', () => {
    const r = resolveOcp({ type: 'expression', expression: '4.2 - 0.5*x' });
    if ('error' in r) throw new Error(r.error);
    expect(Math.abs(r.value(0.4) - 4.0)).toBeLessThan(1e-12);
    expect(Math.abs(r.derivative(0.4) + 0.5)).toBeLessThan(1e-6);
  });

  it('refuses code in a formula', () => {
    const r = resolveOcp({ type: 'expression', expression: 'import({})' });
    expect('error' in r ? r.error : '').toContain('not allowed');
  });

  it('names the known built-ins for an unknown one', () => {
    const r = resolveOcp({ type: 'builtin', name: 'graphite_Foo' });
    expect('error' in r ? r.error : '').toContain('graphite_Chen2020');
  });
});
