/**
 * Expectations written as comments in fixture `.cellspec` files, read by every fixture runner.
 *
 * A directive is a comment line whose first word starts with `expect`:
 *
 *     // expect error unit-kind "loading"          applies to the next code line
 *     // expect-run rate-test "1C" capacity …       (the runner decides what the words mean)
 *
 * It applies to the next line that is neither blank nor a comment. A directive may instead mark
 * a range of the code line above it with carets under that range:
 *
 *       loading 20 mAh/g
 *     //        ^^^^^^^^ expect error unit-kind "loading"
 *
 * which binds it to that line and to the columns of the carets (0-based, end exclusive).
 */

export interface Directive {
  /** The first word: `expect`, `expect-run`, `expect-finding`, … */
  readonly kind: string;
  /** The rest of the line after the first word, trimmed. */
  readonly text: string;
  /** 1-based line of the code the directive applies to. */
  readonly line: number;
  /** Columns of the marked range on that line (0-based, end exclusive), for caret directives. */
  readonly range?: { readonly start: number; readonly end: number };
  /** 1-based line of the directive itself, for messages. */
  readonly at: number;
}

const DIRECTIVE = /^\s*\/\/\s*(expect[\w-]*)\b\s*(.*?)\s*$/;
const CARETS = /^(\s*\/\/)(\s*)(\^[\^~]*)\s+(expect[\w-]*)\b\s*(.*?)\s*$/;

const isCode = (line: string): boolean => {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('//');
};

/** All directives of one file, each bound to the line (and range) it applies to. */
export function directivesOf(file: string, text: string): Directive[] {
  const lines = text.split(/\r?\n/);
  const result: Directive[] = [];
  let pending: Array<Omit<Directive, 'line'>> = [];
  let lastCode: number | undefined;
  lines.forEach((line, i) => {
    const carets = CARETS.exec(line);
    if (carets) {
      if (lastCode === undefined) throw new Error(`${file}:${i + 1}: a caret directive needs a code line above it`);
      const start = carets[1]!.length + carets[2]!.length;
      result.push({
        kind: carets[4]!,
        text: carets[5]!,
        line: lastCode,
        range: { start, end: start + carets[3]!.length },
        at: i + 1,
      });
      return;
    }
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      pending.push({ kind: directive[1]!, text: directive[2]!, at: i + 1 });
      return;
    }
    if (!isCode(line)) return;
    lastCode = i + 1;
    for (const p of pending) result.push({ ...p, line: i + 1 });
    pending = [];
  });
  // File-level directives (`expect-no-warnings`) may end a file; a line-bound one may not.
  for (const p of pending) result.push({ ...p, line: 0 });
  return result;
}

/** A quoted string at the start of `text` (with `\"` escapes) and what follows it. */
export function quoted(text: string): { value: string; rest: string } | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"\s*(.*)$/.exec(text);
  return m ? { value: m[1]!.replace(/\\"/g, '"'), rest: m[2]! } : undefined;
}
