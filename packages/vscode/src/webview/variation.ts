/**
 * The preview's "Lot variation and sweep" section: a table of the lot's figures, the capacity
 * histogram and the sweep plot (SVG from the documents' chart definitions, as `<img>` data URLs),
 * and the Pareto front's points. Text goes in through `textContent` only.
 */
import type { VariationViewModel } from '../view-model/variation.js';
import { el } from './dom.js';

function table(columns: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const t = el('table');
  const head = el('tr');
  for (const c of columns) head.append(el('th', {}, c));
  t.append(el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((cell, i) => tr.append(el('td', i > 0 ? { class: 'num' } : {}, cell)));
    t.tBodies[0]!.append(tr);
  }
  return t;
}

function chart(src: string, alt: string): HTMLElement {
  const figure = el('figure', { class: 'variation-chart' });
  figure.append(el('img', { src, alt }), el('figcaption', {}, alt));
  return figure;
}

export function renderVariation(body: HTMLElement, m: VariationViewModel): void {
  const parts: HTMLElement[] = [el('h3', {}, m.cell)];
  if (m.lotSummary) {
    parts.push(el('p', { class: 'note' }, m.lotSummary));
    parts.push(
      table(
        ['figure', 'nominal', 'mean', 'σ', '±3σ', 'p5 … p95', 'largest share'],
        m.lotRows.map((r) => [r.label, r.nominal, r.mean, r.sigma, r.threeSigma, r.range, r.largest]),
      ),
    );
    if (m.yieldText) parts.push(el('p', {}, m.yieldText));
    if (m.lotChart) parts.push(chart(m.lotChart, `${m.cell}: capacity over the lot`));
  }
  if (m.sweepSummary) {
    parts.push(el('p', {}, m.sweepSummary));
    if (m.frontRows.length) parts.push(table(m.frontColumns, m.frontRows));
    if (m.sweepChart) parts.push(chart(m.sweepChart, `${m.cell}: the sweep and its Pareto front`));
  }
  for (const n of m.notes) parts.push(el('p', { class: 'note' }, n));
  body.replaceChildren(...parts);
}
