/** `cellspec protocols`: writes every format for the example plans, refuses plans with errors, writes nothing then. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { OUTPUT_MANIFEST } from '@cellspec/emit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const SB21_PLANS = join(ROOT, 'examples/test-plans/sb21-test-plans.cellspec');

async function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('cellspec protocols', () => {
  it('writes each format for an example plan', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cellspec-protocols-'));
    for (const format of ['pybamm', 'maccor', 'biologic', 'json']) {
      const r = await run([
        'protocols',
        SB21_PLANS,
        '--plan',
        'SB21Acceptance',
        '--format',
        format,
        '--out',
        join(out, format),
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^SB21Acceptance \(SB21\): 7\.2 days on 17 channels at 25 °C — \d+ \w+ files?\n/);
    }
    expect(
      readdirSync(join(out, 'maccor'))
        .filter((f) => f !== OUTPUT_MANIFEST)
        .sort(),
    ).toEqual([
      'SB21Acceptance-conditioning.000',
      'SB21Acceptance-lot-check-written.000',
      'SB21Acceptance-lot-check.000',
    ]);
    expect(readdirSync(join(out, 'biologic')).filter((f) => f !== OUTPUT_MANIFEST)).toHaveLength(3);
    expect(
      readdirSync(join(out, 'pybamm'))
        .filter((f) => f !== OUTPUT_MANIFEST)
        .sort(),
    ).toEqual(['SB21Acceptance.pybamm.json', 'SB21Acceptance_pybamm.py']);
    const json = JSON.parse(readFileSync(join(out, 'json', 'SB21Acceptance.protocol.json'), 'utf8'));
    expect(json.tests.map((t: { id: string }) => t.id)).toEqual(['conditioning', 'lot-check', 'lot-check-written']);
  });

  it('refuses a plan with a limit violation and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-protocols-'));
    writeFileSync(
      join(dir, 'bad.cellspec'),
      `import "${join(ROOT, 'examples/cells/standard-battery-2-1.cellspec').split('\\').join('/')}"
test-plan Bad for SB21 {
  test fast { charge at 20 C until 4.2 V }
}
`,
    );
    const r = await run(['protocols', 'bad.cellspec', '--format', 'maccor', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("charge at 20 C exceeds the cell's maximum charge rate");
    expect(r.stderr).toContain('no protocol written');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names the plans a file has when --plan names none of them', async () => {
    const r = await run(['protocols', SB21_PLANS, '--plan', 'Nope', '--format', 'json', '--out', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no test-plan 'Nope'");
    expect(r.stderr).toContain('SB21Acceptance, SB21Performance, SB21Durability, SB21Abuse');
  });

  it('requires a format and an output folder', async () => {
    expect((await run(['protocols', SB21_PLANS, '--out', tmpdir()])).code).toBe(2);
    expect((await run(['protocols', SB21_PLANS, '--format', 'csv', '--out', tmpdir()])).code).toBe(2);
    expect((await run(['protocols', SB21_PLANS, '--format', 'json'])).code).toBe(2);
  });
});
