/**
 * Unresolved references in an engineer's words. When the name is declared in another file of the
 * workspace, the message says which one and which import makes it visible; otherwise it offers
 * the closest visible name.
 */
import {
  AstUtils,
  DefaultLinker,
  type AstNodeDescription,
  type IndexManager,
  type LinkingError,
  type ReferenceInfo,
  type ScopeProvider,
} from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { isBuiltinUri } from './builtin-library.js';
import { relativeImportPath } from './imports.js';
import { editDistance } from '../validation/syntax-messages.js';

const WHAT: Record<string, string> = {
  Material: 'material',
  Referable: 'constant or material',
  CellLike: 'cell or variant',
  Constant: 'constant',
  Cell: 'cell',
};

export class CellSpecLinker extends DefaultLinker {
  private readonly index: IndexManager;
  private readonly scopes: ScopeProvider;

  constructor(services: CellSpecServices) {
    super(services);
    this.index = services.shared.workspace.IndexManager;
    this.scopes = services.references.ScopeProvider;
  }

  override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
    const error = super.createLinkingError(refInfo, targetDescription);
    try {
      return { ...error, message: this.explain(refInfo) };
    } catch {
      return error;
    }
  }

  private explain(refInfo: ReferenceInfo): string {
    const name = refInfo.reference.$refText;
    const type = this.reflection.getReferenceType(refInfo);
    const what = WHAT[type] ?? type.toLowerCase();
    const document = AstUtils.getDocument(refInfo.container);
    const here = document.uri.toString();
    const elsewhere = this.index
      .allElements(type)
      .filter((d) => d.name === name && d.documentUri.toString() !== here && !isBuiltinUri(d.documentUri))
      .toArray();
    if (elsewhere.length > 0) {
      const path = relativeImportPath(document.uri, elsewhere[0]!.documentUri);
      return `${what} '${name}' is declared in ${path}, which this file does not import; add: import "${path}"`;
    }
    const suggestion = this.closestVisibleName(refInfo, name);
    return `no ${what} named '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
  }

  private closestVisibleName(refInfo: ReferenceInfo, name: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
    for (const d of this.scopes.getScope(refInfo).getAllElements()) {
      const distance = editDistance(name.toLowerCase(), d.name.toLowerCase());
      if (distance < bestDistance) {
        best = d.name;
        bestDistance = distance;
      }
    }
    return best;
  }
}
