/**
 * Mutations of valid specs for fuzzing: the edits a half-typed or damaged spec shows — deleted,
 * duplicated and swapped tokens, odd numbers and units, truncation, stray Unicode — generated
 * by fast-check so every run is reproducible from its seed.
 */
import fc from 'fast-check';

/** Whitespace, comments, strings, numbers, words (with hyphens), and single punctuation marks. */
const TOKEN =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|[\p{L}_°µΩ][\p{L}\p{N}_²³°µΩ-]*|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Numbers a careless or adversarial author might write, as text. */
export const ODD_NUMBERS = [
  '0',
  '-0',
  '0.0',
  '-1',
  '-273.15',
  '1e308',
  '1e309',
  '9e999',
  '-1e308',
  '1e-308',
  '5e-324',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  'nan',
  '1e',
  '1.',
  '.5',
  '00000000001',
  '1_000',
  '0x10',
  '1/0',
  '0/0',
  '99999999999999999999999',
  '1e308 * 10',
  '(1e308 * 1e308)',
  '-(0)',
  '1e308 / 1e-308',
];

/** Units of every kind the language knows, plus wrong and made-up ones. */
export const UNITS = [
  'mAh/g',
  'mAh/cm2',
  'mAh/cm²',
  'mg/cm2',
  'g/cm3',
  'g/cm³',
  '%',
  'wt%',
  'vol%',
  '°C',
  'K',
  'C',
  'Wh/L',
  'Wh/kg',
  'Pa',
  'MPa',
  'um',
  'µm',
  'mm',
  'S/cm',
  'mS/cm',
  'Ω·cm²',
  'ppm',
  'V',
  'mV',
  'A',
  'mA',
  'h',
  'min',
  's',
  'eV',
  'kJ/mol',
  'm2/s',
  'mol/m3',
  'kg',
  'kelvin',
  'furlong',
  'xyz',
  'mAh/g^2',
  'm^-999',
  'm^999',
  'g/(cm3)',
  'g·',
  '/',
  '^',
  'C/0',
  'W',
  'Hz',
  'kHz',
  'J/(kg·K)',
  // Powers beyond double range: the parser reads `1e999` as Infinity.
  'mAh^1e999',
  'mg/cm^1e309',
  'm^-1e400',
  'um^1e-400',
];

const KEYWORDS = [
  'cell',
  'variant',
  'material',
  'import',
  'let',
  'cathode',
  'anode',
  'composition',
  'loading',
  'porosity',
  'thickness',
  'collector',
  'replace',
  'with',
  'of',
  'targets',
  'limits',
  'test',
  'test-plan',
  'process',
  'step',
  'repeat',
  'until',
  'for',
  'at',
  'ocp',
  'formula',
  'table',
  'layers',
  'format',
  'pouch',
  'stacked',
  'bi-cell',
  'electrode-area',
  'electrolyte-layer',
  'double-sided',
  'lithium-metal',
  'extends',
  '±',
  '{',
  '}',
  '(',
  ')',
  ':',
  ';',
  ',',
  'x',
  '.',
  '-',
  '*',
  '/',
  '"',
  'import "../lib/materials.cellspec"',
  'import "/etc/passwd"',
  'import "../../../../etc/passwd"',
];

export type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly op: 'swap'; readonly a: number; readonly b: number }
  | { readonly op: 'number'; readonly at: number; readonly text: string }
  | { readonly op: 'unit'; readonly at: number; readonly text: string }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'truncate'; readonly fraction: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const index = fc.nat({ max: 1_000_000 });

/** Stray text: any Unicode (surrogate halves and control characters included) or a keyword. */
const strayText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  // (fast-check's 'grapheme' unit costs seconds to set up; these cover what it would add.)
  fc.constantFrom('電池', '👩‍🔬', 'e\u0301', '\u0300', 'ﬁ', 'Ａ', '𝟘', 'Ω', 'µ', 'ß', 'İ', 'ς'),
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(
    '\u0000',
    '\uFEFF',
    '\u202E',
    '\uD800',
    '\r',
    '\r\n',
    '\t',
    '"',
    '/*',
    '*/',
    '//',
    '標準電池',
    'µ',
    'Ω',
    '²',
  ),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: index, length: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: index, length: fc.integer({ min: 1, max: 6 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swap' as const), a: index, b: index }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('number' as const),
      at: index,
      text: fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.double().map(String), fc.integer().map(String)),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('unit' as const), at: index, text: fc.constantFrom(...UNITS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at: index, text: strayText }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), fraction: position }) },
);

const isSpace = (t: string) => /^\s+$/.test(t) || t.startsWith('//') || t.startsWith('/*');
const isNumber = (t: string) => /^(\d|\.\d)/.test(t);
const isWord = (t: string) => /^[\p{L}_°µΩ]/u.test(t);

/** Indices of tokens that satisfy `pred`, or all indices if none does. */
function pick(tokens: readonly string[], at: number, pred: (t: string) => boolean): number {
  const candidates: number[] = [];
  tokens.forEach((t, i) => {
    if (pred(t)) candidates.push(i);
  });
  if (candidates.length === 0) return tokens.length === 0 ? 0 : at % tokens.length;
  return candidates[at % candidates.length]!;
}

export function applyMutation(tokens: string[], m: Mutation): string[] {
  const n = tokens.length;
  if (n === 0) return m.op === 'insert' ? [m.text] : tokens;
  const out = [...tokens];
  switch (m.op) {
    case 'delete': {
      const i = pick(out, m.at, (t) => !isSpace(t));
      out.splice(i, m.length);
      return out;
    }
    case 'duplicate': {
      const i = pick(out, m.at, (t) => !isSpace(t));
      out.splice(i, 0, ...out.slice(i, i + m.length));
      return out;
    }
    case 'swap': {
      const a = pick(out, m.a, (t) => !isSpace(t));
      const b = pick(out, m.b, (t) => !isSpace(t));
      [out[a], out[b]] = [out[b]!, out[a]!];
      return out;
    }
    case 'number': {
      out[pick(out, m.at, isNumber)] = m.text;
      return out;
    }
    case 'unit': {
      // The word after a number is its unit; replace it, or add one after a bare number.
      const i = pick(out, m.at, isNumber);
      const next = out[i + 1] === ' ' && out[i + 2] !== undefined && isWord(out[i + 2]!) ? i + 2 : -1;
      if (next >= 0) out[next] = m.text;
      else out.splice(i + 1, 0, ' ', m.text);
      return out;
    }
    case 'insert': {
      out.splice(m.at % (n + 1), 0, m.text);
      return out;
    }
    case 'truncate': {
      const text = out.join('');
      return tokenize(text.slice(0, Math.floor(text.length * m.fraction)));
    }
  }
}

/** A seed spec with 1–6 mutations applied, as text. */
export function mutantArb(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
    })
    .map(({ seed, mutations }) => {
      let tokens = tokenize(seeds[seed]!);
      for (const m of mutations) tokens = applyMutation(tokens, m);
      return tokens.join('');
    });
}

/** Deterministic input number `i` of a run with `seed`: the same index always gives the same text. */
export function nthInput(seeds: readonly string[], seed: number, i: number): string {
  // Building the arbitrary is costly (the grapheme table); build it once per seed list.
  let arb = arbitraries.get(seeds);
  if (!arb) arbitraries.set(seeds, (arb = mutantArb(seeds)));
  return fc.sample(arb, { seed: seed + i * 7919, numRuns: 1 })[0]!;
}

const arbitraries = new WeakMap<readonly string[], fc.Arbitrary<string>>();
