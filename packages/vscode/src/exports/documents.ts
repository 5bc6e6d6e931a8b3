/**
 * "Build Documents": runs the CLI bundled with the extension (`dist/cli/cellspec.mjs`, with its
 * document font) as `cellspec build <folder> --out <folder>/out/docs` in the extension host's own
 * Node (Electron as Node), so the documents are exactly those `cellspec build` makes in CI. The
 * extension computes nothing itself; it reads the CLI's one line per document for progress.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Where the documents of a workspace folder go. */
export const DOCUMENTS_FOLDER = join('out', 'docs');

/** One line of `cellspec build` output about a built document, or undefined for other lines. */
export function parseBuiltLine(line: string): { number: string; revision: string; status: string } | undefined {
  const m = /^(\S+) rev (\S+) \(([a-z-]+)\) ← /.exec(line);
  return m ? { number: m[1]!, revision: m[2]!, status: m[3]! } : undefined;
}

export interface BuildOutcome {
  readonly code: number | null;
  readonly built: readonly string[];
  /** The summary line ("17 documents built into out/docs/ … in 8.1 s"). */
  readonly summary?: string;
  readonly stderr: string;
}

/** Runs the bundled CLI; `onDocument` hears of each document as it is written. */
export function runDocumentBuild(
  cli: string,
  folder: string,
  onDocument: (number: string) => void,
  cancelled?: { onCancellationRequested(listener: () => void): unknown },
): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', folder, '--out', join(folder, DOCUMENTS_FOLDER)], {
      cwd: folder,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cancelled?.onCancellationRequested(() => child.kill());
    const built: string[] = [];
    let summary: string | undefined;
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const doc = parseBuiltLine(line);
        if (doc) {
          built.push(doc.number);
          onDocument(doc.number);
        } else if (/ built into /.test(line)) summary = line.trim();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, built, ...(summary ? { summary } : {}), stderr }));
  });
}
