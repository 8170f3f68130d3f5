/**
 * Writing a zip again with some entries replaced: every other entry is copied as stored (its
 * local header, compressed data and data descriptor byte for byte, its central directory record
 * with only its offset moved), so an untouched part keeps its compression, time and attributes.
 * A replaced entry keeps its name, time, attributes and method (stored or deflated) and gets its
 * new size and CRC. Bytes that no directory record points at (a hidden local entry, a
 * self-extractor's program before the archive) are not carried over: the caller notes it.
 *
 * ZIP64 archives are written the way they were stored: a size or offset that a record keeps in
 * its ZIP64 extra field (0x0001) is updated there, and a ZIP64 end record and locator are written
 * again when the archive had them (or when the counts need them). No ZIP64 field is added to an
 * entry that had none: a copy held in memory never needs one.
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';
import { endRecordAt } from '../../documents/zip.js';
import { RedactError } from './types.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export interface StoredEntry {
  name: string;
  /** The central directory record, as written. */
  record: Uint8Array;
  /** Local header, data and data descriptor, as written. */
  local: Uint8Array;
}

export interface StoredZip {
  entries: StoredEntry[];
  /** The end of central directory record, without its comment. */
  end: Uint8Array;
  /** The ZIP64 end of central directory record, when the archive has one. */
  end64?: Uint8Array;
  /** The archive's comment (after the end record). */
  comment: Uint8Array;
  /** Bytes of the file outside the entries and the directory (0 for a plain archive). */
  unlisted: number;
}

/**
 * Where a header's fields stored as 0xffffffff hold their values in its ZIP64 extra field: the
 * offset of each field's 8 bytes, in the order the field comes in the header (APPNOTE 4.5.3).
 * `fields` gives each field's offset in the header; `extraAt`/`extraLen` the header's extra fields.
 */
function zip64Slots<K extends string>(view: DataView, header: number, fields: readonly (readonly [K, number])[], extraAt: number, extraLen: number): Map<K, number> {
  const slots = new Map<K, number>();
  const big = fields.filter(([, at]) => view.getUint32(header + at, true) === MAX32);
  const extra = zip64Extra(view, extraAt, extraLen);
  if (big.length === 0) return slots;
  if (!extra || extra.length < 8 * big.length) throw new RedactError('corrupt ZIP64 archive (a size or offset is missing from its ZIP64 extra field)');
  big.forEach(([k], i) => slots.set(k, extra.at + 8 * i));
  return slots;
}

/** The data of a header's ZIP64 extra field (where it starts, how long), if it has one. */
function zip64Extra(view: DataView, at: number, length: number): { at: number; length: number } | undefined {
  for (let p = at; p + 4 <= at + length; p += 4 + view.getUint16(p + 2, true)) {
    if (view.getUint16(p, true) === ZIP64_EXTRA) return { at: p + 4, length: Math.min(view.getUint16(p + 2, true), at + length - p - 4) };
  }
  return undefined;
}

const CENTRAL_FIELDS = [
  ['size', 24],
  ['compressed', 20],
  ['offset', 42],
] as const;
const LOCAL_FIELDS = [
  ['size', 22],
  ['compressed', 18],
] as const;

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

/** The archive's entries by its central directory (found through the ZIP64 end record when there is one). */
export function readStoredZip(buf: Uint8Array): StoredZip {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = endRecordAt(view);
  if (eocd < 0) throw new RedactError('corrupt ZIP archive (no central directory)');
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  let end64: Uint8Array | undefined;
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = u64(view, eocd - 12);
    if (at + 56 > eocd - 20 || view.getUint32(at, true) !== EOCD64) throw new RedactError('corrupt ZIP64 archive (bad end of central directory record)');
    end64 = buf.subarray(at, Math.min(eocd - 20, at + 12 + u64(view, at + 4)));
    cdSize = u64(view, at + 40);
    cdOffset = u64(view, at + 48);
    cdEnd = at;
  }
  const shift = cdEnd - cdSize - cdOffset;
  if (shift < 0) throw new RedactError('corrupt ZIP archive (central directory out of range)');
  const entries: StoredEntry[] = [];
  let used = eocd + 22 + view.getUint16(eocd + 20, true) - (cdEnd - cdSize);
  for (let p = cdOffset + shift; p + 46 <= cdEnd && view.getUint32(p, true) === CENTRAL; ) {
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const recordLen = 46 + nameLen + extraLen + view.getUint16(p + 32, true);
    if (p + recordLen > cdEnd) throw new RedactError('corrupt ZIP archive (bad central directory entry)');
    const flags = view.getUint16(p + 8, true);
    const slots = zip64Slots(view, p, CENTRAL_FIELDS, p + 46 + nameLen, extraLen);
    const field = (k: 'compressed' | 'offset', at: number) => (slots.has(k) ? u64(view, slots.get(k)!) : view.getUint32(p + at, true));
    const compressed = field('compressed', 20);
    const at = field('offset', 42) + shift;
    if (at + 30 > buf.length || view.getUint32(at, true) !== LOCAL) throw new RedactError('corrupt ZIP archive (bad local header)');
    const localExtra = view.getUint16(at + 28, true);
    const localExtraAt = at + 30 + view.getUint16(at + 26, true);
    let end = localExtraAt + localExtra + compressed;
    // A data descriptor's sizes are 8 bytes each when the local header has a ZIP64 extra field (APPNOTE 4.3.9.2).
    if (flags & 8) end += (end + 4 <= buf.length && view.getUint32(end, true) === DESCRIPTOR ? 4 : 0) + 4 + (zip64Extra(view, localExtraAt, localExtra) ? 16 : 8);
    if (end > buf.length) throw new RedactError('corrupt or truncated ZIP archive');
    entries.push({ name: Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString('utf8'), record: buf.subarray(p, p + recordLen), local: buf.subarray(at, end) });
    used += end - at;
    p += recordLen;
  }
  return {
    entries,
    end: buf.subarray(eocd, eocd + 22),
    ...(end64 ? { end64 } : {}),
    comment: buf.subarray(eocd + 22, eocd + 22 + view.getUint16(eocd + 20, true)),
    unlisted: buf.length - used,
  };
}

/** The archive with the entries named in `replaced` given new contents. */
export function writeZip(zip: StoredZip, replaced: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const locals: Uint8Array[] = [];
  const records: Uint8Array[] = [];
  let offset = 0;
  for (const e of zip.entries) {
    const content = replaced.get(e.name);
    const [local, record] = content === undefined ? [e.local, Uint8Array.from(e.record)] : rewritten(e, content);
    setCentral(record, { offset });
    locals.push(local);
    records.push(record);
    offset += local.length;
  }
  const cdSize = records.reduce((n, r) => n + r.length, 0);
  const count = zip.entries.length;
  const ends: Uint8Array[] = [];
  if (zip.end64 !== undefined || count >= MAX16 || cdSize >= MAX32 || offset >= MAX32) {
    const end64 = zip.end64 ? Uint8Array.from(zip.end64) : fresh64();
    const v = new DataView(end64.buffer);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(offset), true);
    const locator = new Uint8Array(20);
    const lv = new DataView(locator.buffer);
    lv.setUint32(0, EOCD64_LOCATOR, true);
    lv.setBigUint64(8, BigInt(offset + cdSize), true);
    lv.setUint32(16, 1, true);
    ends.push(end64, locator);
  }
  const end = new Uint8Array(22 + zip.comment.length);
  const v = new DataView(end.buffer);
  const was = new DataView(zip.end.buffer, zip.end.byteOffset, zip.end.byteLength);
  // A field the archive set to its maximum (it is in the ZIP64 end record) stays so; one that no longer fits becomes so.
  const fit = (at: number, value: number, max: number) => (was.getUint32(at, true) === max || value >= max ? max : value);
  v.setUint32(0, EOCD, true);
  v.setUint16(8, Math.min(MAX16, was.getUint16(8, true) === MAX16 ? MAX16 : count), true);
  v.setUint16(10, Math.min(MAX16, was.getUint16(10, true) === MAX16 ? MAX16 : count), true);
  v.setUint32(12, fit(12, cdSize, MAX32), true);
  v.setUint32(16, fit(16, offset, MAX32), true);
  v.setUint16(20, zip.comment.length, true);
  end.set(zip.comment, 22);
  return Buffer.concat([...locals, ...records, ...ends, end]);
}

/** A ZIP64 end record for an archive that had none (version 4.5, one disk). */
function fresh64(): Uint8Array {
  const r = new Uint8Array(56);
  const v = new DataView(r.buffer);
  v.setUint32(0, EOCD64, true);
  v.setBigUint64(4, 44n, true);
  v.setUint16(12, 45, true);
  v.setUint16(14, 45, true);
  return r;
}

/** Writes fields of a central directory record: into its ZIP64 extra field where the record keeps them there. */
function setCentral(record: Uint8Array, values: Partial<Record<(typeof CENTRAL_FIELDS)[number][0], number>>): void {
  const v = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const nameLen = v.getUint16(28, true);
  setFields(v, 0, CENTRAL_FIELDS, 46 + nameLen, v.getUint16(30, true), values);
}

function setFields<K extends string>(v: DataView, header: number, fields: readonly (readonly [K, number])[], extraAt: number, extraLen: number, values: Partial<Record<K, number>>): void {
  const slots = zip64Slots(v, header, fields, extraAt, extraLen);
  for (const [k, at] of fields) {
    const value = values[k];
    if (value === undefined) continue;
    const slot = slots.get(k);
    if (slot !== undefined) v.setBigUint64(slot, BigInt(value), true);
    else if (value >= MAX32) throw new RedactError('the redacted archive would need ZIP64 fields its entries do not have');
    else v.setUint32(header + at, value, true);
  }
}

/**
 * A new local header and data for `content`, and the record updated to match; method and flags
 * kept (no data descriptor). A local header with a ZIP64 extra field keeps its sizes there.
 */
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
  lv.setUint16(6, lv.getUint16(6, true) & ~8, true);
  lv.setUint32(14, crc, true);
  // Without its data descriptor, a local ZIP64 extra field holds the sizes (both, APPNOTE 4.5.3); its header says so.
  const extra = zip64Extra(lv, 30 + nameLen, extraLen);
  if (extra && extra.length >= 16) {
    lv.setUint32(18, MAX32, true);
    lv.setUint32(22, MAX32, true);
  }
  setFields(lv, 0, LOCAL_FIELDS, 30 + nameLen, extraLen, { size: content.length, compressed: data.length });
  rv.setUint32(16, crc, true);
  setCentral(rec, { size: content.length, compressed: data.length });
  rv.setUint16(8, rv.getUint16(8, true) & ~8, true);
  return [Buffer.concat([header, data]), rec];
}
