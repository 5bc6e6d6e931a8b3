/**
 * The preview's HTML shell. Security: a content-security policy that allows only the extension's
 * own script (by nonce) and stylesheet (by webview source), images from the extension or data
 * URLs (chart.js draws on canvas), and nothing remote. Everything dynamic is built by the
 * script with DOM APIs, never by string concatenation into HTML.
 */
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  // 144 random bits as 36 hex digits: always the same length (dropping base64's + and / could shorten it).
  return randomBytes(18).toString('hex');
}

export interface PreviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function contentSecurityPolicy(o: Pick<PreviewHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function previewHtml(o: PreviewHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>cellspec preview</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="waiting">Loading the cell…</p></main>
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
