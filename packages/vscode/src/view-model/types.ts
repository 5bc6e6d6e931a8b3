/**
 * What the webview draws: plain, pre-formatted data. The extension host shapes it from the
 * server's preview data and the user's settings; the webview only renders, so everything worth
 * testing happens here, outside the browser.
 */
import type { VariationViewModel } from './variation.js';

export type LayerRole = 'packaging' | 'collector' | 'cathode' | 'anode' | 'electrolyte';

export interface LayerRect {
  readonly id: string;
  readonly role: LayerRole;
  /** "Cathode coating", "Al collector". */
  readonly label: string;
  readonly material?: string | undefined;
  /** SI thickness, m; undefined when neither the spec nor the calculator gives one. */
  readonly thickness?: number | undefined;
  readonly thicknessText: string;
  /** Where the thickness came from: written in the spec, derived, or unknown (drawn dashed). */
  readonly origin: 'spec' | 'computed' | 'unknown';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LayerLabel {
  readonly layerId: string;
  readonly text: string;
  /** Label text position, and the point on the layer its leader line ends. */
  readonly x: number;
  readonly y: number;
  readonly anchorX: number;
  readonly anchorY: number;
}

export interface CrossSectionModel {
  readonly width: number;
  readonly height: number;
  readonly layers: readonly LayerRect[];
  readonly labels: readonly LayerLabel[];
  /** A scale bar of a round length. */
  readonly scaleBar?:
    { readonly x: number; readonly y: number; readonly length: number; readonly text: string } | undefined;
  /** "Unit cell; the stack repeats it 10 times", "Total 168 µm". */
  readonly caption: string;
  /** Set when some layers have no thickness and are drawn at a nominal height. */
  readonly warning?: string | undefined;
}

export interface MetricRow {
  readonly label: string;
  readonly value: string;
  /** Variant preview: the base cell's value and the relative change. */
  readonly base?: string | undefined;
  readonly change?: string | undefined;
}

export interface TargetRow {
  readonly text: string;
  readonly actual: string;
  readonly status: 'met' | 'missed' | 'unknown';
}

export interface ChartDataset {
  readonly label: string;
  /** Bar charts: one value per category label; line charts: x/y points. */
  readonly data: readonly number[] | readonly { readonly x: number; readonly y: number }[];
  /** A reference line (0 V vs Li/Li⁺), drawn dashed in red rather than as a result. */
  readonly style?: 'reference';
}

export interface ChartModel {
  readonly id: string;
  readonly title: string;
  readonly type: 'bar' | 'line';
  readonly xLabel: string;
  readonly yLabel: string;
  readonly categories?: readonly string[] | undefined;
  readonly datasets: readonly ChartDataset[];
  /** Horizontal bars read better for long category names. */
  readonly horizontal?: boolean | undefined;
  /** Line charts: start the y axis at zero (the anode potential against its 0 V line). */
  readonly zeroY?: boolean | undefined;
}

export interface PreviewViewModel {
  readonly state: 'ok' | 'errors' | 'no-cell' | 'waiting';
  readonly title: string;
  readonly subtitle?: string | undefined;
  /** Banner text: errors in the spec, missing cell, missing calculator. */
  readonly banner?: string | undefined;
  readonly problems: readonly { readonly text: string; readonly line: number }[];
  readonly crossSection?: CrossSectionModel | undefined;
  readonly metrics: readonly MetricRow[];
  readonly metricsNote?: string | undefined;
  readonly targets: readonly TargetRow[];
  /** Name of the base cell when the cell is a variant (the metrics rows then carry base values). */
  readonly baseName?: string | undefined;
  readonly comparison: readonly MetricRow[];
  readonly charts: readonly ChartModel[];
  /** One row per simulated run of the cell's analyses, for the results table. */
  readonly analysisRows: readonly AnalysisRow[];
  readonly analysesNote?: string | undefined;
}

export interface AnalysisRow {
  readonly analysis: string;
  readonly run: string;
  readonly capacity: string;
  readonly meanVoltage: string;
  readonly peakTemperature: string;
  /** `missed` when the run failed or an analysis finding reports lithium plating. */
  readonly status: 'met' | 'missed' | 'unknown';
  readonly remark: string;
}

/** Messages from the extension host to the webview, and back. */
export type ToWebview =
  | { readonly type: 'render'; readonly model: PreviewViewModel }
  | { readonly type: 'focus'; readonly section: 'comparison' | 'charts' | 'cross-section' | 'variation' }
  | { readonly type: 'variation'; readonly model: VariationViewModel };

export type FromWebview = { readonly type: 'ready' } | { readonly type: 'reveal-line'; readonly line: number };
