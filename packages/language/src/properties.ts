/**
 * The property table: which property may stand where, which quantity kinds it accepts and which
 * values are physically possible. Validation, completion and hover all read this one table.
 */
import type { QuantityKind } from '@cellspec/units';
import type { MetricName } from '@cellspec/physics';

/** Metrics a target may name: the design figure it is checked against and the kind its value takes. */
export const TARGET_METRICS: Readonly<Record<string, { readonly name: MetricName; readonly kind: QuantityKind }>> = {
  capacity: { name: 'capacity', kind: 'capacity' },
  energy: { name: 'energy', kind: 'energy' },
  'energy-density': { name: 'energyDensity', kind: 'energyDensity' },
  'specific-energy': { name: 'specificEnergy', kind: 'specificEnergy' },
  'np-ratio': { name: 'npRatio', kind: 'dimensionless' },
  'areal-capacity': { name: 'arealCapacity', kind: 'arealCapacity' },
  'mean-voltage': { name: 'meanVoltage', kind: 'voltage' },
  thickness: { name: 'thickness', kind: 'length' },
  mass: { name: 'mass', kind: 'mass' },
};

export type PropertyContext =
  'material' | 'electrode' | 'separator' | 'cell' | 'format' | 'limits' | 'thermal' | 'process' | 'test';

export interface PropertySpec {
  readonly contexts: readonly PropertyContext[];
  readonly kinds: readonly QuantityKind[];
  /** Physically possible range in SI (inclusive). Values outside are errors. */
  readonly min?: number;
  readonly max?: number;
  /** Whether a zero value is impossible (thicknesses, densities). */
  readonly positive?: boolean;
  /** Whether `a to b` is the expected form (windows and ranges). */
  readonly range?: boolean;
  /** Contexts where `a to b` is the expected form although elsewhere one value is (temperature in limits). */
  readonly rangeIn?: readonly PropertyContext[];
  /** Ranges per accepted kind, where kinds differ in SI magnitude (loading in kg/m² or C/m²); overrides min/max. */
  readonly kindRanges?: Partial<Record<QuantityKind, { readonly min?: number; readonly max?: number }>>;
  /** Whether the value must be a whole number. */
  readonly integer?: boolean;
  readonly doc: string;
}

const P = (
  contexts: PropertyContext[],
  kinds: QuantityKind[],
  doc: string,
  extra: Partial<PropertySpec> = {},
): PropertySpec => ({ contexts, kinds, doc, ...extra });

export const PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  'specific-capacity': P(
    ['material'],
    ['specificCapacity'],
    'Practical specific capacity of an active material (mAh/g).',
    { positive: true, max: 4000 * 3600 },
  ),
  'theoretical-capacity': P(['material'], ['specificCapacity'], 'Theoretical specific capacity (mAh/g).', {
    positive: true,
    max: 4000 * 3600,
  }),
  density: P(
    ['material', 'electrode', 'separator'],
    ['density'],
    'True density of a material, or bulk density of a coating (g/cm³).',
    { positive: true, max: 25000 },
  ),
  'mean-voltage': P(['material'], ['voltage'], 'Mean voltage against Li/Li⁺ (V).', { min: 0, max: 6 }),
  stoichiometry: P(
    ['material', 'electrode'],
    ['dimensionless', 'fraction'],
    'Usable stoichiometry window, at 0 % SOC to 100 % SOC (`0.03 to 0.9`).',
    { min: 0, max: 1.2, range: true },
  ),
  'max-concentration': P(
    ['material'],
    ['concentration'],
    'Maximum lithium concentration in the solid, c_s,max (mol/m³).',
    { positive: true },
  ),
  'particle-radius': P(['material', 'electrode'], ['length'], 'Particle radius (µm).', { positive: true, max: 1e-3 }),
  d50: P(['material', 'electrode'], ['length'], 'Median particle diameter D50 (µm); the radius is D50/2.', {
    positive: true,
    max: 2e-3,
  }),
  diffusivity: P(
    ['material'],
    ['diffusivity'],
    'Solid-state diffusivity (m²/s); `activation` gives its activation energy.',
    { positive: true },
  ),
  'rate-constant': P(
    ['material'],
    ['dimensionless', 'reactionRate', 'exchangeCurrentDensity'],
    'Butler–Volmer rate constant m in i0 = m·c_e^½·c_s^½·(c_max−c_s)^½ (A/m² per (mol/m³)^1.5).',
    { positive: true },
  ),
  'exchange-current': P(
    ['material'],
    ['exchangeCurrentDensity'],
    'Exchange-current density at 25 °C and half lithiation (A/m²).',
    { positive: true },
  ),
  'transfer-coefficient': P(['material'], ['dimensionless'], 'Charge-transfer coefficient α (0..1).', {
    min: 0,
    max: 1,
  }),
  'ionic-conductivity': P(
    ['material'],
    ['conductivity'],
    'Ionic conductivity at 25 °C (mS/cm); `activation` gives its activation energy.',
    { positive: true },
  ),
  'electronic-conductivity': P(['material', 'electrode'], ['conductivity'], 'Electronic conductivity (S/cm).', {
    positive: true,
  }),
  'specific-heat': P(['material'], ['specificHeat'], 'Specific heat capacity (J/(kg·K)).', { positive: true }),
  'thermal-conductivity': P(['material'], ['thermalConductivity'], 'Thermal conductivity (W/(m·K)).', {
    positive: true,
  }),
  'entropic-coefficient': P(['material'], ['entropicCoefficient'], 'Entropic coefficient ∂U/∂T (mV/K).'),
  'film-resistance': P(['material'], ['arealResistance'], 'Interfacial film resistance of a coating (Ω·cm²).', {
    min: 0,
  }),
  thickness: P(['material', 'electrode', 'separator', 'format'], ['length'], 'Thickness (µm).', {
    positive: true,
    max: 0.1,
  }),
  'salt-concentration': P(
    ['material'],
    ['concentration'],
    'Initial salt concentration of a liquid electrolyte (mol/m³).',
    { positive: true },
  ),
  'transference-number': P(
    ['material'],
    ['dimensionless'],
    'Cation transference number t+ (1 for a single-ion conductor).',
    { min: 0, max: 1 },
  ),
  'electrolyte-diffusivity': P(['material'], ['diffusivity'], 'Salt diffusivity of a liquid electrolyte (m²/s).', {
    positive: true,
  }),
  'molar-mass': P(['material'], ['molarMass'], 'Molar mass (g/mol).', { positive: true }),
  coverage: P(['material'], ['fraction'], 'Surface coverage of a coating (%).', { min: 0, max: 1 }),
  loading: P(
    ['electrode'],
    ['arealMass', 'arealCapacity'],
    'Areal loading of the coating per side: a mass per area (mg/cm²) or an areal capacity (mAh/cm²).',
    {
      positive: true,
      // 1000 mg/cm² and 100 mAh/cm² are far beyond any coating; the limits catch unit slips.
      kindRanges: { arealMass: { max: 10 }, arealCapacity: { max: 100 * 36000 } },
    },
  ),
  porosity: P(['electrode', 'separator'], ['fraction'], 'Void fraction of the layer (%).', { min: 0, max: 0.95 }),
  'areal-capacity': P(['electrode'], ['arealCapacity'], 'Areal capacity per side (mAh/cm²).', { positive: true }),
  'path-resistance': P(
    ['electrode', 'separator'],
    ['dimensionless'],
    'Path resistance coefficient σ/σ_eff = τ²/φ of the composite.',
    { min: 1 },
  ),
  'tortuosity-factor': P(['electrode', 'separator'], ['dimensionless'], 'Tortuosity factor τ² (σ_eff = σ·φ/τ²).', {
    min: 1,
  }),
  bruggeman: P(['electrode', 'separator'], ['dimensionless'], 'Bruggeman exponent b (σ_eff = σ·φ^b).', {
    min: 0,
    max: 5,
  }),
  'contact-fraction': P(
    ['electrode'],
    ['fraction', 'dimensionless'],
    'Fraction of the active surface touching electrolyte.',
    { min: 0, max: 1, positive: true },
  ),
  'initial-stoichiometry': P(
    ['electrode'],
    ['dimensionless'],
    'Initial stoichiometry of the active material for simulations.',
    { min: 0, max: 1 },
  ),
  layers: P(['format'], ['dimensionless'], 'Number of unit cells (cathode–electrolyte–anode repeats).', {
    min: 1,
    max: 1000,
    integer: true,
  }),
  'restraint-pressure': P(['cell', 'test'], ['pressure'], 'Stack restraint pressure (MPa).', { min: 0, max: 1e9 }),
  temperature: P(
    ['cell', 'limits', 'test'],
    ['temperature'],
    'Temperature (°C); in limits, the operating range `a to b`.',
    { min: 0, max: 1000, rangeIn: ['limits'] },
  ),
  'nominal-capacity': P(['cell'], ['capacity'], 'Declared nominal capacity (mAh).', { positive: true }),
  'one-c-current': P(
    ['cell'],
    ['current'],
    'Current at 1C when fixed by the spec rather than the design capacity (A).',
    { positive: true },
  ),
  'interface-resistance': P(['cell'], ['arealResistance'], 'Electrode–electrolyte interfacial resistance (Ω·cm²).', {
    min: 0,
  }),
  voltage: P(['limits'], ['voltage'], 'Voltage window `min to max` (V).', { min: 0, max: 10, range: true }),
  'max-charge-rate': P(['limits'], ['cRate'], 'Highest charge C-rate allowed.', { positive: true, max: 1000 }),
  'max-discharge-rate': P(['limits'], ['cRate'], 'Highest discharge C-rate allowed.', { positive: true, max: 1000 }),
  'max-charge-current': P(['limits'], ['current'], 'Highest charge current allowed (A).', { positive: true }),
  'max-discharge-current': P(['limits'], ['current'], 'Highest discharge current allowed (A).', { positive: true }),
  ambient: P(['thermal'], ['temperature'], 'Ambient temperature for thermal runs (°C).', { min: 0, max: 1000 }),
  'heat-transfer': P(
    ['thermal'],
    ['heatTransferCoefficient'],
    'Total heat-transfer coefficient to ambient (W/(m²·K)).',
    { min: 0 },
  ),
  'cooling-area': P(['thermal'], ['area'], 'Cooled surface area (cm²).', { positive: true }),
  'batch-size': P(['process'], ['dimensionless'], 'Cells per batch.', { min: 1, integer: true }),
  yield: P(['process'], ['fraction'], 'Expected yield (%).', { min: 0, max: 1 }),
  samples: P(['test'], ['dimensionless'], 'Number of cells tested.', { min: 1, max: 10000, integer: true }),
  duration: P(['test'], ['time'], 'Duration of a test (storage, cycle life).', { positive: true }),
  'channel-voltage': P(
    ['test'],
    ['voltage'],
    'Voltage range of the cycler channel the test runs on (`-5 V to 5 V`; a range below 0 V is a bipolar channel).',
    { min: -100, max: 100, range: true },
  ),
};

/** Properties a context requires (checked as "missing required property"). */
export const REQUIRED: Readonly<
  Partial<Record<PropertyContext | 'cathode-active' | 'anode-active', readonly string[]>>
> = {
  separator: ['thickness'],
  'cathode-active': ['specific-capacity', 'density'],
  'anode-active': ['specific-capacity', 'density'],
};
