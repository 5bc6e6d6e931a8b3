/**
 * The editor services of cellspec (hover, completion, outline, folding, formatting, semantic
 * tokens). Merged into the language services by `createCellSpecServices`.
 */
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { CellSpecServices } from '../cellspec-module.js';
import { CellSpecCompletionProvider } from './completion.js';
import { CellSpecFoldingRangeProvider } from './folding.js';
import { CellSpecFormatter } from './formatter.js';
import { CellSpecHoverProvider, createHoverContributors, type HoverContributors } from './hover.js';
import { CellSpecSemanticTokenProvider } from './semantic-tokens.js';
import { CellSpecDocumentSymbolProvider } from './symbols.js';

/** Editor services cellspec adds to Langium's `lsp` group. */
export type CellSpecLspAddedServices = {
  lsp: { HoverContributors: HoverContributors };
};

export const CellSpecLspModule: Module<CellSpecServices, PartialLangiumServices & CellSpecLspAddedServices> = {
  lsp: {
    HoverContributors: (services) => createHoverContributors(services),
    HoverProvider: (services) => new CellSpecHoverProvider(services),
    CompletionProvider: (services) => new CellSpecCompletionProvider(services),
    Formatter: () => new CellSpecFormatter(),
    DocumentSymbolProvider: () => new CellSpecDocumentSymbolProvider(),
    FoldingRangeProvider: () => new CellSpecFoldingRangeProvider(),
    SemanticTokenProvider: (services) => new CellSpecSemanticTokenProvider(services),
  },
};
