/**
 * Generates a synthetic spec repository for scale tests and benchmarks: one materials library
 * imported by many cell files; each cell file holds a cell, a variant, a fabrication process and
 * a test plan, in the shape of the programme's standard cells (numbers vary per file so no two
 * files are identical).
 *
 *   tsx scripts/gen-workspace.ts --files 1000 --out /tmp/cellspec-ws [--lines 300]
 *
 * `--lines` pads every cell file with further test-plan tests up to about that many lines.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface GenerateOptions {
  /** Number of cell files (the library comes on top). */
  readonly files: number;
  /** Target length of each cell file in lines (at least the base template's ~110). */
  readonly lines?: number;
}

export const LIBRARY_PATH = 'lib/materials.cellspec';

export function libraryText(): string {
  return `// Materials library of the synthetic spec repository.
library synthetic "Synthetic materials library"

material NCM-A cathode-active "NCM811, supplier A" {
  specific-capacity 195 mAh/g source "supplier datasheet"
  density 4.7 g/cm3
  mean-voltage 3.86 V
  particle-radius 5 um
  ocp NMC811_Chen2020
}
material NCM-B cathode-active "NCM811, supplier B" extends NCM-A {
  specific-capacity 200 mAh/g
  supplier "B"
  lot "B-2026-01"
}
material LNO-coat coating "LiNbO3 coating" { density 4.6 g/cm3  film-resistance 50 Ω·cm² }
material Gr-A anode-active "natural graphite" {
  specific-capacity 350 mAh/g
  density 2.24 g/cm3
  mean-voltage 0.17 V
  ocp graphite_Chen2020
}
material Gr-B anode-active "artificial graphite sample" extends Gr-A { specific-capacity 355 mAh/g  lot "G-17" }
material LPSCl solid-electrolyte "argyrodite Li6PS5Cl" {
  density 1.86 g/cm3
  ionic-conductivity 2.5 mS/cm activation 0.35 eV
}
material VGCF-A conductive-additive { density 2.0 g/cm3 }
material SBR binder { density 0.94 g/cm3 }
material Al-foil current-collector { density 2.70 g/cm3 }
material SUS-foil current-collector { density 7.93 g/cm3 }
material Pouch-115 packaging "aluminium laminate film" { density 1.6 g/cm3 }
`;
}

/** Deterministic small variation per file and slot. */
function vary(i: number, slot: number, base: number, spread: number, digits = 1): string {
  const t = Math.sin((i + 1) * 12.9898 + slot * 78.233) * 43758.5453;
  const f = t - Math.floor(t);
  return (base + (f - 0.5) * spread).toFixed(digits);
}

function extraTest(i: number, k: number): string {
  return `  test extra-${k} "Rate check ${k}" {
    samples ${3 + (k % 5)}
    at 25 °C
    charge at C/10 cv 4.25 V until C/20
    rest for 30 min
    discharge at ${(0.1 * (1 + (k % 10))).toFixed(1)} C until 2.5 V
    rest for 10 min
    pass "capacity within ± ${vary(i, k, 3, 2)} % of the lot mean"
  }
`;
}

/** One cell file: cell, variant, process and test plan, importing the library. */
export function cellFileText(i: number, lines = 0): string {
  const id = String(i).padStart(4, '0');
  const head = `// Synthetic standard cell ${id}.
import "../${LIBRARY_PATH}"

document {
  number "SC-${id}"
  title "標準電池 ${id}"
  revision "A"
  status draft
  author "cell design group"
}

let side-${id} = ${vary(i, 1, 20, 2)} mm

cell C${id} "Standard cell ${id}" {
  format pouch single-layer {
    outline 65 mm x 45 mm
    packaging Pouch-115 115 um
  }
  electrode-area side-${id} x side-${id}
  cathode {
    composition { NCM-A coated-with LNO-coat: 75 wt%, LPSCl: 22 wt%, VGCF-A: 3 wt% }
    loading ${vary(i, 2, 20, 4)} mg/cm2
    porosity ${vary(i, 3, 10, 4)} %
    collector Al-foil 15 um
  }
  electrolyte-layer LPSCl { thickness ${vary(i, 4, 25, 10, 0)} um  porosity 10 % }
  anode {
    composition { Gr-A: 60 wt%, LPSCl: 37 wt%, SBR: 3 wt% }
    loading ${vary(i, 5, 10, 2)} mg/cm2
    porosity ${vary(i, 6, 15, 6)} %
    collector SUS-foil 10 um
    area 21 mm x 21 mm
  }
  restraint-pressure 5 MPa
  limits {
    voltage 2.5 V to 4.25 V
    temperature -40 °C to 100 °C
    max-charge-rate 6 C
    max-discharge-rate 10 C
  }
  targets {
    capacity 8 mAh ± 3 %
    energy-density (stack) >= 350 Wh/L
    np-ratio between 1.05 and 1.4
  }
}

variant C${id}-B "Supplier B cathode in cell ${id}" of C${id} {
  replace NCM-A with NCM-B
  replace Gr-A with Gr-B
  anode { loading ${vary(i, 7, 10.5, 2)} mg/cm2 }
}

process P${id} "Fabrication of cell ${id}" for C${id} {
  environment { dew-point: -60 °C; atmosphere: "dry room" }
  step mixing "Cathode slurry" { solids: 65 wt%; solvent: "anisole"; time: 30 min }
  step blade-coating "Blade coating" { gap: 150 um; speed: 5 mm/s; target: ${vary(i, 8, 20, 4)} mg/cm2 ± 5 % }
  step drying { temperature: 80 °C; time: 12 h }
  step pressing "Uniaxial press" { pressure: 300 MPa; time: 5 min }
  step stacking
  step vacuum-sealing { vacuum: 95 kPa }
  batch-size 20
  yield 90 %
}

test-plan T${id} "Lot check and performance of cell ${id}" for C${id} {
  test lot-check "Lot check at 0.1C" {
    samples 17
    at 25 °C
    charge at C/10 cv 4.25 V until C/20
    rest for 30 min
    discharge at C/10 until 2.5 V
    pass "discharge capacity within ± 3 % of the lot mean"
  }
  test rate-capability "Rate capability" {
    samples 3
    at -20, 0, 25, 60 °C
    rates 0.1, 0.5, 1, 3 C
    charge at C/10 cv 4.25 V until C/20
    discharge at 1 C until 2.5 V
  }
  test pulse-ir "DC-IR" {
    set-soc 50 %
    repeat 3 times { pulse discharge at 5 C for 10 s  rest for 60 s }
    procedure dc-ir { soc: 50 %; current: 0.5 C }
  }
`;
  let body = head;
  let k = 0;
  const lineCount = (s: string) => s.split('\n').length;
  while (lineCount(body) + 2 < lines) body += extraTest(i, k++);
  return `${body}}
`;
}

/** Writes the workspace under `out` (removed first). Returns the cell file paths. */
export function writeWorkspace(out: string, options: GenerateOptions): string[] {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'lib'), { recursive: true });
  mkdirSync(join(out, 'cells'), { recursive: true });
  writeFileSync(join(out, LIBRARY_PATH), libraryText());
  const paths: string[] = [];
  for (let i = 0; i < options.files; i++) {
    const path = join(out, 'cells', `cell-${String(i).padStart(4, '0')}.cellspec`);
    writeFileSync(path, cellFileText(i, options.lines));
    paths.push(path);
  }
  return paths;
}

function arg(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = Number(arg('files', '1000'));
  const lines = Number(arg('lines', '0'));
  const out = resolve(arg('out', '/tmp/cellspec-workspace')!);
  writeWorkspace(out, { files, lines });
  console.log(`wrote ${files} cell files and ${LIBRARY_PATH} to ${out}`);
}
