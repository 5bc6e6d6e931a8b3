/**
 * SVG → PNG for the DOCX form only: Word and LibreOffice need a bitmap beside an SVG picture
 * (LibreOffice 7 draws only the bitmap). resvg (WebAssembly build: no native binary, so it runs
 * in the CLI and the extension host alike) renders with the document font, at twice the
 * figure's size for print. PDF and HTML keep the vector SVG.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { documentFonts } from './fonts.js';

const WASM = 'resvg.wasm';
let ready: Promise<void> | undefined;

/** `resvg.wasm` beside the bundle (copied by `scripts/build.mjs`), else from the npm package. */
function wasmBytes(): Buffer {
  let here: string | undefined;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    here = undefined;
  }
  for (const folder of here ? [here, join(here, '..')] : [])
    if (existsSync(join(folder, WASM))) return readFileSync(join(folder, WASM));
  const require = createRequire(here ? join(here, 'x.js') : join(process.cwd(), 'x.js'));
  return readFileSync(join(dirname(require.resolve('@resvg/resvg-wasm')), 'index_bg.wasm'));
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  ready ??= initWasm(wasmBytes());
  await ready;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * 2) },
    background: 'white',
    font: {
      fontBuffers: [documentFonts().regular],
      defaultFontFamily: 'Noto Sans JP',
      sansSerifFamily: 'Noto Sans JP',
    },
  });
  try {
    return resvg.render().asPng();
  } finally {
    resvg.free();
  }
}
