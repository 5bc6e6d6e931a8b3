/**
 * Golden files: the emitted protocols of the standard plan, kept under test/golden so a
 * reviewer reads every change as a diff. `UPDATE_GOLDEN=1` rewrites them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emitProtocol, PROTOCOL_FORMATS } from '../src/index.js';
import { SB21, standardPlan } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, 'golden');

describe('golden protocol files', () => {
  const plan = standardPlan();
  it('the standard plan checks without errors', () => {
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  for (const format of PROTOCOL_FORMATS) {
    it(`${format} matches its golden files`, () => {
      const { files, notes } = emitProtocol(plan, format, { cell: SB21 });
      const dir = join(GOLDEN, format);
      const listing = files.map((f) => f.name).sort();
      const notesText = notes.map((n) => `${n.test}: ${n.message}`).join('\n') + '\n';
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(dir, { recursive: true });
        for (const f of files) writeFileSync(join(dir, f.name), f.content);
        writeFileSync(join(dir, 'FILES.txt'), listing.join('\n') + '\n');
        writeFileSync(join(dir, 'NOTES.txt'), notesText);
      }
      expect(existsSync(join(dir, 'FILES.txt')), `golden files for ${format} missing; run with UPDATE_GOLDEN=1`).toBe(
        true,
      );
      expect(listing.join('\n') + '\n').toBe(readFileSync(join(dir, 'FILES.txt'), 'utf8'));
      expect(notesText).toBe(readFileSync(join(dir, 'NOTES.txt'), 'utf8'));
      for (const f of files) {
        const golden = readFileSync(join(dir, f.name));
        const actual = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content);
        expect(actual.equals(golden), `${format}/${f.name} differs from its golden file`).toBe(true);
      }
    });
  }
});
