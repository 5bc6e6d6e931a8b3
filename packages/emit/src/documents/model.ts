/**
 * The neutral document model: what a controlled document says, independent of its form. The
 * assembler (`assemble.ts`) builds it from the IR; the HTML, Markdown, PDF and DOCX renderers
 * only lay it out, so the four forms of a document cannot say different things.
 */

import type { DocumentControlIR } from '@cellspec/physics';

export type DocumentStatus = 'draft' | 'in-review' | 'released' | 'obsolete';

/** The document-control block (ISO 9001 §7.5): identity, approval and history. */
export interface DocumentControl {
  readonly number: string;
  readonly title: string;
  readonly revision: string;
  readonly status: DocumentStatus;
  readonly effective?: string;
  readonly author?: string;
  readonly reviewer?: string;
  readonly approver?: string;
  /** The spec's history entries, as written (the IR's type). */
  readonly history: DocumentControlIR['history'];
}

/** What lets a printed copy be traced to its sources: printed on every page. */
export interface DocumentTrace {
  /** The source file, relative to where the build ran (`examples/cells/sb21.cellspec`). */
  readonly source: string;
  /** SHA-256 (hex) of the source file and every file it imports, in import order. */
  readonly sourceHash: string;
  readonly toolVersion: string;
}

/** What kind of document the file's declarations make. */
export type DocumentKind = 'cell-specification' | 'fabrication-procedure' | 'evaluation-procedure' | 'variant-delta';

export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  /** A small note in the reader's margin sense: assumptions, provenance. */
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  /** Label → value pairs (a summary sheet). */
  | { readonly type: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly type: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Relative column widths (sum arbitrary); equal when absent. */
      readonly widths?: readonly number[];
      /** Columns whose cells are numbers: right-aligned. */
      readonly numeric?: readonly number[];
    }
  /** A vector figure: SVG text with its natural size in CSS pixels. */
  | {
      readonly type: 'figure';
      readonly svg: string;
      readonly width: number;
      readonly height: number;
      readonly caption: string;
    };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Subsections, one level deep. */
  readonly subsections?: readonly Section[];
}

export interface ControlledDocument {
  readonly kind: DocumentKind;
  readonly control: DocumentControl;
  readonly trace: DocumentTrace;
  readonly sections: readonly Section[];
}

export const STATUS_LABEL: Readonly<Record<DocumentStatus, string>> = {
  draft: 'DRAFT',
  'in-review': 'IN REVIEW',
  released: 'RELEASED',
  obsolete: 'OBSOLETE',
};

export const KIND_LABEL: Readonly<Record<DocumentKind, string>> = {
  'cell-specification': 'Cell specification',
  'fabrication-procedure': 'Fabrication procedure',
  'evaluation-procedure': 'Evaluation procedure',
  'variant-delta': 'Variant evaluation (delta against its base)',
};

/** The watermark text of a document that is not released; none for a released one. */
export function watermarkOf(status: DocumentStatus): string | undefined {
  return status === 'released' ? undefined : STATUS_LABEL[status];
}

export const UNCONTROLLED_NOTICE = 'Uncontrolled when printed: check the register for the current revision.';

/** The trace line printed on every page. */
export function traceLine(trace: DocumentTrace): string {
  return `Source ${trace.source} · SHA-256 ${trace.sourceHash.slice(0, 16)} · cellspec ${trace.toolVersion}`;
}

/** The heading line: number, revision and status. */
export function identityLine(control: DocumentControl): string {
  return `${control.number} · Rev. ${control.revision} · ${STATUS_LABEL[control.status]}`;
}
