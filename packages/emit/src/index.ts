export * from './protocols/index.js';
export * from './bpx/index.js';
export { csvField } from './csv.js';
// Documents and charts are the subpaths `@cellspec/emit/documents` and `@cellspec/emit/charts`: they
// bring in Vega, pdfkit and docx, which the extension's client bundle (protocol export) must not carry.
