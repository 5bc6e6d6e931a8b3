/**
 * Workspace services that keep the built-in library and imported files in every build, whether
 * the documents come from an editor, the CLI or an in-memory test.
 */
import {
  DefaultDocumentBuilder, DefaultWorkspaceManager, DocumentState,
  type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type WorkspaceFolder,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { builtinLibraryDocument } from './builtin-library.js';
import { importCandidates, importsOf } from './imports.js';
import { importRefusal } from '../workspace-files.js';

export class CellSpecWorkspaceManager extends DefaultWorkspaceManager {
  private readonly shared: LangiumSharedCoreServices;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.shared = services;
  }

  protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
    collector(builtinLibraryDocument(this.shared));
  }
}

export class CellSpecDocumentBuilder extends DefaultDocumentBuilder {
  private readonly shared: LangiumSharedCoreServices;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.shared = services;
  }

  /**
   * Adds the built-in library and any imported file not yet loaded (read through the file-system
   * provider, transitively) to the documents being built, so references into them can link.
   */
  protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
    const all = [...documents];
    const included = new Set(all.map((d) => d.uri.toString()));
    const include = (doc: LangiumDocument): void => {
      if (included.has(doc.uri.toString())) return;
      included.add(doc.uri.toString());
      if (doc.state < DocumentState.Validated) all.push(doc);
    };
    include(builtinLibraryDocument(this.shared));
    for (let i = 0; i < all.length; i++) {
      const doc = all[i]!;
      if (doc.state < DocumentState.Parsed) continue;
      for (const imp of importsOf(doc)) {
        if (!imp.path) continue;
        const loaded = await this.loadImport(doc, imp.path);
        if (loaded) include(loaded);
      }
    }
    await super.buildDocuments(all, options, cancelToken);
  }

  /** A document whose import names a changed file relinks too: the file may just have appeared. */
  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    if (super.shouldRelink(document, changedUris)) return true;
    return importsOf(document).some((imp) => imp.path !== undefined && importCandidates(document.uri, imp.path).some((uri) => changedUris.has(uri.toString())));
  }

  private async loadImport(importer: LangiumDocument, path: string): Promise<LangiumDocument | undefined> {
    if (importRefusal(this.shared, path, importer.uri)) return undefined; // leaves the workspace: never read
    const candidates = importCandidates(importer.uri, path);
    for (const uri of candidates) {
      const existing = this.langiumDocuments.getDocument(uri);
      if (existing) return existing;
    }
    for (const uri of candidates) {
      try {
        return await this.langiumDocuments.getOrCreateDocument(uri);
      } catch {
        // Not on disk (or no file system, as in tests): the import is reported as unknown.
      }
    }
    return undefined;
  }
}
