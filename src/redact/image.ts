/**
 * Image redaction: a copy of a picture with an opaque box burnt over each region, the same format
 * and size. The copy is re-encoded from its pixels, so nothing of the original file's metadata
 * (EXIF, GPS, XMP, comments, thumbnails) is carried over. PNG and JPEG are written (pngjs,
 * jpeg-js); any other format is refused (ImageRedactionError) rather than written under its name
 * as another. Pure bytes in, bytes out: the redaction of image files (image-file.ts) and of
 * pictures inside documents both call `redactImage`, and both rescan what it returns.
 */
import { decodePages, encodePng, jpegjs, pictureFormat, type Pixels } from '../documents/image-decode.js';

/** A region in pixels from the top left. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ImageRedactionOptions {
  /** Pixels added around each box (default: 2 px and a fifth of the box's height, so a glyph's edge is covered too). */
  margin?: number;
  /** JPEG quality of a redacted JPEG (default 90). */
  jpegQuality?: number;
}

export class ImageRedactionError extends Error {}

/** The formats redactImage writes. */
export const REDACTED_FORMATS = ['png', 'jpeg'] as const;

/** `bytes` (PNG or JPEG) with a black box over each of `boxes`, in its own format and size, without its metadata. */
export async function redactImage(bytes: Uint8Array, boxes: readonly PixelBox[], options: ImageRedactionOptions = {}): Promise<Uint8Array> {
  const format = pictureFormat(bytes);
  if (format !== 'png' && format !== 'jpeg') {
    throw new ImageRedactionError(`${format ? format.toUpperCase() : 'this'} pictures cannot be redacted (PNG and JPEG can): convert it to PNG first`);
  }
  let pixels: Pixels;
  try {
    [pixels] = (await decodePages(bytes, format)) as [Pixels];
  } catch (e) {
    throw new ImageRedactionError(`the picture could not be decoded: ${(e as Error).message}`);
  }
  const burnt = burn(pixels, boxes, options.margin);
  if (format === 'png') return encodePng(burnt);
  const data = Buffer.from(burnt.data.buffer, burnt.data.byteOffset, burnt.data.byteLength);
  return (await jpegjs()).encode({ width: burnt.width, height: burnt.height, data }, options.jpegQuality ?? 90).data;
}

/** A copy of the pixels, black and opaque inside each box (with its margin), clipped to the picture. */
export function burn(pixels: Pixels, boxes: readonly PixelBox[], margin?: number): Pixels {
  const data = new Uint8Array(pixels.data);
  for (const b of boxes) {
    const m = margin ?? 2 + Math.ceil(b.h / 5);
    const x0 = Math.max(0, Math.floor(b.x - m));
    const y0 = Math.max(0, Math.floor(b.y - m));
    const x1 = Math.min(pixels.width, Math.ceil(b.x + b.w + m));
    const y1 = Math.min(pixels.height, Math.ceil(b.y + b.h + m));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const p = (y * pixels.width + x) * 4;
        data[p] = data[p + 1] = data[p + 2] = 0;
        data[p + 3] = 255;
      }
    }
  }
  return { width: pixels.width, height: pixels.height, data };
}
