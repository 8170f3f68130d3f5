/**
 * The document redactor registry: a document kind → the redactor that rewrites the findings in
 * it. Containers (zip entries, email attachments, objects embedded in Office documents) hand
 * what they hold back here, so every nested document is redacted by its own format's redactor.
 * A kind without one is an error naming the kind and where it sits; the file is then refused.
 */
import { describeForNote } from '../../documents/location.js';
import type { DocLocation } from '../../documents/types.js';
import { redactKind } from './kind.js';
import { redactEml } from './eml.js';
import { notYetRedactable } from './not-yet.js';
import { redactOffice } from './office.js';
import { redactPdfDocument } from './pdf.js';
import { redactPicture } from './picture.js';
import { redactSmsBackup } from './sms-backup.js';
import { redactHtmlText, redactJson, redactText } from './text.js';
import { RedactError, type DocFinding, type DocumentRedactOptions, type DocumentRedactor, type RedactedDocument, type RedactKind } from './types.js';
import { redactZip } from './zip.js';

export { RedactError, type DocFinding, type RedactedDocument } from './types.js';

const REDACTORS: Record<RedactKind, DocumentRedactor> = {
  zip: redactZip,
  docx: redactOffice,
  xlsx: redactOffice,
  pptx: redactOffice,
  eml: redactEml,
  csv: redactText,
  tsv: redactText,
  html: redactHtmlText,
  whatsapp: redactText,
  text: redactText,
  json: redactJson,
  'sms-backup': redactSmsBackup,
  pdf: redactPdfDocument,
  image: redactPicture,
  cfb: notYetRedactable('encrypted or legacy Office documents'),
};

export type Options = Omit<DocumentRedactOptions, 'nested'>;

/** `bytes` (a document named `name`) with `findings` rewritten by the redactor of its kind. */
export async function redactDocument(bytes: Uint8Array, name: string, findings: readonly DocFinding[], options: Options): Promise<RedactedDocument> {
  if (findings.length === 0) return { bytes, notes: [] };
  const redactor = REDACTORS[redactKind(bytes, name)];
  return redactor(bytes, findings, { ...options, nested: (inner, innerName, held, where) => nested(inner, innerName, held, where, options) });
}

async function nested(bytes: Uint8Array, name: string, findings: readonly DocFinding[], where: DocLocation, options: Options): Promise<RedactedDocument> {
  // As notes name places: a message's address or sender left out.
  const place = describeForNote([where]);
  try {
    const out = await redactDocument(bytes, name, findings, options);
    return { bytes: out.bytes, notes: out.notes.map((n) => `${place} → ${n}`) };
  } catch (e) {
    if (e instanceof RedactError) throw new RedactError(`${place}: ${e.message}`);
    throw e;
  }
}
