/**
 * Model parameters from a cell of the IR: geometry and volume fractions from the design
 * calculator, material properties from the IR materials, and sourced defaults for what a spec
 * does not state (each default is reported in `assumptions`, so hints can show it).
 *
 * Mapping (per unit electrode area):
 *   active / electrolyte volume fraction = (solid-volume fraction of the component) × (1 − porosity);
 *     in a liquid cell the electrolyte fraction is the porosity.
 *   ionic transport efficiency κ_eff/κ = 1/(path resistance coefficient τ²/φ), or φ/τ², or φ^b;
 *     solid-state default τ² = 4.3 (Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021)),
 *     liquid default Bruggeman b = 1.5.
 *   c_s,max = theoretical specific capacity × density / F when not stated.
 *   i0 rate constant m from a stated exchange-current density i0 at c_e0 and x = ½:
 *     m = i0 / (c_e0^½ · c_s,max/2).
 *   Stoichiometry windows: from the material when stated (either order: the anode's charged end is
 *     its higher stoichiometry, the cathode's its lower); otherwise the anode empties to
 *     x₀ = 0.02 and takes the design capacity Q; the cathode's charged end is where the open-circuit
 *     voltage reaches the upper cut-off (charged by CCCV to it), and it swings by Q as well.
 *   Solid electrolytes: four separate, thermally activated terms, none counted twice:
 *     bulk ion conduction  κ(T) of the SE material (its `ionic-conductivity … activation …`);
 *     coating film         R_film = coating thickness / coating ionic conductivity, per particle
 *                          surface, with the coating's activation energy (LiNbO3 by default);
 *     charge transfer      single-ion Butler–Volmer, i0 = m c_s^½ (c_max − c_s)^½, with m from a
 *                          stated exchange-current density (m = 2 i0 / c_max) or the default;
 *     solid diffusion      D_s(T) with its activation energy.
 *   `interface-resistance` is one number for the cell: the resistance of both electrode|SE
 *     interfaces together, per electrode area, that the terms above do not contain (a loosely
 *     bonded interface, contact loss); it is in series, with its own activation energy
 *     (`interface-resistance 20 ohm*cm2 activation 0.5 eV`). Default 0: the ~50 Ω·cm² measured
 *     on sulfide cells at 25 °C (Lee et al. 2020) is what kinetics + film + conduction give;
 *     adding it again would count the interfaces twice.
 *   Every default carries the range it was measured or fitted over (`validity`); runs outside it
 *     warn (`extrapolations`).
 */
import type { CellIR, MaterialIR } from '../ir.js';
import { designCell } from '../design/calculate.js';
import type { ElectrodeDesign } from '../design/types.js';
import { resolveOcp } from '../ocp/index.js';
import type { OcpFunction } from '../ocp/types.js';
import { FARADAY, GAS_CONSTANT } from './constants.js';
import { ELECTROLYTE_TRANSPORT } from './electrolytes.js';
import type { ElectrodeParameters, LithiumMetalParameters, ModelParameters, ValidityRange } from './parameters.js';

export interface ParametersResult {
  readonly parameters?: ModelParameters;
  /** Values the spec does not state, with the default used and its source. */
  readonly assumptions: readonly string[];
  /** Why no model can run, in the engineer's words. */
  readonly problems: readonly string[];
}

/** Kelvin from degrees Celsius, for the validity ranges below. */
const C = (celsius: number) => celsius + 273.15;

/**
 * Defaults by active-material family. Particle radius and diffusivity: PyBaMM Chen2020 (LG M50).
 * Exchange-current density at 25 °C and half lithiation: the Chen2020 rate constants evaluated at
 * c_e = 1 mol/L and their own c_max/2 (i0 = m·c_e^½·c_max/2), the form that carries over to a
 * single-ion conductor; no transferable value measured against a sulfide SE is published for
 * these materials, so this is an assumption and says so.
 * Activation energies:
 *   diffusion  NMC811 12.0 kJ/mol (1449 K × R), graphite 17.4 kJ/mol (2092 K × R): O'Regan et al.,
 *              Electrochim. Acta 425, 140700 (2022), measured on the same LG M50 materials as
 *              the Chen2020 diffusivities (PyBaMM ORegan2022);
 *   reaction   liquid: 17.8 kJ/mol (NMC), 35 kJ/mol (graphite), PyBaMM Chen2020 defaults;
 *              solid: 48 kJ/mol, charge transfer at LiNbO3-coated LiCoO2 | sulfide SE measured
 *              with a microelectrode (Electrochemistry, "Electrochemical analyzing method of the
 *              charge transfer reaction at the interface between sulfide-based solid electrolyte
 *              and positive electrode material with microelectrode"); used for both electrodes.
 * Valid ranges: the sources give values at or near 25 °C; the range they hold over is taken as
 * 0…45 °C (an assumption: the usual span of such parameterisations), so colder or hotter runs
 * say that they extrapolate.
 */
const ACTIVE_DEFAULTS = {
  'cathode-active': {
    radius: 5.22e-6,
    diffusivity: 4e-15,
    diffusivityEa: 1449 * GAS_CONSTANT,
    rateConstant: 3.42e-6,
    exchangeCurrent: 3.42e-6 * Math.sqrt(1000) * (63104 / 2),
    reactionEa: 17800,
    source: 'PyBaMM Chen2020 (NMC811)',
  },
  'anode-active': {
    radius: 5.86e-6,
    diffusivity: 3.3e-14,
    diffusivityEa: 2092 * GAS_CONSTANT,
    rateConstant: 6.48e-7,
    exchangeCurrent: 6.48e-7 * Math.sqrt(1000) * (33133 / 2),
    reactionEa: 35000,
    source: 'PyBaMM Chen2020 (graphite)',
  },
} as const;
const DIFFUSION_EA_SOURCE = "O'Regan et al. 2022 (PyBaMM ORegan2022)";
/** Charge transfer at a coated oxide | sulfide SE interface, J/mol (microelectrode study, see above). */
export const SOLID_CHARGE_TRANSFER_ACTIVATION_ENERGY = 48000;
/** Where the kinetic and diffusion defaults were measured, K. */
const DEFAULT_TEMPERATURE_RANGE = { min: C(0), max: C(45) } as const;
const DEFAULT_OCP: Record<'cathode-active' | 'anode-active', string> = {
  'cathode-active': 'NMC811_Chen2020',
  'anode-active': 'graphite_Chen2020',
};
export const DEFAULT_TORTUOSITY_FACTOR = 4.3;
/**
 * A coating's ion conductivity when the spec gives none: amorphous LiNbO3 ~1e-5 S/cm (Glass et
 * al., J. Appl. Phys. 49, 4808 (1978), as used by Ohta et al., Electrochem. Commun. 9, 1486 (2007)),
 * with the charge-transfer activation energy of the coated interface (an assumption: no separate
 * value for the film is published for this coating).
 */
const COATING_CONDUCTIVITY = 1e-3; // S/m
/** No lumped interface resistance on top of the modelled terms (see the header). */
export const DEFAULT_SOLID_STATE_INTERFACE_RESISTANCE = 0;
/** Activation energy of a stated `interface-resistance` without its own, J/mol (as charge transfer). */
export const INTERFACE_ACTIVATION_ENERGY = SOLID_CHARGE_TRANSFER_ACTIVATION_ENERGY;
const LITHIUM_EXCHANGE_CURRENT = 10; // A/m² (1 mA/cm²), Li | sulfide SE, order of published values

export function parametersFromCell(cell: CellIR): ParametersResult {
  const assumptions: string[] = [];
  const problems: string[] = [];
  const design = designCell(cell);
  const assume = (text: string) => assumptions.push(text);
  const materials = cell.materials;
  const sep = cell.separator;
  const liquidElectrolyte = sep?.electrolyte ? materials[sep.electrolyte] : undefined;
  const solid = !liquidElectrolyte;
  // The ion conductor: the liquid, or the SE of the layer (or of the cathode composite).
  const seMaterial = solid
    ? sep && materials[sep.material]?.kind === 'solid-electrolyte'
      ? materials[sep.material]
      : cell.cathode.components.map((c) => materials[c.material]).find((m) => m?.kind === 'solid-electrolyte')
    : liquidElectrolyte;
  if (!seMaterial)
    problems.push(
      'no electrolyte: name the solid-electrolyte layer material or the liquid electrolyte of the separator',
    );
  const conductivity25 = seMaterial?.properties.ionicConductivity;
  if (seMaterial && conductivity25 === undefined) problems.push(`${seMaterial.name} has no ionic conductivity`);
  const ionicEa = seMaterial?.properties.ionicActivationEnergy ?? 0;
  if (seMaterial && seMaterial.properties.ionicActivationEnergy === undefined)
    assume(`${seMaterial.name}: no activation energy for conduction, taken as 0 (no temperature dependence)`);
  const validity: ValidityRange[] = [];
  const defaultRange = (what: string) => validity.push({ what, quantity: 'temperature', ...DEFAULT_TEMPERATURE_RANGE });

  const capacityPerArea =
    design.capacity !== undefined ? design.capacity / (design.layers * design.facingArea) : undefined;
  if (capacityPerArea === undefined) problems.push('the design capacity is unknown (see the design problems)');

  const notes = { assume, problems, defaultRange };
  const electrodeContext: ElectrodeContext = { ...notes, cell, solid, liquidElectrolyte };

  const pos = electrodeParameters(electrodeContext, 'cathode', design.cathode);
  const neg = electrodeParameters(electrodeContext, 'anode', design.anode);
  const voltageMin = cell.limits.voltageMin ?? 2.5;
  const voltageMax = cell.limits.voltageMax ?? 4.2;
  if (cell.limits.voltageMin === undefined || cell.limits.voltageMax === undefined)
    assume(`voltage limits not stated: ${voltageMin} V to ${voltageMax} V`);
  if (
    problems.length > 0 ||
    !pos.e ||
    !(neg.e || neg.metal) ||
    capacityPerArea === undefined ||
    conductivity25 === undefined
  ) {
    return { assumptions, problems };
  }

  // ---- stoichiometry windows ---------------------------------------------------------------------
  const { positive, negative } = placeWindows({ e: pos.e }, neg, capacityPerArea, voltageMax, notes);

  // ---- separator / SE layer ----------------------------------------------------------------------
  // A liquid-filled separator without a porosity is modelled as pure electrolyte (the Doyle–
  // Fuller–Newman reference cells do this); a dense SE layer conducts over its solid fraction.
  if (sep && !solid && sep.porosity === undefined)
    assume('separator porosity not stated: modelled as pure electrolyte (porosity 100 %)');
  const sepFraction = sep ? (solid ? 1 - (sep.porosity ?? 0) : (sep.porosity ?? 1)) : 1;
  const transportName = liquidElectrolyte?.properties.electrolyteTransport;
  const transport = transportName ? ELECTROLYTE_TRANSPORT[transportName] : undefined;
  if (transportName && !transport)
    problems.push(
      `unknown electrolyte transport '${transportName}' (known: ${Object.keys(ELECTROLYTE_TRANSPORT).join(', ')})`,
    );
  const sepEfficiency = sep?.pathResistance
    ? 1 / sep.pathResistance
    : sep?.bruggeman
      ? sepFraction ** sep.bruggeman
      : solid
        ? sepFraction
        : sepFraction ** 1.5;
  if (!sep) problems.push('no separator or solid-electrolyte layer');

  const electrolyte = solid
    ? {
        type: 'solid' as const,
        initialConcentration: 1, // the mobile-ion concentration enters nothing (t+ = 1, single-ion kinetics)
        transferenceNumber: 1,
        thermodynamicFactor: 1,
        conductivity: arrheniusProperty(conductivity25, ionicEa),
        diffusivity: () => 0,
      }
    : {
        type: 'liquid' as const,
        initialConcentration: liquidElectrolyte!.properties.saltConcentration ?? 1000,
        transferenceNumber: liquidElectrolyte!.properties.transferenceNumber ?? 0.38,
        thermodynamicFactor: 1,
        conductivity: transport?.conductivity ?? arrheniusProperty(conductivity25, ionicEa),
        diffusivity:
          transport?.diffusivity ??
          arrheniusProperty(liquidElectrolyte!.properties.electrolyteDiffusivity ?? 3e-10, ionicEa),
      };

  // ---- cell level --------------------------------------------------------------------------------
  const area = design.layers * design.facingArea;
  const oneC = cell.oneCCurrent ?? (cell.nominalCapacity ?? design.capacity!) / 3600;
  // C-rates and the SOC are counted against 1C: a 1C current of zero or less makes both meaningless.
  if (!(oneC > 0 && Number.isFinite(oneC)))
    problems.push(
      `the 1C current comes out at ${+(oneC * 1000).toPrecision(3)} mA: the nominal capacity (or 1C current) must be positive`,
    );
  // `interface-resistance`: one number for the cell (both interfaces together), in series with
  // the modelled kinetics, films and conduction; default 0 (see the header).
  const interfaces = cell.interfaceResistance ?? DEFAULT_SOLID_STATE_INTERFACE_RESISTANCE;
  const interfaceEa = cell.interfaceResistanceActivationEnergy ?? INTERFACE_ACTIVATION_ENERGY;
  if (solid && cell.interfaceResistance === undefined)
    assume(
      'no interface resistance beyond the modelled charge transfer, coating films and SE conduction (they make up the ~50 Ω·cm² measured on sulfide cells at 25 °C, Lee et al. 2020)',
    );
  if (cell.interfaceResistance !== undefined && cell.interfaceResistanceActivationEnergy === undefined) {
    assume(`interface-resistance: activation energy ${interfaceEa / 1000} kJ/mol (as charge transfer) assumed`);
    defaultRange('interface-resistance activation energy');
  }
  const mass = design.layersBreakdown.reduce((s, l) => s + (l.mass ?? 0), 0);
  const cp = 800; // J/(kg K), typical of electrode composites
  const outline = cell.format.outline;
  const coolingArea =
    cell.thermal?.coolingArea ?? (outline ? 2 * outline.width * outline.height : 2 * design.facingArea);
  const h = cell.thermal?.heatTransferCoefficient ?? 10;
  if (!cell.thermal?.heatTransferCoefficient) assume('heat-transfer coefficient 10 W/(m² K) (still air)');
  assume(`heat capacity from the stack mass ${(mass * 1e3).toFixed(2)} g × ${cp} J/(kg K)`);
  if (problems.length > 0) return { assumptions, problems };
  return {
    assumptions,
    problems,
    parameters: {
      name: cell.name,
      negative,
      positive,
      separator: {
        thickness: sep!.thickness,
        electrolyteFraction: sepFraction,
        ionicTransportEfficiency: sepEfficiency,
      },
      electrolyte,
      electrodeArea: area,
      oneCCurrent: oneC,
      voltageMin,
      voltageMax,
      temperature: cell.temperature ?? 298.15,
      seriesResistance: interfaces,
      seriesResistanceActivationEnergy: interfaces > 0 ? interfaceEa : 0,
      validity,
      thermal: {
        heatCapacity: Math.max(mass, 1e-6) * cp,
        heatTransfer: h * coolingArea,
        coolingArea,
        ambient: cell.thermal?.ambient ?? cell.temperature ?? 298.15,
      },
    },
  };
}

/** What the mapping writes down as it goes: defaults assumed, reasons no model can run, ranges. */
interface MappingNotes {
  readonly assume: (text: string) => void;
  readonly problems: string[];
  readonly defaultRange: (what: string) => void;
}

interface ElectrodeContext extends MappingNotes {
  readonly cell: CellIR;
  readonly solid: boolean;
  readonly liquidElectrolyte: MaterialIR | undefined;
}

/** A porous electrode before its stoichiometry window is placed, or a lithium-metal one. */
interface ElectrodeMapping {
  readonly e?: Omit<ElectrodeParameters, 'stoichiometryAt0Soc' | 'stoichiometryAt100Soc'> & {
    activeMaterial: MaterialIR;
    ocpFn: OcpFunction;
  };
  readonly metal?: LithiumMetalParameters;
}

/** One electrode's model parameters from its design and materials (see the header for the mapping). */
function electrodeParameters(ctx: ElectrodeContext, role: 'cathode' | 'anode', d: ElectrodeDesign): ElectrodeMapping {
  const { cell, solid, liquidElectrolyte, assume, problems, defaultRange } = ctx;
  const materials = cell.materials;
  const ir = cell[role];
  // An anode-free cell runs as lithium metal: lithium plates on the bare collector from the first charge.
  if (ir.lithiumMetal || ir.anodeFree) {
    const li = ir.components.map((c) => materials[c.material]).find(Boolean);
    const i0 = li?.properties.exchangeCurrentDensity;
    if (i0 === undefined)
      assume(`lithium-metal anode: exchange-current density ${LITHIUM_EXCHANGE_CURRENT / 10} mA/cm² assumed`);
    return {
      metal: {
        type: 'lithium-metal',
        exchangeCurrentDensity: i0 ?? LITHIUM_EXCHANGE_CURRENT,
        activationEnergy: li?.properties.reactionActivationEnergy ?? 0,
      },
    };
  }
  const kind = role === 'cathode' ? 'cathode-active' : 'anode-active';
  const activeIndex = d.components.findIndex((c) => materials[c.material]?.kind === kind);
  const active = activeIndex >= 0 ? materials[d.components[activeIndex]!.material] : undefined;
  if (!active) {
    problems.push(`the ${role} has no ${kind} material`);
    return {};
  }
  if (d.thickness === undefined || d.porosity === undefined) {
    problems.push(`the ${role} thickness or porosity is unknown (loading, thickness and porosity: state two)`);
    return {};
  }
  // Volume fractions below come from 1 − porosity: outside 0 ≤ porosity < 1 they are negative or zero.
  if (!(d.porosity >= 0 && d.porosity < 1)) {
    problems.push(
      `the ${role} porosity is ${+(d.porosity * 100).toPrecision(3)} %: it must be at least 0 % and below 100 %`,
    );
    return {};
  }
  if (!(d.thickness > 0)) {
    problems.push(`the ${role} thickness is ${+(d.thickness * 1e6).toPrecision(3)} µm: it must be positive`);
    return {};
  }
  const solidFraction = 1 - d.porosity;
  const activeFraction =
    d.components.filter((c) => materials[c.material]?.kind === kind).reduce((s, c) => s + c.volumeFraction, 0) *
    solidFraction;
  const seFraction =
    d.components
      .filter((c) => materials[c.material]?.kind === 'solid-electrolyte')
      .reduce((s, c) => s + c.volumeFraction, 0) * solidFraction;
  const electrolyteFraction = solid ? seFraction : d.porosity;
  if (solid && seFraction <= 0)
    problems.push(`the ${role} composite has no solid electrolyte: ions cannot reach its active material`);
  // Ionic transport efficiency.
  let ionic: number;
  if (ir.pathResistance) ionic = 1 / ir.pathResistance;
  else if (ir.tortuosityFactor) ionic = electrolyteFraction / ir.tortuosityFactor;
  else if (ir.bruggeman) ionic = electrolyteFraction ** ir.bruggeman;
  else if (solid) {
    ionic = electrolyteFraction / DEFAULT_TORTUOSITY_FACTOR;
    assume(
      `${role}: ionic path from tortuosity factor τ² = ${DEFAULT_TORTUOSITY_FACTOR} (Minnmann et al. 2021), path resistance coefficient ${electrolyteFraction > 0 ? (DEFAULT_TORTUOSITY_FACTOR / electrolyteFraction).toFixed(1) : 'unbounded (no electrolyte in the composite)'}`,
    );
  } else {
    ionic = electrolyteFraction ** 1.5;
    assume(`${role}: Bruggeman exponent 1.5`);
  }
  const props = active.properties;
  const defaults = ACTIVE_DEFAULTS[kind];
  const pick = <T>(value: T | undefined, fallback: T, what: string): T => {
    if (value !== undefined) return value;
    assume(`${active.name}: ${what} not stated, ${defaults.source} value used`);
    return fallback;
  };
  let cmax = props.maxConcentration;
  if (cmax === undefined && props.theoreticalCapacity !== undefined && props.density !== undefined) {
    cmax = (props.theoreticalCapacity * props.density) / FARADAY;
    assume(`${active.name}: c_s,max = theoretical capacity × density / F = ${cmax.toFixed(0)} mol/m³`);
  }
  if (cmax === undefined) {
    problems.push(`${active.name} needs max-concentration (or theoretical capacity and density)`);
    return {};
  }
  const ocpIR = props.ocp ?? { type: 'builtin' as const, name: DEFAULT_OCP[kind] };
  if (!props.ocp) assume(`${active.name}: no OCP stated, ${DEFAULT_OCP[kind]} used`);
  const ocp = resolveOcp(ocpIR);
  if ('error' in ocp) {
    problems.push(`${active.name}: ${ocp.error}`);
    return {};
  }
  // Charge transfer. Liquid: m in i0 = m·c_e^½·c_s^½·(c_max − c_s)^½ (from i0 at c_e0 and x = ½:
  // m = i0 / (c_e0^½·c_max/2)). Solid (single-ion conductor, no salt term): i0 = m·c_s^½·(c_max − c_s)^½,
  // so m = 2·i0 / c_max; a stated rate constant is read in that form.
  const ce0 = liquidElectrolyte?.properties.saltConcentration ?? 1000;
  let rate = props.reactionRateConstant;
  if (rate === undefined && props.exchangeCurrentDensity !== undefined)
    rate = solid
      ? (2 * props.exchangeCurrentDensity) / cmax
      : props.exchangeCurrentDensity / ((Math.sqrt(ce0) * cmax) / 2);
  if (rate === undefined && solid) {
    rate = (2 * defaults.exchangeCurrent) / cmax;
    assume(
      `${active.name}: exchange-current density not stated, ${(defaults.exchangeCurrent / 10).toPrecision(3)} mA/cm² at 25 °C (${defaults.source} at 1 mol/L, measured in a liquid electrolyte; no sulfide-SE value is published)`,
    );
    defaultRange(`${active.name} exchange-current density (${defaults.source})`);
  }
  rate = pick(rate, defaults.rateConstant, 'reaction rate constant');
  let reactionEa = props.reactionActivationEnergy;
  if (reactionEa === undefined) {
    reactionEa = solid ? SOLID_CHARGE_TRANSFER_ACTIVATION_ENERGY : defaults.reactionEa;
    if (solid) {
      assume(
        `${active.name}: charge-transfer activation energy ${reactionEa / 1000} kJ/mol (coated oxide | sulfide SE, microelectrode study)`,
      );
      defaultRange(`${active.name} charge-transfer activation energy`);
    }
  }
  let diffusivityEa = props.diffusivityActivationEnergy;
  if (diffusivityEa === undefined) {
    diffusivityEa = defaults.diffusivityEa;
    assume(
      `${active.name}: solid-diffusion activation energy ${(diffusivityEa / 1000).toFixed(1)} kJ/mol (${DIFFUSION_EA_SOURCE})`,
    );
    defaultRange(`${active.name} solid-diffusion activation energy (${DIFFUSION_EA_SOURCE})`);
  }
  const coating = d.components[activeIndex]!.coating;
  const coatingMaterial = coating ? materials[coating] : undefined;
  const { film, filmEa } =
    coating && coatingMaterial ? coatingFilm(coating, coatingMaterial, ctx) : { film: 0, filmEa: 0 };
  const contact = ir.contactFraction ?? 1;
  if (solid && ir.contactFraction === undefined)
    assume(`${role}: contact fraction not stated, 1 (whole surface in contact) used`);
  let sigma = ir.electronicConductivity;
  let solidEfficiency = 1;
  if (sigma === undefined) {
    sigma = props.electronicConductivity ?? (kind === 'anode-active' ? 100 : 10);
    solidEfficiency = activeFraction ** 1.5;
    if (props.electronicConductivity === undefined)
      assume(`${role}: electronic conductivity ${sigma} S/m × ε_am^1.5 assumed (Marquis 2019 order)`);
  }
  return {
    e: {
      type: 'porous',
      thickness: d.thickness,
      electrolyteFraction,
      activeFraction,
      particleRadius: pick(props.particleRadius, defaults.radius, 'particle radius'),
      maxConcentration: cmax,
      ocp: ocp,
      ocpFn: ocp,
      activeMaterial: active,
      diffusivity: pick(props.diffusivity, defaults.diffusivity, 'solid diffusivity'),
      diffusivityActivationEnergy: diffusivityEa,
      rateConstant: rate,
      reactionActivationEnergy: reactionEa,
      chargeTransferCoefficient: props.chargeTransferCoefficient ?? 0.5,
      electronicConductivity: sigma,
      solidTransportEfficiency: solidEfficiency,
      ionicTransportEfficiency: ionic,
      contactFraction: contact,
      filmResistance: film,
      filmActivationEnergy: filmEa,
    },
  };
}

/**
 * Places the electrodes' stoichiometry windows (see the header): stated windows as written, or
 * the anode from x₀ = 0.02 by the design capacity and the cathode from where the open-circuit
 * voltage meets the upper cut-off, swinging by the same capacity.
 */
function placeWindows(
  pos: Required<Pick<ElectrodeMapping, 'e'>>,
  neg: ElectrodeMapping,
  capacityPerArea: number,
  voltageMax: number,
  { assume, problems }: MappingNotes,
): { positive: ElectrodeParameters; negative: ElectrodeParameters | LithiumMetalParameters } {
  const fullCharge = (e: { maxConcentration: number; activeFraction: number; thickness: number }) =>
    e.maxConcentration * e.activeFraction * e.thickness * FARADAY;
  const windowOf = (m: MaterialIR) => m.properties.stoichiometryWindow;
  const qp = fullCharge(pos.e);
  const dy = capacityPerArea / qp;
  let negative: ElectrodeParameters | LithiumMetalParameters;
  let x100 = 0;
  if (neg.e) {
    const qn = fullCharge(neg.e);
    // A written window's charged end is the more lithiated one for the anode.
    const win = windowOf(neg.e.activeMaterial);
    const x0 = win ? Math.min(win[0], win[1]) : 0.02;
    x100 = win ? Math.max(win[0], win[1]) : x0 + capacityPerArea / qn;
    if (!win) assume(`anode stoichiometry window ${x0} → ${x100.toFixed(3)} from the design capacity`);
    if (x100 > 1)
      problems.push(`the anode cannot hold the design capacity: it would need stoichiometry ${x100.toFixed(2)} > 1`);
    const { activeMaterial: _a, ocpFn: _o, ...rest } = neg.e;
    negative = { ...rest, stoichiometryAt0Soc: x0, stoichiometryAt100Soc: x100 };
  } else {
    negative = neg.metal!;
  }
  const anodeOcpAtFull = neg.e ? neg.e.ocpFn.value(x100) : 0;
  const winP = windowOf(pos.e.activeMaterial);
  let y100: number, y0: number;
  // …and the less lithiated one for the cathode (lithium leaves the cathode on charge).
  if (winP) {
    y0 = Math.max(winP[0], winP[1]);
    y100 = Math.min(winP[0], winP[1]);
  } else {
    // Charged end: U_p(y) − U_n(x100) = V_max, bisection (U_p falls as y rises), so that a cell
    // charged to its cut-off rests at that voltage. The search reaches down to y = 1e-4: a bound
    // of 0.005 left cells whose cathode fit reaches the cut-off only near y = 0 (NMC532 Xu2019
    // against graphite) 5 mV under it, and a CC charge then stopped at once.
    let lo = 1e-4,
      hi = 0.995 - dy;
    const f = (y: number) => pos.e!.ocpFn.value(y) - anodeOcpAtFull - voltageMax;
    if (f(lo) < 0) {
      y100 = lo;
      assume(
        `the open-circuit voltage never reaches the ${voltageMax} V limit (at most ${(f(lo) + voltageMax).toFixed(3)} V): the charged end is the cathode's emptiest state`,
      );
    } else if (f(hi) > 0) y100 = hi;
    else {
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (f(mid) > 0) lo = mid;
        else hi = mid;
      }
      y100 = (lo + hi) / 2;
    }
    y0 = y100 + dy;
    assume(
      `cathode stoichiometry window ${y0.toFixed(3)} → ${y100.toFixed(3)}: charged to the ${voltageMax} V limit, swinging by the design capacity`,
    );
  }
  if (y0 > 1)
    problems.push(
      `the cathode cannot deliver the design capacity within its stoichiometry range (would need ${y0.toFixed(2)} > 1)`,
    );
  const { activeMaterial: _pa, ocpFn: _po, ...posRest } = pos.e;
  const positive: ElectrodeParameters = { ...posRest, stoichiometryAt0Soc: y0, stoichiometryAt100Soc: y100 };
  return { positive, negative };
}

/**
 * The coating film on an active material's reacting surface: thickness / ion conductivity of the
 * coating, per particle surface, thermally activated; a stated film-resistance wins.
 */
function coatingFilm(
  coating: string,
  coatingMaterial: MaterialIR,
  { assume, defaultRange }: Pick<MappingNotes, 'assume' | 'defaultRange'>,
): { film: number; filmEa: number } {
  const cp = coatingMaterial.properties;
  const sigmaFilm = cp.ionicConductivity ?? COATING_CONDUCTIVITY;
  const film = cp.filmResistance ?? (cp.thickness !== undefined ? cp.thickness / sigmaFilm : 0);
  const filmEa = cp.filmActivationEnergy ?? cp.ionicActivationEnergy ?? SOLID_CHARGE_TRANSFER_ACTIVATION_ENERGY;
  if (cp.filmResistance === undefined) {
    if (cp.thickness === undefined) assume(`${coating}: no film resistance or thickness stated; the coating adds none`);
    else
      assume(
        `${coating}: film resistance ${(film * 1e4).toPrecision(2)} Ω·cm² of particle surface = ${(cp.thickness * 1e9).toPrecision(2)} nm / ${cp.ionicConductivity === undefined ? `${COATING_CONDUCTIVITY * 10} mS/cm (amorphous LiNbO3, Glass et al. 1978)` : 'its ionic conductivity'}`,
      );
  }
  if (cp.filmActivationEnergy === undefined && cp.ionicActivationEnergy === undefined && film > 0) {
    assume(`${coating}: film activation energy taken as the interface's charge transfer, ${filmEa / 1000} kJ/mol`);
    defaultRange(`${coating} film activation energy`);
  }
  return { film, filmEa };
}

/** X(T) = X₂₅·exp(E/R (1/298.15 − 1/T)), independent of concentration. */
function arrheniusProperty(value25: number, activationEnergy: number): (c: number, T: number) => number {
  let lastT = NaN,
    last = value25; // remembered: the models call this per node and iteration
  return (_c, T) => {
    if (T !== lastT) {
      lastT = T;
      last = value25 * Math.exp((activationEnergy / GAS_CONSTANT) * (1 / 298.15 - 1 / T));
    }
    return last;
  };
}
