#!/usr/bin/env node
// Enforces the package dependency arrows of ARCHITECTURE.md. Fails (exit 1) when a package
// declares or imports something outside its allowed set. Run as part of `pnpm test`.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Which workspace packages and which external modules each package may import. */
export const ALLOWED = {
  units: { workspace: [], external: ['mathjs'] },
  physics: { workspace: ['units'], external: [] },
  language: {
    workspace: ['units', 'physics'],
    external: ['langium', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-uri', 'chevrotain'],
  },
  emit: {
    workspace: ['units', 'physics'],
    external: [
      'fast-xml-parser',
      'iconv-lite',
      'docx',
      'pdfkit',
      'ajv',
      'vega',
      'vega-lite',
      'svg-to-pdfkit',
      'jszip',
      'fontkit',
      '@resvg/resvg-wasm',
      '@expo-google-fonts/noto-sans-jp',
    ],
  },
  cli: { workspace: ['units', 'physics', 'language', 'emit'], external: [] },
  vscode: {
    workspace: ['units', 'physics', 'language', 'emit'],
    external: ['vscode', 'vscode-languageclient', 'vscode-languageserver', 'chart.js', 'langium'],
  },
};
/** Modules nobody may import outside the packages that own them (editor and AST types). */
const FORBIDDEN_OUTSIDE = {
  langium: ['language', 'vscode'],
  'vscode-languageserver': ['language', 'vscode'],
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

function moduleRoot(spec) {
  if (spec.startsWith('node:')) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) return null;
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

const violations = [];
for (const [pkg, rule] of Object.entries(ALLOWED)) {
  const pkgDir = join(root, 'packages', pkg);
  if (!existsSync(pkgDir)) continue;
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const allowedWs = new Set(rule.workspace.map((w) => (w === 'vscode' ? 'cellspec-vscode' : `@cellspec/${w}`)));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (dep.startsWith('@cellspec/') && !allowedWs.has(dep))
      violations.push(`packages/${pkg}/package.json: depends on ${dep}, which ${pkg} may not use`);
  }
  for (const file of walk(join(pkgDir, 'src'))) {
    if (file.includes('/generated/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const mod = moduleRoot(spec);
      if (!mod || NODE_BUILTINS.has(mod)) continue;
      const rel = relative(root, file);
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
if (violations.length) {
  console.error(`Package boundary violations (${violations.length}):\n  ` + violations.join('\n  '));
  process.exit(1);
}
console.log('package boundaries: ok');
