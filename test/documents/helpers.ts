/**
 * Runs `cellspec build` (the bundled CLI, as CI would) and opens its output with the tools a
 * quality engineer's machine has: poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) and
 * LibreOffice headless. `.ci/run` installs both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUILT_CLI, ROOT, ensureBuiltCli, type CliRun } from '../cli/built-cli.js';

export { ROOT };

/**
 * The bundled CLI with a generous timeout: a build runs models and renders four forms, a few
 * seconds alone but minutes on a machine shared with other jobs.
 */
function runCli(args: readonly string[], cwd: string): CliRun {
  ensureBuiltCli();
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd, encoding: 'utf8', timeout: 600_000 });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: `${result.stderr}${result.error ? String(result.error) : ''}`,
  };
}

export const buildDocuments = (paths: readonly string[], out: string, cwd = ROOT): CliRun =>
  runCli(['build', ...paths, '--out', out], cwd);

export const verifyDocuments = (targets: readonly string[], cwd = ROOT): CliRun => runCli(['verify', ...targets], cwd);

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `cellspec-${prefix}-`));

/** Copies example files (paths relative to the repository) into `into`, keeping their folders. */
export function copyExamples(files: readonly string[], into: string): void {
  for (const f of files) {
    mkdirSync(dirname(join(into, f)), { recursive: true });
    cpSync(join(ROOT, f), join(into, f));
  }
}

const run = (cmd: string, args: readonly string[]) => execFileSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });

export const pdfText = (pdf: string) => run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);

export function pdfInfo(pdf: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-enc', 'UTF-8', pdf]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** pdffonts rows: name, type and whether the font is embedded. */
export function pdfFonts(pdf: string): { name: string; type: string; embedded: boolean }[] {
  const lines = run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: read the yes/no flags from the end.
    const [emb] = cols.slice(-5, -4);
    return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes' };
  });
}

/** Renders every page to PNG at `dpi`; returns the PNG files. */
export function renderPages(pdf: string, into: string, dpi = 30): string[] {
  mkdirSync(into, { recursive: true });
  run('pdftoppm', ['-r', String(dpi), '-png', pdf, join(into, 'page')]);
  return readdirSync(into)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(into, f));
}

/** Converts a DOCX to PDF with LibreOffice headless (own profile folder, so parallel runs never share one). */
export function libreOfficeToPdf(docx: string, into: string): { code: number | null; stderr: string } {
  const profile = tempDir('lo-profile');
  const result = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', into, docx],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, stderr: `${result.stderr}${result.error ? String(result.error) : ''}` };
}
