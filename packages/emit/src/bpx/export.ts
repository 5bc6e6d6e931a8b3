/**
 * cellspec → BPX. A liquid-electrolyte cell becomes a full (DFN) BPX 1.1 parameterisation; a
 * solid-state cell becomes a `Partial` one holding what BPX can say (cell, particles, layer
 * thicknesses) and a note for every field it cannot, never a silent drop. The inverse mappings of
 * `import.ts`: ε_am = share of the solid × (1 − ε), a = 3·ε_am/R, B = 1/path resistance (or
 * ε/τ², or ε^b), k = m·c_max·√c_e0 / F. A BPX function kept in a property's source by the import
 * is written back when the number still equals the function's value there (the property was not
 * edited since).
 */
import { designCell, resolveOcp, type CellIR, type ElectrodeIR, type MaterialIR, type OcpIR } from '@cellspec/physics';
import { FARADAY_CONSTANT } from './constants.js';
import { evaluateBpx, formulaToBpx, checkBpxExpression } from './expression.js';
import { validateBpx } from './schema.js';
import { BPX_VERSION, type BpxDocument, type BpxFunction, type BpxSection } from './types.js';

export interface BpxExport {
  readonly document: BpxDocument;
  /** Field by field, what the cell holds that BPX cannot (or what was assumed for BPX). */
  readonly notes: readonly string[];
  /** Problems against the BPX 1.1 schema; empty for a valid file. */
  readonly problems: readonly string[];
}

/** Bruggeman exponent the models assume when a liquid cell states none (models/from-cell.ts). */
const DEFAULT_BRUGGEMAN = 1.5;
const REFERENCE_TEMPERATURE = 298.15;

export function isSolidState(cell: CellIR): boolean {
  const solid = (name: string) => cell.materials[name]?.kind === 'solid-electrolyte';
  return (
    cell.separator?.type === 'solid-electrolyte' ||
    [cell.cathode, cell.anode].some((e) => e.lithiumMetal || e.components.some((c) => solid(c.material)))
  );
}

export function exportBpx(cell: CellIR): BpxExport {
  return new Exporter(cell).run();
}

class Exporter {
  private readonly notes: string[] = [];
  private readonly solid: boolean;
  /** A liquid cell without electrode conductivities: written as an SPM parameterisation. */
  private readonly spm: boolean;
  private readonly ce0: number;
  private readonly electrolyte: MaterialIR | undefined;

  constructor(private readonly cell: CellIR) {
    this.solid = isSolidState(cell);
    const conductive = (e: ElectrodeIR) =>
      e.electronicConductivity !== undefined ||
      e.components.some((c) => this.cell.materials[c.material]?.properties.electronicConductivity !== undefined);
    this.spm = !this.solid && !(conductive(cell.cathode) && conductive(cell.anode));
    if (this.spm)
      this.note(
        'Header/Model',
        'an electrode states no electronic conductivity, which DFN parameters need: written as an SPM parameterisation (no electrolyte, separator, porosity or transport efficiency)',
      );
    const name = cell.separator?.electrolyte;
    this.electrolyte = name ? cell.materials[name] : undefined;
    const ce0 = this.electrolyte?.properties.saltConcentration;
    this.ce0 = ce0 ?? 1000;
    if (!this.solid && ce0 === undefined)
      this.note('State/Initial conditions', 'the electrolyte states no salt concentration: 1000 mol/m3 used for k');
  }

  private note(field: string, why: string): void {
    this.notes.push(`${field}: ${why}`);
  }

  run(): BpxExport {
    const c = this.cell;
    const parameterisation: Record<string, BpxSection> = { Cell: this.cellSection() };
    const positive = this.electrode('Positive electrode', c.cathode);
    const negative = this.electrode('Negative electrode', c.anode);
    if (positive) parameterisation['Positive electrode'] = positive;
    if (negative) parameterisation['Negative electrode'] = negative;
    if (!this.solid && !this.spm) {
      const e = this.electrolyteSection();
      if (e) parameterisation.Electrolyte = e;
      const s = this.separatorSection();
      if (s) parameterisation.Separator = s;
    } else if (this.solid) this.solidStateNotes();
    const full = ['Cell', 'Electrolyte', 'Positive electrode', 'Negative electrode', 'Separator'].every(
      (k) => parameterisation[k] !== undefined,
    );
    const state: Record<string, BpxSection> = {};
    const initial: BpxSection = {};
    if (c.temperature !== undefined) initial['Initial temperature [K]'] = c.temperature;
    if (!this.solid && !this.spm && this.electrolyte?.properties.saltConcentration !== undefined)
      initial['Initial electrolyte concentration [mol.m-3]'] = this.electrolyte.properties.saltConcentration;
    const soc = this.initialSoc();
    if (soc !== undefined) initial['Initial state-of-charge'] = soc;
    if (Object.keys(initial).length) state['Initial conditions'] = initial;
    const thermal: BpxSection = {};
    if (c.thermal?.ambient !== undefined) thermal['Ambient temperature [K]'] = c.thermal.ambient;
    if (c.thermal?.heatTransferCoefficient !== undefined)
      thermal['Heat transfer coefficient [W.m-2.K-1]'] = c.thermal.heatTransferCoefficient;
    if (Object.keys(thermal).length) state['Thermal environment'] = thermal;
    const document: BpxDocument = {
      Header: {
        BPX: BPX_VERSION,
        Title: c.title ?? c.name,
        Description: `cell ${c.name}${c.file ? ` of ${c.file.replace(/^.*[\\/]/, '')}` : ''}, written by cellspec export bpx`,
        Model: full ? 'DFN' : this.spm && positive && negative ? 'SPM' : 'Partial',
      },
      Parameterisation: parameterisation,
      ...(Object.keys(state).length ? { State: state } : {}),
    };
    const rounded = roundNumbers(document) as BpxDocument;
    return { document: rounded, notes: this.notes, problems: validateBpx(rounded) };
  }

  private cellSection(): BpxSection {
    const c = this.cell;
    const s: BpxSection = {
      'Electrode area [m2]': c.cathode.area,
      'Number of electrode pairs connected in parallel to make a cell': Math.round(c.format.layers),
    };
    if (c.limits.voltageMin !== undefined) s['Lower voltage cut-off [V]'] = c.limits.voltageMin;
    else this.note('Cell/Lower voltage cut-off [V]', 'the cell states no voltage limits; required by BPX');
    if (c.limits.voltageMax !== undefined) s['Upper voltage cut-off [V]'] = c.limits.voltageMax;
    else this.note('Cell/Upper voltage cut-off [V]', 'the cell states no voltage limits; required by BPX');
    let capacity = c.nominalCapacity;
    if (capacity === undefined) {
      try {
        capacity = designCell(c).capacity;
        if (capacity !== undefined)
          this.note('Cell/Nominal cell capacity [A.h]', 'no nominal capacity stated: the design capacity is written');
      } catch {
        capacity = undefined;
      }
    }
    if (capacity !== undefined) s['Nominal cell capacity [A.h]'] = capacity / 3600;
    else this.note('Cell/Nominal cell capacity [A.h]', 'neither a nominal nor a design capacity; required by BPX');
    s['Reference temperature [K]'] = c.temperature ?? REFERENCE_TEMPERATURE;
    if (c.thermal?.coolingArea !== undefined) s['External surface area [m2]'] = c.thermal.coolingArea;
    if (c.format.outline && c.format.thickness !== undefined)
      s['Volume [m3]'] = c.format.outline.width * c.format.outline.height * c.format.thickness;
    if (c.cathode.area !== c.anode.area)
      this.note(
        'Cell/Electrode area [m2]',
        `BPX has one electrode area; the cathode's is written (anode ${c.anode.area} m2)`,
      );
    for (const [what, v] of [
      [
        'charge and discharge rate and current limits',
        c.limits.maxChargeRate ??
          c.limits.maxDischargeRate ??
          c.limits.maxChargeCurrent ??
          c.limits.maxDischargeCurrent,
      ],
      ['operating temperature range', c.limits.temperatureMin ?? c.limits.temperatureMax],
      ['restraint pressure', c.restraintPressure],
      ['targets', c.targets.length || undefined],
    ] as const)
      if (v !== undefined) this.note(`Cell (${what})`, 'BPX has no field for it; not written');
    return s;
  }

  /** SOC from the anode's initial stoichiometry within its window. */
  private initialSoc(): number | undefined {
    const x = this.cell.anode.initialStoichiometry;
    const active = this.actives(this.cell.anode)[0];
    const w = this.cell.anode.stoichiometryWindow ?? active?.material.properties.stoichiometryWindow;
    if (x === undefined || !w) return undefined;
    return (x - w[0]) / (w[1] - w[0]);
  }

  private actives(e: ElectrodeIR): { material: MaterialIR; share: number }[] {
    const kind = e.role === 'cathode' ? 'cathode-active' : 'anode-active';
    const total = e.components.reduce((s, c) => s + c.fraction, 0);
    return e.components
      .filter((c) => this.cell.materials[c.material]?.kind === kind)
      .map((c) => ({ material: this.cell.materials[c.material]!, share: total > 0 ? c.fraction / total : 0 }));
  }

  private electrode(section: string, e: ElectrodeIR): BpxSection | undefined {
    if (e.lithiumMetal) {
      this.note(
        section,
        'a lithium-metal electrode has no particles, stoichiometry window or porosity in BPX; left out',
      );
      return undefined;
    }
    if (e.thickness === undefined || e.porosity === undefined) {
      this.note(
        section,
        'thickness and porosity must be stated for BPX (loading-only electrodes are not converted); left out',
      );
      return undefined;
    }
    if (e.components.some((c) => c.basis === 'mass')) {
      if (e.components.some((c) => c.basis === 'mass'))
        this.note(
          `${section}/Surface area per unit volume [m-1]`,
          'the composition is by weight: volume shares come from the densities',
        );
    }
    const actives = this.volumeShares(e);
    if (actives.length === 0) {
      this.note(section, 'no active material with densities to give its volume share; left out');
      return undefined;
    }
    const s: BpxSection = { 'Thickness [m]': e.thickness };
    if (!this.solid && !this.spm) {
      s.Porosity = e.porosity;
      s['Transport efficiency'] = this.transportEfficiency(
        section,
        e.porosity,
        e.pathResistance,
        e.tortuosityFactor,
        e.bruggeman,
      );
      const sigma = e.electronicConductivity ?? actives[0]!.material.properties.electronicConductivity;
      if (sigma !== undefined) s['Conductivity [S.m-1]'] = sigma;
      else this.note(`${section}/Conductivity [S.m-1]`, 'no electronic conductivity stated; required by BPX');
      if (e.electronicConductivity === undefined && sigma !== undefined)
        this.note(
          `${section}/Conductivity [S.m-1]`,
          "the active material's conductivity is written: BPX takes the electrode's effective value",
        );
    }
    const particles = actives.map(
      ({ material, share }) => [material, this.particle(section, e, material, share * (1 - e.porosity!))] as const,
    );
    if (particles.length === 1) Object.assign(s, particles[0]![1]);
    else s.Particle = Object.fromEntries(particles.map(([m, p]) => [m.description ?? m.name, p]));
    return s;
  }

  /** Volume shares of the active materials in the solid (mass fractions converted with densities). */
  private volumeShares(e: ElectrodeIR): { material: MaterialIR; share: number }[] {
    const mats = e.components.map((c) => this.cell.materials[c.material]);
    const byVolume = e.components.every((c) => c.basis === 'volume');
    let v: number[];
    if (byVolume) {
      const total = e.components.reduce((s, c) => s + c.fraction, 0);
      v = e.components.map((c) => c.fraction / total);
    } else {
      const rho = mats.map((m) => m?.properties.density);
      if (rho.some((r) => r === undefined)) return [];
      const specific = e.components.reduce((s, c, i) => s + c.fraction / rho[i]!, 0);
      v = e.components.map((c, i) => c.fraction / rho[i]! / specific);
    }
    const kind = e.role === 'cathode' ? 'cathode-active' : 'anode-active';
    return e.components.flatMap((_, i) => (mats[i]?.kind === kind ? [{ material: mats[i]!, share: v[i]! }] : []));
  }

  private transportEfficiency(
    section: string,
    porosity: number,
    pathResistance?: number,
    tortuosityFactor?: number,
    bruggeman?: number,
  ): number {
    if (pathResistance !== undefined) return 1 / pathResistance;
    if (tortuosityFactor !== undefined) return porosity / tortuosityFactor;
    if (bruggeman === undefined)
      this.note(
        `${section}/Transport efficiency`,
        `no path resistance, tortuosity or Bruggeman exponent: ε^${DEFAULT_BRUGGEMAN} written, as the models assume`,
      );
    return porosity ** (bruggeman ?? DEFAULT_BRUGGEMAN);
  }

  private particle(section: string, e: ElectrodeIR, m: MaterialIR, activeFraction: number): BpxSection {
    const p = m.properties;
    const where = `${section}${m.description ? ` / ${m.description}` : ''}`;
    const s: BpxSection = {};
    const w = e.stoichiometryWindow ?? p.stoichiometryWindow;
    if (w) {
      s['Minimum stoichiometry'] = Math.min(w[0], w[1]);
      s['Maximum stoichiometry'] = Math.max(w[0], w[1]);
    } else this.note(`${where}/Minimum stoichiometry`, 'no stoichiometry window; required by BPX');
    const cmax =
      p.maxConcentration ??
      (p.theoreticalCapacity !== undefined && p.density !== undefined
        ? (p.theoreticalCapacity * p.density) / FARADAY_CONSTANT
        : undefined);
    if (cmax !== undefined) s['Maximum concentration [mol.m-3]'] = cmax;
    else
      this.note(
        `${where}/Maximum concentration [mol.m-3]`,
        'no max-concentration (or theoretical capacity and density); required by BPX',
      );
    const r = e.role === 'cathode' || e.role === 'anode' ? p.particleRadius : undefined;
    if (r !== undefined) {
      s['Particle radius [m]'] = r;
      s['Surface area per unit volume [m-1]'] = (3 * activeFraction) / r;
    } else this.note(`${where}/Particle radius [m]`, 'no particle radius; required by BPX');
    if (p.diffusivity !== undefined)
      s['Diffusivity [m2.s-1]'] = this.restore(m, 'diffusivity', p.diffusivity, w ? (w[0] + w[1]) / 2 : 0.5);
    else this.note(`${where}/Diffusivity [m2.s-1]`, 'no solid diffusivity; required by BPX');
    if (p.diffusivityActivationEnergy !== undefined)
      s['Diffusivity activation energy [J.mol-1]'] = p.diffusivityActivationEnergy;
    const ocp = this.ocp(where, p.ocp);
    if (ocp !== undefined) s['OCP [V]'] = ocp;
    if (p.entropicCoefficient !== undefined)
      s['Entropic change coefficient [V.K-1]'] = this.restore(
        m,
        'entropicCoefficient',
        p.entropicCoefficient,
        w ? (w[0] + w[1]) / 2 : 0.5,
      );
    const k = this.rateConstant(where, m, cmax);
    if (k !== undefined) s['Reaction rate constant [mol.m-2.s-1]'] = k;
    if (p.reactionActivationEnergy !== undefined)
      s['Reaction rate constant activation energy [J.mol-1]'] = p.reactionActivationEnergy;
    if (p.chargeTransferCoefficient !== undefined && p.chargeTransferCoefficient !== 0.5)
      this.note(
        `${where}/Reaction rate constant [mol.m-2.s-1]`,
        `BPX's Butler–Volmer is symmetric; the transfer coefficient ${p.chargeTransferCoefficient} is not written`,
      );
    if (p.filmResistance !== undefined) this.note(`${where}`, 'a film resistance has no BPX field; not written');
    return s;
  }

  /** k = m·c_max·√c_e0/F, or the BPX value kept in the source when it still gives m. */
  private rateConstant(where: string, m: MaterialIR, cmax: number | undefined): number | undefined {
    const p = m.properties;
    let rate = p.reactionRateConstant;
    if (rate === undefined && p.exchangeCurrentDensity !== undefined && cmax !== undefined)
      // i0 at half lithiation = m·√c_e0·c_max/2 (models/from-cell.ts).
      rate = p.exchangeCurrentDensity / ((Math.sqrt(this.ce0) * cmax) / 2);
    if (rate === undefined || cmax === undefined) {
      this.note(
        `${where}/Reaction rate constant [mol.m-2.s-1]`,
        'no rate constant or exchange-current density; required by BPX',
      );
      return undefined;
    }
    const kept = /BPX reaction rate constant (\S+) mol\/m2\/s/.exec(m.sources.reactionRateConstant?.citation ?? '');
    if (kept) {
      const k = Number(kept[1]);
      const again = (k * FARADAY_CONSTANT) / (cmax * Math.sqrt(this.ce0));
      if (Math.abs(again / rate - 1) < 1e-12) return k;
    }
    return (rate * cmax * Math.sqrt(this.ce0)) / FARADAY_CONSTANT;
  }

  /** A number, or the BPX function the import kept in the source if the number is still its value at x. */
  private restore(m: MaterialIR, key: keyof MaterialIR['properties'], value: number, x: number): BpxFunction {
    return restoreFunction(m.sources[key]?.citation, value, x);
  }

  private ocp(where: string, ocp: OcpIR | undefined): BpxFunction | undefined {
    if (!ocp) {
      this.note(`${where}/OCP [V]`, 'no OCP stated; required by BPX');
      return undefined;
    }
    if (ocp.type === 'expression') {
      const text = formulaToBpx(ocp.expression);
      if (text !== undefined) return /^\s*-?[\d.]+(?:[eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : text;
      this.note(
        `${where}/OCP [V]`,
        `the formula uses functions BPX lacks (log, sqrt, pow): written as a 101-point table`,
      );
    }
    if (ocp.type === 'table') return { x: [...ocp.stoichiometry], y: [...ocp.voltage] };
    const f = resolveOcp(ocp);
    if ('error' in f) {
      this.note(`${where}/OCP [V]`, f.error);
      return undefined;
    }
    if (ocp.type === 'builtin')
      this.note(`${where}/OCP [V]`, `the built-in fit ${ocp.name} is written as a 101-point table`);
    const xs = Array.from({ length: 101 }, (_, i) => i / 100);
    return { x: xs, y: xs.map((x) => f.value(Math.min(Math.max(x, 1e-6), 1 - 1e-6))) };
  }

  private electrolyteSection(): BpxSection | undefined {
    const e = this.electrolyte;
    if (!e) {
      this.note('Electrolyte', 'the separator names no liquid electrolyte (filled-with); left out');
      return undefined;
    }
    const p = e.properties;
    const s: BpxSection = {};
    if (p.transferenceNumber !== undefined) s['Cation transference number'] = p.transferenceNumber;
    else this.note('Electrolyte/Cation transference number', 'not stated; required by BPX');
    if (p.electrolyteTransport)
      this.note(
        'Electrolyte',
        `the built-in transport functions ${p.electrolyteTransport} are not written out; the values at the initial concentration are`,
      );
    if (p.electrolyteDiffusivity !== undefined)
      s['Diffusivity [m2.s-1]'] = restoreFunction(
        e.sources.electrolyteDiffusivity?.citation,
        p.electrolyteDiffusivity,
        this.ce0,
      );
    else this.note('Electrolyte/Diffusivity [m2.s-1]', 'not stated; required by BPX');
    if (p.ionicConductivity !== undefined)
      s['Conductivity [S.m-1]'] = restoreFunction(e.sources.ionicConductivity?.citation, p.ionicConductivity, this.ce0);
    else this.note('Electrolyte/Conductivity [S.m-1]', 'not stated; required by BPX');
    if (p.ionicActivationEnergy !== undefined) s['Conductivity activation energy [J.mol-1]'] = p.ionicActivationEnergy;
    const dEa = p.electrolyteDiffusivityActivationEnergy;
    if (dEa !== undefined) s['Diffusivity activation energy [J.mol-1]'] = dEa;
    return s;
  }

  private separatorSection(): BpxSection | undefined {
    const s = this.cell.separator;
    if (!s) {
      this.note('Separator', 'the cell has no separator; left out');
      return undefined;
    }
    if (s.porosity === undefined) {
      this.note('Separator/Porosity', 'not stated; required by BPX, so the separator is left out');
      return undefined;
    }
    return {
      'Thickness [m]': s.thickness,
      Porosity: s.porosity,
      'Transport efficiency': this.transportEfficiency(
        'Separator',
        s.porosity,
        s.pathResistance,
        undefined,
        s.bruggeman,
      ),
    };
  }

  /** What a solid-state cell holds that BPX (a liquid-electrolyte porous-electrode standard) cannot say. */
  private solidStateNotes(): void {
    const c = this.cell;
    const se = c.separator;
    if (se) {
      const m = c.materials[se.material];
      this.note(
        'Electrolyte',
        `the solid electrolyte ${se.material} is a single-ion conductor (t+ = 1, no salt concentration, no concentration dependence): BPX's Electrolyte section describes a liquid salt solution; left out${m?.properties.ionicConductivity !== undefined ? ` (ionic conductivity ${m.properties.ionicConductivity} S/m)` : ''}`,
      );
      this.note(
        'Separator',
        `the ${se.thickness * 1e6} um solid-electrolyte layer has no porosity filled with liquid; BPX's Separator needs porosity and transport efficiency; left out`,
      );
    }
    for (const e of [c.cathode, c.anode]) {
      const section = e.role === 'cathode' ? 'Positive electrode' : 'Negative electrode';
      const solid = e.components.filter((x) => c.materials[x.material]?.kind === 'solid-electrolyte');
      if (solid.length)
        this.note(
          `${section}/Porosity, Transport efficiency`,
          `ions move through the solid electrolyte in the composite (${solid.map((x) => x.material).join(', ')}), not through pores: BPX's porosity and transport efficiency would misdescribe it; left out`,
        );
      if (e.contactFraction !== undefined)
        this.note(`${section}`, 'the active-material contact fraction has no BPX field; not written');
      if (e.components.some((x) => x.coating))
        this.note(`${section}`, 'the coating of the active material has no BPX field; not written');
    }
    if (c.interfaceResistance !== undefined)
      this.note('Cell', 'the electrode–electrolyte interface resistance has no BPX field; not written');
    if (c.restraintPressure === undefined)
      this.note('Cell', 'a solid-state cell needs its stack pressure, which BPX cannot hold');
  }
}

/**
 * Numbers to 15 significant digits, what a double holds exactly in decimal: unit conversions on the
 * way in (27.7493 % → 0.27749300000000005) leave noise in the last bit that BPX should not carry.
 */
function roundNumbers(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(15));
  if (Array.isArray(v)) return v.map(roundNumbers);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundNumbers(x)]));
  return v;
}

/** A BPX function kept in a source (`BPX function of … x: EXPR` or `… table x=[…] y=[…]`), if it still gives value at x. */
export function restoreFunction(citation: string | undefined, value: number, x: number): BpxFunction {
  const m = /^BPX function of (?:concentration|stoichiometry) x: (.*)$/.exec(citation ?? '');
  if (!m) return value;
  const text = m[1]!;
  const table = /^table x=(\[.*\]) y=(\[.*\])$/.exec(text);
  try {
    if (table) {
      const t = { x: JSON.parse(table[1]!) as number[], y: JSON.parse(table[2]!) as number[] };
      return Math.abs(linear(t, x) - value) <= 1e-12 * Math.max(1e-30, Math.abs(value)) ? t : value;
    }
    if (checkBpxExpression(text) !== undefined) return value;
    const at = evaluateBpx(text, x);
    return Math.abs(at - value) <= 1e-12 * Math.max(1e-300, Math.abs(value)) ? text : value;
  } catch {
    return value;
  }
}

function linear(t: { x: readonly number[]; y: readonly number[] }, x: number): number {
  const order = t.x.map((_, i) => i).sort((a, b) => t.x[a]! - t.x[b]!);
  const xs = order.map((i) => t.x[i]!);
  const ys = order.map((i) => t.y[i]!);
  if (x <= xs[0]!) return ys[0]!;
  for (let i = 1; i < xs.length; i++)
    if (x <= xs[i]!) return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (x - xs[i - 1]!)) / (xs[i]! - xs[i - 1]!);
  return ys[ys.length - 1]!;
}
