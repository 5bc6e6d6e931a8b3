/**
 * BPX → cellspec. Writes the text of a `.cellspec` file (materials, electrodes, separator and
 * electrolyte, cell, cut-offs, temperatures, OCPs as formulas or tables) from a BPX object.
 *
 * Mappings (BPX symbol → cellspec), each exact unless noted:
 * - Surface area per unit volume a and radius R fix the active volume fraction ε_am = a·R/3
 *   (spherical particles, as PyBaMM's BPX reader does); the composition is written by volume as
 *   ε_am / (1 − ε) active, the rest an inactive filler.
 * - Transport efficiency B = σ_eff/σ is the inverse of the path resistance coefficient τ²/ε.
 * - Reaction rate constant: BPX j0 = F·k·√(c_e/c_e0 · x · (1 − x)) (BPX standard, eq. 2a);
 *   cellspec and PyBaMM j0 = m·√(c_e · c_s · (c_max − c_s)), so m = k·F / (c_max·√c_e0)
 *   (the conversion in PyBaMM's `pybamm/parameters/bpx.py`). The BPX value stays in the source.
 * - Functions cellspec holds as scalars (electrolyte conductivity and diffusivity of
 *   concentration, particle diffusivity and entropic coefficient of stoichiometry) are written as
 *   their value at the initial concentration or at the middle of the stoichiometry window, and the
 *   BPX function itself in the property's source, from which `export bpx` restores it.
 * - BPX holds no material densities: the design needs them for masses (not for capacity, which
 *   comes from c_max, the window and ε_am), so plausible densities are written and marked.
 */
import { FARADAY_CONSTANT } from './constants.js';
import { bpxToFormula, evaluateBpx } from './expression.js';
import { migrateBpx } from './migrate.js';
import { validateBpx } from './schema.js';
import { isTable, type BpxDocument, type BpxFunction, type BpxSection } from './types.js';

export interface BpxImport {
  /** The `.cellspec` text. */
  readonly text: string;
  readonly cell: string;
  /** What the file holds that cellspec has no place for, or where cellspec assumed a value. */
  readonly notes: readonly string[];
}

/** Plausible densities where BPX has none, kg/m³, with where they come from. */
const ASSUMED_DENSITY = {
  cathode: { value: 4700, why: 'layered-oxide cathode (NMC, LCO: 4.7–5.1 g/cm3)' },
  anode: { value: 2240, why: 'graphite (2.24 g/cm3)' },
  filler: { value: 1800, why: 'binder and carbon black (lumped)' },
  separator: { value: 900, why: 'polyolefin separator' },
  electrolyte: { value: 1300, why: 'carbonate electrolyte with 1 M LiPF6' },
} as const;
/** Initial electrolyte concentration where neither State nor a 0.x Electrolyte gives one (PyBaMM's default too), mol/m³. */
const DEFAULT_CE0 = 1000;
/** Porosity assumed for SPM parameterisations, which hold none. */
const SPM_POROSITY = 0.3;

/** A number as text that reads back to the same double. */
export function exact(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e9 ? String(x) : x.toExponential();
}

/** A fraction as percent text with 15 significant digits (reads back within 1e-15 relative). */
function percent(f: number): string {
  return exact(Number((f * 100).toPrecision(15)));
}

const quote = (s: string): string =>
  `"${s
    .replace(/\\/g, '/')
    .replace(/"/g, "'")
    .replace(/[\r\n]+/g, ' ')}"`;

/** A cellspec identifier from free text: `Large Particles` → `LargeParticles`. */
export function identifier(text: string): string {
  const id = text.replace(/[^A-Za-z0-9_]+/g, '');
  return /^[A-Za-z_]/.test(id) ? id : `P${id}`;
}

export function importBpx(input: unknown, options: { readonly name: string; readonly file?: string }): BpxImport {
  if (typeof input !== 'object' || input === null || !('Header' in input) || !('Parameterisation' in input))
    throw new Error('not a BPX file: it has no Header and Parameterisation');
  const { document: doc, dropped } = migrateBpx(input as BpxDocument);
  const problems = validateBpx(doc);
  if (problems.length > 0)
    throw new Error(`the BPX file does not match the BPX 1.1 schema:\n  ${problems.join('\n  ')}`);
  return new Importer(doc, options.name, options.file, dropped).run();
}

type Role = 'cathode' | 'anode';
const ROLE_SECTION: Record<Role, 'Positive electrode' | 'Negative electrode'> = {
  cathode: 'Positive electrode',
  anode: 'Negative electrode',
};

class Importer {
  private readonly notes: string[] = [];
  private readonly materials: string[] = [];
  private readonly p: BpxDocument['Parameterisation'];
  private readonly ce0: number;

  constructor(
    private readonly doc: BpxDocument,
    private readonly name: string,
    private readonly file: string | undefined,
    dropped: readonly { field: string; value: unknown }[],
  ) {
    this.p = doc.Parameterisation;
    for (const d of dropped)
      this.notes.push(
        `${d.field} = ${JSON.stringify(d.value)}: BPX 1.x and cellspec have no lumped thermal conductivity`,
      );
    const ic = doc.State?.['Initial conditions'] ?? {};
    const ce0 = ic['Initial electrolyte concentration [mol.m-3]'];
    this.ce0 = typeof ce0 === 'number' ? ce0 : DEFAULT_CE0;
    if (typeof ce0 !== 'number')
      this.notes.push(`no initial electrolyte concentration: ${DEFAULT_CE0} mol/m3 assumed (PyBaMM's BPX default)`);
  }

  run(): BpxImport {
    const cell = this.p.Cell;
    if (!cell) throw new Error('the BPX file has no Cell section: a cell needs its area, cut-offs and capacity');
    const cathode = this.p['Positive electrode'];
    const anode = this.p['Negative electrode'];
    if (!cathode || !anode) throw new Error('the BPX file needs both a Positive and a Negative electrode section');
    const electrolyte = this.electrolyte();
    const separator = this.separatorMaterial();
    const cathodeText = this.electrode('cathode', cathode);
    const anodeText = this.electrode('anode', anode);
    this.unheld();
    const header = this.doc.Header;
    const lines: string[] = [
      `// ${this.name}: imported from ${this.file ?? 'a BPX file'} (BPX ${String(header.BPX)}, model ${header.Model}) by cellspec import bpx.`,
      ...wrap(header.Description ?? '').map((l) => `// ${l}`),
      ...(header.References ? wrap(`References: ${header.References}`).map((l) => `// ${l}`) : []),
      '//',
      "// Values are the file's, in SI units as BPX writes them. Where BPX gives a function and",
      "// cellspec a number, the number is the function's value (at the initial electrolyte",
      '// concentration or the middle of the stoichiometry window) and the function is in the source.',
      "// The stoichiometry windows are the cell's usable range, so the N/P ratio they give is 1 by",
      '// construction (check warns about it as for any cell balanced at 1).',
      ...(this.notes.length
        ? ['//', '// Not held by cellspec, or assumed:', ...this.notes.map((n) => `//   - ${n}`)]
        : []),
      '',
      ...this.materials,
      this.cell(cell, cathodeText, anodeText, separator, electrolyte),
    ];
    return { text: lines.join('\n') + '\n', cell: this.name, notes: this.notes };
  }

  /** The BPX fields with no cellspec home, noted by name. */
  private unheld(): void {
    const cell = this.p.Cell ?? {};
    for (const key of ['Density [kg.m-3]', 'Specific heat capacity [J.K-1.kg-1]', 'Volume [m3]'])
      if (cell[key] !== undefined)
        this.notes.push(
          `Cell/${key} = ${JSON.stringify(cell[key])}: cellspec derives masses, heat capacity and volume from the layers`,
        );
    if (this.p['User-defined'])
      this.notes.push(
        `User-defined parameters (${Object.keys(this.p['User-defined']).join(', ')}) are not read: cellspec has no place for free parameters`,
      );
    if (this.doc.Validation)
      this.notes.push(
        `Validation data (${Object.keys(this.doc.Validation).join(', ')}) are measurements, not cell parameters; not imported`,
      );
    if (this.doc.State?.Degradation)
      this.notes.push('State/Degradation (LLI, LAM) is not read: cellspec specs are of new cells');
    const ic = this.doc.State?.['Initial conditions'] ?? {};
    for (const key of Object.keys(ic))
      if (key.startsWith('Initial hysteresis state')) this.notes.push(`State/Initial conditions/${key} is not read`);
  }

  private electrolyte(): string {
    const name = `${this.name}_Electrolyte`;
    const e = this.p.Electrolyte;
    const lines = [`material ${name} liquid-electrolyte "electrolyte of ${this.name}" {`];
    lines.push(`  salt-concentration ${exact(this.ce0)} mol/m3`);
    if (e) {
      lines.push(`  transference-number ${exact(e['Cation transference number'] as number)}`);
      lines.push(
        `  ionic-conductivity ${this.scalar(e['Conductivity [S.m-1]'] as BpxFunction, this.ce0, 'concentration')} S/m${activation(e['Conductivity activation energy [J.mol-1]'])}${this.fnSource(e['Conductivity [S.m-1]'] as BpxFunction, 'concentration')}`,
      );
      lines.push(
        `  electrolyte-diffusivity ${this.scalar(e['Diffusivity [m2.s-1]'] as BpxFunction, this.ce0, 'concentration')} m2/s${activation(e['Diffusivity activation energy [J.mol-1]'])}${this.fnSource(e['Diffusivity [m2.s-1]'] as BpxFunction, 'concentration')}`,
      );
    } else {
      lines.push('  transference-number 0.38 source "assumed: an SPM parameterisation has no electrolyte"');
      lines.push('  ionic-conductivity 1 S/m source "assumed: an SPM parameterisation has no electrolyte"');
      lines.push('  electrolyte-diffusivity 3e-10 m2/s source "assumed: an SPM parameterisation has no electrolyte"');
      this.notes.push('the SPM parameterisation has no electrolyte: transport values are assumed and marked');
    }
    lines.push(
      `  density ${ASSUMED_DENSITY.electrolyte.value / 1000} g/cm3 source ${quote(`assumed: BPX holds no density; ${ASSUMED_DENSITY.electrolyte.why}`)}`,
    );
    lines.push('}', '');
    this.materials.push(lines.join('\n'));
    return name;
  }

  private separatorMaterial(): string {
    const name = `${this.name}_Separator`;
    this.materials.push(
      [
        `material ${name} separator "separator of ${this.name}" {`,
        `  density ${ASSUMED_DENSITY.separator.value / 1000} g/cm3 source ${quote(`assumed: BPX holds no density; ${ASSUMED_DENSITY.separator.why}`)}`,
        '}',
        '',
      ].join('\n'),
    );
    return name;
  }

  /** A function's scalar stand-in: its value at x (a number is itself). */
  private scalar(v: BpxFunction, x: number, variable: string): string {
    if (typeof v === 'number') return exact(v);
    if (isTable(v)) return exact(interpolate(v, x));
    try {
      return exact(evaluateBpx(v, x));
    } catch (e) {
      throw new Error(`a BPX function of ${variable}: ${(e as Error).message}`, { cause: e });
    }
  }

  private fnSource(v: BpxFunction, variable: 'concentration' | 'stoichiometry'): string {
    if (typeof v === 'number') return '';
    const what = isTable(v) ? `table x=${JSON.stringify(v.x)} y=${JSON.stringify(v.y)}` : v;
    return ` source ${quote(`BPX function of ${variable} x: ${what}`)}`;
  }

  private electrode(role: Role, e: BpxSection): string {
    const section = ROLE_SECTION[role];
    const particles: [string, BpxSection][] = e.Particle
      ? Object.entries(e.Particle as Record<string, BpxSection>)
      : [['', e]];
    const thickness = e['Thickness [m]'] as number;
    const porosity = typeof e.Porosity === 'number' ? e.Porosity : SPM_POROSITY;
    if (typeof e.Porosity !== 'number')
      this.notes.push(`${section}: no porosity (SPM): ${SPM_POROSITY * 100} % assumed; capacity does not depend on it`);
    const components: string[] = [];
    let activeSum = 0;
    for (const [key, p] of particles) {
      const material = `${this.name}_${role === 'cathode' ? 'Positive' : 'Negative'}${key ? `_${identifier(key)}` : ''}`;
      const a = p['Surface area per unit volume [m-1]'] as number;
      const r = p['Particle radius [m]'] as number;
      // ε_am = a·R/3 (spheres); share of the solid = ε_am / (1 − ε).
      const share = (a * r) / 3 / (1 - porosity);
      activeSum += share;
      components.push(`${material}: ${percent(share)} vol%`);
      this.materials.push(this.activeMaterial(role, material, key, p));
    }
    if (activeSum > 1 + 1e-9)
      throw new Error(
        `${section}: a·R/3 gives an active volume fraction above the solid fraction 1 − porosity (${exact(activeSum)} of the solid)`,
      );
    const filler = `${this.name}_${role === 'cathode' ? 'Positive' : 'Negative'}Inactive`;
    if (1 - activeSum > 1e-12) {
      components.push(`${filler}: ${percent(1 - activeSum)} vol%`);
      this.materials.push(
        [
          `material ${filler} binder "inactive solid of the ${role} (lumped)" {`,
          `  density ${ASSUMED_DENSITY.filler.value / 1000} g/cm3 source ${quote(`assumed: BPX holds no density; ${ASSUMED_DENSITY.filler.why}`)}`,
          '}',
          '',
        ].join('\n'),
      );
    }
    const lines = [
      `  ${role} {`,
      `    composition by-volume { ${components.join(', ')} }`,
      `    thickness ${exact(thickness)} m`,
      `    porosity ${percent(porosity)} %`,
    ];
    if (typeof e['Transport efficiency'] === 'number')
      lines.push(
        `    path-resistance 1 / ${exact(e['Transport efficiency'])}   // BPX transport efficiency ${exact(e['Transport efficiency'])}`,
      );
    if (typeof e['Conductivity [S.m-1]'] === 'number')
      lines.push(`    electronic-conductivity ${exact(e['Conductivity [S.m-1]'])} S/m`);
    const soc = this.doc.State?.['Initial conditions']?.['Initial state-of-charge'];
    const first = particles[0]![1];
    if (typeof soc === 'number' && particles.length === 1) {
      const lo = first['Minimum stoichiometry'] as number;
      const hi = first['Maximum stoichiometry'] as number;
      // Anode lithiated when charged (x at 100 % SOC = max), cathode delithiated (= min).
      const x = role === 'anode' ? lo + soc * (hi - lo) : hi - soc * (hi - lo);
      lines.push(`    initial-stoichiometry ${exact(x)}   // initial state of charge ${exact(soc)}`);
    }
    lines.push('  }');
    return lines.join('\n');
  }

  private activeMaterial(role: Role, name: string, key: string, p: BpxSection): string {
    const lo = p['Minimum stoichiometry'] as number;
    const hi = p['Maximum stoichiometry'] as number;
    const cmax = p['Maximum concentration [mol.m-3]'] as number;
    const rho = ASSUMED_DENSITY[role].value;
    // Capacity per mass from the window: q = F·c_max·Δx/ρ (C/kg → mAh/g: ÷ 3600).
    const q = (FARADAY_CONSTANT * cmax * (hi - lo)) / rho / 3600;
    const mid = (lo + hi) / 2;
    const k = p['Reaction rate constant [mol.m-2.s-1]'] as number;
    const m = (k * FARADAY_CONSTANT) / (cmax * Math.sqrt(this.ce0));
    const lines = [
      `material ${name} ${role === 'cathode' ? 'cathode-active' : 'anode-active'} ${quote(key || `${role} active material of ${this.name}`)} {`,
      `  max-concentration ${exact(cmax)} mol/m3`,
      `  stoichiometry ${exact(lo)} to ${exact(hi)}`,
      `  specific-capacity ${exact(q)} mAh/g source "from the stoichiometry window: F * c_max * (max - min) / density"`,
      `  density ${rho / 1000} g/cm3 source ${quote(`assumed: BPX holds no density; ${ASSUMED_DENSITY[role].why}`)}`,
      `  particle-radius ${exact(p['Particle radius [m]'] as number)} m`,
      `  diffusivity ${this.scalar(p['Diffusivity [m2.s-1]'] as BpxFunction, mid, 'stoichiometry')} m2/s${activation(p['Diffusivity activation energy [J.mol-1]'])}${this.fnSource(p['Diffusivity [m2.s-1]'] as BpxFunction, 'stoichiometry')}`,
      `  rate-constant ${exact(m)}${activation(p['Reaction rate constant activation energy [J.mol-1]'])} source ${quote(`BPX reaction rate constant ${exact(k)} mol/m2/s; m = k * F / (c_max * sqrt(c_e0)), c_e0 = ${exact(this.ce0)} mol/m3`)}`,
      '  transfer-coefficient 0.5 source "BPX: symmetric Butler-Volmer, j = 2 j0 sinh(F eta / 2RT)"',
      `  ${ocpText(p['OCP [V]'] as BpxFunction, `${ROLE_SECTION[role]}${key ? ` / ${key}` : ''}`, this.notes)}`,
    ];
    const dudt = p['Entropic change coefficient [V.K-1]'] as BpxFunction | undefined;
    if (dudt !== undefined)
      lines.push(
        `  entropic-coefficient ${this.scalar(dudt, mid, 'stoichiometry')} V/K${this.fnSource(dudt, 'stoichiometry')}`,
      );
    for (const hyst of ['OCP (delithiation) [V]', 'OCP (lithiation) [V]', 'OCP hysteresis decay constant'])
      if (p[hyst] !== undefined)
        this.notes.push(
          `${ROLE_SECTION[role]}${key ? ` / ${key}` : ''}: ${hyst} is not read (cellspec has one OCP per material)`,
        );
    lines.push(`  source ${quote(`BPX ${this.file ?? ''}`.trim())}`, '}', '');
    return lines.join('\n');
  }

  private cell(cell: BpxSection, cathode: string, anode: string, separator: string, electrolyte: string): string {
    const area = cell['Electrode area [m2]'] as number;
    const pairs = cell['Number of electrode pairs connected in parallel to make a cell'] as number;
    const title = this.doc.Header.Title ?? this.name;
    const s = this.p.Separator;
    const sepLines = s
      ? [
          `    thickness ${exact(s['Thickness [m]'] as number)} m`,
          `    porosity ${percent(s.Porosity as number)} %`,
          `    path-resistance 1 / ${exact(s['Transport efficiency'] as number)}   // BPX transport efficiency ${exact(s['Transport efficiency'] as number)}`,
        ]
      : ['    thickness 2e-5 m   // assumed: an SPM parameterisation has no separator'];
    const ic = this.doc.State?.['Initial conditions'] ?? {};
    const te = this.doc.State?.['Thermal environment'] ?? {};
    const thermal: string[] = [];
    if (typeof te['Ambient temperature [K]'] === 'number')
      thermal.push(`    ambient ${exact(te['Ambient temperature [K]'])} K`);
    if (typeof te['Heat transfer coefficient [W.m-2.K-1]'] === 'number')
      thermal.push(`    heat-transfer ${exact(te['Heat transfer coefficient [W.m-2.K-1]'])} W/(m2*K)`);
    if (typeof cell['External surface area [m2]'] === 'number')
      thermal.push(`    cooling-area ${exact(cell['External surface area [m2]'])} m2`);
    const reference = cell['Reference temperature [K]'];
    const initialT = ic['Initial temperature [K]'];
    if (typeof initialT === 'number' && initialT !== reference)
      this.notes.push(
        `State/Initial conditions/Initial temperature [K] = ${initialT} differs from the reference temperature; cellspec keeps one cell temperature (the reference)`,
      );
    return [
      `cell ${this.name} ${quote(title)} {`,
      `  format ${/18650|21700|cylind/i.test(`${title} ${this.doc.Header.Description ?? ''}`) ? 'cylindrical' : 'pouch'} ${pairs > 1 ? `stacked { layers ${pairs} }` : 'single-layer'}`,
      '  // BPX gives the area of one electrode pair, not its sides: written as 1 m times the area.',
      `  electrode-area 1 m x ${exact(area)} m`,
      cathode,
      `  separator ${separator} filled-with ${electrolyte} {`,
      ...sepLines,
      '  }',
      anode,
      `  nominal-capacity ${exact(cell['Nominal cell capacity [A.h]'] as number)} Ah`,
      ...(typeof reference === 'number'
        ? [`  temperature ${exact(reference)} K`]
        : typeof initialT === 'number'
          ? [`  temperature ${exact(initialT)} K`]
          : []),
      '  limits {',
      `    voltage ${exact(cell['Lower voltage cut-off [V]'] as number)} V to ${exact(cell['Upper voltage cut-off [V]'] as number)} V`,
      '  }',
      ...(thermal.length ? ['  thermal {', ...thermal, '  }'] : []),
      '}',
    ].join('\n');
  }
}

function activation(v: unknown): string {
  return typeof v === 'number' ? ` activation ${exact(v)} J/mol` : '';
}

function ocpText(v: BpxFunction, where: string, notes: string[]): string {
  if (typeof v === 'number') return `ocp formula "${exact(v)}"`;
  if (isTable(v)) return `ocp table { ${v.x.map((x, i) => `${exact(x)}: ${exact(v.y[i]!)}`).join(', ')} }`;
  const formula = bpxToFormula(v);
  if (formula !== undefined) return `ocp formula ${quote(formula)}`;
  notes.push(`${where}: the OCP uses cosh, which cellspec formulas lack; written as a 201-point table`);
  const xs = Array.from({ length: 201 }, (_, i) => i / 200);
  return `ocp table { ${xs.map((x) => `${exact(x)}: ${exact(evaluateBpx(v, x))}`).join(', ')} }`;
}

function interpolate(t: { x: readonly number[]; y: readonly number[] }, x: number): number {
  const order = t.x.map((_, i) => i).sort((a, b) => t.x[a]! - t.x[b]!);
  const xs = order.map((i) => t.x[i]!);
  const ys = order.map((i) => t.y[i]!);
  if (x <= xs[0]!) return ys[0]!;
  for (let i = 1; i < xs.length; i++)
    if (x <= xs[i]!) return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (x - xs[i - 1]!)) / (xs[i]! - xs[i - 1]!);
  return ys[ys.length - 1]!;
}

function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
