/**
 * "Show Lot Variation and Sweep": runs the CLI bundled with the extension as
 * `cellspec report <folder> --variation --charts --format json` in the extension host's Node,
 * like "Build Documents", so the preview's numbers and charts are those of the cell
 * specification. Cancelling kills the process.
 */
import { spawn } from 'node:child_process';
import type { VariationJson } from '../view-model/variation.js';

export interface VariationOutcome {
  readonly records?: readonly VariationJson[];
  readonly error?: string;
}

/** The `variation` records of the report's JSON, or why there are none. */
export function parseVariationReport(stdout: string): VariationOutcome {
  try {
    const report = JSON.parse(stdout) as { variation?: VariationJson[] };
    return Array.isArray(report.variation) ? { records: report.variation } : { error: 'the report has no variation' };
  } catch (e) {
    return { error: `the report cannot be read: ${(e as Error).message}` };
  }
}

export function runVariationReport(
  cli: string,
  folder: string,
  cancelled?: { onCancellationRequested(listener: () => void): unknown },
): Promise<VariationOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'report', folder, '--variation', '--charts', '--format', 'json'], {
      cwd: folder,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killed = false;
    cancelled?.onCancellationRequested(() => {
      killed = true;
      child.kill();
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (e) => resolve({ error: e.message }));
    child.on('close', (code) => {
      if (killed) resolve({ error: 'cancelled' });
      // Exit 1: reported, but a spec has errors; the records are still there.
      else if (code === 0 || code === 1) resolve(parseVariationReport(stdout));
      else resolve({ error: stderr.trim().split('\n')[0] || `the CLI exited with ${code}` });
    });
  });
}
