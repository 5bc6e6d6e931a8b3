import { describe, expect, it } from 'vitest';
import { guarded } from '../src/exports/registry.js';

describe('export registry', () => {
  const kind = (log: string[]) => ({
    command: 'cellspec.export.x',
    doing: 'Exporting x',
    run: async (ctx: string) => {
      log.push(`ran for ${ctx}`);
    },
  });

  it('runs an export in a trusted workspace', async () => {
    const log: string[] = [];
    await guarded(
      kind(log),
      () => true,
      (d) => log.push(`refused: ${d}`),
    )('SB21');
    expect(log).toEqual(['ran for SB21']);
  });

  it('refuses, with what it was doing, in Restricted Mode', async () => {
    const log: string[] = [];
    await guarded(
      kind(log),
      () => false,
      (d) => log.push(`refused: ${d}`),
    )('SB21');
    expect(log).toEqual(['refused: Exporting x']);
  });
});
