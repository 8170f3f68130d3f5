/**
 * Pictures as pixels: which format a picture is (by its first bytes), its pixels, and a PNG of
 * pixels for the OCR engine. All in JavaScript or WebAssembly, so a hostile picture can fail but
 * not crash the process (Skia, in @napi-rs/canvas, segfaults on some JPEGs): PNG by pngjs, JPEG by
 * jpeg-js, TIFF by utif2 (every page), HEIC/HEIF by heic-decode (libheif compiled to WebAssembly).
 * The OCR engine reads PNG, JPEG, GIF, WebP and BMP itself; TIFF and HEIC pages reach it as PNGs
 * made here. Each library is loaded on first use: a run with no pictures loads none.
 */
import { importModule } from '../runtime/import-module.js';

export type PictureFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'heic';

/** RGBA, 4 bytes a pixel, row after row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The picture format of these first bytes, if it is one this tool reads. */
export function pictureFormat(head: Uint8Array): PictureFormat | undefined {
  const at = (offset: number, ascii: string) => ascii.split('').every((c, i) => head[offset + i] === c.charCodeAt(0));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head[0] === 0x89 && at(1, 'PNG\r\n\x1a\n')) return 'png';
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) return 'gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp';
  if (at(0, 'II*\0') || at(0, 'MM\0*')) return 'tiff';
  // ISO media (HEIF): an `ftyp` box whose major brand is a still picture's (AVIF is not read).
  if (at(4, 'ftyp') && /^(heic|heix|heim|heis|mif1|msf1)$/.test(String.fromCharCode(...head.subarray(8, 12)))) return 'heic';
  if (at(0, 'BM') && head.length >= 26 && at(6, '\0\0\0\0')) return 'bmp'; // BMP: its reserved bytes are zero
  return undefined;
}

/** Formats the OCR engine decodes from their own bytes. */
export const ENGINE_READS: ReadonlySet<PictureFormat> = new Set(['png', 'jpeg', 'gif', 'webp', 'bmp']);

interface Utif {
  decode(buffer: Buffer | ArrayBuffer): Array<{ width: number; height: number; [k: string]: unknown }>;
  decodeImage(buffer: Buffer | ArrayBuffer, ifd: object): void;
  toRGBA8(ifd: object): Uint8Array;
}
type HeicDecode = (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
interface PngJs {
  PNG: { sync: { read(buffer: Buffer): Pixels; write(png: Pixels & { data: Buffer }, options?: object): Buffer } };
}
interface JpegJs {
  decode(buffer: Buffer, options: object): Pixels;
  encode(image: Pixels & { data: Buffer }, quality: number): { data: Buffer };
}

const lib = <T>(name: string) => async (): Promise<T> => {
  const mod = (await importModule(name)) as T & { default?: T };
  return mod.default ?? mod;
};
const utif = lib<Utif>('utif2');
const heicDecode = lib<HeicDecode>('heic-decode');
export const pngjs = lib<PngJs>('pngjs');
export const jpegjs = lib<JpegJs>('jpeg-js');

/** Pixels a JPEG may decode to at most (a hostile header can declare gigapixels). */
const MAX_PIXELS = 100_000_000;

/**
 * The pages of a picture as pixels: one for most formats, one per page of a TIFF (a fax, a scan).
 * Throws when the bytes do not decode.
 */
export async function decodePages(bytes: Uint8Array, format: PictureFormat): Promise<Pixels[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'tiff') {
    const UTIF = await utif();
    const pages = UTIF.decode(buffer).filter((ifd) => ifd['t256'] !== undefined); // IFDs with an image (not EXIF sub-IFDs)
    const bigEndian = buffer[0] === 0x4d;
    return pages.map((ifd) => {
      UTIF.decodeImage(buffer, ifd);
      return { width: ifd.width, height: ifd.height, data: rgbaOf16Bit(ifd as unknown as Ifd, bigEndian) ?? UTIF.toRGBA8(ifd) };
    });
  }
  if (format === 'heic') {
    const decoded = await (await heicDecode())({ buffer: bytes });
    return [{ width: decoded.width, height: decoded.height, data: decoded.data }];
  }
  if (format === 'png') return [(await pngjs()).PNG.sync.read(buffer)];
  if (format === 'jpeg') return [(await jpegjs()).decode(buffer, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 1024 })];
  // GIF, WebP and BMP: read by the OCR engine from their own bytes only.
  throw new Error(`${format} is not decoded here`);
}

interface Ifd {
  width: number;
  height: number;
  data: Uint8Array;
  t258?: number[];
  t262?: number[];
  t277?: number[];
  t284?: number[];
}

/**
 * A 16-bit grey or RGB TIFF page (what ImageMagick and scanners write at depth 16) as RGBA: utif2's
 * own conversion reads such samples little-endian and ignores an alpha sample beside a grey one.
 * Undefined for other layouts (utif2 converts those).
 */
function rgbaOf16Bit(ifd: Ifd, bigEndian: boolean): Uint8Array | undefined {
  const bits = ifd.t258 ?? [];
  const interpretation = ifd.t262?.[0] ?? 1;
  if (bits[0] !== 16 || (ifd.t284?.[0] ?? 1) !== 1 || ![0, 1, 2].includes(interpretation)) return undefined;
  const samples = ifd.t277?.[0] ?? bits.length;
  const colours = interpretation === 2 ? 3 : 1;
  if (samples < colours) return undefined;
  const { width, height, data } = ifd;
  const out = new Uint8Array(width * height * 4);
  const high = (o: number) => data[bigEndian ? o : o + 1] ?? 0; // the top 8 of 16 bits
  for (let p = 0; p < width * height; p++) {
    const at = p * samples * 2;
    for (let c = 0; c < 3; c++) {
      const v = high(at + (colours === 3 ? c : 0) * 2);
      out[p * 4 + c] = interpretation === 0 ? 255 - v : v;
    }
    out[p * 4 + 3] = samples > colours ? high(at + colours * 2) : 255;
  }
  return out;
}

/** Pixels as a PNG (the OCR engine's input for TIFF and HEIC, and for a second pass). */
export async function encodePng(pixels: Pixels): Promise<Buffer> {
  const data = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  return (await pngjs()).PNG.sync.write({ width: pixels.width, height: pixels.height, data }, { colorType: 6 });
}
