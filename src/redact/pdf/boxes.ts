/**
 * Where a finding is drawn on its page, in PDF user space: a value in the page's text is covered
 * on the text items it came from (pageLayout says where each item landed in the text), across
 * every item a split value spans; a form field's value or an annotation's text by the
 * annotation's rectangle. Pure: pdfjs's items and annotations in, quadrilaterals out.
 */
import { pageLayout, type TextItem } from '../../documents/pdf.js';

/** Four corners in PDF user space (rotated text gives a rotated quadrilateral). */
export type Quad = readonly [x: number, y: number][];

/** A box in PDF user space, from its lower left corner (OCR of a scanned page gives these). */
export interface UserBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function boxQuad(b: UserBox): Quad {
  return [
    [b.x, b.y],
    [b.x + b.w, b.y],
    [b.x + b.w, b.y + b.h],
    [b.x, b.y + b.h],
  ];
}

/** Below the baseline (descenders) and above the font size (accents), as parts of the font size. */
const DESCENT = 0.35;
const ASCENT = 1.1;
/**
 * Text items give no position per character: a character's place is estimated from the item's
 * average advance, so each cover reaches this many average advances past both ends of the value.
 */
const SLACK_CHARS = 1;

export interface PageText {
  text: string;
  /** Covers for the span [start, end) of `text`; undefined when the span is not in the text. */
  cover(start: number, end: number): Quad[] | undefined;
}

export function pageTextOf(items: readonly TextItem[]): PageText {
  const { text, placed } = pageLayout(items);
  return {
    text,
    cover(start, end) {
      if (start < 0 || end > text.length || start >= end) return undefined;
      const quads: Quad[] = [];
      for (const p of placed) {
        const item = items[p.item]!;
        const str = item.str ?? '';
        const from = Math.max(start, p.start) - p.start;
        const to = Math.min(end, p.start + str.length) - p.start;
        if (from >= to) continue;
        const q = itemQuad(item, from, to);
        if (q) quads.push(q);
      }
      return quads;
    },
  };
}

/** Characters [from, to) of a text item, with slack on both sides; undefined for an item with no geometry. */
function itemQuad(item: TextItem, from: number, to: number): Quad | undefined {
  const t = item.transform;
  const str = item.str ?? '';
  if (!t || t.length < 6 || str.length === 0) return undefined;
  const [a, b, c, d, e, f] = t as [number, number, number, number, number, number];
  const size = Math.hypot(c, d) || item.height || 0;
  const run = Math.hypot(a, b);
  if (!(size > 0) || !(run > 0)) return undefined;
  // Unit vectors along the text and up from its baseline.
  const [ux, uy] = [a / run, b / run];
  const [vx, vy] = [c / size, d / size];
  const vertical = item.dir === 'ttb';
  const length = vertical ? (item.height ?? size) : (item.width ?? 0);
  const advance = length / str.length;
  const slack = advance * SLACK_CHARS;
  const u0 = Math.max(-slack, advance * from - slack);
  const u1 = Math.min(length + slack, advance * to + slack);
  const v0 = -size * DESCENT;
  const v1 = size * ASCENT;
  if (vertical) {
    // Top to bottom: covered whole, a font size either side of the column.
    return boxQuad({ x: e - size, y: f - length - size, w: 2 * size + (item.width ?? 0), h: length + 2 * size });
  }
  const at = (u: number, v: number): [number, number] => [e + ux * u + vx * v, f + uy * u + vy * v];
  return [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)];
}
