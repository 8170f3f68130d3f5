/**
 * A ZIP reader that checks before it inflates: the central directory gives each entry's declared
 * sizes, so an archive over the entry count, the total size or the compression ratio is refused
 * before any of it is inflated, and inflation itself stops as soon as an entry grows past what it
 * declared (a lying header) or past what is left of the budget. One entry is held at a time.
 */
import { Inflate } from 'fflate';
import { describeNote } from './location.js';
import { DocumentError, type ExtractContext } from './types.js';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const LOCAL_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
/** Entries smaller than this are never refused for their ratio (a page of spaces compresses well). */
const RATIO_FLOOR = 1024 * 1024;
const PUSH = 16 * 1024;

export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Where the end-of-central-directory record starts (searched back over the longest comment), or -1. */
export function endRecordAt(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

/**
 * Every entry of the archive, checked against the limits. The central directory is walked by its
 * declared offset and size until its records stop, as unzip and Python's zipfile read it, not by
 * the count in the end record (which can be lowered to hide entries from a reader that trusts it);
 * a disagreement is a note. Local file headers that no directory record points at are read too
 * (their own header gives their sizes) or, when their size is not known up front, noted.
 * Throws DocumentError for a truncated or over-limit archive.
 */
export function readZipDirectory(buf: Uint8Array, ctx: ExtractContext): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = endRecordAt(view);
  if (eocd < 0) throw new DocumentError('corrupt or truncated ZIP archive (no central directory)');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  const zip64 = eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR ? Number(view.getBigUint64(eocd - 12, true)) : -1;
  if (zip64 >= 0) {
    if (zip64 + 56 > eocd - 20 || view.getUint32(zip64, true) !== EOCD64) throw new DocumentError('corrupt ZIP64 archive (bad end of central directory record)');
    count = Number(view.getBigUint64(zip64 + 32, true));
    cdSize = Number(view.getBigUint64(zip64 + 40, true));
    cdOffset = Number(view.getBigUint64(zip64 + 48, true));
    cdEnd = zip64;
  }
  // Bytes before the archive (a self-extractor's program) shift every offset, as zipfile allows for.
  const shift = cdEnd - cdSize - cdOffset;
  if (shift < 0 || cdOffset + shift > cdEnd) throw new DocumentError('corrupt or truncated ZIP archive (central directory out of range)');
  if (count > ctx.budget.entries) {
    throw new DocumentError(`refused: ${count} entries is more than the limit of ${ctx.limits.maxEntries} (possible zip bomb)`);
  }
  const entries: ZipEntry[] = [];
  const take = (entry: ZipEntry) => {
    if (entries.length >= ctx.budget.entries) {
      throw new DocumentError(`refused: more entries than the limit of ${ctx.limits.maxEntries} (possible zip bomb)`);
    }
    checkEntry(entry, ctx);
    entries.push(entry);
  };
  const start = cdOffset + shift;
  let p = start;
  while (p + 46 <= start + cdSize && view.getUint32(p, true) === CENTRAL) {
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    if (p + 46 + nameLen + extraLen > cdEnd) throw new DocumentError('corrupt ZIP archive (bad central directory entry)');
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString('utf8'),
    };
    readZip64Extra(view, p + 46 + nameLen, extraLen, entry);
    entry.localOffset += shift;
    take(entry);
    p += 46 + nameLen + extraLen + view.getUint16(p + 32, true);
  }
  if (entries.length === 0 && count > 0) throw new DocumentError('corrupt ZIP archive (bad central directory entry)');
  if (entries.length !== count) {
    note(ctx, `the central directory holds ${entries.length} entries, its end record says ${count}; all ${entries.length} read`);
  }
  for (const entry of localOnly(buf, view, entries, start)) {
    if (entry.flags & 8) note(ctx, `entry ${entry.name} has a local header but no central directory record, and no size before its data; not read`);
    else take(entry);
  }
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > ctx.budget.bytes) {
    throw new DocumentError(`refused: entries would inflate to ${declared} bytes, over the limit of ${ctx.limits.maxTotalBytes} (possible zip bomb)`);
  }
  ctx.budget.entries -= entries.length;
  return entries;
}

/** Refuses an entry whose declared sizes say it is a bomb. */
function checkEntry(entry: ZipEntry, ctx: ExtractContext): void {
  if (entry.size > RATIO_FLOOR && entry.size > Math.max(1, entry.compressedSize) * ctx.limits.maxRatio) {
    throw new DocumentError(
      `refused: entry ${entry.name} would inflate ${entry.compressedSize} bytes to ${entry.size} (ratio over ${ctx.limits.maxRatio}; possible zip bomb)`,
    );
  }
}

/** The sizes and offset a ZIP64 extra field gives for those its record left at 0xffffffff, in its order. */
function readZip64Extra(view: DataView, at: number, length: number, entry: ZipEntry): void {
  const big = (['size', 'compressedSize', 'localOffset'] as const).filter((k) => entry[k] === 0xffffffff);
  if (big.length === 0) return;
  for (let p = at; p + 4 <= at + length; p += 4 + view.getUint16(p + 2, true)) {
    if (view.getUint16(p, true) !== 0x0001) continue;
    big.forEach((k, i) => {
      if (p + 4 + 8 * (i + 1) <= at + length) entry[k] = Number(view.getBigUint64(p + 4 + 8 * i, true));
    });
    return;
  }
  throw new DocumentError(`corrupt ZIP64 archive (no sizes for ${entry.name})`);
}

/**
 * Local file headers before the central directory that no directory record points at and that
 * lie outside every listed entry's data (an archive stored inside an entry has headers of its own).
 */
function* localOnly(buf: Uint8Array, view: DataView, entries: readonly ZipEntry[], end: number): Generator<ZipEntry> {
  const covered = entries
    .map((e) => [e.localOffset, e.localOffset + 30 + e.compressedSize + localExtra(view, e.localOffset, buf.length)] as const)
    .sort((a, b) => a[0] - b[0]);
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let c = 0;
  for (let p = bytes.indexOf(LOCAL_MAGIC, 0); p >= 0 && p + 30 <= end; p = bytes.indexOf(LOCAL_MAGIC, p + 4)) {
    while (c < covered.length && covered[c]![1] <= p) c++;
    if (c < covered.length && covered[c]![0] <= p) {
      p = covered[c]![1] - 4;
      continue;
    }
    const nameLen = view.getUint16(p + 26, true);
    const entry: ZipEntry = {
      flags: view.getUint16(p + 6, true),
      method: view.getUint16(p + 8, true),
      compressedSize: view.getUint32(p + 18, true),
      size: view.getUint32(p + 22, true),
      localOffset: p,
      name: Buffer.from(buf.subarray(p + 30, p + 30 + nameLen)).toString('utf8'),
    };
    yield entry;
    const next = p + 30 + nameLen + view.getUint16(p + 28, true) + (entry.flags & 8 ? 0 : entry.compressedSize);
    p = Math.max(p, next - 4);
  }
}

/** The name and extra field lengths of the local header at `at` (0 when there is none). */
function localExtra(view: DataView, at: number, length: number): number {
  return at + 30 <= length ? view.getUint16(at + 26, true) + view.getUint16(at + 28, true) : 0;
}

function note(ctx: ExtractContext, what: string): void {
  ctx.notes.push(describeNote(ctx.chain, what));
}

/** One entry's bytes. Stops (DocumentError) past its declared size or the budget left. */
export function inflateEntry(buf: Uint8Array, entry: ZipEntry, ctx: ExtractContext): Uint8Array {
  if (entry.flags & 1) throw new DocumentError(`encrypted ZIP entry ${entry.name}: encrypted documents cannot be scanned`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = entry.localOffset;
  if (at + 30 > buf.length || view.getUint32(at, true) !== LOCAL) throw new DocumentError(`corrupt ZIP archive (bad local header for ${entry.name})`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new DocumentError(`corrupt or truncated ZIP archive (${entry.name} runs past the end)`);
  const data = buf.subarray(start, end);
  const cap = Math.min(entry.size, ctx.budget.bytes);
  if (entry.method === 0) {
    if (data.length > cap) throw new DocumentError(`refused: ${entry.name} is over the decompressed size limit`);
    ctx.budget.bytes -= data.length;
    return data;
  }
  if (entry.method !== 8) throw new DocumentError(`unsupported ZIP compression method ${entry.method} for ${entry.name}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let p = 0; p < data.length && !over; p += PUSH) inflate.push(data.subarray(p, p + PUSH), p + PUSH >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    throw new DocumentError(`corrupt compressed data in ${entry.name} (${(e as Error).message})`);
  }
  if (over) {
    throw new DocumentError(
      total > entry.size
        ? `refused: ${entry.name} inflates past its declared size of ${entry.size} bytes (possible zip bomb)`
        : `refused: decompressed size over the limit of ${ctx.limits.maxTotalBytes} bytes (possible zip bomb)`,
    );
  }
  ctx.budget.bytes -= total;
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
