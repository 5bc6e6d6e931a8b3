#!/usr/bin/env node
// Makes the installable `cellspec` npm package: builds the CLI bundle, stages it with the
// package's manifest, README and licence (packages/cli/npm/) and runs `npm pack`.
//
//   node scripts/pack.mjs [--out DIR] [--no-build]     → DIR/cellspec-<version>.tgz (default out/)
//
// Prints the tarball's path on the last line. The package has no dependencies: the bundle holds
// everything it runs, so installing it needs no registry.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds (unless `build` is false) and packs; returns the tarball's absolute path. */
export function packCli({ out = join(root, 'out'), build = true } = {}) {
  if (build) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  const staging = join(root, 'packages/cli/npm');
  const manifest = JSON.parse(readFileSync(join(staging, 'package.json'), 'utf8'));
  const cliVersion = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
  if (manifest.version !== cliVersion)
    throw new Error(`packages/cli/npm/package.json is version ${manifest.version}, the CLI is ${cliVersion}`);
  const dist = join(root, 'packages/cli/dist');
  if (!existsSync(join(dist, 'cellspec.mjs'))) throw new Error('no CLI bundle; run scripts/build.mjs first');
  rmSync(join(staging, 'dist'), { recursive: true, force: true });
  mkdirSync(join(staging, 'dist/chunks'), { recursive: true });
  cpSync(join(dist, 'cellspec.mjs'), join(staging, 'dist/cellspec.mjs'));
  for (const chunk of readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.mjs')))
    cpSync(join(dist, 'chunks', chunk), join(staging, 'dist/chunks', chunk));
  mkdirSync(out, { recursive: true });
  // npm, not pnpm: this is what a publisher runs, and it needs no workspace.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: staging, encoding: 'utf8' }),
  );
  return join(out, packed[0].filename);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
  const tarball = packCli({
    ...(values.out ? { out: resolve(values.out) } : {}),
    build: !values['no-build'],
  });
  console.log(tarball);
}
