/**
 * The text a replaced page keeps: each of the original page's text items, with every value in it
 * replaced by its redacted text (the chosen style's, never the value), placed where the item was
 * drawn. Written as invisible text over the picture (render mode 3, as OCR'd PDFs do), so the copy
 * stays searchable and its rescan reads the text. Pure: pdfjs's items in, runs out.
 */
import { pageLayout, type TextItem } from '../../documents/pdf.js';
import { compose, type Matrix } from './image-placement.js';

/** A span of the page's text (as pageLayout lays it out) and what it becomes. */
export interface Replaced {
  start: number;
  end: number;
  replacement: string;
}

/** One piece of invisible text: `str` drawn with `matrix` (font size 1), as wide per character as the original item. */
export interface TextRun {
  str: string;
  /** The original item's text and its drawn width along the run (in the run's units), whose spacing the run keeps. */
  original: string;
  width: number;
  matrix: Matrix;
}

/**
 * The page's items with `spans` replaced; `toPage` maps the original's user space to the new
 * page's. A value across several items leaves its replacement in the first and nothing of itself
 * in the others.
 */
export function redactedRuns(items: readonly TextItem[], spans: readonly Replaced[], toPage: Matrix): TextRun[] {
  const { placed } = pageLayout(items);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const written = new Set<Replaced>();
  const runs: TextRun[] = [];
  for (const p of placed) {
    const item = items[p.item]!;
    const str = item.str ?? '';
    const t = item.transform;
    if (str.length === 0 || !t || t.length < 6) continue;
    let out = '';
    let at = 0;
    for (const s of sorted) {
      const from = Math.max(s.start - p.start, 0);
      const to = Math.min(s.end - p.start, str.length);
      if (from >= str.length || to <= 0 || from >= to) continue;
      out += str.slice(at, from);
      if (!written.has(s)) {
        out += s.replacement;
        written.add(s);
      }
      at = Math.max(at, to);
    }
    out += str.slice(at);
    if (out.trim() === '') continue;
    const scale = Math.hypot(t[0]!, t[1]!) || 1;
    runs.push({ str: out, original: str, width: (item.width ?? 0) / scale, matrix: compose(toPage, t as unknown as Matrix) });
  }
  return runs;
}
