#!/usr/bin/env node
// Bundles the runnable artefacts with esbuild: the CLI (packages/cli/dist/cellspec.mjs and its chunks) and,
// when present, the VS Code extension's client and server (CommonJS, `vscode` external).
import { build } from 'esbuild';
import { existsSync, chmodSync, copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const targets = [];

if (existsSync(`${root}packages/cli/src/main.ts`)) {
  // A small entry (`cellspec.mjs`: version check, `--version`, compile cache) and the rest of the
  // CLI in chunks it imports when a command runs, so `--version` never compiles the 3 MB.
  rmSync(`${root}packages/cli/dist/chunks`, { recursive: true, force: true });
  targets.push(
    build({
      entryPoints: { cellspec: `${root}packages/cli/src/main.ts` },
      outdir: `${root}packages/cli/dist`,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // The package promises Node 20 (`engines`); APIs Node 20 lacks are polyfilled (language/node-compat.ts).
      target: 'node20',
      sourcemap: true,
      // As in the extension: less to compile at every start, identifiers (stack traces) kept.
      minifyWhitespace: true,
      minifySyntax: true,
      minifyIdentifiers: false,
      define: { CELLSPEC_BUNDLED: 'true' },
      // Langium and its CommonJS dependencies expect `require` in an ESM bundle.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    }),
  );
}

const extBuild = `${root}packages/vscode/scripts/build.mjs`;
if (existsSync(extBuild)) {
  targets.push(import(extBuild).then((m) => m.buildExtension?.()));
}

await Promise.all(targets);
if (existsSync(`${root}packages/cli/dist/cellspec.mjs`)) {
  chmodSync(`${root}packages/cli/dist/cellspec.mjs`, 0o755);
  copyDocumentFonts(`${root}packages/cli/dist/fonts`);
  // The extension's "Build Documents" runs this same CLI, shipped in its package (dist/cli).
  if (existsSync(`${root}packages/vscode/dist`)) {
    rmSync(`${root}packages/vscode/dist/cli`, { recursive: true, force: true });
    mkdirSync(`${root}packages/vscode/dist/cli`, { recursive: true });
    copyFileSync(`${root}packages/cli/dist/cellspec.mjs`, `${root}packages/vscode/dist/cli/cellspec.mjs`);
    cpSync(`${root}packages/cli/dist/chunks`, `${root}packages/vscode/dist/cli/chunks`, { recursive: true });
    copyDocumentFonts(`${root}packages/vscode/dist/cli/fonts`);
  }
}

/** The document font ships beside the bundle (emit's `documents/fonts.ts` looks in `fonts/` there, or one folder up from a chunk). */
export function copyDocumentFonts(into) {
  const require = createRequire(`${root}packages/emit/package.json`);
  const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
  mkdirSync(into, { recursive: true });
  for (const [folder, file] of [
    ['400Regular', 'NotoSansJP_400Regular.ttf'],
    ['700Bold', 'NotoSansJP_700Bold.ttf'],
  ])
    copyFileSync(`${pkg}/${folder}/${file}`, `${into}/${file}`);
  copyFileSync(`${pkg}/LICENSE_FONT`, `${into}/OFL.txt`);
  // resvg's WebAssembly (DOCX figure bitmaps) beside the bundle, where `rasterize.ts` looks first.
  const resvg = dirname(require.resolve('@resvg/resvg-wasm'));
  copyFileSync(`${resvg}/index_bg.wasm`, `${dirname(into)}/resvg.wasm`);
}
console.log('build: ok');
