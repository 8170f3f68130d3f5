/**
 * Pictures (PNG, JPEG, GIF, WebP, BMP, TIFF, HEIC/HEIF): their text, read by OCR (image-ocr.ts).
 * Each line is a segment at its place in the picture (line number, box in pixels; a TIFF's page),
 * with the line before it in its block as context, so a label above a value in a form box counts
 * for it; the GPS coordinates in its EXIF are a segment of their own. When the first reading
 * finds little text or is unsure, a second reads the picture flattened and enlarged
 * (image-enhance.ts), and the lines only it found are added. Never a silent clean: a picture OCR
 * cannot decode, one too small to read, or one met with OCR off (--ocr never) is a note: not scanned.
 */
import { ENGINE_READS, decodePages, encodePng, pictureFormat, type Pixels, type PictureFormat } from './image-decode.js';
import { pictureSize } from './image-size.js';
import { enlargement, flattened } from './image-enhance.js';
import { exifCoordinates } from './image-exif.js';
import { closeOcr, readImageText, type OcrLine } from './image-ocr.js';
import { describeNote } from './location.js';
import { checkTime, DocumentError, segment, withDeadline, type DocLocation, type ExtractContext, type Segment } from './types.js';

/** The pictures this tool reads, told by their first bytes. */
export function isImage(head: Uint8Array): boolean {
  return pictureFormat(head) !== undefined;
}

/** Narrower than this, a picture's text is too small for OCR to be trusted with: noted as not readable. */
export const MIN_READABLE_WIDTH = 500;

/** A first reading with fewer characters than this, or a mean confidence below LOW_CONFIDENCE, is read a second time. */
const LITTLE_TEXT = 20;
const LOW_CONFIDENCE = 75;

/** Where a picture sits, when it is one of several (a TIFF's page, a scanned PDF page's image). */
export type PicturePlace = Omit<Extract<DocLocation, { kind: 'image' }>, 'kind' | 'line' | 'box' | 'metadata'>;

export async function* extractImage(bytes: Uint8Array, ctx: ExtractContext): AsyncGenerator<Segment> {
  const format = pictureFormat(bytes);
  if (!format) return;
  // Metadata first: it is read whatever OCR does with the pixels.
  const gps = await exifCoordinates(bytes);
  if (gps) yield segment(ctx, gps, { kind: 'image', metadata: 'EXIF GPS' }, 'GPS');
  if (ctx.limits.ocr === 'never') {
    ctx.notes.push(describeNote(ctx.chain, 'image (--ocr never); not scanned'));
    return;
  }
  checkTime(ctx);
  let pages: Array<{ pixels?: Pixels; bytes?: Uint8Array }>;
  if (ENGINE_READS.has(format)) {
    const size = pictureSize(bytes, format);
    if (size && size.width < MIN_READABLE_WIDTH) {
      ctx.notes.push(describeNote(ctx.chain, tooSmall(size.width)));
      return;
    }
    pages = [{ bytes }];
  } else {
    try {
      pages = (await withDeadline(decodePages(bytes, format), ctx)).map((pixels) => ({ pixels }));
    } catch (e) {
      if (e instanceof DocumentError) throw e;
      ctx.notes.push(describeNote(ctx.chain, `${FORMAT_NAME[format]} image could not be decoded; not scanned`));
      return;
    }
  }
  for (let p = 0; p < pages.length; p++) {
    const place = pages.length > 1 ? { page: p + 1 } : {};
    const page = pages[p]!;
    if (page.pixels && page.pixels.width < MIN_READABLE_WIDTH) {
      ctx.notes.push(describeNote(ctx.chain, `${pages.length > 1 ? `page ${p + 1}: ` : ''}${tooSmall(page.pixels.width)}`));
      continue;
    }
    yield* readPicture(page, ctx, place);
  }
}

const FORMAT_NAME: Record<PictureFormat, string> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', bmp: 'BMP', tiff: 'TIFF', heic: 'HEIC' };

const tooSmall = (width: number) => `image too small to read (${width} px wide, under ${MIN_READABLE_WIDTH}); not scanned`;

/**
 * One picture's lines as segments at `place`: `bytes` a format the engine decodes, or `pixels`.
 * Also used for the pictures on a scanned PDF page.
 */
export async function* readPicture(picture: { pixels?: Pixels; bytes?: Uint8Array }, ctx: ExtractContext, place: PicturePlace = {}): AsyncGenerator<Segment> {
  let lines: OcrLine[];
  try {
    const input = picture.bytes ?? (await encodePng(picture.pixels!));
    lines = await ocr(input, ctx);
    const pixels = needsSecondPass(lines) ? (picture.pixels ?? (await secondPassPixels(picture.bytes!))) : undefined;
    if (pixels) {
      const scale = enlargement(pixels.width);
      const second = (await ocr(await encodePng(flattened(pixels)), ctx)).map((l) => unscaled(l, scale));
      lines = union(lines, second);
    }
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    // The engine says only that it could not read the picture: nothing more to tell.
    ctx.notes.push(describeNote(ctx.chain, 'image OCR could not read; not scanned'));
    return;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const before = lines[i - 1];
    const seg = segment(ctx, line.text, { kind: 'image', ...place, line: i + 1, box: line.box }, before && before.block === line.block ? before.text : undefined);
    yield { ...seg, ocr: { words: line.words } };
  }
}

/** One OCR reading within the document's time. */
async function ocr(input: Uint8Array, ctx: ExtractContext): Promise<OcrLine[]> {
  checkTime(ctx);
  try {
    const reading = readImageText(input);
    reading.catch(() => {}); // past the deadline it settles (fails, its engine ended) with no one waiting
    return await withDeadline(reading, ctx);
  } catch (e) {
    // Past the document's time: the engine is still on this picture; a fresh one reads the next.
    if (e instanceof DocumentError) await closeOcr();
    throw e;
  }
}

/** The pixels of a picture the engine read from its bytes, when this tool decodes its format (PNG, JPEG). */
async function secondPassPixels(bytes: Uint8Array): Promise<Pixels | undefined> {
  const format = pictureFormat(bytes)!;
  if (format !== 'png' && format !== 'jpeg') return undefined;
  // The engine read it: a picture only it decodes is left at its first reading.
  return (await decodePages(bytes, format).catch(() => []))[0];
}

function needsSecondPass(lines: readonly OcrLine[]): boolean {
  const chars = lines.reduce((n, l) => n + l.text.trim().length, 0);
  if (chars < LITTLE_TEXT) return true;
  const weighted = lines.reduce((n, l) => n + l.confidence * l.text.trim().length, 0);
  return weighted / chars < LOW_CONFIDENCE;
}

function unscaled(line: OcrLine, scale: number): OcrLine {
  if (scale === 1) return line;
  const box = (b: Box) => ({ x: Math.floor(b.x / scale), y: Math.floor(b.y / scale), w: Math.ceil(b.w / scale), h: Math.ceil(b.h / scale) });
  return { ...line, box: box(line.box), words: line.words.map((w) => ({ ...w, box: box(w.box) })) };
}

/** The first reading's lines, then the second's that say something the first did not say in that place. */
function union(first: readonly OcrLine[], second: readonly OcrLine[]): OcrLine[] {
  const blocks = first.reduce((n, l) => Math.max(n, l.block + 1), 0);
  const same = (a: OcrLine, b: OcrLine) => a.text.replace(/\s+/g, '') === b.text.replace(/\s+/g, '') && overlaps(a.box, b.box);
  const added = second.filter((l) => !first.some((f) => same(f, l))).map((l) => ({ ...l, block: l.block + blocks }));
  return [...first, ...added];
}

type Box = OcrLine['box'];
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
