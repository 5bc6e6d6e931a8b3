/**
 * Dependency-injection wiring of the cellspec language services. Each feature lives in its own
 * module file; this file only says which class serves which role.
 */
import { UnitLexer } from './unit-lexer.js';
import { inject, type Module } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
  type PartialLangiumSharedServices,
} from 'langium/lsp';
import { CellSpecDocumentUpdateHandler } from './scoping/build-pipeline.js';
import { CellSpecLangiumDocuments } from './scoping/documents.js';
import { guardNesting } from './nesting-guard.js';
import { createCellSpecParser } from './cellspec-parser.js';
import { CompactAstNodeDescriptionProvider } from './memory/node-descriptions.js';
import { CompactValueConverter } from './memory/value-converter.js';
import {
  CellSpecGeneratedModule,
  CellSpecGeneratedSharedModule,
  CellSpecLanguageMetaData,
} from './generated/module.js';
import { PARSER_MODE } from './parser-mode.js';
import { CellSpecValidator, registerValidationChecks } from './validator.js';
import { Evaluator } from './evaluate.js';
import { DocumentCaches } from './document-caches.js';
import { CellSpecScopingModule, CellSpecSharedScopingModule } from './scoping/module.js';
import { CellSpecLspModule, type CellSpecLspAddedServices } from './lsp/module.js';

/** Services cellspec adds to Langium's. */
export type CellSpecAddedServices = {
  validation: { CellSpecValidator: CellSpecValidator };
  evaluation: { Evaluator: Evaluator };
  caches: { Documents: DocumentCaches };
};

export type CellSpecServices = LangiumServices & CellSpecAddedServices & CellSpecLspAddedServices;

export const CellSpecModule: Module<CellSpecServices, PartialLangiumServices & CellSpecAddedServices> = {
  validation: { CellSpecValidator: () => new CellSpecValidator() },
  evaluation: { Evaluator: (services) => new Evaluator(services) },
  caches: { Documents: (services) => new DocumentCaches(services.shared) },
  workspace: { AstNodeDescriptionProvider: (services) => new CompactAstNodeDescriptionProvider(services) },
  parser: {
    ValueConverter: () => new CompactValueConverter(),
    Lexer: (services) => new UnitLexer(services),
    LangiumParser: (services) => createCellSpecParser(services),
  },
  LanguageMetaData: () => ({ ...CellSpecLanguageMetaData, mode: PARSER_MODE }),
};

/** Edits reach the document builder as they arrive, so requests never answer from an outdated parse. */
const CellSpecSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  lsp: { DocumentUpdateHandler: (services) => new CellSpecDocumentUpdateHandler(services) },
  workspace: { LangiumDocuments: (services) => new CellSpecLangiumDocuments(services) },
};

/** Creates the shared and language services; `context.fileSystemProvider` decides Node or in-memory. */
export function createCellSpecServices(context: DefaultSharedModuleContext): {
  shared: LangiumSharedServices;
  CellSpec: CellSpecServices;
} {
  const shared = inject(
    createDefaultSharedModule(context),
    CellSpecGeneratedSharedModule,
    CellSpecSharedScopingModule,
    CellSpecSharedLspModule,
  );
  const CellSpec = inject(
    createDefaultModule({ shared }),
    CellSpecGeneratedModule,
    CellSpecModule,
    CellSpecScopingModule,
    CellSpecLspModule,
  );
  guardNesting(CellSpec);
  shared.ServiceRegistry.register(CellSpec);
  registerValidationChecks(CellSpec);
  if (!context.connection) {
    // Without a language client nobody sends configuration; mark it ready so builds can run.
    void shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, CellSpec };
}
