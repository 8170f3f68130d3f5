/**
 * Writing a zip again with some entries replaced: every other entry is copied as stored (its
 * local header, compressed data and data descriptor byte for byte, its central directory record
 * with only its offset moved), so an untouched part keeps its compression, time and attributes.
 * A replaced entry keeps its name, time, attributes and method (stored or deflated) and gets its
 * new size and CRC. Bytes that no directory record points at (a hidden local entry, a
 * self-extractor's program before the archive) are not carried over: the caller notes it.
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';
import { endRecordAt } from '../../documents/zip.js';
import { RedactError } from './types.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const EOCD64_LOCATOR = 0x07064b50;

export interface StoredEntry {
  name: string;
  /** The central directory record, as written. */
  record: Uint8Array;
  /** Local header, data and data descriptor, as written. */
  local: Uint8Array;
}

export interface StoredZip {
  entries: StoredEntry[];
  /** The archive's comment (after the end record). */
  comment: Uint8Array;
  /** Bytes of the file outside the entries and the directory (0 for a plain archive). */
  unlisted: number;
}

/** The archive's entries by its central directory. ZIP64 archives are refused (their records would need rewriting too). */
export function readStoredZip(buf: Uint8Array): StoredZip {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = endRecordAt(view);
  if (eocd < 0) throw new RedactError('corrupt ZIP archive (no central directory)');
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR) throw new RedactError('ZIP64 archives cannot be redacted yet');
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const shift = eocd - cdSize - cdOffset;
  const entries: StoredEntry[] = [];
  let used = eocd + 22 + view.getUint16(eocd + 20, true) - (eocd - cdSize);
  for (let p = cdOffset + shift; p + 46 <= eocd && view.getUint32(p, true) === CENTRAL; ) {
    const nameLen = view.getUint16(p + 28, true);
    const recordLen = 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const flags = view.getUint16(p + 8, true);
    const compressed = view.getUint32(p + 20, true);
    const at = view.getUint32(p + 42, true) + shift;
    if (compressed === 0xffffffff || at - shift === 0xffffffff) throw new RedactError('ZIP64 archives cannot be redacted yet');
    if (at + 30 > buf.length || view.getUint32(at, true) !== LOCAL) throw new RedactError('corrupt ZIP archive (bad local header)');
    let end = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + compressed;
    if (flags & 8) end += end + 4 <= buf.length && view.getUint32(end, true) === DESCRIPTOR ? 16 : 12;
    if (end > buf.length) throw new RedactError('corrupt or truncated ZIP archive');
    entries.push({ name: Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString('utf8'), record: buf.subarray(p, p + recordLen), local: buf.subarray(at, end) });
    used += end - at;
    p += recordLen;
  }
  return { entries, comment: buf.subarray(eocd + 22, eocd + 22 + view.getUint16(eocd + 20, true)), unlisted: buf.length - used };
}

/** The archive with the entries named in `replaced` given new contents. */
export function writeZip(zip: StoredZip, replaced: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const locals: Uint8Array[] = [];
  const records: Uint8Array[] = [];
  let offset = 0;
  for (const e of zip.entries) {
    const content = replaced.get(e.name);
    const [local, record] = content === undefined ? [e.local, Uint8Array.from(e.record)] : rewritten(e, content);
    new DataView(record.buffer, record.byteOffset, record.byteLength).setUint32(42, offset, true);
    if (offset > 0xfffffffe) throw new RedactError('the redacted archive would need ZIP64');
    locals.push(local);
    records.push(record);
    offset += local.length;
  }
  const cdSize = records.reduce((n, r) => n + r.length, 0);
  const end = new Uint8Array(22 + zip.comment.length);
  const v = new DataView(end.buffer);
  v.setUint32(0, EOCD, true);
  v.setUint16(8, zip.entries.length, true);
  v.setUint16(10, zip.entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  v.setUint16(20, zip.comment.length, true);
  end.set(zip.comment, 22);
  return Buffer.concat([...locals, ...records, end]);
}

/** A new local header and data for `content`, and the record updated to match; method and flags kept (no data descriptor). */
function rewritten(e: StoredEntry, content: Uint8Array): [Uint8Array, Uint8Array] {
  const rec = Uint8Array.from(e.record);
  const rv = new DataView(rec.buffer);
  const method = rv.getUint16(10, true);
  if (method !== 0 && method !== 8) throw new RedactError(`entry uses compression method ${method}, which cannot be written`);
  const data = method === 8 ? deflateSync(content, { level: 6 }) : content;
  const crc = crc32(content);
  const lv0 = new DataView(e.local.buffer, e.local.byteOffset, e.local.byteLength);
  const nameLen = lv0.getUint16(26, true);
  const extraLen = lv0.getUint16(28, true);
  const header = Uint8Array.from(e.local.subarray(0, 30 + nameLen + extraLen));
  const lv = new DataView(header.buffer);
  const flags = lv.getUint16(6, true) & ~8;
  lv.setUint16(6, flags, true);
  for (const [v, at] of [
    [lv, 14],
    [rv, 16],
  ] as const) {
    v.setUint32(at, crc, true);
    v.setUint32(at + 4, data.length, true);
    v.setUint32(at + 8, content.length, true);
  }
  rv.setUint16(8, rv.getUint16(8, true) & ~8, true);
  return [Buffer.concat([header, data]), rec];
}
