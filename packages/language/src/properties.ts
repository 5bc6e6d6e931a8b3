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
  | 'material'
  | 'electrode'
  | 'separator'
  | 'cell'
  | 'format'
  | 'limits'
  | 'thermal'
  | 'process'
  | 'test'
  | 'module'
  | 'pack'
  | 'vehicle';

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
  /** Ranges per context where real cells differ by place (an electrode coating vs a can), in SI; override min/max. */
  readonly contextRanges?: Partial<Record<PropertyContext, { readonly min?: number; readonly max?: number }>>;
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
  // first cycle and lithium inventory
  'first-charge-capacity': P(
    ['material'],
    ['specificCapacity'],
    'First-charge specific capacity of an active material (mAh/g): what it takes up (anode) or gives (cathode) on the formation charge, before first-cycle losses. With the reversible `specific-capacity` it gives the first-cycle efficiency and the first-charge N/P ratio.',
    { positive: true, max: 4000 * 3600 },
  ),
  'first-cycle-efficiency': P(
    ['material'],
    ['fraction', 'dimensionless'],
    'First-cycle (coulombic) efficiency of an active material: reversible ÷ first-charge capacity (%).',
    { positive: true, max: 1 },
  ),
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
  'film-resistance': P(
    ['material'],
    ['arealResistance'],
    'Interfacial film resistance of a coating at 25 °C, per particle surface (Ω·cm²); `activation` gives its activation energy. Without it the model uses coating thickness / coating ionic conductivity.',
    { min: 0 },
  ),
  thickness: P(['material', 'electrode', 'separator', 'format'], ['length'], 'Thickness (µm).', {
    positive: true,
    max: 0.1,
    // Real cells: composite coatings and pressed pellets up to ~1 mm per side (thick solid-state
    // pellet electrodes), electrolyte layers and separators from ~1 µm (thin films) to ~1 mm
    // (lab pellets); a packaged cell (pouch or prismatic can) up to ~100 mm thick.
    contextRanges: {
      electrode: { max: 2e-3 },
      separator: { max: 2e-3 },
      format: { max: 0.1 },
      material: { max: 0.01 },
    },
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
  'interface-resistance': P(
    ['cell'],
    ['arealResistance'],
    'Interfacial resistance of the cell at 25 °C (Ω·cm² of electrode area): both electrode–electrolyte interfaces together, in series with what the model already resolves (charge transfer, coating films, electrolyte conduction), so only what those miss (a loosely bonded interface, contact loss). Default 0. `activation` gives its activation energy (default 48 kJ/mol, as charge transfer).',
    { min: 0 },
  ),
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

  // ---- published cell designs: plated lithium, design inputs, cans and windings ----------------
  'excess-lithium': P(
    ['electrode'],
    ['length'],
    'Lithium present at assembly on the anode (a reservoir), as a thickness of dense lithium per side (µm); 0 for anode-free.',
    { min: 0, max: 1e-3 },
  ),
  'np-ratio': P(
    ['cell'],
    ['dimensionless'],
    'N/P ratio as a design input: the anode loading is solved so its areal capacity is N/P × the cathode’s (a written anode loading that disagrees is reported).',
    { positive: true, min: 0.05, max: 10 },
  ),
  diameter: P(
    ['format'],
    ['length'],
    'Outer diameter of a cylindrical can (18650: 18 mm, 21700: 21 mm, 4680: 46 mm).',
    {
      positive: true,
      min: 3e-3,
      max: 0.1,
    },
  ),
  height: P(['format'], ['length'], 'Outer height of a cylindrical can (18650: 65 mm, 21700: 70 mm, 4680: 80 mm).', {
    positive: true,
    min: 5e-3,
    max: 0.3,
  }),
  mandrel: P(['format'], ['length'], 'Diameter of the winding core (mandrel or centre pin) of a wound cell.', {
    min: 0,
    max: 0.02,
  }),
  headspace: P(
    ['format'],
    ['length'],
    'Height inside the can left unwound (cap, header, tab bends); the electrode width is the inner height less this.',
    { min: 0, max: 0.05 },
  ),
  'channel-voltage': P(
    ['test'],
    ['voltage'],
    'Voltage range of the cycler channel the test runs on (`-5 V to 5 V`; a range below 0 V is a bipolar channel).',
    { min: -100, max: 100, range: true },
  ),
  // modules, packs and vehicles
  series: P(['module', 'pack'], ['dimensionless'], 'Cells in series in a module; modules in series in a pack.', {
    positive: true,
    integer: true,
    max: 10000,
  }),
  parallel: P(
    ['module', 'pack'],
    ['dimensionless'],
    'Cells in parallel in a module; module strings in parallel in a pack.',
    {
      positive: true,
      integer: true,
      max: 10000,
    },
  ),
  'busbar-mass': P(
    ['module', 'pack'],
    ['mass'],
    'Busbars and interconnects of a module, or between the modules of a pack (kg).',
    {
      min: 0,
      max: 1000,
    },
  ),
  'busbar-resistance': P(
    ['module', 'pack'],
    ['resistance'],
    "Series resistance of the busbars: a module's string, or the pack's interconnects (mΩ). Usable energy pays its I²R at C/3.",
    { min: 0, max: 10 },
  ),
  'plate-mass': P(['module'], ['mass'], 'Cooling plate of a module (kg).', { min: 0, max: 1000 }),
  'plate-volume': P(['module'], ['volume'], 'Cooling plate of a module (L).', { min: 0, max: 1 }),
  'plate-conductance': P(
    ['module'],
    ['thermalConductance'],
    'Thermal conductance from one cell to the coolant through the cooling plate (W/K).',
    { positive: true, max: 1000 },
  ),
  'cell-conductance': P(
    ['module'],
    ['thermalConductance'],
    'Thermal conductance between neighbouring cells of a module (W/K).',
    { min: 0, max: 1000 },
  ),
  'housing-mass': P(
    ['module', 'pack'],
    ['mass', 'fraction'],
    "A module's housing (kg), or the pack's housing, electronics and structure as a share of the pack mass (%).",
    { min: 0, kindRanges: { mass: { max: 10000 }, fraction: { max: 0.99 } } },
  ),
  'housing-volume': P(
    ['module', 'pack'],
    ['volume', 'fraction'],
    "A module's housing (L), or the pack's housing, electronics and structure as a share of the pack volume (%).",
    { min: 0, kindRanges: { volume: { max: 10 }, fraction: { max: 0.99 } } },
  ),
  'coolant-temperature': P(
    ['pack'],
    ['temperature'],
    'Coolant inlet temperature, also the starting temperature of the cells.',
    {
      min: 173.15,
      max: 473.15,
    },
  ),
  'coolant-flow': P(
    ['pack'],
    ['massFlow'],
    'Coolant mass flow through one cooling path; the coolant warms by the heat it takes up (water-glycol, c_p 3.5 kJ/(kg·K)).',
    { positive: true, max: 100 },
  ),
  'test-mass': P(['vehicle'], ['mass'], 'Test mass of the vehicle: vehicle, driver and load (kg).', {
    positive: true,
    max: 100000,
  }),
  'drag-coefficient': P(['vehicle'], ['dimensionless'], 'Aerodynamic drag coefficient C_d.', {
    positive: true,
    max: 2,
  }),
  'frontal-area': P(['vehicle'], ['area'], 'Frontal area of the vehicle (m²).', { positive: true, max: 20 }),
  'rolling-resistance': P(['vehicle'], ['dimensionless'], 'Rolling-resistance coefficient C_rr.', { min: 0, max: 0.1 }),
  'drivetrain-efficiency': P(
    ['vehicle'],
    ['fraction'],
    'Battery-to-wheel efficiency of inverter, motor and gears (%).',
    { positive: true, max: 1 },
  ),
  regeneration: P(['vehicle'], ['fraction'], 'Share of braking power the drivetrain recovers into the battery (%).', {
    min: 0,
    max: 1,
  }),
  'auxiliary-power': P(['vehicle'], ['power'], 'Auxiliary power drawn throughout a drive (W).', {
    min: 0,
    max: 100000,
  }),
};

/** Properties a context requires (checked as "missing required property"). */
export const REQUIRED: Readonly<
  Partial<Record<PropertyContext | 'cathode-active' | 'anode-active', readonly string[]>>
> = {
  separator: ['thickness'],
  'cathode-active': ['specific-capacity', 'density'],
  'anode-active': ['specific-capacity', 'density'],
};
