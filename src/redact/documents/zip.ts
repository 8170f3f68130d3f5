/**
 * ZIP archives: each entry that holds findings is redacted as the document it is (through the
 * registry: a DOCX, a CSV, another zip), every other entry is kept as stored.
 */
import { inflateEntry, readZipDirectory } from '../../documents/zip.js';
import { newContext } from '../../documents/types.js';
import { byContainer } from './containers.js';
import { RedactError, type DocumentRedactor } from './types.js';
import { readStoredZip, writeZip } from './zip-write.js';

export const redactZip: DocumentRedactor = async (bytes, findings, options) => {
  const { own, inner } = byContainer(findings);
  if (own.length > 0) throw new RedactError(`${own.length} of the findings are in no entry of the archive`);
  const stored = readStoredZip(bytes);
  const listed = new Set(stored.entries.map((e) => e.name));
  const entries = new Map(readZipDirectory(bytes, newContext(options.limits)).map((e) => [e.name, e]));
  const replaced = new Map<string, Uint8Array>();
  const notes: string[] = [];
  for (const { where, findings: held } of inner) {
    if (where.kind !== 'zip') throw new RedactError(`findings at an unexpected place in the archive (${where.kind})`);
    // An entry only a local header names is not part of the copy (see below): nothing to rewrite.
    if (!listed.has(where.entry)) continue;
    const entry = entries.get(where.entry);
    if (!entry) throw new RedactError(`entry ${where.entry} was not found again`);
    const content = inflateEntry(bytes, entry, newContext(options.limits));
    const out = await options.nested(content, where.entry, held, where);
    replaced.set(where.entry, out.bytes);
    notes.push(...out.notes);
  }
  if (stored.unlisted > 0) notes.push(`${stored.unlisted} bytes outside the archive's listed entries (an entry its directory does not list, or data before the archive) are not in the copy`);
  return { bytes: writeZip(stored, replaced), notes };
};
