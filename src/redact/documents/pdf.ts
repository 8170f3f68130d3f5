/** PDFs inside containers and on their own: pages holding a value become covered pictures (src/redact/pdf). */
import { redactPdf } from '../pdf/index.js';
import { RedactError, type DocumentRedactor } from './types.js';

export const redactPdfDocument: DocumentRedactor = async (bytes, findings, options) => {
  try {
    // A finding's location here is the PDF's own (a container's steps taken off); its unmasked one still names them.
    // Each value's text in a replaced page's text layer is the chosen style's.
    const own = findings.map((f) => ({ ...f, unmaskedLocation: f.location, replacement: options.render(f.value, options.replacementFor(f)) }));
    const { bytes: out, notes } = await redactPdf(bytes, own, { deadline: Date.now() + options.limits.maxMillis });
    return { bytes: out, notes };
  } catch (e) {
    throw e instanceof RedactError ? e : new RedactError((e as Error).message);
  }
};
