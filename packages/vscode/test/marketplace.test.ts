/**
 * What the .vsix carries and what the Marketplace listing needs: `vsce ls` lists exactly the
 * bundles, manifest, docs, grammar, snippets and icons (no sources, tests or node_modules), and the
 * manifest declares engine range, icon (a PNG of at least 128 × 128, as the Marketplace requires),
 * categories, keywords, repository, licence and changelog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PKG = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));

describe('the extension package', () => {
  it('keeps the client thin: no mathjs in extension.cjs (computation lives in the server)', () => {
    const client = readFileSync(join(PKG, 'dist/extension.cjs'), 'utf8');
    expect(client).not.toMatch(/node_modules\/\.pnpm\/mathjs@/);
    expect(client).toMatch(/node_modules\/\.pnpm\/vscode-languageclient@/); // the check can see modules
  });

  it('holds only what the extension needs at run time and in its listing', () => {
    const listed = execFileSync(join(PKG, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], {
      cwd: PKG,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .sort();
    // The bundled CLI (for Build Documents) ships as an entry, hashed chunks, fonts and resvg's wasm.
    const chunks = listed.filter((f) => f.startsWith('dist/cli/chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    // Source maps stay out of the package: 18 MB of the CLI's, no use to a user of the extension.
    expect(chunks.every((f) => /\.mjs$/.test(f))).toBe(true);
    expect(listed.filter((f) => !f.startsWith('dist/cli/chunks/'))).toEqual(
      [
        'dist/cli/cellspec.mjs',
        'dist/cli/fonts/NotoSansJP_400Regular.ttf',
        'dist/cli/fonts/NotoSansJP_700Bold.ttf',
        'dist/cli/fonts/OFL.txt',
        'dist/cli/resvg.wasm',
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/extension.cjs',
        'dist/server.cjs',
        'dist/webview.css',
        'dist/webview.js',
        'images/cellspec-dark.svg',
        'images/cellspec-light.svg',
        'images/icon.png',
        'language-configuration.json',
        'package.json',
        'syntaxes/cellspec.tmLanguage.json',
      ].sort(),
    );
  });

  it('declares what a Marketplace listing needs', () => {
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+\.0$/);
    expect(manifest.categories).toEqual(expect.arrayContaining(['Programming Languages', 'Linters', 'Formatters']));
    expect(manifest.keywords.length).toBeGreaterThanOrEqual(5);
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    expect(manifest.repository.url).toMatch(/^https:\/\/github\.com\/.+\.git$/);
    expect(manifest.license).toBe('MIT');
    expect(existsSync(join(PKG, 'LICENSE'))).toBe(true);
    expect(readFileSync(join(PKG, 'CHANGELOG.md'), 'utf8')).toContain(`## ${manifest.version}`);
    const png = readFileSync(join(PKG, manifest.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height are big-endian 32-bit integers at bytes 16 and 20.
    expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(128);
    expect(manifest.scripts.package).not.toMatch(/--allow-missing-repository|--skip-license/);
  });
});
