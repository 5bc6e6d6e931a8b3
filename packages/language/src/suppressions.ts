/**
 * Inline suppression comments, each with a required reason after `--`:
 *
 *     // cellspec-disable-next-line np-below-one -- plating is the point of this cell
 *     loading 8 mg/cm2
 *
 *     // cellspec-disable-block se-percolation, porosity-unreachable -- thin-film test electrode
 *     cathode { … }
 *
 * `disable-next-line` covers the next line that is not blank or a comment; `disable-block`
 * covers the block that starts there, to its closing brace. A suppression without a reason
 * suppresses nothing and is itself reported; what was suppressed is kept (code, line, reason)
 * so `check --format json` can list it.
 */

export interface Suppression {
  /** 1-based line of the comment. */
  readonly line: number;
  readonly codes: readonly string[];
  readonly reason?: string;
  /** 1-based lines covered, inclusive. */
  readonly from: number;
  readonly to: number;
}

const DIRECTIVE = /\/\/\s*cellspec-disable-(next-line|block)\b([^\n\r]*)$/;

/** The suppressions written in a spec's text. */
export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('cellspec-disable-')) return [];
  const lines = text.split(/\r?\n/);
  const out: Suppression[] = [];
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const [codesText, ...reasonParts] = m[2]!.split('--');
    const reason = reasonParts.join('--').trim();
    const codes = codesText!
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const target = nextContentLine(lines, i + 1);
    if (target === undefined) return;
    const to = m[1] === 'block' ? blockEnd(lines, target) : target;
    out.push({ line: i + 1, codes, ...(reason ? { reason } : {}), from: target + 1, to: to + 1 });
  });
  return out;
}

/** The suppression that covers a finding of `code` starting on `line`, if any (only those with a reason count). */
export function suppressionFor(suppressions: readonly Suppression[], code: string | undefined, line: number) {
  return suppressions.find(
    (s) => s.reason !== undefined && s.from <= line && line <= s.to && (code === undefined || s.codes.includes(code)),
  );
}

function nextContentLine(lines: readonly string[], start: number): number | undefined {
  for (let i = start; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('//')) return i;
  }
  return undefined;
}

/** The line of the brace that closes the first block opened at or after `start` (strings and comments skipped). */
function blockEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    const code = lines[i]!.replace(/"(?:\\.|[^"\\])*"/g, '""').replace(/\/\/.*$/, '');
    for (const c of code) {
      if (c === '{') {
        depth++;
        opened = true;
      } else if (c === '}') depth--;
    }
    if (opened && depth <= 0) return i;
  }
  return opened ? lines.length - 1 : start;
}
