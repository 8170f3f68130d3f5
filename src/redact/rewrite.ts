/**
 * The second pass: copy the source's bytes, replacing each planned span. Bytes outside the
 * spans pass through untouched (line endings, invalid sequences, the BOM), and memory holds at
 * most one chunk plus one span.
 */
import type { Span } from './plan.js';

/** Renders a span from its original bytes (decoded and re-encoded by the caller, who knows the encoding). */
export type RenderSpan = (span: Span, original: Buffer) => Buffer;

export async function* rewrite(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, spans: readonly Span[], render: RenderSpan): AsyncGenerator<Buffer> {
  let pos = 0; // absolute offset of the chunk's first byte
  let k = 0; // next span
  let pending: Buffer[] = []; // bytes of the span in progress
  for await (const raw of source) {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const chunkEnd = pos + chunk.length;
    let at = 0; // position within the chunk
    while (at < chunk.length) {
      const span = spans[k];
      if (!span || span.start >= chunkEnd) {
        yield chunk.subarray(at);
        at = chunk.length;
        break;
      }
      const spanStart = Math.max(span.start - pos, at);
      if (spanStart > at) {
        yield chunk.subarray(at, spanStart);
        at = spanStart;
      }
      const spanEnd = Math.min(span.end - pos, chunk.length);
      pending.push(chunk.subarray(at, spanEnd));
      at = spanEnd;
      if (span.end <= chunkEnd) {
        yield render(span, Buffer.concat(pending));
        pending = [];
        k++;
      }
    }
    pos = chunkEnd;
  }
  if (k < spans.length) throw new Error('the input ended before a planned span: it changed while being redacted');
}
