/**
 * The preview webview loads nothing remote and runs only scripts that carry the page's nonce:
 * checked on the HTML the extension generates (preview/html.ts) and on the webview's own code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, makeNonce, previewHtml } from '../../packages/vscode/src/preview/html.js';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const options = {
  cspSource: CSP_SOURCE,
  nonce: makeNonce(),
  scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`,
  styleUri: `${CSP_SOURCE}/ext/dist/webview.css`,
};
const html = previewHtml(options);

/** The CSP of the page as directive → sources. */
function policyOf(page: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  expect(meta, 'the page declares a content-security policy').not.toBeNull();
  const text = meta![1]!
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('preview webview', () => {
  const policy = policyOf(html);

  it('denies everything by default and allows scripts only by nonce', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual([`'nonce-${options.nonce}'`]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
    }
  });

  it('allows no remote origin: only the webview resource origin, data: images and none', () => {
    for (const [directive, sources] of policy) {
      for (const s of sources) {
        const allowed =
          s === "'none'" ||
          s === CSP_SOURCE ||
          s === `'nonce-${options.nonce}'` ||
          (directive === 'img-src' && s === 'data:');
        expect(allowed, `${directive} ${s}`).toBe(true);
      }
    }
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('carries the nonce on every script, and every script and stylesheet comes from the extension', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) {
      expect(attrs).toContain(`nonce="${options.nonce}"`);
      expect(attrs).toMatch(/src="[^"]+"/);
    }
    // No inline script bodies, no event-handler attributes, no javascript: URLs.
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
    for (const url of [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!)) {
      expect(url.startsWith(`${CSP_SOURCE}/`), url).toBe(true);
    }
  });

  it('makes a fresh unguessable nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 200 }, makeNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9]{20,}$/);
  });

  it('escapes what it puts into attributes', () => {
    const page = previewHtml({ ...options, scriptUri: `${CSP_SOURCE}/a".js`, styleUri: `${CSP_SOURCE}/b<c.css` });
    expect(page).toContain('a&quot;.js');
    expect(page).toContain('b&lt;c.css');
    expect(contentSecurityPolicy({ cspSource: CSP_SOURCE, nonce: 'n' })).toContain("script-src 'nonce-n'");
  });

  it('webview code fetches nothing, evaluates no strings and loads nothing from the network', () => {
    const dir = new URL('../../packages/vscode/src/webview/', import.meta.url).pathname;
    for (const file of readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f))) {
      const code = readFileSync(dir + file, 'utf8').replace(/'http:\/\/www\.w3\.org\/2000\/svg'/g, 'SVG_NAMESPACE'); // a namespace name, never fetched
      expect(code, file).not.toMatch(
        /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|\beval\s*\(|new Function\b|importScripts|\bimport\s*\(/,
      );
      expect(code, file).not.toMatch(/https?:\/\//);
    }
  });
});
