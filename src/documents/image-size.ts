/**
 * The width and height a picture's header declares, read from its bytes without decoding it: the
 * test for a picture too small to read, made before the OCR engine is given it. Undefined when
 * the header cannot be read (the engine then says whether it can decode the picture).
 */
import type { PictureFormat } from './image-decode.js';

export interface PictureSize {
  width: number;
  height: number;
}

export function pictureSize(b: Uint8Array, format: PictureFormat): PictureSize | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fits = (end: number) => end <= b.length;
  switch (format) {
    case 'png': // IHDR, the first chunk
      return fits(24) ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
    case 'gif': // the logical screen
      return fits(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : undefined;
    case 'bmp': // BITMAPINFOHEADER (a negative height is a top-down bitmap)
      return fits(26) ? { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) } : undefined;
    case 'webp':
      return webpSize(b, view);
    case 'jpeg':
      return jpegSize(b, view);
    default:
      return undefined;
  }
}

function webpSize(b: Uint8Array, view: DataView): PictureSize | undefined {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ' && b.length >= 30) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    const u24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return undefined;
}

/** The first start-of-frame segment's size; markers are walked by their lengths. */
function jpegSize(b: Uint8Array, view: DataView): PictureSize | undefined {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data before any frame header
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
