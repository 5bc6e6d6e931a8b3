#!/usr/bin/env node
// Enforces the package dependency arrows of ARCHITECTURE.md. Fails (exit 1) when a package
// declares or imports something outside its allowed set: another workspace package it may not
// use, an external module not on its list, a Node built-in where the package must stay pure
// (units, physics), or a relative path that leaves the package's own folder. Run as part of
// `pnpm test`; the per-package TypeScript projects enforce the same arrows when compiling.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which workspace packages and which external modules each package may import. */
export const ALLOWED = {
  units: { workspace: [], external: ['mathjs'], nodeBuiltins: false },
  physics: { workspace: ['units'], external: [], nodeBuiltins: false },
  language: {
    workspace: ['units', 'physics'],
    external: ['langium', 'vscode-languageserver', 'vscode-languageserver-textdocument'],
  },
  emit: { workspace: ['units', 'physics'], external: ['fast-xml-parser', 'iconv-lite', 'ajv'] },
  cli: { workspace: ['units', 'physics', 'language', 'emit'], external: [] },
  vscode: {
    workspace: ['units', 'physics', 'language', 'emit'],
    external: ['vscode', 'vscode-languageclient', 'chart.js'],
  },
};
/** Modules nobody may import outside the packages that own them (editor and AST types). */
const FORBIDDEN_OUTSIDE = {
  langium: ['language'],
  'vscode-languageserver': ['language'],
  vscode: ['vscode'],
};

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'out') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** The package a bare specifier names; null for a `node:` built-in. */
function moduleRoot(spec) {
  if (spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'url',
  'crypto',
  'worker_threads',
  'child_process',
  'util',
  'events',
  'stream',
  'assert',
  'perf_hooks',
  'readline',
  'process',
  'buffer',
  'zlib',
  'module',
]);
const importRe =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** Every boundary violation under `root` (a checkout of this repository), as readable lines. */
export function findViolations(root) {
  const violations = [];
  for (const [pkg, rule] of Object.entries(ALLOWED)) {
    const pkgDir = join(root, 'packages', pkg);
    if (!existsSync(pkgDir)) continue;
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    // The editor provides `vscode` at run time; the package declares its types.
    if (declared.has('@types/vscode')) declared.add('vscode');
    for (const mod of rule.external)
      if (!declared.has(mod))
        violations.push(
          `scripts/check-boundaries.mjs: ${pkg} may import ${mod}, which packages/${pkg}/package.json does not declare (a stale entry)`,
        );
    const allowedWs = new Set(rule.workspace.map((w) => (w === 'vscode' ? 'cellspec-vscode' : `@cellspec/${w}`)));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      if (dep.startsWith('@cellspec/') && !allowedWs.has(dep))
        violations.push(`packages/${pkg}/package.json: depends on ${dep}, which ${pkg} may not use`);
    }
    for (const file of walk(join(pkgDir, 'src'))) {
      if (file.includes(`${sep}generated${sep}`)) continue;
      const text = readFileSync(file, 'utf8');
      const rel = relative(root, file);
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('.') || spec.startsWith('/')) {
          const target = resolve(dirname(file), spec);
          if (target !== pkgDir && !target.startsWith(pkgDir + sep))
            violations.push(
              `${rel}: imports ${spec}, a path outside packages/${pkg}; import the package by name instead`,
            );
          continue;
        }
        const mod = moduleRoot(spec);
        if (mod === null || NODE_BUILTINS.has(mod)) {
          if (rule.nodeBuiltins === false)
            violations.push(`${rel}: imports ${spec}; ${pkg} is pure and may not use Node's built-in modules`);
          continue;
        }
        if (mod.startsWith('@cellspec/')) {
          if (!allowedWs.has(mod))
            violations.push(
              `${rel}: imports ${spec}; ${pkg} may import only ${[...allowedWs].join(', ') || 'no workspace package'}`,
            );
          continue;
        }
        const owners = FORBIDDEN_OUTSIDE[mod];
        if (owners && !owners.includes(pkg)) violations.push(`${rel}: imports ${spec}; only ${owners.join(', ')} may`);
        else if (!rule.external.includes(mod) && !owners)
          violations.push(
            `${rel}: imports external module ${spec}, not in the allowed list for ${pkg} (scripts/check-boundaries.mjs)`,
          );
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const violations = findViolations(root);
  if (violations.length) {
    console.error(`Package boundary violations (${violations.length}):\n  ` + violations.join('\n  '));
    process.exit(1);
  }
  console.log('package boundaries: ok');
}
