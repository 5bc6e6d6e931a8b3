/**
 * The PyBaMM parameter set of a cell, written as Python. Two ways, chosen per cell:
 *
 * - A liquid-electrolyte cell that makes a valid BPX file: the file is written next to the script
 *   and loaded with `pybamm.ParameterValues.create_from_bpx` (PyBaMM's own BPX reader,
 *   `pybamm/parameters/bpx.py`), model DFN (or SPM for an SPM parameterisation).
 * - Otherwise (solid-state cells, lithium-metal anodes): explicit values from the cell's model
 *   parameters (`parametersFromCell`, the numbers cellspec's own P2D model runs on) for PyBaMM's
 *   DFN. A single-ion solid electrolyte is a DFN electrolyte with transference number 1 (the
 *   salt-balance source (1 − t+)·j vanishes, so c_e stays uniform, as in cellspec's solid-state
 *   model); its conductivity is Arrhenius from the cell's values; interfaces and contacts go into
 *   PyBaMM's lumped "Contact resistance [Ohm]" (option `contact resistance`); a lithium-metal
 *   anode uses the half-cell option (`working electrode: positive`).
 *
 * In both, the cut-offs are the cell's voltage limits and the nominal capacity is the plan's
 * 1C basis, so "C/3" in an experiment is the plan's current. Parameter names are PyBaMM's
 * (checked against the list extracted from PyBaMM's sources in the emitter tests).
 */
import {
  parametersFromCell,
  resolveOcp,
  type CellIR,
  type ElectrodeParameters,
  type ExpandedPlan,
  type OcpIR,
} from '@cellspec/physics';
import { exportBpx } from '../bpx/export.js';
import type { EmitNote, ProtocolFile } from './common.js';

const GAS_CONSTANT = 8.314462618; // J/(mol·K), CODATA 2018
const T_REF = 298.15;

export interface PyBaMMParameterCode {
  /** Python source defining `OPTIONS`, `MODEL` and `parameter_values()`. */
  readonly python: string;
  /** Extra files the script reads (the BPX file). */
  readonly files: readonly ProtocolFile[];
  /** `bpx` or `explicit`. */
  readonly source: 'bpx' | 'explicit' | 'none';
}

/** A Python literal of a number that reads back to the same double. */
function py(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return `${x}.0`;
  return String(x);
}

/** A JSON-compatible Python dict literal (numbers only, so a checker can read it as JSON). */
function dictLiteral(values: Readonly<Record<string, number | string>>): string {
  const lines = Object.entries(values).map(
    ([k, v]) => `    ${JSON.stringify(k)}: ${typeof v === 'number' ? py(v) : JSON.stringify(v)},`,
  );
  return `{\n${lines.join('\n')}\n}`;
}

export function pybammParameters(plan: ExpandedPlan, cell: CellIR | undefined, notes: EmitNote[]): PyBaMMParameterCode {
  const limits: Record<string, number> = {
    'Nominal cell capacity [A.h]': plan.capacity / 3600,
    'Current function [A]': plan.oneC,
    'Lower voltage cut-off [V]': plan.voltageWindow[0],
    'Upper voltage cut-off [V]': plan.voltageWindow[1],
  };
  if (!cell) {
    notes.push({ test: plan.plan, message: `the cell ${plan.cell} was not given: the script has no parameter set` });
    return { python: noParameters(limits), files: [], source: 'none' };
  }
  const bpx = exportBpx(cell);
  const liquid = bpx.problems.length === 0 && bpx.document.Header.Model !== 'Partial';
  if (liquid) {
    const name = `${plan.plan}.bpx.json`;
    return {
      python: fromBpx(name, bpx.document.Header.Model === 'SPM' ? 'SPM' : 'DFN', limits),
      files: [{ name, content: JSON.stringify(bpx.document, null, 2) + '\n' }],
      source: 'bpx',
    };
  }
  return explicit(plan, cell, limits, notes);
}

function noParameters(limits: Record<string, number>): string {
  return `OPTIONS = {}
MODEL = "DFN"
CELL_LIMITS = ${dictLiteral(limits)}


def parameter_values():
    """No cell was given: PyBaMM's Chen2020 set with this plan's capacity and cut-offs."""
    values = pybamm.ParameterValues("Chen2020")
    values.update(CELL_LIMITS)
    return values
`;
}

function fromBpx(file: string, model: 'DFN' | 'SPM', limits: Record<string, number>): string {
  return `OPTIONS = {}
MODEL = ${JSON.stringify(model)}
BPX_FILE = HERE / ${JSON.stringify(file)}
# The plan's 1C basis and the cell's voltage limits (BPX holds the same limits; set again so an
# edited BPX file cannot change what the experiment stops at).
CELL_LIMITS = ${dictLiteral(limits)}


def parameter_values():
    """The cell's parameters through PyBaMM's BPX reader, then the plan's limits."""
    values = pybamm.ParameterValues.create_from_bpx(str(BPX_FILE))
    values.update(CELL_LIMITS)
    return values
`;
}

/** Python for an OCP of stoichiometry `sto`: a formula, or an interpolant of a table or a fit. */
function ocpPython(name: string, ir: OcpIR | undefined, fallback: ElectrodeParameters['ocp']): string {
  if (ir?.type === 'expression') {
    const text = formulaPython(ir.expression);
    if (text !== undefined) return `def ${name}(sto):\n    return ${text}\n`;
  }
  let xs: number[];
  let ys: number[];
  if (ir?.type === 'table' && ir.stoichiometry.length > 1) {
    xs = [...ir.stoichiometry];
    ys = [...ir.voltage];
  } else {
    const f = ir ? resolveOcp(ir) : fallback;
    const fn = 'error' in f ? fallback : f;
    xs = Array.from({ length: 101 }, (_, i) => i / 100);
    ys = xs.map((x) => fn.value(Math.min(Math.max(x, 1e-6), 1 - 1e-6)));
  }
  return `${name.toUpperCase()}_X = [${xs.map(py).join(', ')}]
${name.toUpperCase()}_Y = [${ys.map(py).join(', ')}]


def ${name}(sto):
    return pybamm.Interpolant(${name.toUpperCase()}_X, ${name.toUpperCase()}_Y, sto, name=${JSON.stringify(name)})
`;
}

/** A cellspec OCP formula (mathjs: x or sto, ^, exp, log, tanh, sqrt, pow, pi, e) as Python in `sto`. */
export function formulaPython(formula: string): string | undefined {
  if (/[^\w\s.+\-*/^(),]/.test(formula)) return undefined;
  return formula
    .replace(/\^/g, '**')
    .replace(/\b(x|sto)\b/g, 'sto')
    .replace(/\b(exp|log|tanh|sqrt)\(/g, 'pybamm.$1(')
    .replace(/\bpow\(/g, 'pow_(')
    .replace(/\bpi\b/g, 'math.pi')
    .replace(/(^|[^\w.])e(?![\w(])/g, '$1math.e');
}

function explicit(
  plan: ExpandedPlan,
  cell: CellIR,
  limits: Record<string, number>,
  notes: EmitNote[],
): PyBaMMParameterCode {
  const mapped = parametersFromCell(cell);
  const p = mapped.parameters;
  if (!p) {
    notes.push({
      test: plan.plan,
      message: `the cell cannot be modelled (${mapped.problems.join('; ')}): the script has no parameter set`,
    });
    return { python: noParameters(limits), files: [], source: 'none' };
  }
  for (const a of mapped.assumptions) notes.push({ test: plan.plan, message: `parameter assumed: ${a}` });
  const values: Record<string, number> = {
    ...limits,
    'Number of electrodes connected in parallel to make a cell': 1,
    'Number of cells connected in series to make a battery': 1,
    // Only the product height × width enters a through-thickness model: 1 m × the total area.
    'Electrode height [m]': 1,
    'Electrode width [m]': p.electrodeArea,
    'Separator thickness [m]': p.separator.thickness,
    'Separator porosity': p.separator.electrolyteFraction,
    'Separator Bruggeman coefficient (electrolyte)': bruggeman(
      p.separator.electrolyteFraction,
      p.separator.ionicTransportEfficiency,
    ),
    'Reference temperature [K]': T_REF,
    'Ambient temperature [K]': p.temperature,
    'Initial temperature [K]': p.temperature,
    'Initial concentration in electrolyte [mol.m-3]': p.electrolyte.initialConcentration,
    'Cation transference number': p.electrolyte.transferenceNumber,
    'Thermodynamic factor': p.electrolyte.thermodynamicFactor,
    'Contact resistance [Ohm]': p.seriesResistance / p.electrodeArea,
  };
  const c0 = p.electrolyte.initialConcentration;
  const kappa25 = p.electrolyte.conductivity(c0, T_REF);
  // Activation energy from two temperatures: exact for the Arrhenius law the model uses.
  const kappaEa =
    (GAS_CONSTANT * Math.log(p.electrolyte.conductivity(c0, 318.15) / kappa25)) / (1 / T_REF - 1 / 318.15);
  const d25 = p.electrolyte.diffusivity(c0, T_REF);
  const rates: Record<string, number> = {
    'electrolyte conductivity at 25 °C [S.m-1]': kappa25,
    'electrolyte conductivity activation energy [J.mol-1]': kappaEa,
    // A single-ion conductor has no salt diffusion; PyBaMM needs a positive value.
    'electrolyte diffusivity [m2.s-1]': d25 > 0 ? d25 : 1e-10,
  };
  const options: Record<string, string> = { 'contact resistance': 'true' };
  const functions: string[] = [];
  const functionEntries: string[] = [
    '    "Electrolyte conductivity [S.m-1]": electrolyte_conductivity,',
    '    "Electrolyte diffusivity [m2.s-1]": electrolyte_diffusivity,',
  ];
  const electrode = (Domain: 'Negative' | 'Positive', e: ElectrodeParameters, ocpIR: OcpIR | undefined): void => {
    const domain = Domain.toLowerCase();
    values[`${Domain} electrode thickness [m]`] = e.thickness;
    values[`${Domain} electrode porosity`] = e.electrolyteFraction;
    values[`${Domain} electrode active material volume fraction`] = e.activeFraction;
    values[`${Domain} particle radius [m]`] = e.particleRadius;
    values[`Maximum concentration in ${domain} electrode [mol.m-3]`] = e.maxConcentration;
    values[`Initial concentration in ${domain} electrode [mol.m-3]`] = e.maxConcentration * e.stoichiometryAt100Soc;
    values[`${Domain} electrode conductivity [S.m-1]`] = e.electronicConductivity * e.solidTransportEfficiency;
    values[`${Domain} electrode Bruggeman coefficient (electrode)`] = 0;
    values[`${Domain} electrode Bruggeman coefficient (electrolyte)`] = bruggeman(
      e.electrolyteFraction,
      e.ionicTransportEfficiency,
    );
    values[`${Domain} electrode Butler-Volmer transfer coefficient`] = e.chargeTransferCoefficient;
    values[`${Domain} electrode OCP entropic change [V.K-1]`] = 0;
    // The rate constant scaled by the fraction of surface that touches electrolyte (i0 per geometric area).
    rates[`${domain} rate constant [A.m-2.(mol.m-3)-1.5]`] = e.rateConstant * e.contactFraction;
    rates[`${domain} rate constant activation energy [J.mol-1]`] = e.reactionActivationEnergy;
    rates[`${domain} particle diffusivity at 25 °C [m2.s-1]`] = e.diffusivity;
    rates[`${domain} particle diffusivity activation energy [J.mol-1]`] = e.diffusivityActivationEnergy;
    functions.push(ocpPython(`${domain}_ocp`, ocpIR, e.ocp));
    functions.push(`def ${domain}_exchange_current_density(c_e, c_s_surf, c_s_max, T):
    m = RATES["${domain} rate constant [A.m-2.(mol.m-3)-1.5]"] * arrhenius(RATES["${domain} rate constant activation energy [J.mol-1]"], T)
    return m * c_e**0.5 * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5


def ${domain}_diffusivity(sto, T):
    return RATES["${domain} particle diffusivity at 25 °C [m2.s-1]"] * arrhenius(RATES["${domain} particle diffusivity activation energy [J.mol-1]"], T)
`);
    functionEntries.push(
      `    "${Domain} electrode OCP [V]": ${domain}_ocp,`,
      `    "${Domain} electrode exchange-current density [A.m-2]": ${domain}_exchange_current_density,`,
      `    "${Domain} particle diffusivity [m2.s-1]": ${domain}_diffusivity,`,
    );
    if (e.filmResistance > 0)
      notes.push({
        test: plan.plan,
        message: `${domain} film resistance ${e.filmResistance} Ω·m² has no PyBaMM DFN parameter; not in the parameter set`,
      });
  };
  const activeOcp = (role: 'cathode' | 'anode'): OcpIR | undefined => {
    const kind = role === 'cathode' ? 'cathode-active' : 'anode-active';
    const c = cell[role].components.find((x) => cell.materials[x.material]?.kind === kind);
    return c ? cell.materials[c.material]?.properties.ocp : undefined;
  };
  electrode('Positive', p.positive, activeOcp('cathode'));
  if (p.negative.type === 'porous') electrode('Negative', p.negative, activeOcp('anode'));
  else {
    options['working electrode'] = 'positive';
    values['Lithium counter electrode thickness [m]'] = cell.anode.thickness ?? 20e-6;
    values['Exchange-current density for lithium metal electrode [A.m-2]'] = p.negative.exchangeCurrentDensity;
  }
  notes.push({
    test: plan.plan,
    message:
      'the PyBaMM parameter set is explicit (no BPX for this cell): a DFN whose electrolyte is the solid electrolyte (transference number 1), interfaces as contact resistance',
  });
  const python = `OPTIONS = ${dictLiteral(options)}
MODEL = "DFN"
# Values PyBaMM reads by these names (cellspec's model parameters of ${cell.name}, SI units).
PARAMETERS = ${dictLiteral(values)}
# Constants of the functions below (not PyBaMM parameter names).
RATES = ${dictLiteral(rates)}


def arrhenius(activation_energy, T):
    return pybamm.exp(activation_energy / ${py(GAS_CONSTANT)} * (1 / ${py(T_REF)} - 1 / T))


def pow_(a, b):
    return a**b


def electrolyte_conductivity(c_e, T):
    return RATES["electrolyte conductivity at 25 °C [S.m-1]"] * arrhenius(RATES["electrolyte conductivity activation energy [J.mol-1]"], T)


def electrolyte_diffusivity(c_e, T):
    return RATES["electrolyte diffusivity [m2.s-1]"] + 0 * c_e


${functions.join('\n\n')}

FUNCTIONS = {
${functionEntries.join('\n')}
}


def parameter_values():
    """The cell's own parameters, set one by one."""
    values = pybamm.ParameterValues(PARAMETERS)
    values.update(FUNCTIONS, check_already_exists=False)
    return values
`;
  return { python, files: [], source: 'explicit' };
}

/** The Bruggeman exponent b with ε^b = the transport efficiency (PyBaMM's form), 0 for ε = 1. */
function bruggeman(fraction: number, efficiency: number): number {
  return fraction >= 1 || fraction <= 0 ? 0 : Math.log(efficiency) / Math.log(fraction);
}
