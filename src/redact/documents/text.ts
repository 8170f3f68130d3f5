/**
 * Text held inside a container (a zip entry, an attachment): plain text, CSV and TSV (a cell's
 * value is the same characters in the file, quoted or not), a chat export, HTML. Each found value
 * is rewritten where it is written; a value written otherwise (an HTML character reference) is
 * left to the rescan, which refuses the file. JSON is rewritten by its structure, XML (a phone
 * backup) in its text and attributes, each in its own encoding.
 */
import { rewriteJson } from '../json-rewrite.js';
import { decodeText } from './encoded-text.js';
import { RedactError, type DocumentRedactor } from './types.js';
import { redactValues } from './values.js';
import { checkWellFormed, redactXml } from './xml-text.js';

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

export const redactXmlText: DocumentRedactor = async (bytes, findings, options) => {
  const decoded = decodeText(bytes, 'the XML');
  if (!decoded) throw new RedactError('binary content holds findings');
  const out = redactXml(decoded.text, findings, options);
  if (out === undefined) return { bytes, notes: [] };
  checkWellFormed(decoded.text, out, 'XML');
  return { bytes: decoded.encode(out), notes: [] };
};
