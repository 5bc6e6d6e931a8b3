/** Analyses of declared simulations in the language server (worker thread, IR-hash cache). */
export { AnalysisService, type AnalysisServiceOptions, type WorkerEntry } from './service.js';
export { analysisKey, canonicalJson } from './key.js';
export { isAnalysisWorker, runAnalysisWorker } from './worker.js';
export {
  registerAnalyses,
  analysisServiceOf,
  analysisDiagnostics,
  AnalysisInlayHintProvider,
  analysisHoverContributor,
  defaultWorkerEntry,
  outcomeHint,
  outcomeHover,
} from './editor.js';
export type { CellSummary, OutcomeSummary, RunSummary } from './worker-messages.js';
