/**
 * The BPX 1.1 schema as JSON Schema (draft 2020-12), written from the reference
 * implementation's pydantic models (github.com/FaradayInstitution/BPX `bpx/schema.py`, v1.1.1):
 * the same field names with units in the keys, the same required fields, no extra fields
 * (its models forbid them), and the same choice between DFN/SPMe, SPM and Partial
 * parameterisations. Expressions are checked by `checkBpxExpression` (format `bpx-expression`).
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { checkBpxExpression } from './expression.js';

const num = { type: 'number' };
const int = { type: 'integer' };
const table = {
  type: 'object',
  properties: { x: { type: 'array', items: num, minItems: 2 }, y: { type: 'array', items: num, minItems: 2 } },
  required: ['x', 'y'],
  additionalProperties: false,
};
const fn = { anyOf: [num, { type: 'string', format: 'bpx-expression' }, table] };

function section(required: Record<string, object>, optional: Record<string, object> = {}): object {
  return {
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  };
}

const cell = section(
  {
    'Electrode area [m2]': num,
    'Number of electrode pairs connected in parallel to make a cell': int,
    'Lower voltage cut-off [V]': num,
    'Upper voltage cut-off [V]': num,
    'Nominal cell capacity [A.h]': num,
  },
  {
    'External surface area [m2]': num,
    'Volume [m3]': num,
    'Reference temperature [K]': num,
    'Density [kg.m-3]': num,
    'Specific heat capacity [J.K-1.kg-1]': num,
  },
);
const electrolyte = section(
  { 'Cation transference number': num, 'Diffusivity [m2.s-1]': fn, 'Conductivity [S.m-1]': fn },
  { 'Diffusivity activation energy [J.mol-1]': num, 'Conductivity activation energy [J.mol-1]': num },
);
const particleRequired = {
  'Minimum stoichiometry': num,
  'Maximum stoichiometry': num,
  'Maximum concentration [mol.m-3]': num,
  'Particle radius [m]': num,
  'Surface area per unit volume [m-1]': num,
  'Diffusivity [m2.s-1]': fn,
  'OCP [V]': fn,
  'Reaction rate constant [mol.m-2.s-1]': num,
};
const particleOptional = {
  'Diffusivity activation energy [J.mol-1]': num,
  'OCP (delithiation) [V]': fn,
  'OCP (lithiation) [V]': fn,
  'OCP hysteresis decay constant': num,
  'Entropic change coefficient [V.K-1]': fn,
  'Reaction rate constant activation energy [J.mol-1]': num,
};
const particle = section(particleRequired, particleOptional);
const contact = { 'Thickness [m]': num, Porosity: num, 'Transport efficiency': num };
const particles = { type: 'object', additionalProperties: particle, minProperties: 1 };
const electrodeSingle = section({ ...contact, 'Conductivity [S.m-1]': num, ...particleRequired }, particleOptional);
const electrodeBlended = section({ ...contact, 'Conductivity [S.m-1]': num, Particle: particles });
const electrodeSingleSpm = section({ 'Thickness [m]': num, ...particleRequired }, particleOptional);
const electrodeBlendedSpm = section({ 'Thickness [m]': num, Particle: particles });
const separator = section(contact);
const userDefined = { type: 'object' };

const full = section(
  {
    Cell: cell,
    Electrolyte: electrolyte,
    'Negative electrode': { anyOf: [electrodeSingle, electrodeBlended] },
    'Positive electrode': { anyOf: [electrodeSingle, electrodeBlended] },
    Separator: separator,
  },
  { 'User-defined': userDefined },
);
const spm = section(
  {
    Cell: cell,
    'Negative electrode': { anyOf: [electrodeSingleSpm, electrodeBlendedSpm] },
    'Positive electrode': { anyOf: [electrodeSingleSpm, electrodeBlendedSpm] },
  },
  { 'User-defined': userDefined },
);
const anyElectrode = { anyOf: [electrodeSingle, electrodeBlended, electrodeSingleSpm, electrodeBlendedSpm] };
const partial = section(
  {},
  {
    Cell: cell,
    Electrolyte: electrolyte,
    'Negative electrode': anyElectrode,
    'Positive electrode': anyElectrode,
    Separator: separator,
    'User-defined': userDefined,
  },
);
const perMaterial = { anyOf: [num, { type: 'object', additionalProperties: num }] };
const state = section(
  {},
  {
    'Initial conditions': section(
      {},
      {
        'Initial state-of-charge': num,
        'Initial temperature [K]': num,
        'Initial electrolyte concentration [mol.m-3]': num,
        'Initial hysteresis state: Positive electrode': perMaterial,
        'Initial hysteresis state: Negative electrode': perMaterial,
      },
    ),
    'Thermal environment': section(
      {},
      { 'Ambient temperature [K]': num, 'Heat transfer coefficient [W.m-2.K-1]': num },
    ),
    Degradation: section({ LLI: num, 'LAM: Positive electrode': perMaterial, 'LAM: Negative electrode': perMaterial }),
  },
);
const experiment = section(
  {
    'Time [s]': { type: 'array', items: num },
    'Current [A]': { type: 'array', items: num },
    'Voltage [V]': { type: 'array', items: num },
  },
  { 'Temperature [K]': { type: 'array', items: num } },
);
const header = section(
  {
    BPX: { type: 'string', pattern: '^\\d+\\.\\d+(?:\\.\\d+)?$' },
    Model: { enum: ['SPM', 'SPMe', 'DFN', 'Partial'] },
  },
  { Title: { type: 'string' }, Description: { type: 'string' }, References: { type: 'string' } },
);

/** The BPX 1.1 JSON Schema; the parameterisation must match the model named in the header. */
export const BPX_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cellspec.local/schemas/bpx-1.1.json',
  title: 'BPX 1.1 (from FaradayInstitution/BPX bpx/schema.py v1.1.1)',
  type: 'object',
  properties: {
    Header: header,
    Parameterisation: { type: 'object' },
    State: state,
    Validation: { type: 'object', additionalProperties: experiment },
  },
  required: ['Header', 'Parameterisation'],
  additionalProperties: false,
  allOf: [
    {
      if: { properties: { Header: { properties: { Model: { const: 'SPM' } } } } },
      then: { properties: { Parameterisation: spm } },
    },
    {
      if: { properties: { Header: { properties: { Model: { enum: ['DFN', 'SPMe'] } } } } },
      then: { properties: { Parameterisation: full } },
    },
    {
      if: { properties: { Header: { properties: { Model: { const: 'Partial' } } } } },
      then: { properties: { Parameterisation: partial } },
    },
  ],
} as const;

// Compiled on first use: compiling costs ~0.3 s, which every CLI command would pay at start-up.
let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('bpx-expression', { type: 'string', validate: (s: string) => checkBpxExpression(s) === undefined });
    compiled = ajv.compile(BPX_SCHEMA);
  }
  return compiled;
}

/** Checks a BPX 1.x object against the schema: the list of problems, empty when it conforms. */
export function validateBpx(doc: unknown): string[] {
  const problems: string[] = [];
  const validateSchema = schemaValidator();
  if (!validateSchema(doc))
    for (const e of validateSchema.errors ?? []) {
      if (e.keyword === 'if' || e.keyword === 'anyOf') continue; // the branch errors say more
      problems.push(`${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    }
  // What JSON Schema cannot say: tables have as many x as y values.
  const walk = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null) return;
    const t = v as { x?: unknown; y?: unknown };
    if (Array.isArray(t.x) && Array.isArray(t.y) && t.x.length !== t.y.length)
      problems.push(`${path} table has ${t.x.length} x and ${t.y.length} y values`);
    for (const [k, c] of Object.entries(v)) walk(c, `${path}/${k}`);
  };
  walk(doc, '');
  return [...new Set(problems)];
}
