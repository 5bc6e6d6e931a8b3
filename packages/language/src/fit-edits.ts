/**
 * Edits that write fitted parameter values into a spec, each with the source "fitted to FILE
 * (date, RMSE)": the property where the fit-parameter table (`physics/fit/parameters.ts`) says
 * it lives — a cell property, a property of the cell's cathode or anode block, or a property of
 * the electrode's active material (and `activation` for activation energies). An existing
 * property is replaced whole (value, activation and source; its other part is kept as written),
 * a missing one is added as the block's last line. A material of the built-in library cannot be
 * edited: that value is reported, not written.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { FittedParameter, SpecTarget } from '@cellspec/physics';
import {
  isCell,
  isComposition,
  isElectrode,
  isMaterial,
  isProperty,
  isVariant,
  type Cell,
  type Material,
  type Property,
  type Spec,
  type Variant,
} from './generated/ast.js';
import { isBuiltinUri } from './scoping/builtin-library.js';

/** One text edit: 0-based offsets into the document's text. */
export interface SpecEdit {
  readonly document: LangiumDocument;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /** `interface-resistance of cell SB21`, for people. */
  readonly what: string;
}

export interface FitEdits {
  readonly edits: readonly SpecEdit[];
  /** Values that could not be written, and why. */
  readonly notWritten: readonly string[];
}

/** The source text a fitted value carries: `fitted to pulses.csv (2026-12-03, RMSE 1.1 mV)`. */
export function fittedSource(dataFiles: readonly string[], date: Date, rmse: number): string {
  return `fitted to ${dataFiles.join(', ')} (${date.toISOString().slice(0, 10)}, RMSE ${+(rmse * 1e3).toPrecision(3)} mV)`;
}

/** A number as the spec writes it: 4 significant figures, exponent form for very small or large values. */
function numberText(value: number): string {
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(+value.toPrecision(4));
}

const text = (node: AstNode | undefined) => node?.$cstNode?.text;

interface Change {
  value?: string;
  activation?: string;
}

/** The container node a target's property lives in, or why none can take it. */
function containerOf(
  cell: Cell | Variant,
  target: SpecTarget,
  documents: readonly LangiumDocument<Spec>[],
): AstNode | { readonly problem: string } {
  if (target.at === 'cell') return cell;
  // Electrodes are declared on a cell; a variant that does not restate one inherits its base's.
  let owner: Cell | Variant | undefined = cell;
  let electrode;
  while (owner && !electrode) {
    electrode = owner.members.find((m) => isElectrode(m) && m.role === target.electrode);
    owner = isVariant(owner) ? (owner.base.ref as Cell | Variant | undefined) : undefined;
  }
  if (!electrode || !isElectrode(electrode)) return { problem: `cell ${cell.name} declares no ${target.electrode}` };
  if (target.at === 'electrode') return electrode;
  const kind = target.electrode === 'cathode' ? 'cathode-active' : 'anode-active';
  const composition = electrode.members.find(isComposition);
  const lithiumMetal = electrode.members.some((m) => 'flag' in m && m.flag === 'lithium-metal');
  const materials = (composition?.components ?? []).map((c) => c.material.ref).filter((m): m is Material => !!m);
  const active = materials.find((m) => m.kind === kind) ?? (lithiumMetal ? materials[0] : undefined);
  if (!active) return { problem: `the ${target.electrode} of ${cell.name} has no ${kind} material` };
  const document = AstUtils.getDocument(active);
  if (isBuiltinUri(document.uri))
    return {
      problem: `${active.name} is a built-in material: copy it into a spec file (material ${active.name} … extends ${active.name}) to keep a fitted ${target.property}`,
    };
  if (!documents.includes(document as LangiumDocument<Spec>) && documents.length > 0)
    return { problem: `${active.name} is declared outside the loaded files` };
  return active;
}

function propertyIn(container: AstNode, name: string): Property | undefined {
  const members = (container as unknown as { members?: AstNode[] }).members ?? [];
  return members.find((m): m is Property => isProperty(m) && m.name === name);
}

/** Edits for the fitted values of `cellName`; `source` is the text for each property's `source`. */
export function fitEdits(
  documents: readonly LangiumDocument<Spec>[],
  cellName: string,
  fitted: readonly FittedParameter[],
  source: string,
): FitEdits {
  const cell = documents
    .flatMap((d) => d.parseResult.value.elements)
    .find((e): e is Cell | Variant => (isCell(e) || isVariant(e)) && e.name === cellName);
  if (!cell) return { edits: [], notWritten: [`no cell ${cellName} in the loaded files`] };
  // Group value and activation of one property into one edit.
  const changes = new Map<AstNode, Map<string, Change & { unit: string; what: string[] }>>();
  const notWritten: string[] = [];
  for (const f of fitted) {
    const container = containerOf(cell, f.spec, documents);
    if ('problem' in container) {
      notWritten.push(`${f.name}: ${container.problem}`);
      continue;
    }
    const byProperty = changes.get(container) ?? new Map();
    changes.set(container, byProperty);
    const entry = byProperty.get(f.spec.property) ?? { unit: '', what: [] };
    const written = `${numberText(f.specValue * f.unit.perSi)}${f.unit.text ? ` ${f.unit.text}` : ''}`;
    if ('part' in f.spec && f.spec.part === 'activation') entry.activation = written;
    else {
      entry.value = written;
      entry.unit = f.unit.text;
    }
    entry.what.push(f.name);
    byProperty.set(f.spec.property, entry);
  }
  const edits: SpecEdit[] = [];
  for (const [container, byProperty] of changes) {
    const document = AstUtils.getDocument(container);
    const content = document.textDocument.getText();
    const label =
      isCell(container) || isVariant(container)
        ? `cell ${cellName}`
        : isMaterial(container)
          ? `material ${container.name}, shared by every cell that uses it`
          : `the ${(container as { role?: string }).role} of ${cellName}`;
    for (const [name, change] of byProperty) {
      const existing = propertyIn(container, name);
      const value = change.value ?? text(existing?.value);
      if (value === undefined) {
        notWritten.push(
          `${change.what.join(', ')}: ${label} states no ${name} to give an activation energy to; fit ${name} too or write it first`,
        );
        continue;
      }
      const activation = change.activation ?? text(existing?.activation);
      const line = `${name} ${value}${activation ? ` activation ${activation}` : ''} source ${JSON.stringify(source)}`;
      const what = `${name} of ${label}`;
      if (existing?.$cstNode) {
        edits.push({ document, start: existing.$cstNode.offset, end: existing.$cstNode.end, newText: line, what });
        continue;
      }
      // A new last line of the block, indented like its first member (or two spaces in from the block).
      const node = container.$cstNode!;
      const close = content.lastIndexOf('}', node.end);
      const lineStart = content.lastIndexOf('\n', close - 1) + 1;
      const closeIndent = /^[ \t]*/.exec(content.slice(lineStart))![0];
      const firstMember = (container as unknown as { members?: AstNode[] }).members?.[0]?.$cstNode;
      const memberIndent = firstMember
        ? /^[ \t]*/.exec(content.slice(content.lastIndexOf('\n', firstMember.offset - 1) + 1))![0]
        : `${closeIndent}  `;
      const onOwnLine = content.slice(lineStart, close).trim() === '';
      edits.push(
        onOwnLine
          ? { document, start: lineStart, end: lineStart, newText: `${memberIndent}${line}\n`, what }
          : { document, start: close, end: close, newText: ` ${line} `, what },
      );
    }
  }
  return { edits, notWritten };
}

/** `text` with `edits` (of one document) applied; edits must not overlap. */
export function applyEdits(text: string, edits: readonly Pick<SpecEdit, 'start' | 'end' | 'newText'>[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}
