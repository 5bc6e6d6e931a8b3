/**
 * Commands write through the one writer: `check --output` never through a link nor over a spec
 * it checks; `protocols` writes every plan's files or none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MANIFEST } from '@cellspec/emit';
import { runCli } from '../../packages/cli/src/index.js';

const ROOT = join(import.meta.dirname, '../..');
const SB21_PLANS = join(ROOT, 'examples/test-plans/sb21-test-plans.cellspec');
const SPEC = 'cell C {\n}\n';

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-outputs-'));
  writeFileSync(join(dir, 'cell.cellspec'), SPEC);
  return dir;
}

describe('check --output', () => {
  it('writes the report, and replaces its own report on the next run', async () => {
    const dir = workspace();
    for (let i = 0; i < 2; i++) {
      const r = await run(['check', '--format', 'sarif', '--output', 'cellspec.sarif', 'cell.cellspec'], dir);
      expect(r.stderr).not.toContain('cannot write');
    }
    expect(JSON.parse(readFileSync(join(dir, 'cellspec.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(dir).sort()).toEqual(['cell.cellspec', 'cellspec.sarif']);
  });

  it('refuses to overwrite a spec it checks (exit 2), which stays as it was', async () => {
    const dir = workspace();
    const r = await run(['check', '--output', 'cell.cellspec', 'cell.cellspec'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write cell\.cellspec: .*cell\.cellspec is an input of this command/);
    expect(readFileSync(join(dir, 'cell.cellspec'), 'utf8')).toBe(SPEC);
  });

  it('refuses a report file that is a link out of the folder (exit 2); the link target is untouched', async () => {
    const dir = workspace();
    const victim = join(mkdtempSync(join(tmpdir(), 'cellspec-victim-')), 'authorized_keys');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'cellspec.sarif'));
    const r = await run(['check', '--format', 'sarif', '--output', 'cellspec.sarif'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a symbolic link (never followed)');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
});

describe('import', () => {
  it('refuses to write over the file it imports, even with --force (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-outputs-'));
    const bpx = readFileSync(join(ROOT, 'test/interop/bpx-examples/lfp_18650_cell_BPX.json'), 'utf8');
    writeFileSync(join(dir, 'cell.json'), bpx);
    const r = await run(['import', 'bpx', 'cell.json', '--out', 'cell.json', '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cell.json is an input of this command; nothing written');
    expect(readFileSync(join(dir, 'cell.json'), 'utf8')).toBe(bpx);
  });
});

describe('protocols with several plans', () => {
  it('writes no plan when one plan cannot be written', async () => {
    // SB21Durability, the third of four plans, meets a file cellspec did not write.
    const fresh = mkdtempSync(join(tmpdir(), 'cellspec-outputs-'));
    await run(['protocols', SB21_PLANS, '--format', 'json', '--out', fresh, '--plan', 'SB21Abuse'], ROOT);
    writeFileSync(join(fresh, 'SB21Durability.protocol.json'), 'hand-written');
    const r = await run(['protocols', SB21_PLANS, '--format', 'json', '--out', fresh], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SB21Durability.protocol.json exists and was not written by cellspec');
    expect(readdirSync(fresh).sort()).toEqual([
      '.cellspec-outputs.json',
      'SB21Abuse.protocol.json',
      'SB21Durability.protocol.json',
    ]);
    expect(readFileSync(join(fresh, 'SB21Durability.protocol.json'), 'utf8')).toBe('hand-written');
  }, 60_000);

  it('refuses an output folder whose manifest is a FIFO, at once and without reading it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cellspec-outputs-'));
    execFileSync('mkfifo', [join(out, OUTPUT_MANIFEST)]);
    const r = await run(['protocols', SB21_PLANS, '--format', 'json', '--plan', 'SB21Abuse', '--out', out], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${OUTPUT_MANIFEST} is a FIFO, so it is not read (remove it); nothing written`);
    expect(readdirSync(out)).toEqual([OUTPUT_MANIFEST]);
  }, 60_000);
});
