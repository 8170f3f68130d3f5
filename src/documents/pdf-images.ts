/**
 * The pictures painted on a PDF page, for OCR: a scanned page is a picture with little or no text
 * layer. Each image the page's operator list paints (an XObject or an inline image) is taken as
 * pdf.js decoded it, read as a picture of its own and located `image N of page P`.
 */
import { MIN_READABLE_WIDTH, readPicture } from './image.js';
import type { Pixels } from './image-decode.js';
import { describeNote } from './location.js';
import { isOwnPicture } from './pdf-own-pictures.js';
import type { ExtractContext, Segment } from './types.js';

/** A page with fewer characters of text than this is read as a scan (its pictures OCR'd) under --ocr auto. */
export const SCANNED_BELOW = 40;

/** Whether a page's pictures are taken: to be read, or (--ocr never) to be noted as not read on a scanned page. */
export function readsPageImages(pageText: string, ctx: ExtractContext): boolean {
  return ctx.limits.ocr === 'always' || pageText.replace(/\s+/g, '').length < SCANNED_BELOW;
}

interface DecodedImage {
  width: number;
  height: number;
  /** 1: one bit a pixel (set is white), rows padded to bytes; 2: RGB; 3: RGBA. */
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}
type Objects = { get(id: string, callback: (value: unknown) => void): void };
export interface PdfPageImages {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: Objects;
  commonObjs: Objects;
}

/** The images a page paints, in painting order; `ops`: pdf.js's operator numbers. */
export async function pageImages(page: PdfPageImages, ops: { paintImageXObject: number; paintInlineImageXObject: number }): Promise<Pixels[]> {
  const list = await page.getOperatorList();
  const images: Pixels[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < list.fnArray.length; i++) {
    const op = list.fnArray[i];
    let image: DecodedImage | undefined;
    if (op === ops.paintImageXObject) {
      const id = list.argsArray[i]![0] as string;
      if (seen.has(id)) continue; // the same picture painted twice (a logo on a tiled page) is read once
      seen.add(id);
      image = (await new Promise<unknown>((resolve) => (id.startsWith('g_') ? page.commonObjs : page.objs).get(id, resolve))) as DecodedImage;
    } else if (op === ops.paintInlineImageXObject) {
      image = list.argsArray[i]![0] as DecodedImage;
    }
    const pixels = image && rgba(image);
    // A page the redactor drew from a page without pictures: its text layer holds all it shows.
    if (pixels && !isOwnPicture(pixels)) images.push(pixels);
  }
  return images;
}

function rgba(image: DecodedImage): Pixels | undefined {
  const { width, height, kind, data } = image;
  if (!data || !width || !height) return undefined;
  const out = new Uint8Array(width * height * 4);
  const rowBytes = (width + 7) >> 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      if (kind === 1) {
        const v = data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
        out[p] = out[p + 1] = out[p + 2] = v;
        out[p + 3] = 255;
      } else if (kind === 2) {
        const s = (y * width + x) * 3;
        out[p] = data[s]!;
        out[p + 1] = data[s + 1]!;
        out[p + 2] = data[s + 2]!;
        out[p + 3] = 255;
      } else if (kind === 3) {
        for (let c = 0; c < 4; c++) out[p + c] = data[p + c]!;
      } else {
        return undefined;
      }
    }
  }
  return { width, height, data: out };
}

/** The text in a page's pictures, each at `image N of page P`; one too small to read is a note. */
export async function* readPageImages(images: readonly Pixels[], page: number, ctx: ExtractContext): AsyncGenerator<Segment> {
  for (let i = 0; i < images.length; i++) {
    const image = images[i]!;
    if (ctx.limits.ocr === 'never') {
      ctx.notes.push(describeNote(ctx.chain, `page ${page}: image ${i + 1}: image (--ocr never); not scanned`));
      continue;
    }
    if (image.width < MIN_READABLE_WIDTH) {
      // Small pictures on a page with text are logos and icons; on a scanned page they may be all there is.
      if (readsAsScan(images)) ctx.notes.push(describeNote(ctx.chain, `page ${page}: image ${i + 1}: image too small to read (${image.width} px wide, under ${MIN_READABLE_WIDTH}); not scanned`));
      continue;
    }
    yield* readPicture({ pixels: image }, ctx, { page, image: i + 1 });
  }
}

/** No picture on the page is large enough to read: the small ones are noted rather than passed over. */
const readsAsScan = (images: readonly Pixels[]) => images.every((p) => p.width < MIN_READABLE_WIDTH);
