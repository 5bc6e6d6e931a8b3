// Embeds the built-in material library into a TypeScript module so that the language server,
// the CLI bundle, the browser and in-memory tests all see the same text without file access.
// Run through `pnpm run generate`; a test fails when the embedded copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const source = new URL('../lib/standard-materials.cellspec', import.meta.url);
const target = new URL('../src/scoping/standard-materials.generated.ts', import.meta.url);
const text = readFileSync(source, 'utf8');
writeFileSync(
  target,
  `// Generated from lib/standard-materials.cellspec by scripts/embed-library.mjs. Do not edit.\nexport const STANDARD_MATERIALS_TEXT = ${JSON.stringify(text)};\n`,
);
