import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, makeNonce, previewHtml } from '../src/preview/html.js';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  scriptUri: 'https://x/dist/webview.js',
  styleUri: 'https://x/dist/webview.css',
};

describe('preview HTML', () => {
  it('allows only nonce scripts and extension styles, nothing remote', () => {
    const csp = contentSecurityPolicy(options);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).toContain(`style-src ${options.cspSource}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('loads the script with the nonce and has no inline script or style', () => {
    const html = previewHtml(options);
    expect(html).toContain('<script nonce="abc123" src="https://x/dist/webview.js"></script>');
    expect(html).not.toMatch(/<style|style="/);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('makes a fresh, alphanumeric nonce each time', () => {
    const a = makeNonce();
    expect(a).toMatch(/^[A-Za-z0-9]{16,}$/);
    expect(makeNonce()).not.toBe(a);
  });
});
