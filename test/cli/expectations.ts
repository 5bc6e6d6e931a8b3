/**
 * Reads the findings a fixture expects from its comments:
 *   // expect: <severity> <line>:<column> "<message fragment>"
 */
export interface ExpectedFinding {
  severity: string;
  line: number;
  column: number;
  fragment?: string;
}

export function expectedFindings(text: string): ExpectedFinding[] {
  const found: ExpectedFinding[] = [];
  for (const m of text.matchAll(/\/\/\s*expect:\s*(error|warning|info)\s+(\d+):(\d+)(?:\s+"([^"]*)")?/g)) {
    found.push({
      severity: m[1]!,
      line: Number(m[2]),
      column: Number(m[3]),
      ...(m[4] !== undefined ? { fragment: m[4] } : {}),
    });
  }
  return found;
}
