/**
 * A ZIP reader that checks before it inflates: the central directory gives each entry's declared
 * sizes, so an archive over the entry count, the total size or the compression ratio is refused
 * before any of it is inflated, and inflation itself stops as soon as an entry grows past what it
 * declared (a lying header) or past what is left of the budget. One entry is held at a time.
 */
import { Inflate } from 'fflate';
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
/** Entries smaller than this are never refused for their ratio (a page of spaces compresses well). */
const RATIO_FLOOR = 1024 * 1024;
const PUSH = 16 * 1024;

export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The central directory, checked against the limits. Throws DocumentError for a truncated, ZIP64 or over-limit archive. */
export function readZipDirectory(buf: Uint8Array, ctx: ExtractContext): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DocumentError('corrupt or truncated ZIP archive (no central directory)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new DocumentError('ZIP64 archives are not supported');
  if (cdOffset + cdSize > eocd) throw new DocumentError('corrupt or truncated ZIP archive (central directory out of range)');
  if (count > ctx.budget.entries) {
    throw new DocumentError(`refused: ${count} entries is more than the limit of ${ctx.limits.maxEntries} (possible zip bomb)`);
  }
  ctx.budget.entries -= count;
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let declared = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw new DocumentError('corrupt ZIP archive (bad central directory entry)');
    const nameLen = view.getUint16(p + 28, true);
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString('utf8'),
    };
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new DocumentError('ZIP64 archives are not supported');
    if (entry.size > RATIO_FLOOR && entry.size > Math.max(1, entry.compressedSize) * ctx.limits.maxRatio) {
      throw new DocumentError(
        `refused: entry ${entry.name} would inflate ${entry.compressedSize} bytes to ${entry.size} (ratio over ${ctx.limits.maxRatio}; possible zip bomb)`,
      );
    }
    declared += entry.size;
    entries.push(entry);
  }
  if (declared > ctx.budget.bytes) {
    throw new DocumentError(`refused: entries would inflate to ${declared} bytes, over the limit of ${ctx.limits.maxTotalBytes} (possible zip bomb)`);
  }
  return entries;
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
