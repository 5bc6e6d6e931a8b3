// Sweep studies: the words of `cellspec sweep` read into SI, and every mistake named.
import { describe, expect, it } from 'vitest';
import { parseStudy, StudyError } from '../../src/index.js';

describe('sweep study', () => {
  it('reads axes, constraints, objectives and the simulation into SI', () => {
    const study = parseStudy({
      cell: 'NGSC6C',
      vary: ['cathode.loading=30..48/7 mg/cm2', 'anode.loading=8,9,10 mg/cm2'],
      charge: '6C',
      toSoc: '80 %',
      constraints: ['np>=1.05', 'sim-anode-min>=0 V', 'ed-stack>=800 Wh/L'],
      objectives: ['max:ed-stack', 'max:sim-anode-min'],
    });
    expect(study.axes[0]!.values.map((v) => +v.toPrecision(6))).toEqual([0.3, 0.33, 0.36, 0.39, 0.42, 0.45, 0.48]);
    expect(study.axes[1]!.values.map((v) => +v.toPrecision(6))).toEqual([0.08, 0.09, 0.1]);
    expect(study.simulation).toEqual({ direction: 'charge', rate: 6, fidelity: 'p2d', targetSoc: 0.8 });
    expect(study.constraints[2]).toEqual({ metric: 'ed-stack', op: '>=', value: 800 * 3.6e6 }); // Wh/L → J/m³
    // The plot takes the two objectives unless told otherwise.
    expect(study.plot).toEqual({ x: 'ed-stack', y: 'sim-anode-min' });
  });

  it('names what is wrong', () => {
    const bad = (json: unknown) => () => parseStudy(json);
    expect(bad([])).toThrow(StudyError);
    expect(bad({ cell: 'X', vary: ['cathode.loading=1,2 mg/cm2'], colour: 'red' })).toThrow(/unknown key 'colour'/);
    expect(bad({ vary: ['cathode.loading=1 mg/cm2'] })).toThrow(/'cell' names/);
    expect(bad({ cell: 'X' })).toThrow(/at least one axis/);
    expect(bad({ cell: 'X', vary: ['cathode.colour=1,2'] })).toThrow(/not a design variable/);
    expect(bad({ cell: 'X', vary: ['cathode.loading=1 V'] })).toThrow(StudyError);
    expect(bad({ cell: 'X', vary: ['cathode.loading=1 mg/cm2'], charge: '6C', discharge: '1C' })).toThrow(/not both/);
    expect(bad({ cell: 'X', vary: ['cathode.loading=1 mg/cm2'], objectives: ['most:np'] })).toThrow(/max:METRIC/);
  });
});
