/**
 * Where a value in a page's text is drawn, in PDF user space: covered on the text items it came
 * from (pageLayout says where each item landed in the text), across every item a split value
 * spans. A character's place along its item comes from its font's widths (font-widths.ts); where
 * those are unknown the whole item is covered. Pure: pdfjs's items in, quadrilaterals out.
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
 * Each cover reaches this far (in ems) past both ends of its characters: spacing the font's widths
 * do not include (kerning, word and character spacing) moves glyphs a little from their estimate.
 */
const SLACK_EM = 0.35;

export interface PageText {
  text: string;
  /** Covers for the span [start, end) of `text`; undefined when the span is not in the text. */
  cover(start: number, end: number): Quad[] | undefined;
}

/** `advances`: each character's advance in an item's font, or undefined when unknown (the item is then covered whole). */
export type Advances = (fontName: string | undefined, str: string) => readonly number[] | undefined;

export function pageTextOf(items: readonly TextItem[], advances: Advances): PageText {
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
        const q = itemQuad(item, from, to, advances(item.fontName, str));
        if (q) quads.push(q);
      }
      return quads;
    },
  };
}

/** Characters [from, to) of a text item, with slack on both sides; undefined for an item with no geometry. */
function itemQuad(item: TextItem, from: number, to: number, advances: readonly number[] | undefined): Quad | undefined {
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
  if (vertical) {
    // Top to bottom: covered whole, a font size either side of the column.
    return boxQuad({ x: e - size, y: f - length - size, w: 2 * size + (item.width ?? 0), h: length + 2 * size });
  }
  const slack = size * SLACK_EM;
  const known = advances && advances.length === str.length ? advances : undefined;
  const total = known?.reduce((sum, w) => sum + w, 0) ?? 0;
  const at = (i: number) => (length * known!.slice(0, i).reduce((sum, w) => sum + w, 0)) / total;
  const [s0, s1] = known && total > 0 ? [at(from), at(to)] : [0, length];
  const u0 = s0 - slack;
  const u1 = s1 + slack;
  const v0 = -size * DESCENT;
  const v1 = size * ASCENT;
  if (vertical) {
    // Top to bottom: covered whole, a font size either side of the column.
    return boxQuad({ x: e - size, y: f - length - size, w: 2 * size + (item.width ?? 0), h: length + 2 * size });
  }
  const point = (u: number, v: number): [number, number] => [e + ux * u + vx * v, f + uy * u + vy * v];
  return [point(u0, v0), point(u1, v0), point(u1, v1), point(u0, v1)];
}
