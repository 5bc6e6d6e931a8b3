/**
 * The custom LSP messages that the cellspec language server and the VS Code client share.
 * One typed module, imported by both sides, so a method name or payload cannot drift apart.
 * It has no runtime dependencies: the client bundle must not pull in server code.
 *
 * All numbers are SI, as in the IR (C for charge, J for energy, J/m³ for energy density, m for
 * lengths); the client formats them in the user's preferred units.
 */
import type { CellIR, ExpandedPlan, RunCurve } from '@cellspec/physics';

/** A request: method name plus phantom parameter and result types. */
export interface RequestMessage<P, R> {
  readonly method: string;
  readonly kind: 'request';
  /** Never set; carries the types. */
  readonly __types?: [P, R] | undefined;
}

/** A notification from the server to the client (or back), with its parameter type. */
export interface NotificationMessage<P> {
  readonly method: string;
  readonly kind: 'notification';
  readonly __types?: P | undefined;
}

export type ParamsOf<M> =
  M extends RequestMessage<infer P, unknown> ? P : M extends NotificationMessage<infer P> ? P : never;
export type ResultOf<M> = M extends RequestMessage<unknown, infer R> ? R : never;

const request = <P, R>(method: string): RequestMessage<P, R> => ({ method, kind: 'request' });
const notification = <P>(method: string): NotificationMessage<P> => ({ method, kind: 'notification' });

// ---- Preview data ------------------------------------------------------------------------------

export interface PreviewDataParams {
  /** Document URI as the client knows it. */
  readonly uri: string;
  /** Cursor position (0-based); the preview follows the cell under it. */
  readonly position?: { readonly line: number; readonly character: number } | undefined;
  /** Ask for a named cell instead of the one under the cursor. */
  readonly cell?: string | undefined;
}

/** One problem of the spec, summarised for the preview's error banner. */
export interface PreviewProblem {
  readonly message: string;
  /** 0-based line. */
  readonly line: number;
  readonly severity: 'error' | 'warning';
}

/** A target and whether the design meets it. */
export interface TargetCheck {
  readonly metric: string;
  readonly basis?: string | undefined;
  /** The target as written, e.g. "capacity 8 mAh ± 3 %". */
  readonly text: string;
  /** The computed value (SI) when the calculator produced one, and as text in display units. */
  readonly actual?: number | undefined;
  readonly actualText?: string | undefined;
  readonly met?: boolean | undefined;
  /** The calculator's verdict in words: "energy density (stack) 381 Wh/L is below the target 400 Wh/L". */
  readonly message?: string | undefined;
}

/**
 * The design figures the preview shows. Every field is optional: the server fills what the
 * design calculator computes; the preview says "not computed" for the rest.
 */
export interface DesignFigures {
  /** Design capacity, C. */
  readonly capacity?: number | undefined;
  /** Energy at the mean voltage, J. */
  readonly energy?: number | undefined;
  readonly meanVoltage?: number | undefined;
  /** Energy density, J/m³, on the electrode-stack and packaged-cell basis. */
  readonly energyDensityStack?: number | undefined;
  readonly energyDensityCell?: number | undefined;
  /** Specific energy, J/kg, on both bases. */
  readonly specificEnergyStack?: number | undefined;
  readonly specificEnergyCell?: number | undefined;
  /** Negative-to-positive areal capacity ratio. */
  readonly npRatio?: number | undefined;
  /** Areal capacity per side, C/m². */
  readonly cathodeArealCapacity?: number | undefined;
  readonly anodeArealCapacity?: number | undefined;
  /** Coating thickness per side, m, as computed from loading, composition and porosity. */
  readonly cathodeThickness?: number | undefined;
  readonly anodeThickness?: number | undefined;
  /** Lithium plated per unit cell at full charge, m (anode-free, lithium metal, plating by design). */
  readonly platedLithiumThickness?: number | undefined;
  /** Stack and cell thickness, m; stack and cell mass, kg. */
  readonly stackThickness?: number | undefined;
  readonly cellThickness?: number | undefined;
  readonly stackMass?: number | undefined;
  readonly cellMass?: number | undefined;
  readonly targets?: readonly TargetCheck[] | undefined;
}

/** One simulated run of an analysis (one rate or temperature), summarised. */
export interface AnalysisRunData {
  /** "1C discharge at 25 °C" */
  readonly label: string;
  readonly direction: 'charge' | 'discharge';
  /** C-rate multiple; temperatures in K; capacity in C; energy in J. */
  readonly rate: number;
  readonly temperature: number;
  readonly capacity: number;
  readonly energy: number;
  readonly meanVoltage: number;
  readonly maxTemperature: number;
  /** V vs Li/Li⁺, the run's lowest. */
  readonly minAnodePotential?: number | undefined;
  readonly failure?: string | undefined;
  /** The run's curves as the model computed them, downsampled (at most 200 points), SI except capacity in Ah. */
  readonly curve?: RunCurve | undefined;
}

export interface AnalysisData {
  readonly name: string;
  readonly type: string;
  readonly model?: string | undefined;
  readonly state: 'done' | 'running' | 'unavailable' | 'failed';
  readonly message?: string | undefined;
  readonly runs?: readonly AnalysisRunData[] | undefined;
  readonly findings?:
    readonly { readonly severity: 'error' | 'warning' | 'info'; readonly message: string }[] | undefined;
}

export interface PreviewData {
  readonly uri: string;
  /** The document version the data was computed from. */
  readonly version: number;
  /**
   * `ok`: the cell resolved; `errors`: the spec has errors (the data, if any, is from what
   * resolved); `no-cell`: the document has no cell.
   */
  readonly status: 'ok' | 'errors' | 'no-cell';
  readonly problems: readonly PreviewProblem[];
  /** Names of all cells and variants in the document, in order. */
  readonly cells: readonly string[];
  readonly cell?: CellIR | undefined;
  readonly figures?: DesignFigures | undefined;
  /** For a variant: its base cell and the base's figures. */
  readonly base?: CellIR | undefined;
  readonly baseFigures?: DesignFigures | undefined;
  readonly analyses?: readonly AnalysisData[] | undefined;
  /** Why figures are missing, when they are ("the design calculator is not available"). */
  readonly figuresNote?: string | undefined;
  /** Packs declared in the document (`lsp/pack-preview.ts`). */
  readonly packs?: readonly PackPreview[] | undefined;
}

/** A pack in the preview: its figures, each drive's battery power and the degradation map (SI units). */
export interface PackPreview {
  readonly name: string;
  /** "58.7 kWh · 349 Wh/L · 199 Wh/kg · 96s5p", as the header hint. */
  readonly summary: string;
  /** Battery power over each drive duty's trace: s, W (at most 200 points each). */
  readonly drives: readonly { readonly label: string; readonly time: number[]; readonly power: number[] }[];
  /** Capacity loss (0..1) over the 28-day cycle test at 1C against temperature (K), one series per mean SOC. */
  readonly degradation: {
    readonly temperatures: number[];
    readonly series: readonly { readonly label: string; readonly loss: number[] }[];
    /** Where the ageing parameters come from (an assumption until fitted). */
    readonly source: string;
  };
}

export const PreviewDataRequest = request<PreviewDataParams, PreviewData>('cellspec/previewData');

/** Sent after the server has validated documents, so previews refresh without polling. */
export interface DocumentsBuiltParams {
  readonly uris: readonly string[];
}
export const DocumentsBuiltNotification = notification<DocumentsBuiltParams>('cellspec/documentsBuilt');

// ---- Analyses ---------------------------------------------------------------------------------

export interface RunAnalysesParams {
  readonly uri: string;
  readonly position?: { readonly line: number; readonly character: number } | undefined;
  readonly cell?: string | undefined;
  /** Model for analyses that do not name one. */
  readonly modelFidelity?: 'reduced' | 'p2d' | undefined;
}
export interface RunAnalysesResult {
  readonly started: boolean;
  /** When not started: why, in the engineer's words. */
  readonly message?: string | undefined;
}
export const RunAnalysesRequest = request<RunAnalysesParams, RunAnalysesResult>('cellspec/runAnalyses');

// ---- Fitting model parameters to measured data ------------------------------------------------

/** The fit-parameter names, for the client's picker (kept equal to physics' `FIT_PARAMETERS` by a test). */
export const FIT_PARAMETER_NAMES: readonly string[] = [
  'interface-resistance',
  'interface-activation-energy',
  ...['cathode', 'anode'].flatMap((e) =>
    [
      'diffusivity',
      'diffusivity-activation-energy',
      'rate-constant',
      'reaction-activation-energy',
      'contact-fraction',
    ].map((p) => `${e}.${p}`),
  ),
  'anode.exchange-current',
];

export interface FitParams {
  readonly uri: string;
  readonly position?: { readonly line: number; readonly character: number } | undefined;
  readonly cell?: string | undefined;
  /** Measured-data files (CSV): absolute paths, file URIs, or paths relative to the spec's folder. */
  readonly data: readonly string[];
  /** Fit-parameter names (`interface-resistance`, `cathode.diffusivity`, …). */
  readonly parameters: readonly string[];
  /** SOC at each file's first sample, 0..1 (one for all, or one per file); default from the opening rest. */
  readonly initialSoc?: readonly number[] | undefined;
  readonly currentSign?: 'discharge-positive' | 'charge-positive' | undefined;
  readonly model?: 'p2d' | 'reduced' | undefined;
  /** LSP work-done progress token: the server reports each iteration on it. */
  readonly workDoneToken?: string | number | undefined;
}
export interface FittedValue {
  readonly name: string;
  /** As the spec writes it, in `unit`. */
  readonly unit: string;
  readonly start: number;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}
export interface TextChange {
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly newText: string;
}
export interface FitResponse {
  readonly ok: boolean;
  /** What happened, in the engineer's words (why it failed, or the fit's summary). */
  readonly message: string;
  readonly parameters?: readonly FittedValue[] | undefined;
  /** V */
  readonly rmse?: number | undefined;
  readonly residuals?: readonly {
    readonly file: string;
    readonly time: readonly number[];
    readonly residual: readonly number[];
  }[];
  /** The edit that writes the fitted values into the spec (a workspace edit's `changes`); also offered as a quick fix on the cell. */
  readonly changes?: Readonly<Record<string, readonly TextChange[]>> | undefined;
  readonly notWritten?: readonly string[] | undefined;
}
export const FitRequest = request<FitParams, FitResponse>('cellspec/fit');

// ---- Test plans for protocol export -------------------------------------------------------------

export interface ExpandedPlansParams {
  readonly uri: string;
}
export interface ExpandedPlansResult {
  /** The document's test plans expanded against their cells (C-rates in amperes, sweeps unrolled). */
  readonly plans: readonly ExpandedPlan[];
  /** Errors that forbid writing protocols, in the engineer's words ("test-plan TP: cell SB9 is not defined"). */
  readonly errors: readonly string[];
}
export const ExpandedPlansRequest = request<ExpandedPlansParams, ExpandedPlansResult>('cellspec/expandedPlans');

// ---- Protocol files, emitted by the server -----------------------------------------------------

export interface ProtocolFilesParams {
  readonly uri: string;
  /** A cycler format of `@cellspec/emit` (`pybamm`, `maccor`, `biologic`, `json`). */
  readonly format: string;
}
/** A file to write: text, or bytes in base64 (BioLogic settings are Windows-1252). */
export interface ProtocolFileData {
  readonly name: string;
  readonly text?: string | undefined;
  readonly base64?: string | undefined;
}
export interface ProtocolFilesResult {
  /** Empty when `errors` is not. */
  readonly files: readonly ProtocolFileData[];
  /** What the format could not say, per plan and test. */
  readonly notes: readonly { readonly plan: string; readonly test: string; readonly message: string }[];
  /** "TP-SB21 (SB21): 3 tests, 2.4 days on 3 channels — 2 files" per plan. */
  readonly summaries: readonly string[];
  /** Why nothing can be written, in the engineer's words. */
  readonly errors: readonly string[];
}
/** Served by the extension's server entry (packages/vscode/src/server.ts), where the emitters are. */
export const ProtocolFilesRequest = request<ProtocolFilesParams, ProtocolFilesResult>('cellspec/protocolFiles');
