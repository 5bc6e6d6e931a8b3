#!/usr/bin/env node
// Bundles the runnable artefacts with esbuild: the CLI (packages/cli/dist/cellspec.mjs) and,
// when present, the VS Code extension's client and server (CommonJS, `vscode` external).
import { build } from 'esbuild';
import { existsSync, chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const targets = [];

if (existsSync(`${root}packages/cli/src/main.ts`)) {
  targets.push(
    build({
      entryPoints: [`${root}packages/cli/src/main.ts`],
      outfile: `${root}packages/cli/dist/cellspec.mjs`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      sourcemap: true,
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
    mkdirSync(`${root}packages/vscode/dist/cli`, { recursive: true });
    copyFileSync(`${root}packages/cli/dist/cellspec.mjs`, `${root}packages/vscode/dist/cli/cellspec.mjs`);
    copyDocumentFonts(`${root}packages/vscode/dist/cli/fonts`);
  }
}

/** The document font ships beside the bundle (emit's `documents/fonts.ts` looks in `fonts/` there). */
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
