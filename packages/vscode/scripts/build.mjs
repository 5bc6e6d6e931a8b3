#!/usr/bin/env node
// Bundles the extension with esbuild: the client (dist/extension.cjs) and the language server
// (dist/server.cjs) as CommonJS for the extension host (`vscode` is provided by it), and the
// preview's script as a browser IIFE with chart.js (dist/webview.js) plus its stylesheet.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

export async function buildExtension({ minify = true } = {}) {
  mkdirSync(`${pkg}dist`, { recursive: true });
  const node = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    // Whitespace and syntax are minified but identifiers are not: functions and classes keep
    // their names (readable stack traces; the editor tests can tell which language features the
    // bundled server has) without esbuild's keepNames, whose helper call on every closure the
    // server creates costs several percent of each keystroke's work.
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: false,
    external: ['vscode'],
    logLevel: 'warning',
    // Langium's ESM code reads import.meta.url; in a CommonJS bundle it is the file's URL.
    define: { 'import.meta.url': 'importMetaUrl', CELLSPEC_BUNDLED: 'true' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  };
  await Promise.all([
    build({ ...node, entryPoints: [`${pkg}src/extension.ts`], outfile: `${pkg}dist/extension.cjs` }),
    build({ ...node, entryPoints: [`${pkg}src/server.ts`], outfile: `${pkg}dist/server.cjs` }),
    build({
      entryPoints: [`${pkg}src/webview/main.ts`],
      outfile: `${pkg}dist/webview.js`,
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify,
      logLevel: 'warning',
    }),
  ]);
  copyFileSync(`${pkg}src/webview/preview.css`, `${pkg}dist/webview.css`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildExtension();
  console.log('extension build: ok');
}
