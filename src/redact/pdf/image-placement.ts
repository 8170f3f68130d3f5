/**
 * Where a page paints its pictures, in PDF user space: OCR of a scanned page gives each finding a
 * box in the pixels of `image N of page P` (the N-th distinct picture the page paints, counted as
 * documents/pdf-images.ts counts them), and the page's operator list says where that picture lands
 * (the current transformation matrix when it is painted; a picture fills the unit square). Pure.
 */
import type { Quad } from './boxes.js';

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export interface PlacementOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
}

export interface Placement {
  width: number;
  height: number;
  /** Every place the picture is painted (a picture painted twice shows its text twice). */
  matrices: Matrix[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function compose(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

/** The distinct pictures of a page in painting order (index 0 is `image 1`), with where each is painted. */
export function imagePlacements(list: { fnArray: number[]; argsArray: unknown[][] }, ops: PlacementOps): Placement[] {
  const placements: Placement[] = [];
  const byId = new Map<string, Placement>();
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  for (let i = 0; i < list.fnArray.length; i++) {
    const op = list.fnArray[i];
    const args = list.argsArray[i] ?? [];
    if (op === ops.save) stack.push(ctm);
    else if (op === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (op === ops.transform) ctm = compose(ctm, args as unknown as Matrix);
    else if (op === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) && args[0].length === 6) ctm = compose(ctm, args[0] as unknown as Matrix);
    } else if (op === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (op === ops.paintImageXObject) {
      const [id, width, height] = args as [string, number, number];
      let p = byId.get(id);
      if (!p) byId.set(id, (p = { width, height, matrices: [] })) && placements.push(p);
      p.matrices.push(ctm);
    } else if (op === ops.paintInlineImageXObject) {
      const image = args[0] as { width?: number; height?: number } | undefined;
      if (image?.width && image.height) placements.push({ width: image.width, height: image.height, matrices: [ctm] });
    }
  }
  return placements;
}

/** A box in a picture's pixels (from its top left) as the quadrilaterals it covers on the page. */
export function pixelBoxQuads(p: Placement, box: { x: number; y: number; w: number; h: number }): Quad[] {
  const corners: [number, number][] = [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x + box.w, box.y + box.h],
    [box.x, box.y + box.h],
  ];
  return p.matrices.map((m) => corners.map(([x, y]) => {
    const u = x / p.width;
    const v = 1 - y / p.height;
    return [m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]] as [number, number];
  }));
}
