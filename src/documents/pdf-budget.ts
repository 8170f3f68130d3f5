/**
 * A PDF's compressed streams, measured before pdfjs reads the file: pdfjs inflates a stream whole
 * into memory, so one small stream that inflates to gigabytes would take the process down. Every
 * zlib stream after a `stream` keyword is inflated here (Node's zlib, streaming, its output
 * counted and dropped) and counted against what is left of the document's decompression budget
 * (the one archives draw on); past it the file is refused. The /Length and /Filter a stream
 * declares are not trusted: any data that starts as zlib is measured, so the cost is at most the
 * budget plus one pass over the file.
 */
import { inflateSync } from 'fflate';
import { createInflate } from 'node:zlib';
import { checkTime, DocumentError, type ExtractContext } from './types.js';

const KEYWORD = Buffer.from('stream', 'latin1');
const CHUNK = 64 * 1024;
/** A stream that ends within this many bytes is measured in one synchronous call. */
const SMALL = 1024;
/** Deflate's largest ratio: one byte in, at most this many out. */
const MAX_RATIO = 1032;

/** Throws DocumentError when the file's streams inflate past the budget; takes what they use from it. */
export async function checkPdfStreams(bytes: Uint8Array, ctx: ExtractContext): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = ctx.budget.bytes;
  const scratch = new Uint8Array(SMALL * MAX_RATIO + 1);
  let total = 0;
  for (let at = buf.indexOf(KEYWORD); at >= 0; at = buf.indexOf(KEYWORD, at + KEYWORD.length)) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    let data = at + KEYWORD.length;
    if (buf[data] === 0x0d) data++;
    if (buf[data] === 0x0a) data++;
    if (data === at + KEYWORD.length || !isZlib(buf, data)) continue; // not a stream's keyword, or not zlib data
    total += smallSize(buf.subarray(data + 2, data + 2 + SMALL), scratch) ?? (await inflatedSize(buf.subarray(data), limit - total, ctx));
    checkTime(ctx);
    if (total > limit) {
      throw new DocumentError(
        `refused: compressed streams inflate past ${Math.round(ctx.limits.maxTotalBytes / (1024 * 1024))} MB; not read (possible decompression bomb)`,
      );
    }
  }
  ctx.budget.bytes -= total;
}

/** A zlib header: deflate, a window of at most 32 KB, its check bits right, no preset dictionary. */
function isZlib(buf: Buffer, at: number): boolean {
  const cmf = buf[at];
  const flg = buf[at + 1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0;
}

/**
 * What a deflate stream that ends within its first SMALL bytes inflates to (0 for data that is
 * not deflate), in one call; undefined when it runs on past them. Most streams are small, and
 * setting up a zlib stream costs more than inflating them.
 */
function smallSize(head: Uint8Array, scratch: Uint8Array): number | undefined {
  // Data that is not deflate throws; a file can hold many such candidates, and the stack trace
  // is most of what a throw costs.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const out = inflateSync(head, { out: scratch });
    return out.length < scratch.length ? out.length : undefined;
  } catch (e) {
    // fflate's code 0: the data ended before the stream did.
    return (e as { code?: number }).code === 0 ? undefined : 0;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The bytes the zlib stream at the start of `data` inflates to, counted up to just past `cap`.
 * Data after the stream's end is ignored; corrupt data ends the count where it stops making sense.
 */
function inflatedSize(data: Buffer, cap: number, ctx: ExtractContext): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: CHUNK });
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(total);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // Past the deadline: stop; the caller reports it.
      if (total > cap || Date.now() > ctx.deadline) finish();
    });
    inflate.on('end', finish);
    inflate.on('error', finish);
    inflate.end(data);
  });
}
