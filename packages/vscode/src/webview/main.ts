/**
 * The preview webview: draws the model the extension host sends. The page is built once; each
 * render updates text, the SVG cross-section and the charts in place (chart.js `update('none')`),
 * so typing never makes the preview flash. All text goes in through `textContent`.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type {
  ChartModel,
  CrossSectionModel,
  MetricRow,
  PreviewViewModel,
  ToWebview,
  FromWebview,
} from '../view-model/types.js';
import { renderVariation } from './variation.js';
import { el } from './dom.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Title,
  Tooltip,
);

declare function acquireVsCodeApi(): {
  postMessage(m: FromWebview): void;
  setState(s: unknown): void;
  getState(): unknown;
};
const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---- page skeleton -------------------------------------------------------------------------------
const app = document.getElementById('app')!;
app.replaceChildren();
const header = el('header');
const title = el('h1', { id: 'title' });
const subtitle = el('p', { id: 'subtitle', class: 'subtitle' });
header.append(title, subtitle);
const banner = el('div', { id: 'banner', class: 'banner', role: 'status' });
const problems = el('ul', { id: 'problems', class: 'problems' });

function section(id: string, heading: string): { root: HTMLElement; body: HTMLElement } {
  const root = el('section', { id });
  const body = el('div', { class: 'body' });
  root.append(el('h2', {}, heading), body);
  return { root, body };
}
const xs = section('cross-section', 'Cross-section');
const metrics = section('metrics', 'Design figures');
const targets = section('targets', 'Targets');
const comparison = section('comparison', 'Variant against base');
const charts = section('charts', 'Charts');
const analysisResults = el('div', { id: 'analysis-results' });
charts.body.before(analysisResults);
const content = el('div', { id: 'content' });
content.append(xs.root, metrics.root, targets.root, comparison.root, charts.root);
const variation = section('variation', 'Lot variation and sweep');
variation.root.hidden = true;
content.append(variation.root);
app.append(header, banner, problems, content);

// ---- cross-section ------------------------------------------------------------------------------
const xsSvg = svg('svg', { role: 'img', 'aria-label': 'Cell cross-section' }) as SVGSVGElement;
const xsCaption = el('p', { class: 'caption' });
const xsWarning = el('p', { class: 'warning' });
const xsFrame = el('div', { class: 'xs-frame', title: 'Click to zoom in or out' });
xsFrame.append(xsSvg);
xsFrame.addEventListener('click', () => xsFrame.classList.toggle('zoomed'));
xs.body.append(xsFrame, xsCaption, xsWarning);

function drawCrossSection(model: CrossSectionModel): void {
  xsSvg.setAttribute('viewBox', `0 0 ${model.width} ${model.height}`);
  // Scaled to the panel's width (the CSS), twice that when zoomed in with a click.
  xsSvg.removeAttribute('width');
  xsSvg.removeAttribute('height');
  const nodes: SVGElement[] = [];
  for (const l of model.layers) {
    const r = svg('rect', {
      x: l.x,
      y: l.y,
      width: l.width,
      height: Math.max(l.height, 0.5),
      class: `layer ${l.role} ${l.origin}`,
      'data-layer': l.id,
    });
    r.append(svg('title', {}, `${l.label}${l.material ? ` (${l.material})` : ''}: ${l.thicknessText}`));
    nodes.push(r);
  }
  for (const lab of model.labels) {
    nodes.push(
      svg('polyline', {
        points: `${lab.anchorX},${lab.anchorY} ${lab.anchorX + 14},${lab.anchorY} ${lab.x - 6},${lab.y} ${lab.x - 2},${lab.y}`,
        class: 'leader',
      }),
    );
    nodes.push(
      svg(
        'text',
        { x: lab.x, y: lab.y, class: 'label', 'dominant-baseline': 'middle', 'data-layer': lab.layerId },
        lab.text,
      ),
    );
  }
  if (model.scaleBar) {
    const b = model.scaleBar;
    nodes.push(svg('line', { x1: b.x, y1: b.y, x2: b.x + b.length, y2: b.y, class: 'scale' }));
    nodes.push(svg('line', { x1: b.x, y1: b.y - 4, x2: b.x, y2: b.y + 4, class: 'scale' }));
    nodes.push(svg('line', { x1: b.x + b.length, y1: b.y - 4, x2: b.x + b.length, y2: b.y + 4, class: 'scale' }));
    nodes.push(svg('text', { x: b.x + b.length + 6, y: b.y, class: 'label', 'dominant-baseline': 'middle' }, b.text));
  }
  xsSvg.replaceChildren(...nodes);
  xsCaption.textContent = model.caption;
  xsWarning.textContent = model.warning ?? '';
  xsWarning.hidden = !model.warning;
}

// ---- tables -------------------------------------------------------------------------------------
function table(headings: string[], rows: string[][], rowClass?: (i: number) => string): HTMLTableElement {
  const t = el('table');
  const thead = el('thead');
  const hr = el('tr');
  for (const h of headings) hr.append(el('th', {}, h));
  thead.append(hr);
  const tbody = el('tbody');
  rows.forEach((r, i) => {
    const tr = el('tr', rowClass ? { class: rowClass(i) } : {});
    for (const c of r) tr.append(el('td', {}, c));
    tbody.append(tr);
  });
  t.append(thead, tbody);
  return t;
}

function metricTable(rows: readonly MetricRow[], baseName: string | undefined, name: string): HTMLTableElement {
  if (baseName)
    return table(
      ['', name, baseName, 'change'],
      rows.map((r) => [r.label, r.value, r.base ?? '', r.change ?? '']),
    );
  return table(
    ['', 'value'],
    rows.map((r) => [r.label, r.value]),
  );
}

// ---- charts -------------------------------------------------------------------------------------
const chartObjects = new Map<string, { chart: Chart; box: HTMLElement; type: ChartModel['type'] }>();
/** The documents' colour for reference lines (0 V vs Li/Li⁺). */
const REFERENCE = '#b00';
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316'];

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function chartConfig(m: ChartModel): ChartConfiguration {
  const fg = themeColor('--vscode-foreground', '#333');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const datasets = m.datasets.map((d, i) => ({
    label: d.label,
    data: d.data as never,
    backgroundColor: d.style === 'reference' ? REFERENCE : PALETTE[i % PALETTE.length],
    borderColor: d.style === 'reference' ? REFERENCE : PALETTE[i % PALETTE.length],
    borderWidth: m.type === 'line' ? (d.style === 'reference' ? 1 : 2) : 0,
    ...(d.style === 'reference' ? { borderDash: [4, 3] } : {}),
    pointRadius: 0,
  }));
  const axis = (label: string, type?: 'linear' | 'category') => ({
    ...(type ? { type } : {}),
    title: { display: true, text: label, color: fg },
    ticks: { color: fg },
    grid: { color: grid },
  });
  return {
    type: m.type,
    data: { labels: m.categories ? [...m.categories] : undefined, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: m.horizontal ? 'y' : 'x',
      plugins: {
        title: { display: true, text: m.title, color: fg },
        legend: { labels: { color: fg }, display: m.datasets.length > 1 },
      },
      scales:
        m.type === 'line'
          ? { x: axis(m.xLabel, 'linear'), y: { ...axis(m.yLabel), ...(m.zeroY ? { beginAtZero: true } : {}) } }
          : m.horizontal
            ? { x: axis(m.xLabel), y: axis(m.yLabel) }
            : { x: axis(m.xLabel), y: axis(m.yLabel) },
    },
  } as ChartConfiguration;
}

function drawCharts(models: readonly ChartModel[]): void {
  const wanted = new Set(models.map((m) => m.id));
  for (const [id, c] of chartObjects) {
    if (!wanted.has(id)) {
      c.chart.destroy();
      c.box.remove();
      chartObjects.delete(id);
    }
  }
  for (const m of models) {
    const existing = chartObjects.get(m.id);
    const config = chartConfig(m);
    if (existing && existing.type === m.type) {
      existing.chart.data = config.data;
      existing.chart.options = config.options ?? {};
      existing.chart.update('none');
      charts.body.append(existing.box); // keeps the model's order
      continue;
    }
    existing?.chart.destroy();
    existing?.box.remove();
    const box = el('div', { class: `chart ${m.type}`, 'data-chart': m.id });
    const canvas = el('canvas', { 'aria-label': m.title, role: 'img' });
    box.append(canvas);
    charts.body.append(box);
    chartObjects.set(m.id, { chart: new Chart(canvas, config), box, type: m.type });
  }
}

// ---- render -------------------------------------------------------------------------------------
let hasContent = false;

function render(model: PreviewViewModel): void {
  banner.textContent = model.banner ?? '';
  banner.hidden = !model.banner;
  banner.className = `banner ${model.state}`;
  problems.replaceChildren(
    ...model.problems.slice(0, 10).map((p) => {
      const li = el('li');
      const a = el('a', { href: '#', 'data-line': String(p.line) }, `line ${p.line + 1}: ${p.text}`);
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        vscode.postMessage({ type: 'reveal-line', line: p.line });
      });
      li.append(a);
      return li;
    }),
  );
  problems.hidden = model.problems.length === 0;

  // While the spec has errors and nothing resolves, keep the last good drawing, dimmed.
  if (!model.crossSection && model.state === 'errors' && hasContent) {
    content.classList.add('stale');
    return;
  }
  content.classList.toggle('stale', model.state === 'errors');
  title.textContent = model.title;
  subtitle.textContent = model.subtitle ?? '';

  xs.root.hidden = !model.crossSection;
  if (model.crossSection) drawCrossSection(model.crossSection);

  const name = model.title.split(' — ')[0] ?? model.title;
  metrics.root.hidden = model.metrics.length === 0 && !model.metricsNote;
  metrics.body.replaceChildren(
    ...(model.metrics.length ? [metricTable(model.metrics, model.baseName, name)] : []),
    ...(model.metricsNote ? [el('p', { class: 'note' }, model.metricsNote)] : []),
  );
  targets.root.hidden = model.targets.length === 0;
  targets.body.replaceChildren(
    table(
      ['target', 'design', ''],
      model.targets.map((t) => [
        t.text,
        t.actual,
        t.status === 'met' ? '✓ met' : t.status === 'missed' ? '✗ missed' : '–',
      ]),
      (i) => model.targets[i]!.status,
    ),
  );
  comparison.root.hidden = !model.baseName;
  comparison.body.replaceChildren(
    model.comparison.length
      ? table(
          ['', name, model.baseName ?? 'base'],
          model.comparison.map((r) => [r.label, r.value, r.base ?? '']),
        )
      : el('p', { class: 'note' }, `Same materials and electrode parameters as ${model.baseName ?? 'the base'}.`),
  );
  charts.root.hidden = model.charts.length === 0 && !model.analysesNote && model.analysisRows.length === 0;
  const results = model.analysisRows.length
    ? table(
        ['analysis', 'run', 'capacity', 'mean voltage', 'peak temperature', ''],
        model.analysisRows.map((r) => [
          r.analysis,
          r.run,
          r.capacity,
          r.meanVoltage,
          r.peakTemperature,
          r.status === 'missed' ? `✗ ${r.remark}` : '✓',
        ]),
        (i) => model.analysisRows[i]!.status,
      )
    : undefined;
  analysisResults.replaceChildren(...(results ? [results] : []));
  drawCharts(model.charts);
  const note = charts.root.querySelector('p.note') ?? el('p', { class: 'note' });
  note.textContent = model.analysesNote ?? '';
  charts.root.append(note);
  hasContent = model.state === 'ok' || model.state === 'errors';
  document.body.dataset.state = model.state;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m.type === 'render') render(m.model);
  if (m.type === 'variation') {
    renderVariation(variation.body, m.model);
    variation.root.hidden = false;
  }
  if (m.type === 'focus') document.getElementById(m.section)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
vscode.postMessage({ type: 'ready' });
