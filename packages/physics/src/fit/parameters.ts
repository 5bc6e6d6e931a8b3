/**
 * The fit-parameter table: the one place that knows how a fit-parameter name maps onto the
 * model's `ModelParameters` and onto the spec property that a fitted value is written back to.
 * A change of the model's parameters (or of what a spec property means) touches this table only.
 *
 * Every value here is in SI. `scale: 'log'` parameters are positive and fitted as θ = ln(v/v₀),
 * so a step of θ is a relative change and the confidence interval comes out as a factor; the
 * bounds keep the optimiser inside the range where the model means something.
 */
import type { ElectrodeParameters, LithiumMetalParameters, ModelParameters } from '../models/parameters.js';

export type ElectrodeRole = 'cathode' | 'anode';

/** Where in a spec a fitted value is written. */
export type SpecTarget =
  /** A cell property (`interface-resistance 20 ohm*cm2`), or its `activation`. */
  | { readonly at: 'cell'; readonly property: string; readonly part: 'value' | 'activation' }
  /** A property in the cell's `cathode { … }` or `anode { … }` block. */
  | { readonly at: 'electrode'; readonly electrode: ElectrodeRole; readonly property: string }
  /** A property of the electrode's active material (`material NCM { diffusivity … }`), or its `activation`. */
  | {
      readonly at: 'active-material';
      readonly electrode: ElectrodeRole;
      readonly property: string;
      readonly part: 'value' | 'activation';
    };

export interface FitParameterDefinition {
  readonly name: string;
  readonly doc: string;
  /** Unit written in the spec and shown to the user: display value = SI value × `perSi`. */
  readonly unit: { readonly text: string; readonly perSi: number };
  readonly scale: 'log' | 'linear';
  /** Allowed range, SI. */
  readonly bounds: readonly [number, number];
  /** Start value when the model's present value is 0 (a log-scaled value cannot start there). */
  readonly startWhenZero?: number;
  /** The model's value, or why this parameter does not apply to these parameters. */
  get(p: ModelParameters): number | { readonly notApplicable: string };
  set(p: ModelParameters, value: number): ModelParameters;
  readonly spec: SpecTarget;
  /** The spec's value for a model value, SI (where the spec states it on another basis). */
  readonly toSpec?: (modelValue: number) => number;
}

const OHM_CM2 = { text: 'Ω·cm²', perSi: 1e4 };
const J_PER_MOL = { text: 'J/mol', perSi: 1 };
const M2_PER_S = { text: 'm2/s', perSi: 1 };
const NONE = { text: '', perSi: 1 };

const porous = (p: ModelParameters, role: ElectrodeRole): ElectrodeParameters | { notApplicable: string } => {
  const e = role === 'cathode' ? p.positive : p.negative;
  return e.type === 'porous' ? e : { notApplicable: `the ${role} is lithium metal, not a porous electrode` };
};
const withElectrode = (p: ModelParameters, role: ElectrodeRole, e: ElectrodeParameters): ModelParameters =>
  role === 'cathode' ? { ...p, positive: e } : { ...p, negative: e };

/** A numeric field of a porous electrode. */
function electrodeField(
  role: ElectrodeRole,
  suffix: string,
  field:
    'diffusivity' | 'diffusivityActivationEnergy' | 'rateConstant' | 'reactionActivationEnergy' | 'contactFraction',
  rest: Omit<FitParameterDefinition, 'name' | 'get' | 'set'>,
): FitParameterDefinition {
  return {
    name: `${role}.${suffix}`,
    ...rest,
    get: (p) => {
      const e = porous(p, role);
      return 'notApplicable' in e ? e : e[field];
    },
    set: (p, value) => {
      const e = porous(p, role);
      if ('notApplicable' in e) throw new Error(`${role}.${suffix}: ${e.notApplicable}`);
      return withElectrode(p, role, { ...e, [field]: value });
    },
  };
}

function electrodeParameters(role: ElectrodeRole): FitParameterDefinition[] {
  return [
    electrodeField(role, 'diffusivity', 'diffusivity', {
      doc: `solid diffusivity of the ${role} active material at 25 °C`,
      unit: M2_PER_S,
      scale: 'log',
      bounds: [1e-22, 1e-8],
      spec: { at: 'active-material', electrode: role, property: 'diffusivity', part: 'value' },
    }),
    electrodeField(role, 'diffusivity-activation-energy', 'diffusivityActivationEnergy', {
      doc: `activation energy of the ${role} solid diffusivity`,
      unit: J_PER_MOL,
      scale: 'log',
      bounds: [1e3, 2e5],
      startWhenZero: 30e3,
      spec: { at: 'active-material', electrode: role, property: 'diffusivity', part: 'activation' },
    }),
    electrodeField(role, 'rate-constant', 'rateConstant', {
      doc: `Butler–Volmer rate constant m of the ${role} at 25 °C (i0 = m·c_e^½·c_s^½·(c_max − c_s)^½)`,
      unit: NONE,
      scale: 'log',
      bounds: [1e-15, 1e3],
      spec: { at: 'active-material', electrode: role, property: 'rate-constant', part: 'value' },
    }),
    electrodeField(role, 'reaction-activation-energy', 'reactionActivationEnergy', {
      doc: `activation energy of the ${role} rate constant`,
      unit: J_PER_MOL,
      scale: 'log',
      bounds: [1e3, 2e5],
      startWhenZero: 30e3,
      spec: { at: 'active-material', electrode: role, property: 'rate-constant', part: 'activation' },
    }),
    electrodeField(role, 'contact-fraction', 'contactFraction', {
      doc: `fraction of the ${role} active surface that touches electrolyte`,
      unit: NONE,
      scale: 'log',
      bounds: [1e-3, 1],
      spec: { at: 'electrode', electrode: role, property: 'contact-fraction' },
    }),
  ];
}

const metal = (p: ModelParameters): LithiumMetalParameters | { notApplicable: string } =>
  p.negative.type === 'lithium-metal'
    ? p.negative
    : { notApplicable: 'the anode is porous, not lithium metal (fit anode.rate-constant instead)' };

/**
 * `interface-resistance` in a spec is per interface and the model's series resistance holds both
 * electrode/electrolyte interfaces (`from-cell.ts`: series = 2 × per-interface), hence `toSpec`.
 */
const INTERFACES_IN_SERIES = 2;

export const FIT_PARAMETERS: readonly FitParameterDefinition[] = [
  {
    name: 'interface-resistance',
    doc: 'interfacial resistance in series with the electrochemistry at 25 °C (the spec states it per interface)',
    unit: OHM_CM2,
    scale: 'log',
    bounds: [1e-8, 1],
    startWhenZero: 10e-4,
    get: (p) => p.seriesResistance,
    set: (p, value) => ({ ...p, seriesResistance: value }),
    spec: { at: 'cell', property: 'interface-resistance', part: 'value' },
    toSpec: (v) => v / INTERFACES_IN_SERIES,
  },
  {
    name: 'interface-activation-energy',
    doc: 'activation energy of the interfacial resistance',
    unit: J_PER_MOL,
    scale: 'log',
    bounds: [1e3, 2e5],
    startWhenZero: 30e3,
    get: (p) => p.seriesResistanceActivationEnergy ?? 0,
    set: (p, value) => ({ ...p, seriesResistanceActivationEnergy: value }),
    spec: { at: 'cell', property: 'interface-resistance', part: 'activation' },
  },
  ...electrodeParameters('cathode'),
  ...electrodeParameters('anode'),
  {
    name: 'anode.exchange-current',
    doc: 'exchange-current density of a lithium-metal anode at 25 °C',
    unit: { text: 'mA/cm2', perSi: 0.1 },
    scale: 'log',
    bounds: [1e-4, 1e4],
    get: (p) => {
      const m = metal(p);
      return 'notApplicable' in m ? m : m.exchangeCurrentDensity;
    },
    set: (p, value) => {
      const m = metal(p);
      if ('notApplicable' in m) throw new Error(`anode.exchange-current: ${m.notApplicable}`);
      return { ...p, negative: { ...m, exchangeCurrentDensity: value } };
    },
    spec: { at: 'active-material', electrode: 'anode', property: 'exchange-current', part: 'value' },
  },
];

/** Short names: the solid-state cathode composite is where contact is lost, so `contact-fraction` is the cathode's. */
const ALIASES: Readonly<Record<string, string>> = { 'contact-fraction': 'cathode.contact-fraction' };

/** The definition of a fit-parameter name (aliases resolved), or a message that lists the known names. */
export function fitParameter(name: string): FitParameterDefinition | { readonly error: string } {
  const canonical = ALIASES[name] ?? name;
  const found = FIT_PARAMETERS.find((d) => d.name === canonical);
  if (found) return found;
  const prefixed = FIT_PARAMETERS.filter((d) => d.name.endsWith(`.${name}`)).map((d) => d.name);
  const hint = prefixed.length > 0 ? ` (say which electrode: ${prefixed.join(' or ')})` : '';
  return {
    error: `unknown fit parameter '${name}'${hint}; known: ${[...FIT_PARAMETERS.map((d) => d.name), ...Object.keys(ALIASES)].join(', ')}`,
  };
}
