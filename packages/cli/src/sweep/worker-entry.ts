/** Worker entry from source (tests, benchmarks, `pnpm cellspec` through tsx); the bundle re-enters `main.ts`. */
import { runSweepWorker } from './worker.js';

runSweepWorker();
