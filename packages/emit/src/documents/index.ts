export * from './model.js';
export { assembleDocument, documentControl, documentKind, type DocumentInput } from './assemble.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderPdf } from './pdf.js';
export { renderDocx } from './docx.js';
export { documentFonts, FONT_FILES } from './fonts.js';
export * from './build.js';
export * from './verify.js';
