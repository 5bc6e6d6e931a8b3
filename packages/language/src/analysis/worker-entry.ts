/** Worker entry for running from source (tests, tsx); the bundled server re-enters `startServer`. */
import { runAnalysisWorker } from './worker.js';

runAnalysisWorker();
