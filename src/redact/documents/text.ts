/**
 * Text formats: plain text, CSV and TSV held inside a container (a zip entry, an attachment; a
 * cell's value is the same characters in the file, quoted or not), a chat export: each found
 * value is rewritten where it is written. HTML by its tokens (html-text.ts: references and
 * inline elements), JSON by its structure; each in its own encoding.
 */
import { rewriteJson } from '../json-rewrite.js';
import { decodeText } from './encoded-text.js';
import { RedactError, type DocumentRedactor } from './types.js';
import { redactValues } from './values.js';
import { redactHtml } from './html-text.js';

export const redactText: DocumentRedactor = async (bytes, findings, options) => {
  const decoded = decodeText(bytes, 'the text');
  if (!decoded) throw new RedactError('binary content holds findings');
  return { bytes: decoded.encode(redactValues(decoded.text, findings, options)), notes: [] };
};

export const redactJson: DocumentRedactor = async (bytes, findings, options) => {
  const decoded = decodeText(bytes, 'the JSON');
  if (!decoded) throw new RedactError('binary content holds findings');
  const out = rewriteJson(decoded.text, findings, options.replacementFor, options.render);
  if (out.unplaced > 0) throw new RedactError(`${out.unplaced} of the findings could not be placed in the JSON text`);
  return { bytes: decoded.encode(out.text), notes: [] };
};

export const redactHtmlText: DocumentRedactor = async (bytes, findings, options) => {
  const decoded = decodeText(bytes, 'the HTML');
  if (!decoded) throw new RedactError('binary content holds findings');
  const out = redactHtml(decoded.text, findings, options);
  return { bytes: out === undefined ? bytes : decoded.encode(out), notes: [] };
};
