/**
 * A page drawn as a picture with its covers burnt in: pdfjs renders the page (and its annotations'
 * appearances) on a @napi-rs/canvas canvas, opaque black fills every cover, and the pixels are
 * kept as deflated RGB, the form a PDF image takes (a PNG would be decoded and deflated again).
 * The picture is all that is kept of the page, so nothing under a cover survives anywhere.
 */
import { deflateSync } from 'node:zlib';
import type { Canvas } from '@napi-rs/canvas';
import { recordOwnPicture } from '../../documents/pdf-own-pictures.js';
import { importModule } from '../../runtime/import-module.js';
import type { Quad } from './boxes.js';

export interface Viewport {
  width: number;
  height: number;
  /** User space → the viewport's pixels (y down). */
  transform: number[];
  convertToViewportPoint(x: number, y: number): number[];
}

export interface RenderablePage {
  getViewport(p: { scale: number }): Viewport;
  render(p: { canvasContext: unknown; viewport: Viewport; annotationMode: number }): { promise: Promise<void> };
}

/** pdfjs's AnnotationMode.ENABLE: annotations' appearances (filled form fields, stamps) are drawn with the page. */
export const ANNOTATIONS_DRAWN = 1;

type CanvasModule = { createCanvas(w: number, h: number): Canvas };
let canvasModule: Promise<CanvasModule> | undefined;

export interface PagePicture {
  /** Rows of RGB pixels, top to bottom, deflated (zlib). */
  rgb: Uint8Array;
  pixelWidth: number;
  pixelHeight: number;
  /** The page's size in points as shown (its crop box, rotated). */
  width: number;
  height: number;
}

/** A picture larger than this many pixels is drawn at a lower resolution (a poster-sized page would not fit in memory). */
const MAX_PIXELS = 32 * 1024 * 1024;

/** The resolution a page is drawn at: `dpi`, or less for a page too large for it. */
export function resolutionFor(page: RenderablePage, dpi: number): number {
  const { width, height } = page.getViewport({ scale: 1 });
  const pixels = ((width * dpi) / 72) * ((height * dpi) / 72);
  return pixels > MAX_PIXELS ? Math.floor(dpi * Math.sqrt(MAX_PIXELS / pixels)) : dpi;
}

/** `own`: the picture is recorded as this process's (documents/pdf-own-pictures.ts), so the rescan reads only its text layer. */
export async function renderWithCovers(page: RenderablePage, covers: readonly Quad[], dpi: number, { own = false } = {}): Promise<PagePicture> {
  canvasModule ??= importModule('@napi-rs/canvas') as Promise<CanvasModule>;
  const { createCanvas } = await canvasModule;
  const shown = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx, viewport, annotationMode: ANNOTATIONS_DRAWN }).promise;
  ctx.fillStyle = '#000000';
  for (const quad of covers) {
    ctx.beginPath();
    quad.forEach(([x, y], i) => {
      const [px, py] = viewport.convertToViewportPoint(x, y) as [number, number];
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.closePath();
    ctx.fill();
  }
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  if (own) {
    // As the reader decodes the RGB picture: opaque.
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    recordOwnPicture({ width: canvas.width, height: canvas.height, data: rgba });
  }
  const rgb = Buffer.allocUnsafe((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4) {
    rgb[o++] = rgba[i]!;
    rgb[o++] = rgba[i + 1]!;
    rgb[o++] = rgba[i + 2]!;
  }
  return { rgb: deflateSync(rgb), pixelWidth: canvas.width, pixelHeight: canvas.height, width: shown.width, height: shown.height };
}
