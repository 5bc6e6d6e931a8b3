/**
 * The library of named test procedures. Each one expands to ordinary steps (so a reviewer can
 * read exactly what the cycler will do) and carries its pass criteria and its source.
 *
 * Sources: IEC 62660-1 (performance: capacity, power, energy, storage, cycle life, efficiency),
 * IEC 62660-2/-3 (abuse and safety), and the standard-battery programme's own procedures (lot
 * check at 0.1C, DC-IR at SOC 50 %, floating, the Ni-nail internal short replacing FISC).
 * Where a standard leaves a value to the tester (rest times, soak times, check intervals) the
 * default below is this library's choice; every such value is a parameter the spec can override.
 */
import type { TestStepIR, EndConditionIR } from '../ir.js';

/** What a parameter accepts; values arrive in SI (fractions 0..1, K, s, V, A) or as C-rate multiples. */
export type ParameterKind =
  'cRate' | 'fraction' | 'time' | 'temperature' | 'voltage' | 'count' | 'resistance' | 'frequency';

export interface ProcedureParameter {
  readonly name: string;
  readonly kind: ParameterKind;
  /** Several values allowed (`socs: 20, 50, 80 %`). */
  readonly list?: boolean;
  /** Default in SI; a function of the cell's limits where the default depends on them. */
  readonly default: number | readonly number[] | ((cell: ProcedureCell) => number);
  readonly doc: string;
}

/** A documented, non-cycler operation inside an expansion. */
export interface DocumentedStepIR {
  readonly type: 'documented';
  readonly title: string;
  readonly text: string;
  readonly criteria: readonly string[];
}

/** A step produced by a procedure; `abuse` marks steps that go outside the limits on purpose. */
export type ExpansionStep = (TestStepIR | DocumentedStepIR) & { readonly abuse?: boolean };

/** What a procedure needs to know about the cell. */
export interface ProcedureCell {
  readonly voltageMin: number;
  readonly voltageMax: number;
  /** Capacity, C. */
  readonly capacity: number;
}

export type ProcedureArgs = Readonly<Record<string, number | readonly number[]>>;

export interface ProcedureDefinition {
  readonly name: string;
  readonly title: string;
  readonly standard: string;
  /** `cycler`: all steps run on a cycler; `partly`: cycler preparation then a documented operation; `none`: documented only. */
  readonly cycler: 'all' | 'partly' | 'none';
  readonly abuse: boolean;
  readonly description: string;
  readonly parameters: readonly ProcedureParameter[];
  readonly criteria: readonly string[];
  readonly expand: (args: ProcedureArgs, cell: ProcedureCell) => readonly ExpansionStep[];
}

// ---- step builders (SI values) ----------------------------------------------------------------

const H = 3600;
const MIN = 60;
const DAY = 86400;
const K0 = 273.15;

const until = (...ends: EndConditionIR[]): EndConditionIR[] => ends;
const v = (value: number, op?: '<=' | '>='): EndConditionIR => ({ quantity: 'voltage', value, ...(op ? { op } : {}) });
const crateEnd = (value: number): EndConditionIR => ({ quantity: 'crate', value });
const time = (value: number): EndConditionIR => ({ quantity: 'time', value });
const socEnd = (value: number, op: '<=' | '>='): EndConditionIR => ({ quantity: 'soc', value, op });

const charge = (rate: number, ends: EndConditionIR[], cv?: number): TestStepIR => ({
  type: 'charge',
  setpoint: { mode: 'crate', value: rate },
  ...(cv !== undefined ? { cv } : {}),
  until: ends,
});
const discharge = (rate: number, ends: EndConditionIR[]): TestStepIR => ({
  type: 'discharge',
  setpoint: { mode: 'crate', value: rate },
  until: ends,
});
const rest = (seconds: number): TestStepIR => ({ type: 'rest', until: [time(seconds)] });
const pulse = (direction: 'charge' | 'discharge', rate: number, duration: number): TestStepIR => ({
  type: 'pulse',
  direction,
  setpoint: { mode: 'crate', value: rate },
  duration,
});
const temperature = (kelvin: number, soak: number): TestStepIR => ({ type: 'temperature', setpoint: kelvin, soak });
const setSoc = (soc: number, rate: number): TestStepIR => ({ type: 'set-soc', soc, rate });
const loop = (count: number, steps: TestStepIR[]): TestStepIR => ({ type: 'loop', count, steps });
const documented = (title: string, text: string, criteria: readonly string[]): DocumentedStepIR => ({
  type: 'documented',
  title,
  text,
  criteria,
});

/**
 * Standard CCCV charge: constant current to the upper voltage, then hold there until the current
 * falls to C/20 (or to half the charge current, for charges already at or below C/20).
 */
const cccv = (rate: number, cell: ProcedureCell, tail = 1 / 20): TestStepIR =>
  charge(rate, until(crateEnd(Math.min(tail, rate / 2))), cell.voltageMax);
const toEmpty = (rate: number, cell: ProcedureCell): TestStepIR => discharge(rate, until(v(cell.voltageMin)));

const NO_LEAK_VENT_FIRE = 'no leakage, venting, fire, rupture or explosion';
const NO_FIRE = 'no fire or explosion';

// ---- parameters reused by several procedures --------------------------------------------------

const P = {
  rate: (def: number, doc = 'C-rate of the test current.'): ProcedureParameter => ({
    name: 'rate',
    kind: 'cRate',
    default: def,
    doc,
  }),
  chargeRate: (def: number): ProcedureParameter => ({
    name: 'charge-rate',
    kind: 'cRate',
    default: def,
    doc: 'C-rate of the standard (CCCV) charge.',
  }),
  temperature: (celsius: number, doc = 'Test temperature.'): ProcedureParameter => ({
    name: 'temperature',
    kind: 'temperature',
    default: celsius + K0,
    doc,
  }),
  soak: (hours: number): ProcedureParameter => ({
    name: 'soak',
    kind: 'time',
    default: hours * H,
    doc: 'Soak time after a temperature change, until the cell is at chamber temperature.',
  }),
  rest: (seconds: number, doc = 'Rest between steps.'): ProcedureParameter => ({
    name: 'rest',
    kind: 'time',
    default: seconds,
    doc,
  }),
  soc: (def: number, doc = 'State of charge the test starts from.'): ProcedureParameter => ({
    name: 'soc',
    kind: 'fraction',
    default: def,
    doc,
  }),
};

// ---- the library --------------------------------------------------------------------------------

export const PROCEDURES: readonly ProcedureDefinition[] = [
  {
    name: 'lot-check',
    title: 'Lot check at 0.1C',
    standard: 'standard-battery programme',
    cycler: 'all',
    abuse: false,
    description:
      'Charge and discharge every cell of a lot at 0.1C and 25 °C; the lot passes when all cells lie within ±3 % of the lot mean charge and discharge capacity.',
    parameters: [
      P.rate(0.1),
      P.temperature(25),
      P.soak(2),
      P.rest(10 * MIN),
      { name: 'cycles', kind: 'count', default: 1, doc: 'Charge–discharge cycles.' },
    ],
    criteria: ['charge and discharge capacity of every cell within ±3 % of the lot mean'],
    expand: (a, cell) => [
      temperature(num(a.temperature), num(a.soak)),
      loop(num(a.cycles), [cccv(num(a.rate), cell), rest(num(a.rest)), toEmpty(num(a.rate), cell), rest(num(a.rest))]),
    ],
  },
  {
    name: 'conditioning',
    title: 'Post-assembly conditioning',
    standard: 'standard-battery programme',
    cycler: 'all',
    abuse: false,
    description:
      'Slow first cycles after assembly, then an open-circuit rest at full charge that screens out cells with micro-shorts (their voltage sags).',
    parameters: [
      P.rate(0.05),
      P.temperature(25),
      P.soak(2),
      { name: 'cycles', kind: 'count', default: 2, doc: 'Formation cycles.' },
      {
        name: 'ocv-rest',
        kind: 'time',
        default: 24 * H,
        doc: 'Open-circuit rest at full charge for the micro-short screen.',
      },
    ],
    criteria: [
      'open-circuit voltage drop during the rest at full charge ≤ 5 mV (micro-short screen)',
      'coulombic efficiency of the last cycle ≥ 98 %',
    ],
    expand: (a, cell) => [
      temperature(num(a.temperature), num(a.soak)),
      loop(num(a.cycles), [cccv(num(a.rate), cell), rest(10 * MIN), toEmpty(num(a.rate), cell), rest(10 * MIN)]),
      cccv(num(a.rate), cell),
      { type: 'rest', until: [time(num(a['ocv-rest']))], record: 60 },
    ],
  },
  {
    name: 'iec62660-capacity',
    title: 'Capacity (IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'Standard charge at 25 °C, soak at the test temperature, then a constant-current discharge to the lower voltage limit; the discharged capacity is the result.',
    parameters: [
      P.rate(1 / 3, 'Discharge C-rate (IEC: 1/3C or 1C).'),
      P.chargeRate(1 / 3),
      P.temperature(25),
      P.soak(4),
      P.rest(30 * MIN),
    ],
    criteria: ['discharge capacity at 25 °C and 1/3C ≥ rated capacity'],
    expand: (a, cell) => [
      temperature(25 + K0, num(a.soak)),
      cccv(num(a['charge-rate']), cell),
      temperature(num(a.temperature), num(a.soak)),
      toEmpty(num(a.rate), cell),
      rest(num(a.rest)),
    ],
  },
  {
    name: 'iec62660-energy',
    title: 'Energy (IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'As the capacity test; the energy is the integral of voltage × current over the discharge, energy density follows from the cell volume and mass.',
    parameters: [P.rate(1 / 3), P.chargeRate(1 / 3), P.temperature(25), P.soak(4), P.rest(30 * MIN)],
    criteria: ['discharge energy reported with the mean discharge voltage'],
    expand: (a, cell) => [
      temperature(25 + K0, num(a.soak)),
      cccv(num(a['charge-rate']), cell),
      temperature(num(a.temperature), num(a.soak)),
      { ...toEmpty(num(a.rate), cell), record: 1 },
      rest(num(a.rest)),
    ],
  },
  {
    name: 'iec62660-power',
    title: 'Power (IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'At each SOC (20, 50, 80 %): rest, a 10 s discharge pulse, rest, a 10 s charge pulse, rest. Output and input power follow from the pulse voltages.',
    parameters: [
      {
        name: 'socs',
        kind: 'fraction',
        list: true,
        default: [0.2, 0.5, 0.8],
        doc: 'States of charge the pulses are taken at.',
      },
      P.rate(1, 'Pulse C-rate (the programme ran ≥ 5C at ≥ 25 °C).'),
      P.chargeRate(1 / 3),
      { name: 'duration', kind: 'time', default: 10, doc: 'Pulse length.' },
      P.rest(10 * MIN, 'Rest after each pulse.'),
      P.temperature(25),
      P.soak(4),
    ],
    criteria: ['output and input power at each SOC reported (W and W/kg)'],
    expand: (a, cell) => [
      temperature(num(a.temperature), num(a.soak)),
      cccv(num(a['charge-rate']), cell),
      ...list(a.socs)
        .slice()
        .sort((x, y) => y - x)
        .flatMap((soc) => [
          setSoc(soc, num(a['charge-rate'])),
          rest(1 * H),
          pulse('discharge', num(a.rate), num(a.duration)),
          rest(num(a.rest)),
          pulse('charge', num(a.rate), num(a.duration)),
          rest(num(a.rest)),
        ]),
    ],
  },
  {
    name: 'iec62660-efficiency',
    title: 'Energy efficiency (IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'From the empty cell, charge to the set SOC at the test rate, rest, discharge to the lower limit at the same rate; efficiency = discharge energy ÷ charge energy.',
    parameters: [P.rate(1 / 3), P.soc(0.7, 'SOC the charge goes to.'), P.temperature(25), P.soak(4), P.rest(30 * MIN)],
    criteria: ['round-trip energy efficiency reported'],
    expand: (a, cell) => [
      temperature(num(a.temperature), num(a.soak)),
      toEmpty(1 / 3, cell),
      rest(num(a.rest)),
      charge(num(a.rate), until(socEnd(num(a.soc), '>='), v(cell.voltageMax))),
      rest(num(a.rest)),
      toEmpty(num(a.rate), cell),
    ],
  },
  {
    name: 'iec62660-storage',
    title: 'Storage life (IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'Store at the set SOC and temperature (restraint pressure applied); at each check interval bring the cell to 25 °C and measure the capacity at 1/3C, then return it to storage.',
    parameters: [
      P.soc(1, 'Storage SOC (IEC: 50 % and 100 %).'),
      P.temperature(45, 'Storage temperature.'),
      { name: 'duration', kind: 'time', default: 42 * DAY, doc: 'Total storage time (programme: 42 days).' },
      { name: 'interval', kind: 'time', default: 14 * DAY, doc: 'Storage time between capacity checks.' },
      P.soak(4),
    ],
    criteria: ['capacity retention at 1/3C and 25 °C after storage reported'],
    expand: (a, cell) => [
      temperature(25 + K0, num(a.soak)),
      cccv(1 / 3, cell),
      toEmpty(1 / 3, cell),
      loop(Math.max(1, Math.round(num(a.duration) / num(a.interval))), [
        setSoc(num(a.soc), 1 / 3),
        temperature(num(a.temperature), num(a.soak)),
        rest(num(a.interval)),
        temperature(25 + K0, num(a.soak)),
        toEmpty(1 / 3, cell),
        cccv(1 / 3, cell),
        toEmpty(1 / 3, cell),
      ]),
    ],
  },
  {
    name: 'iec62660-cycle-life',
    title: 'Cycle life, plain CC-CV cycling (the programme’s variant of IEC 62660-1)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'Follows the standard-battery programme, not the IEC 62660-1 profile: CC-CV charge and constant-current discharge cycling at the test temperature; every block of cycles (counted in cycles) ends with a capacity check at 1/3C and 25 °C. For the standard’s dynamic-profile cycle life use iec62660-cycle-life-dynamic.',
    parameters: [
      P.rate(1, 'Cycling C-rate (charge and discharge).'),
      P.temperature(45),
      { name: 'cycles', kind: 'count', default: 100, doc: 'Cycles in total.' },
      { name: 'check-every', kind: 'count', default: 50, doc: 'Cycles between capacity checks.' },
      P.soak(4),
    ],
    criteria: ['capacity retention at 1/3C and 25 °C reported every check'],
    expand: (a, cell) => [
      loop(Math.max(1, Math.round(num(a.cycles) / num(a['check-every']))), [
        temperature(num(a.temperature), num(a.soak)),
        loop(num(a['check-every']), [
          cccv(num(a.rate), cell),
          rest(10 * MIN),
          toEmpty(num(a.rate), cell),
          rest(10 * MIN),
        ]),
        temperature(25 + K0, num(a.soak)),
        cccv(1 / 3, cell),
        rest(30 * MIN),
        toEmpty(1 / 3, cell),
        rest(30 * MIN),
      ]),
    ],
  },
  {
    name: 'iec62660-cycle-life-dynamic',
    title: 'Cycle life with a dynamic discharge profile (IEC 62660-1, BEV)',
    standard: 'IEC 62660-1',
    cycler: 'all',
    abuse: false,
    description:
      'Follows the structure of IEC 62660-1 (7.7, BEV cycle test): from a full CC-CV charge, discharge once with the hill-climbing profile (B: a long discharge at the test rate), then repeat the dynamic profile (A: discharge pulses with regenerative charge pulses and a cruise discharge) until the charge discharged reaches the depth, and charge again (CC-CV). Performance checks are time-based: after every check interval (in days; made a repeat count at expansion from the estimated length of one repetition) the capacity at 1/3C and 25 °C and the 10 s power at SOC 50 % are measured. The profile’s step values are parameters: set them from the standard’s profile tables for a certified test.',
    parameters: [
      P.rate(1, 'Test C-rate of the discharge pulses and of profile B.'),
      { name: 'regen', kind: 'cRate', default: 0.5, doc: 'C-rate of the regenerative (charge) pulses of profile A.' },
      { name: 'cruise', kind: 'cRate', default: 0.25, doc: 'C-rate of the cruise discharge of profile A.' },
      { name: 'pulse', kind: 'time', default: 10, doc: 'Length of each pulse of profile A.' },
      { name: 'cruise-time', kind: 'time', default: 60, doc: 'Length of the cruise discharge of profile A.' },
      { name: 'hill', kind: 'time', default: 5 * MIN, doc: 'Length of the hill-climbing discharge (profile B).' },
      {
        name: 'depth',
        kind: 'fraction',
        default: 0.8,
        doc: 'Charge discharged per repetition, as a fraction of capacity.',
      },
      P.chargeRate(1 / 3),
      {
        name: 'interval',
        kind: 'time',
        default: 28 * DAY,
        doc: 'Time between performance checks (the programme’s 28-day cycle test).',
      },
      {
        name: 'checks',
        kind: 'count',
        default: 1,
        doc: 'Performance checks in total (test length = checks × interval).',
      },
      P.temperature(45),
      P.soak(4),
    ],
    criteria: [
      'capacity at 1/3C and 25 °C and 10 s power at SOC 50 % reported after every check interval',
      'accumulated dynamic discharge capacity reported',
    ],
    expand: (a, cell) => {
      const rate = num(a.rate);
      const regen = num(a.regen);
      const cruise = num(a.cruise);
      const pulseTime = num(a.pulse);
      const cruiseTime = num(a['cruise-time']);
      const hill = num(a.hill);
      const depth = num(a.depth);
      const chargeRate = num(a['charge-rate']);
      // Net charge of one profile A, in hours at 1C: two discharge pulses and a cruise, less one regenerative pulse.
      const netA = (2 * rate * pulseTime + cruise * cruiseTime - regen * pulseTime) / H;
      const profileA = [
        pulse('discharge', rate, pulseTime),
        pulse('charge', regen, pulseTime),
        discharge(cruise, until(time(cruiseTime), v(cell.voltageMin))),
        pulse('discharge', rate, pulseTime),
        rest(pulseTime),
      ];
      const hillCharge = (rate * hill) / H;
      const repsA = Math.max(1, Math.ceil(Math.max(0, depth - hillCharge) / Math.max(netA, 1e-9)));
      // One repetition: the hill, profile A repeats, a rest and a CC-CV charge (CV tail counted as 1 h).
      const cycleTime =
        hill + repsA * (3 * pulseTime + cruiseTime + pulseTime) + 30 * MIN + (depth / chargeRate) * H + H;
      const perInterval = Math.max(1, Math.round(num(a.interval) / cycleTime));
      return [
        loop(Math.max(1, Math.round(num(a.checks))), [
          temperature(num(a.temperature), num(a.soak)),
          cccv(chargeRate, cell),
          loop(perInterval, [
            discharge(rate, until(time(hill), v(cell.voltageMin))),
            loop(repsA, profileA),
            rest(30 * MIN),
            cccv(chargeRate, cell),
          ]),
          temperature(25 + K0, num(a.soak)),
          rest(30 * MIN),
          toEmpty(1 / 3, cell),
          rest(30 * MIN),
          cccv(1 / 3, cell),
          rest(30 * MIN),
          setSoc(0.5, 1 / 3),
          rest(30 * MIN),
          pulse('discharge', rate, 10),
          rest(10 * MIN),
          pulse('charge', rate, 10),
          rest(10 * MIN),
        ]),
      ];
    },
  },
  {
    name: 'dc-ir',
    title: 'DC internal resistance',
    standard: 'standard-battery programme',
    cycler: 'all',
    abuse: false,
    description:
      'At SOC 50 %: 10 s discharge and charge pulses at increasing currents up to 0.5C, each followed by a rest; resistance = slope of the voltage change against current.',
    parameters: [
      P.soc(0.5),
      {
        name: 'current',
        kind: 'cRate',
        default: 0.5,
        doc: 'Highest pulse C-rate; pulses run at 0.1C, 0.2C, 0.5C, 1C … up to it.',
      },
      { name: 'duration', kind: 'time', default: 10, doc: 'Pulse length.' },
      P.rest(10 * MIN, 'Rest after each pulse.'),
      P.temperature(25),
      P.soak(2),
    ],
    criteria: ['DC resistance at 10 s reported (Ω and Ω·cm²)'],
    expand: (a, cell) => {
      void cell;
      const top = num(a.current);
      const rates = [0.1, 0.2, 0.5, 1, 2, 5, 10].filter((r) => r < top - 1e-12).concat([top]);
      return [
        temperature(num(a.temperature), num(a.soak)),
        setSoc(num(a.soc), 1 / 3),
        rest(1 * H),
        ...rates.flatMap((r) => [
          pulse('discharge', r, num(a.duration)),
          rest(num(a.rest)),
          pulse('charge', r, num(a.duration)),
          rest(num(a.rest)),
        ]),
      ];
    },
  },
  {
    name: 'impedance',
    title: 'Impedance spectrum',
    standard: 'standard-battery programme',
    cycler: 'all',
    abuse: false,
    description:
      'Impedance at SOC 50 % from 1 MHz down, after a rest; needs a channel with a frequency-response analyser.',
    parameters: [
      P.soc(0.5),
      { name: 'from', kind: 'frequency', default: 1e6, doc: 'Highest frequency, Hz.' },
      { name: 'to', kind: 'frequency', default: 0.1, doc: 'Lowest frequency, Hz.' },
      { name: 'amplitude', kind: 'voltage', default: 0.01, doc: 'Voltage amplitude.' },
      P.temperature(25),
      P.soak(2),
    ],
    criteria: ['spectrum recorded; bulk, grain-boundary and interface arcs fitted'],
    expand: (a) => [
      temperature(num(a.temperature), num(a.soak)),
      setSoc(num(a.soc), 1 / 3),
      rest(1 * H),
      {
        type: 'impedance',
        frequencyHigh: num(a.from),
        frequencyLow: num(a.to),
        amplitude: num(a.amplitude),
        soc: num(a.soc),
      },
    ],
  },
  {
    name: 'floating',
    title: 'Floating (high-voltage hold)',
    standard: 'standard-battery programme',
    cycler: 'all',
    abuse: false,
    description:
      'Charge to the float voltage and hold it for days; the leakage current and the capacity afterwards show oxidation of the electrolyte at the cathode (4.25 V barely degrades LiNbO3-coated NCM, 4.55 V does).',
    parameters: [
      {
        name: 'voltage',
        kind: 'voltage',
        default: (c) => c.voltageMax,
        doc: 'Float voltage (default: the upper voltage limit).',
      },
      { name: 'duration', kind: 'time', default: 5 * DAY, doc: 'Hold time.' },
      P.rate(0.1, 'C-rate of the charge to the float voltage.'),
      P.temperature(25),
      P.soak(2),
    ],
    criteria: ['float current at the end of the hold reported', 'capacity retention at 0.1C after floating reported'],
    expand: (a, cell) => [
      temperature(num(a.temperature), num(a.soak)),
      charge(num(a.rate), until(v(num(a.voltage)))),
      { type: 'hold', voltage: num(a.voltage), until: [time(num(a.duration))], record: 60 },
      toEmpty(0.1, cell),
      cccv(0.1, cell),
      toEmpty(0.1, cell),
    ],
  },
  // ---- IEC 62660-2 / -3 abuse and safety ------------------------------------------------------
  {
    name: 'forced-discharge',
    title: 'Forced discharge (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'all',
    abuse: true,
    description: 'From SOC 0 %, discharge at 1C for 90 min, driving the cell into reversal; observe for 1 h.',
    parameters: [P.rate(1), { name: 'duration', kind: 'time', default: 90 * MIN, doc: 'Forced-discharge time.' }],
    criteria: [NO_LEAK_VENT_FIRE],
    expand: (a, cell) => [
      toEmpty(1 / 3, cell),
      { ...discharge(num(a.rate), until(time(num(a.duration)))), abuse: true },
      rest(1 * H),
    ],
  },
  {
    name: 'overcharge',
    title: 'Overcharge (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'all',
    abuse: true,
    description: 'From SOC 100 %, charge at 1C until SOC 130 % or 120 % of the maximum voltage; observe for 1 h.',
    parameters: [
      P.rate(1),
      { name: 'soc', kind: 'fraction', default: 1.3, doc: 'SOC the overcharge ends at.' },
      { name: 'voltage', kind: 'voltage', default: (c) => 1.2 * c.voltageMax, doc: 'Voltage the overcharge ends at.' },
    ],
    criteria: [NO_LEAK_VENT_FIRE],
    expand: (a, cell) => [
      cccv(1 / 3, cell),
      rest(30 * MIN),
      { ...charge(num(a.rate), until(socEnd(num(a.soc), '>='), v(num(a.voltage), '>='))), abuse: true },
      rest(1 * H),
    ],
  },
  {
    name: 'external-short',
    title: 'External short circuit (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'partly',
    abuse: true,
    description: 'Charge to SOC 100 %, then short the terminals through ≤ 5 mΩ for 10 min and observe for 1 h.',
    parameters: [{ name: 'resistance', kind: 'resistance', default: 0.005, doc: 'External short resistance.' }],
    criteria: [NO_FIRE],
    expand: (a, cell) => [
      cccv(1 / 3, cell),
      rest(30 * MIN),
      documented(
        'External short',
        `Short the terminals through ${fmt(num(a.resistance) * 1000)} mΩ for 10 min at 25 °C; record voltage, current and surface temperature; observe for 1 h.`,
        [NO_FIRE],
      ),
    ],
  },
  {
    name: 'heating',
    title: 'Heating (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'partly',
    abuse: true,
    description: 'Charge to SOC 100 %, heat in an oven at 5 °C/min to 130 °C and hold 30 min.',
    parameters: [
      { name: 'temperature', kind: 'temperature', default: 130 + K0, doc: 'Oven temperature.' },
      { name: 'hold', kind: 'time', default: 30 * MIN, doc: 'Hold time at temperature.' },
    ],
    criteria: [NO_FIRE],
    expand: (a, cell) => [
      cccv(1 / 3, cell),
      documented(
        'Heating',
        `In an oven: heat at 5 °C/min to ${fmt(num(a.temperature) - K0)} °C, hold ${fmt(num(a.hold) / MIN)} min, record the cell surface temperature.`,
        [NO_FIRE],
      ),
    ],
  },
  {
    name: 'crush',
    title: 'Crush (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'partly',
    abuse: true,
    description:
      'Charge to SOC 100 %, crush with a half-cylinder or hemisphere until the voltage drops by 1/3, the deformation reaches 15 % or the force reaches 1000 × the cell weight.',
    parameters: [],
    criteria: [NO_FIRE],
    expand: (_a, cell) => [
      cccv(1 / 3, cell),
      documented(
        'Crush',
        'Crush with a half-cylinder (or hemisphere) perpendicular to the electrode plane; stop at a 1/3 voltage drop, 15 % deformation or a force of 1000 × the cell weight; hold and observe for 1 h.',
        [NO_FIRE],
      ),
    ],
  },
  {
    name: 'vibration',
    title: 'Vibration (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'none',
    abuse: true,
    description: 'Random vibration 5–2000 Hz, 8 h in each of three axes.',
    parameters: [],
    criteria: [NO_LEAK_VENT_FIRE],
    expand: () => [
      documented(
        'Vibration',
        'Random vibration, 5–2000 Hz, 8 h per axis in three mutually perpendicular axes, cell in its restraint jig.',
        [NO_LEAK_VENT_FIRE],
      ),
    ],
  },
  {
    name: 'shock',
    title: 'Mechanical shock (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'none',
    abuse: true,
    description: 'Half-sine shock 500 m/s², 6 ms, 10 times in each of six directions.',
    parameters: [],
    criteria: [NO_LEAK_VENT_FIRE],
    expand: () => [
      documented('Mechanical shock', 'Half-sine shock, 500 m/s² peak, 6 ms, 10 shocks in each of the six directions.', [
        NO_LEAK_VENT_FIRE,
      ]),
    ],
  },
  {
    name: 'temperature-cycling',
    title: 'Temperature cycling (IEC 62660-2)',
    standard: 'IEC 62660-2',
    cycler: 'none',
    abuse: true,
    description: "Thermal cycling between −40 and 85 °C (or the maker's range), 30 cycles.",
    parameters: [
      { name: 'low', kind: 'temperature', default: -40 + K0, doc: 'Lower temperature.' },
      { name: 'high', kind: 'temperature', default: 85 + K0, doc: 'Upper temperature.' },
      { name: 'cycles', kind: 'count', default: 30, doc: 'Number of cycles.' },
    ],
    criteria: [NO_LEAK_VENT_FIRE],
    expand: (a) => [
      documented(
        'Temperature cycling',
        `Chamber cycling between ${fmt(num(a.low) - K0)} °C and ${fmt(num(a.high) - K0)} °C, ${fmt(num(a.cycles))} cycles, cell at open circuit.`,
        [NO_LEAK_VENT_FIRE],
      ),
    ],
  },
  {
    name: 'nail-short',
    title: 'Ni-nail internal short (replaces FISC)',
    standard: 'standard-battery programme (replacement for IEC 62660-3 FISC)',
    cycler: 'partly',
    abuse: true,
    description:
      'In the restraint jig: a 3 mm Ni rod with a sharp tip, through a 3.5 mm hole in the jig, pressed until its flat shoulder stops on the pouch so only one layer shorts. A ceramic nail of the same shape (e.g. 1 mm, 45° tip) is the control that proves the current flows through the Ni.',
    parameters: [P.soc(1, 'SOC at the short.')],
    criteria: [NO_FIRE, 'the ceramic-nail control shows no short'],
    expand: (a) => [
      setSoc(num(a.soc), 1 / 3),
      rest(30 * MIN),
      documented(
        'Ni-nail internal short',
        'Cell in the restraint jig with a 3.5 mm hole; press a 3 mm Ni rod with a sharp tip until its shoulder stops on the pouch (one layer shorted); record voltage and temperature; repeat on a second cell with a ceramic nail of the same shape as the control.',
        [NO_FIRE, 'the ceramic-nail control shows no short'],
      ),
    ],
  },
  {
    name: 'arc',
    title: 'Accelerating-rate calorimetry',
    standard: 'standard-battery programme',
    cycler: 'partly',
    abuse: true,
    description:
      'Heat–wait–search in an accelerating-rate calorimeter: 2.5 °C steps, 10 min wait, 5 min search; self-heating onset at 0.02 °C/min, runaway at 1 °C/min.',
    parameters: [],
    criteria: ['self-heating onset temperature and runaway temperature reported'],
    expand: (_a, cell) => [
      cccv(1 / 3, cell),
      documented(
        'ARC heat–wait–search',
        'Heat in 2.5 °C steps, wait 10 min, search 5 min for self-heating ≥ 0.02 °C/min; track adiabatically once found; runaway is declared at 1 °C/min.',
        ['self-heating onset temperature and runaway temperature reported'],
      ),
    ],
  },
];

const BY_NAME = new Map(PROCEDURES.map((p) => [p.name, p]));

/** The procedure of that name, or undefined. */
export function findProcedure(name: string): ProcedureDefinition | undefined {
  return BY_NAME.get(name);
}

/** The closest known procedure names, for "did you mean" messages. */
export function suggestProcedures(name: string, max = 3): string[] {
  return PROCEDURES.map((p) => ({ n: p.name, d: editDistance(name, p.name) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .filter((x) => x.d <= Math.max(3, name.length / 2))
    .map((x) => x.n);
}

/**
 * Fills defaults into the arguments a spec wrote; reports unknown parameters. List parameters
 * accept a single value, scalar parameters take the first of a list.
 */
export function procedureArguments(
  def: ProcedureDefinition,
  written: Readonly<Record<string, number | string | readonly number[]>>,
  cell: ProcedureCell,
  defaults: Readonly<Record<string, number>> = {},
): { args: Record<string, number | readonly number[]>; unknown: string[]; invalid: string[] } {
  const args: Record<string, number | readonly number[]> = {};
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const p of def.parameters) {
    const given = written[p.name];
    if (given === undefined || typeof given === 'string') {
      if (typeof given === 'string') invalid.push(p.name);
      const fromSweep = defaults[p.name];
      if (fromSweep !== undefined) args[p.name] = p.list ? [fromSweep] : fromSweep;
      else args[p.name] = typeof p.default === 'function' ? p.default(cell) : p.default;
    } else if (p.list) args[p.name] = typeof given === 'number' ? [given] : given;
    else args[p.name] = typeof given === 'number' ? given : (given[0] ?? NaN);
  }
  for (const k of Object.keys(written)) if (!def.parameters.some((p) => p.name === k)) unknown.push(k);
  return { args, unknown, invalid };
}

function num(x: number | readonly number[] | undefined): number {
  if (x === undefined) return NaN;
  return typeof x === 'number' ? x : (x[0] ?? NaN);
}
function list(x: number | readonly number[] | undefined): readonly number[] {
  if (x === undefined) return [];
  return typeof x === 'number' ? [x] : x;
}
function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}
