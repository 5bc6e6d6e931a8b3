/**
 * A hand-made IR of standard battery 2.1 and a test plan that exercises every step kind the
 * emitters handle: CCCV, pulses, SOC moves, nested loops, holds, impedance, a temperature sweep,
 * power control and documented (off-cycler) steps.
 */
import { expandPlan, type ExpandedPlan, type TestPlanIR } from '@cellspec/physics';
// The hand-made cell is the test-plan tests' own: one definition of standard battery 2.1's limits.
import { K0, mAh, SB21 } from '../../physics/test/testplan/cell.js';

export { K0, SB21 };

export const STANDARD_PLAN: TestPlanIR = {
  name: 'SB21-evaluation',
  title: 'Standard battery 2.1 evaluation',
  cell: 'SB21',
  tests: [
    { name: 'lot', samples: 17, steps: [{ type: 'procedure', name: 'lot-check', arguments: {} }], criteria: [] },
    {
      name: 'capacity',
      samples: 3,
      temperatures: [-20 + K0, 45 + K0],
      steps: [{ type: 'procedure', name: 'iec62660-capacity', arguments: {} }],
      criteria: [],
      restraintPressure: 5e6,
    },
    {
      name: 'power',
      samples: 3,
      steps: [{ type: 'procedure', name: 'iec62660-power', arguments: { rate: 5 } }],
      criteria: [],
    },
    { name: 'dcir', samples: 3, steps: [{ type: 'procedure', name: 'dc-ir', arguments: {} }], criteria: [] },
    {
      name: 'cycle',
      samples: 3,
      steps: [{ type: 'procedure', name: 'iec62660-cycle-life', arguments: { cycles: 4, 'check-every': 2 } }],
      criteria: [],
    },
    { name: 'float', samples: 2, steps: [{ type: 'procedure', name: 'floating', arguments: {} }], criteria: [] },
    { name: 'eis', samples: 3, steps: [{ type: 'procedure', name: 'impedance', arguments: {} }], criteria: [] },
    {
      name: 'custom',
      samples: 1,
      criteria: ['written by hand'],
      steps: [
        { type: 'temperature', setpoint: 25 + K0, soak: 3600 },
        {
          type: 'charge',
          setpoint: { mode: 'current', value: 0.004 },
          cv: 4.2,
          until: [
            { quantity: 'current', value: 0.0004 },
            { quantity: 'time', value: 5 * 3600 },
          ],
          record: 10,
        },
        { type: 'rest', until: [{ quantity: 'time', value: 600 }] },
        {
          type: 'discharge',
          setpoint: { mode: 'power', value: 0.03 },
          until: [
            { quantity: 'voltage', value: 2.5 },
            { quantity: 'capacity', value: 6 * mAh },
          ],
        },
        { type: 'note', text: 'check the pouch for swelling' },
        {
          type: 'loop',
          count: 3,
          steps: [
            { type: 'pulse', direction: 'discharge', setpoint: { mode: 'crate', value: 2 }, duration: 10 },
            { type: 'rest', until: [{ quantity: 'time', value: 60 }] },
          ],
        },
        { type: 'set-soc', soc: 0.5 },
        { type: 'hold', voltage: 3.7, until: [{ quantity: 'time', value: 1800 }] },
      ],
    },
    { name: 'short', samples: 2, steps: [{ type: 'procedure', name: 'external-short', arguments: {} }], criteria: [] },
    { name: 'vibration', samples: 2, steps: [{ type: 'procedure', name: 'vibration', arguments: {} }], criteria: [] },
  ],
};

export function standardPlan(): ExpandedPlan {
  return expandPlan(STANDARD_PLAN, SB21);
}
