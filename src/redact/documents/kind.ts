/** Which redactor a document needs: its kind as the scanner reads it. */
import { formatOf } from '../../documents/extract.js';
import { ooxmlKind, openPackage } from '../../documents/ooxml.js';
import { DocumentError, newContext } from '../../documents/types.js';
import { readZipDirectory } from '../../documents/zip.js';
import type { RedactKind } from './types.js';

/** The kind a document is, as the scanner read it: its bytes, then its name; text when it is no format. */
export function redactKind(bytes: Uint8Array, name: string): RedactKind {
  const kind = formatOf(bytes, name)?.kind;
  if (kind !== 'zip') return kind ?? 'text';
  try {
    const ctx = newContext();
    return ooxmlKind(openPackage(bytes, readZipDirectory(bytes, ctx), ctx)) ?? 'zip';
  } catch (e) {
    if (e instanceof DocumentError) return 'zip';
    throw e;
  }
}

