/**
 * Text from a spec or a path, made safe for a line of a text report: no input can start a line
 * of its own (a crafted import string printing a fake finding) or move the terminal's cursor.
 *
 * - `printable` (names, paths, messages): line breaks, other control characters and the Unicode
 *   line separators and direction overrides become escapes (`\n`, `\x1b`, `\u202e`).
 * - `printableSource` (a quoted source line under its caret): each such character becomes one
 *   replacement symbol (the control pictures U+2400…, or U+FFFD), so the caret stays aligned.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}

export function printableSource(line: string): string {
  return line.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}
