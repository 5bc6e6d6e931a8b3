/** GitHub Actions annotations from hand-made reports: severities, positions and escaping. */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check/check-command.js';
import { formatGithub } from '../src/check/format-github.js';

const report: CheckReport = {
  base: '/repo',
  files: [
    {
      path: '/repo/cells/a,b.cellspec',
      relativePath: 'cells/a,b.cellspec',
      text: '',
      diagnostics: [
        {
          severity: 'error',
          code: 'composition-sum',
          message: 'cathode composition sums to 97 wt%, must be 100 wt%',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 60,
        },
        {
          severity: 'warning',
          code: 'np-below-one',
          message: 'N/P ratio 0.82 is below 1:\nlithium plates',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 8,
        },
        { severity: 'info', message: 'abuse test: intended', line: 12, column: 1, endLine: 12, endColumn: 4 },
      ],
    },
  ],
  problems: [
    {
      path: '/repo/old.cellspec',
      relativePath: 'old.cellspec',
      message: 'file is not valid UTF-8 (first invalid byte at offset 21); save it as UTF-8',
    },
  ],
  counts: { error: 1, warning: 1, info: 1, hint: 0 },
};

describe('github annotations', () => {
  it('writes one workflow command per finding, escaped, and a summary', () => {
    expect(formatGithub(report).split('\n')).toEqual([
      '::error file=old.cellspec,title=unreadable-input::file is not valid UTF-8 (first invalid byte at offset 21); save it as UTF-8',
      '::error file=cells/a%2Cb.cellspec,line=4,col=5,endLine=4,endColumn=60,title=composition-sum::cathode composition sums to 97 wt%25, must be 100 wt%25',
      '::warning file=cells/a%2Cb.cellspec,line=9,col=3,endLine=9,endColumn=8,title=np-below-one::N/P ratio 0.82 is below 1:%0Alithium plates',
      '::notice file=cells/a%2Cb.cellspec,line=12,col=1,endLine=12,endColumn=4::abuse test: intended',
      'cellspec: 1 file checked, 1 error, 1 warning, 1 not readable',
      '',
    ]);
  });
});
