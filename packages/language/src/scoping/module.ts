/**
 * Wiring of scoping, imports, the built-in library and diagnostic codes into Langium's services.
 */
import type { Module } from 'langium';
import type { LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import type { CellSpecServices } from '../cellspec-module.js';
import { CellSpecDocumentValidator } from '../validation/document-validator.js';
import { CellSpecLinker } from './linker.js';
import { CellSpecScopeProvider } from './scope-provider.js';
import { DeferredParsingWorkspaceManager, SlicedDocumentBuilder } from '../memory/bounded-build.js';

export const CellSpecScopingModule: Module<CellSpecServices, PartialLangiumServices> = {
  references: {
    ScopeProvider: (services) => new CellSpecScopeProvider(services),
    Linker: (services) => new CellSpecLinker(services),
  },
  validation: {
    DocumentValidator: (services) => new CellSpecDocumentValidator(services),
  },
};

export const CellSpecSharedScopingModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  workspace: {
    DocumentBuilder: (services) => new SlicedDocumentBuilder(services),
    WorkspaceManager: (services) => new DeferredParsingWorkspaceManager(services),
  },
};
