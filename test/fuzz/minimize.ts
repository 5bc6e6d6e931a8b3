/**
 * Shrinks a failing fuzz input to a small one that fails the same way (greedy delta debugging
 * over tokens: drop ever smaller chunks while the failure stays), so a regression fixture shows
 * the bug and little else.
 */
import { tokenize } from './mutate.js';
import type { FuzzFailure, FuzzPipeline } from './pipeline.js';

/** Stage plus the first line of the message: what "fails the same way" means. */
export function failureKey(f: FuzzFailure): string {
  // Numbers, quoted and parenthesised parts vary between inputs that hit the same bug.
  const line = f.message
    .split('\n')[0]!
    .replace(/\([^)]*\)/g, '(…)')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')
    .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, '#');
  return `${f.stage}: ${line}`;
}

export async function minimize(pipeline: FuzzPipeline, text: string, key: string, maxRuns = 2000): Promise<string> {
  let tokens = tokenize(text);
  let runs = 0;
  const fails = async (candidate: string[]) => {
    runs++;
    const outcome = await pipeline.run(candidate.join(''));
    return outcome.failures.some((f) => failureKey(f) === key);
  };
  for (let chunk = Math.max(1, tokens.length >> 1); chunk >= 1 && runs < maxRuns; chunk = chunk >> 1) {
    for (let at = 0; at < tokens.length && runs < maxRuns;) {
      const candidate = [...tokens.slice(0, at), ...tokens.slice(at + chunk)];
      if (candidate.length < tokens.length && (await fails(candidate))) tokens = candidate;
      else at += chunk;
    }
  }
  return tokens.join('');
}
