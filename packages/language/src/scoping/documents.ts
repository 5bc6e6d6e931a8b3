/**
 * The workspace's documents, with the list of all of them kept between changes: every keystroke
 * asks for it twice (which documents to relink, which to rebuild), and collecting it from the URI
 * trie anew walks every folder of the workspace.
 */
import { DefaultLangiumDocuments, stream, type LangiumDocument, type Stream, type URI } from 'langium';

export class CellSpecLangiumDocuments extends DefaultLangiumDocuments {
  private allDocuments: LangiumDocument[] | undefined;

  override get all(): Stream<LangiumDocument> {
    this.allDocuments ??= this.documentTrie.all();
    return stream(this.allDocuments);
  }

  override addDocument(document: LangiumDocument): void {
    this.allDocuments = undefined;
    super.addDocument(document);
  }

  override deleteDocument(uri: URI): LangiumDocument | undefined {
    this.allDocuments = undefined;
    return super.deleteDocument(uri);
  }

  override deleteDocuments(folder: URI): LangiumDocument[] {
    this.allDocuments = undefined;
    return super.deleteDocuments(folder);
  }
}
