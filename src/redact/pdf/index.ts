/** PDF redaction: pages that show a value become pictures with the value covered; see redact-pdf.ts. */
export { redactPdf, DEFAULT_DPI, type PdfRedactOptions, type PdfRedaction, type UserBox } from './redact-pdf.js';
