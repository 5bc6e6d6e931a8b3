#!/usr/bin/env node
// Bundles the runnable artefacts with esbuild: the CLI (packages/cli/dist/cellspec.mjs and its chunks) and,
// when present, the VS Code extension's client and server (CommonJS, `vscode` external).
import { build } from 'esbuild';
import { existsSync, chmodSync, rmSync } from 'node:fs';

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
if (existsSync(`${root}packages/cli/dist/cellspec.mjs`)) chmodSync(`${root}packages/cli/dist/cellspec.mjs`, 0o755);
console.log('build: ok');
