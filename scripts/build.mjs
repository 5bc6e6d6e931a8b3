#!/usr/bin/env node
// Bundles the runnable artefacts with esbuild: the CLI (packages/cli/dist/cellspec.mjs) and,
// when present, the VS Code extension's client and server (CommonJS, `vscode` external).
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';

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
if (existsSync(`${root}packages/cli/dist/cellspec.mjs`)) chmodSync(`${root}packages/cli/dist/cellspec.mjs`, 0o755);
console.log('build: ok');
