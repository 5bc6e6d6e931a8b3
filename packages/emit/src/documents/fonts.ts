/**
 * The font every PDF and DOCX is set in: Noto Sans JP (SIL Open Font License 1.1), TrueType
 * outlines, Regular and Bold. It covers Latin, Greek (µ, Ω, Δ), the symbols of units (°, ±, ≤)
 * and Japanese (kana and the JIS kanji), so no glyph falls back to a box. It ships with the
 * tool, never found on the machine: the npm package `@expo-google-fonts/noto-sans-jp` in a
 * workspace, and a copy beside the bundled CLI (`dist/fonts/`, made by `scripts/build.mjs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';

export const FONT_FILES = {
  regular: 'NotoSansJP_400Regular.ttf',
  bold: 'NotoSansJP_700Bold.ttf',
} as const;

const PACKAGE = '@expo-google-fonts/noto-sans-jp';

export interface DocumentFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
  /**
   * The same fonts parsed once per process: parsing a 5.7 MB CJK font costs more than laying out
   * a document, and fontkit keeps its glyph and layout caches on the font object, so every
   * document of a build reuses them (pdfkit subsets per document from the shared object).
   */
  readonly parsed: { readonly regular: Font; readonly bold: Font };
  /** Where they were found, for error messages and `--version`-style reports. */
  readonly from: string;
}

let cached: DocumentFonts | undefined;

/** Folders to look in, in order: `CELLSPEC_FONT_DIR`, `fonts/` beside this module (the bundle), the npm package. */
function candidates(): string[] {
  const out: string[] = [];
  const env = process.env['CELLSPEC_FONT_DIR'];
  if (env) out.push(env);
  let here: string | undefined;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    here = undefined;
  }
  // Beside the bundle; from a chunk of a split bundle (`dist/chunks/`), one folder up.
  if (here) out.push(join(here, 'fonts'), join(here, '..', 'fonts'));
  try {
    const require = createRequire(here ? join(here, 'x.js') : join(process.cwd(), 'x.js'));
    const pkg = dirname(require.resolve(`${PACKAGE}/package.json`));
    out.push(pkg);
  } catch {
    // not installed as a package (a bundle carries its own copy)
  }
  return out;
}

function locate(folder: string, file: string): string | undefined {
  for (const p of [join(folder, file), join(folder, file.includes('700') ? '700Bold' : '400Regular', file)])
    if (existsSync(p)) return p;
  return undefined;
}

function single(font: ReturnType<typeof create>): Font {
  if ('fonts' in font) throw new Error('the document font is a collection; a single TrueType font is needed');
  return font;
}

export function documentFonts(): DocumentFonts {
  if (cached) return cached;
  const tried = candidates();
  for (const folder of tried) {
    const regular = locate(folder, FONT_FILES.regular);
    const bold = locate(folder, FONT_FILES.bold);
    if (regular && bold) {
      const bytes = { regular: readFileSync(regular), bold: readFileSync(bold) };
      cached = {
        ...bytes,
        parsed: { regular: single(create(bytes.regular)), bold: single(create(bytes.bold)) },
        from: folder,
      };
      return cached;
    }
  }
  throw new Error(
    `the document font (Noto Sans JP, ${FONT_FILES.regular} and ${FONT_FILES.bold}) was not found in ${tried.join(', ') || 'any folder'}; set CELLSPEC_FONT_DIR to a folder holding both`,
  );
}
