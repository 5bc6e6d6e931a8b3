/**
 * The Node versions the entry accepts: 20 and later, as `engines` in the npm package says; an
 * older Node is refused with the version it needs (the bundle is never loaded there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, unsupportedNode } from '../src/node-version.js';

describe('supported Node versions', () => {
  it.each(['20.0.0', '20.20.2', '22.23.3', '24.1.0', '30.0.0'])('runs on Node %s', (version) => {
    expect(unsupportedNode(version)).toBeUndefined();
  });

  it.each(['18.20.4', '19.9.0', '16.0.0'])('refuses Node %s and names the version it needs', (version) => {
    expect(unsupportedNode(version)).toBe(
      `needs Node.js 20.0 or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) and run it again.`,
    );
  });

  it('agrees with the package’s engines field', () => {
    const manifest = JSON.parse(readFileSync(new URL('../npm/package.json', import.meta.url), 'utf8'));
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE.major}`);
  });
});
