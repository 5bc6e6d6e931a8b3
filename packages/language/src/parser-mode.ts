/**
 * Whether the parser and lexer run chevrotain's grammar self-checks when they are created
 * (Langium's `LanguageMetaData.mode`). The checks find ambiguities in a grammar while it is being
 * changed; they cost ~0.3 s of every process start. The grammar is fixed when a bundle is built,
 * so the bundles (`scripts/build.mjs` defines `CELLSPEC_BUNDLED`) skip them, while the tests,
 * which run from source, check the grammar on every parser they create.
 */
declare const CELLSPEC_BUNDLED: boolean | undefined;

export const PARSER_MODE: 'production' | 'development' =
  typeof CELLSPEC_BUNDLED !== 'undefined' && CELLSPEC_BUNDLED ? 'production' : 'development';
