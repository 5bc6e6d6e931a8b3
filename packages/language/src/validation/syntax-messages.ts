/**
 * Parser errors in an engineer's words. The parser reports what token it expected ("Expecting
 * token of type 'ID' but found `coating`"); a battery engineer needs to know that `coating` is a
 * reserved word, that a `}` is missing, or that `porosty` is probably `porosity`.
 */

/** Turns one parser message into plain words; returns the original when no rule fits. */
export function explainSyntaxError(message: string, keywords: ReadonlySet<string>): string {
  const found = /but found:? [`']([^`']*)[`']/.exec(message)?.[1];
  if (found === undefined) return message;
  const isWord = /^[A-Za-z_][\w-]*$/.test(found);
  const suggestion = isWord ? closest(found, keywords) : undefined;
  const didYouMean = suggestion ? `; did you mean '${suggestion}'?` : '';

  // A name slot that admits some keywords lists its alternatives ("one of these … [ID] [capacity] …").
  const nameExpected =
    /Expecting token of type 'ID'/.test(message) || (isWord && keywords.has(found) && /\[ID\]/.test(message));
  if (nameExpected) {
    if (keywords.has(found))
      return `'${found}' is a cellspec keyword and cannot be used as a name here; choose another name`;
    return found === '' ? 'a name is missing at the end of the file' : `expected a name here, found '${found}'`;
  }
  if (/Expecting token of type 'STRING'/.test(message)) {
    return `expected text in double quotes here, found '${found}'`;
  }
  if (/Expecting token of type 'NUMBER'/.test(message)) {
    return `expected a number here, found '${found}'`;
  }
  if (/Expecting token of type '}'/.test(message)) {
    if (found === '') return "a block is not closed: '}' is missing at the end of the file";
    if (isWord) return `'${found}' is not a property or statement cellspec expects in this block${didYouMean}`;
    return `unexpected '${found}' in this block; is a value or a '}' missing?`;
  }
  if (/Expecting (token of type 'EOF'|end of file)/.test(message)) {
    if (found === '}') return "unmatched '}': there is no open block to close here";
    if (isWord)
      return `'${found}' does not start a declaration (material, cell, variant, process, test-plan, document, let, import, library)${didYouMean}`;
    return `unexpected '${found}' here`;
  }
  if (
    /Expecting: one of these possible Token sequences/.test(message) ||
    /Expecting: expecting at least one/.test(message)
  ) {
    if (found === '') return 'the file ends too early here';
    if (found === '}') return "'}' is not expected here; is a value missing?";
    return `'${found}' is not expected here${didYouMean}`;
  }
  return message;
}

/** The keyword closest to a misspelt word, if it is close enough to be a likely typo. */
function closest(word: string, keywords: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 4)) + 1;
  for (const k of keywords) {
    if (k === word || !/^[a-z]/.test(k) || Math.abs(k.length - word.length) >= bestDistance) continue;
    const d = editDistance(word.toLowerCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance; words are short. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
