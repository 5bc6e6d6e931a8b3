/** Exit-code precedence of `cellspec check`, on hand-made reports (no parsing involved). */
import { describe, expect, it } from 'vitest';
import { checkExitCode, type CheckReport } from '../src/check/check-command.js';

function report(errors: number, warnings: number, unreadable: number, files = 1): CheckReport {
  return {
    base: '/repo',
    files: Array.from({ length: files }, (_, i) => ({
      path: `/repo/${i}.cellspec`,
      relativePath: `${i}.cellspec`,
      text: '',
      diagnostics: [],
    })),
    problems: Array.from({ length: unreadable }, (_, i) => ({
      path: `/repo/u${i}`,
      relativePath: `u${i}`,
      message: 'file is not valid UTF-8',
    })),
    counts: { error: errors, warning: warnings, info: 0, hint: 0 },
  };
}

describe('check exit code', () => {
  it.each([
    { case: 'clean', errors: 0, warnings: 0, unreadable: 0, strict: false, code: 0 },
    { case: 'warnings only', errors: 0, warnings: 2, unreadable: 0, strict: false, code: 0 },
    { case: 'warnings under --strict', errors: 0, warnings: 2, unreadable: 0, strict: true, code: 1 },
    { case: 'errors', errors: 1, warnings: 0, unreadable: 0, strict: false, code: 1 },
    { case: 'unreadable input', errors: 0, warnings: 0, unreadable: 1, strict: false, code: 2 },
    { case: 'unreadable input and warnings', errors: 0, warnings: 1, unreadable: 1, strict: false, code: 2 },
    { case: 'errors win over unreadable input', errors: 1, warnings: 0, unreadable: 1, strict: false, code: 1 },
    {
      case: '--strict warnings win over unreadable input',
      errors: 0,
      warnings: 1,
      unreadable: 1,
      strict: true,
      code: 1,
    },
  ])('$case → $code', ({ errors, warnings, unreadable, strict, code }) => {
    expect(checkExitCode(report(errors, warnings, unreadable), strict)).toBe(code);
  });

  it('treats finding no spec at all as a usage error', () => {
    expect(checkExitCode(report(0, 0, 0, 0), false)).toBe(2);
  });
});
