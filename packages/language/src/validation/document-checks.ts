/**
 * Document control (ISO 9001 §7.5) on `document { … }` blocks: a released document names its
 * approver and effective date and lists its current revision in its history; it imports no
 * draft or obsolete document; no two files share a document number; and importing an obsolete
 * document is flagged wherever it happens.
 */
import { AstUtils, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isDocumentControl,
  isHistory,
  isSpec,
  isStatus,
  isTextField,
  type CellSpecAstType,
  type DocumentControl,
  type Spec,
  type TextField,
} from '../generated/ast.js';
import { resolveImport } from '../scoping/imports.js';
import { relativeImportPath } from '../scoping/imports.js';
import { Code } from './codes.js';

type Status = 'draft' | 'in-review' | 'released' | 'obsolete';

interface ControlSummary {
  readonly node: DocumentControl;
  readonly number?: string;
  readonly status?: Status;
}

const summaries = new WeakMap<object, ControlSummary | null>();

/** The document block of a parsed file, summarised once per parse (the AST root). */
export function documentControlOf(document: LangiumDocument | undefined): ControlSummary | undefined {
  const root = document?.parseResult?.value;
  if (!isSpec(root)) return undefined;
  let summary = summaries.get(root);
  if (summary === undefined) {
    const node = root.elements.find(isDocumentControl);
    summary = node
      ? {
          node,
          ...optional('number', field(node, 'number')?.value),
          ...optional('status', node.members.find(isStatus)?.value as Status | undefined),
        }
      : null;
    summaries.set(root, summary);
  }
  return summary ?? undefined;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

const field = (node: DocumentControl, key: string): TextField | undefined =>
  node.members.find((m): m is TextField => isTextField(m) && m.key === key);

export function documentChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const documents = services.shared.workspace.LangiumDocuments;
  return {
    DocumentControl: (node, accept) => {
      checkApproval(node, accept);
      checkHistory(node, accept);
      checkUniqueNumber(node, accept, documents);
    },
    Spec: (node, accept) => checkImports(node, accept, documents),
  };
}

function statusOf(node: DocumentControl): Status | undefined {
  return node.members.find(isStatus)?.value as Status | undefined;
}

function checkApproval(node: DocumentControl, accept: ValidationAcceptor): void {
  const status = node.members.find(isStatus);
  if (status?.value !== 'released') return;
  const missing = ['approver', 'effective'].filter((key) => !field(node, key)?.value?.trim());
  if (missing.length === 0) return;
  const words = missing.map((m) => (m === 'effective' ? 'an effective date' : 'an approver'));
  accept(
    'error',
    `a released document needs ${words.join(' and ')} (add ${missing.map((m) => `\`${m} "…"\``).join(' and ')})`,
    {
      node: status,
      code: Code.DocumentApproval,
    },
  );
}

function checkHistory(node: DocumentControl, accept: ValidationAcceptor): void {
  const revision = field(node, 'revision');
  if (!revision) return;
  const entries = node.members.filter(isHistory).flatMap((h) => h.entries);
  if (entries.some((e) => e.revision === revision.value)) return;
  const released = statusOf(node) === 'released';
  accept(
    released ? 'error' : 'warning',
    `revision "${revision.value}" is not in the document's history; add \`revision "${revision.value}" date "…": "what changed"\` to \`history { … }\``,
    { node: revision, property: 'value', code: Code.DocumentHistory },
  );
}

function checkUniqueNumber(
  node: DocumentControl,
  accept: ValidationAcceptor,
  documents: CellSpecServices['shared']['workspace']['LangiumDocuments'],
): void {
  const number = field(node, 'number');
  if (!number) return;
  const own = AstUtils.getDocument(node);
  for (const other of documents.all) {
    if (other === own || other.uri.toString() === own.uri.toString()) continue;
    if (documentControlOf(other)?.number !== number.value) continue;
    accept('error', `document number "${number.value}" is also used by ${relativeImportPath(own.uri, other.uri)}`, {
      node: number,
      property: 'value',
      code: Code.DocumentNumberDuplicate,
    });
    return;
  }
}

function checkImports(
  spec: Spec,
  accept: ValidationAcceptor,
  documents: CellSpecServices['shared']['workspace']['LangiumDocuments'],
): void {
  if (spec.imports.length === 0) return;
  const own = AstUtils.getDocument(spec);
  const ownStatus = documentControlOf(own)?.status;
  for (const imp of spec.imports) {
    const target = resolveImport(documents, own.uri, imp);
    const control = documentControlOf(target);
    if (!target || !control?.status) continue;
    const name = `${control.number ?? relativeImportPath(own.uri, target.uri)}`;
    if (ownStatus === 'released' && (control.status === 'draft' || control.status === 'obsolete')) {
      accept(
        'error',
        `a released document must not import ${control.status === 'draft' ? 'a draft' : 'an obsolete'} one (${name} is ${control.status})`,
        {
          node: imp,
          property: 'path',
          code: Code.DocumentImportStatus,
        },
      );
    } else if (control.status === 'obsolete') {
      accept('warning', `${name} is obsolete; import its replacement`, {
        node: imp,
        property: 'path',
        code: Code.DocumentObsoleteImport,
      });
    }
  }
}
