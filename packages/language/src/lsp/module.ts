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
import { CellSpecRenameProvider } from './rename.js';
import { CellSpecSemanticTokenProvider } from './semantic-tokens.js';
import { CellSpecDocumentSymbolProvider } from './symbols.js';
import { CellSpecInlayHintProvider } from './inlay-hints.js';
import { AnalysisInlayHintProvider, analysisHoverContributor } from '../analysis/editor.js';
import { CellSpecCodeActionProvider } from './code-actions.js';
import { CellSpecCodeLensProvider } from './code-lens.js';
import { cellHoverContributor } from './cell-hover.js';
import { procedureHoverContributor } from './procedure-hover.js';
import { designKeywordHoverContributor } from './design-keyword-hover.js';
import { packHoverContributor } from './pack-hover.js';

/** Editor services cellspec adds to Langium's `lsp` group. */
export type CellSpecLspAddedServices = {
  lsp: { HoverContributors: HoverContributors };
};

export const CellSpecLspModule: Module<CellSpecServices, PartialLangiumServices & CellSpecLspAddedServices> = {
  lsp: {
    HoverContributors: (services) => {
      const contributors = createHoverContributors(services);
      contributors.add(cellHoverContributor(services));
      contributors.add(procedureHoverContributor(services));
      contributors.add(analysisHoverContributor(services));
      contributors.add(designKeywordHoverContributor());
      contributors.add(packHoverContributor(services));
      return contributors;
    },
    HoverProvider: (services) => new CellSpecHoverProvider(services),
    CompletionProvider: (services) => new CellSpecCompletionProvider(services),
    Formatter: () => new CellSpecFormatter(),
    DocumentSymbolProvider: () => new CellSpecDocumentSymbolProvider(),
    FoldingRangeProvider: () => new CellSpecFoldingRangeProvider(),
    SemanticTokenProvider: (services) => new CellSpecSemanticTokenProvider(services),
    RenameProvider: (services) => new CellSpecRenameProvider(services),
    InlayHintProvider: (services) => new AnalysisInlayHintProvider(new CellSpecInlayHintProvider(services), services),
    CodeActionProvider: (services) => new CellSpecCodeActionProvider(services),
    CodeLensProvider: (services) => new CellSpecCodeLensProvider(services),
  },
};
