/**
 * The picture a second OCR pass reads: grey, enlarged (small text becomes the size the engine
 * reads best) and thresholded at the level that best splits ink from paper (Otsu's method), so a
 * tinted form, a shadow or JPEG noise behind the text is flattened to white. Pure: pixels in, pixels out.
 */
import type { Pixels } from './image-decode.js';

/** Pictures narrower than this are enlarged for the second pass. */
const ENLARGE_BELOW = 1600;

/** The enlargement the second pass uses for a picture this wide (1 or 2). */
export function enlargement(width: number): number {
  return width < ENLARGE_BELOW ? 2 : 1;
}

export function flattened(pixels: Pixels): Pixels {
  const scale = enlargement(pixels.width);
  const grey = greyOf(pixels);
  const big = scale === 1 ? grey : enlarge(grey, pixels.width, pixels.height, scale);
  const width = pixels.width * scale;
  const height = pixels.height * scale;
  const level = otsu(big);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < big.length; i++) {
    const v = big[i]! > level ? 255 : 0;
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** Luma of each pixel; a transparent pixel counts as white paper. */
function greyOf({ width, height, data }: Pixels): Uint8Array {
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    const a = data[i * 4 + 3]! / 255;
    const y = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
    grey[i] = Math.round(y * a + 255 * (1 - a));
  }
  return grey;
}

/** Bilinear enlargement by an integer factor. */
function enlarge(grey: Uint8Array, w: number, h: number, scale: number): Uint8Array {
  const W = w * scale;
  const H = h * scale;
  const out = new Uint8Array(W * H);
  for (let Y = 0; Y < H; Y++) {
    const sy = Math.min(h - 1, Math.max(0, (Y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let X = 0; X < W; X++) {
      const sx = Math.min(w - 1, Math.max(0, (X + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      const top = grey[y0 * w + x0]! * (1 - fx) + grey[y0 * w + x1]! * fx;
      const bottom = grey[y1 * w + x0]! * (1 - fx) + grey[y1 * w + x1]! * fx;
      out[Y * W + X] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

/** The grey level that maximises the variance between the two classes it splits. */
export function otsu(grey: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const v of grey) histogram[v]!++;
  const total = grey.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * histogram[i]!;
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let level = 127;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    belowSum += t * histogram[t]!;
    const m0 = belowSum / below;
    const m1 = (sum - belowSum) / above;
    const between = below * above * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      level = t;
    }
  }
  return level;
}
