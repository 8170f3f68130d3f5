/**
 * Pictures (PNG, JPEG, GIF, WebP, BMP): their text, read by OCR (image-ocr.ts). Each line is a
 * segment at its place in the picture (line number, box in pixels), with the line before it in
 * its block as context, so a label above a value in a form box counts for it. A picture OCR
 * cannot decode, or one read with OCR turned off (--no-ocr), is a note: not scanned.
 * TIFF and HEIC are not decoded by the engine: they stay notes as unknown media (extract.ts).
 */
import { closeOcr, readImageText } from './image-ocr.js';
import { describeNote } from './location.js';
import { withDeadline } from './pdf.js';
import { checkTime, DocumentError, segment, type ExtractContext, type Segment } from './types.js';

/** The pictures the OCR engine decodes, told by their first bytes. */
export function isImage(head: Uint8Array): boolean {
  const at = (offset: number, ascii: string) => ascii.split('').every((c, i) => head[offset + i] === c.charCodeAt(0));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true; // JPEG
  if (head[0] === 0x89 && at(1, 'PNG\r\n\x1a\n')) return true;
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) return true;
  if (at(0, 'RIFF') && at(8, 'WEBP')) return true;
  return at(0, 'BM') && head.length >= 26 && at(6, '\0\0\0\0'); // BMP: its reserved bytes are zero
}

export async function* extractImage(bytes: Uint8Array, ctx: ExtractContext): AsyncGenerator<Segment> {
  if (ctx.limits.ocr === false) {
    ctx.notes.push(describeNote(ctx.chain, 'image (--no-ocr); not scanned'));
    return;
  }
  checkTime(ctx);
  let lines;
  try {
    const reading = readImageText(bytes);
    reading.catch(() => {}); // past the deadline it settles (fails, its engine ended) with no one waiting
    lines = await withDeadline(reading, ctx);
  } catch (e) {
    if (e instanceof DocumentError) {
      // Past the document's time: the engine is still on this picture; a fresh one reads the next.
      await closeOcr();
      throw e;
    }
    // The engine says only that it could not read the picture: nothing more to tell.
    ctx.notes.push(describeNote(ctx.chain, 'image OCR could not read; not scanned'));
    return;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const before = lines[i - 1];
    yield segment(ctx, line.text, { kind: 'image', line: i + 1, box: line.box }, before && before.block === line.block ? before.text : undefined);
  }
}
