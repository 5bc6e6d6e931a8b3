/**
 * One CSV field, the way every CSV cellspec writes quotes it: RFC 4180 (a field with a comma,
 * quote or line break is quoted, quotes doubled) and guarded against formula injection as OWASP's
 * "CSV Injection" page advises: a text field starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'`, so a spreadsheet shows it as text instead of evaluating it.
 * Numbers stay numbers: a JavaScript number, or text that is a plain decimal number (`-0.5`,
 * `+1e-3`), is never a formula, and a spreadsheet still reads it as a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
