/**
 * The Node versions `cellspec` runs on, as the package's `engines` field states them
 * (`packages/cli/npm/package.json`); the install test runs the package on Node 20 and 22.
 */
export const MINIMUM_NODE = { major: 20, minor: 0 } as const;

/** Why this Node cannot run cellspec, or undefined when it can. `version` as in `process.versions.node`. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor)) return undefined;
  return `needs Node.js ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) and run it again.`;
}
