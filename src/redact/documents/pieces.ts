/**
 * Text a format stores in pieces (runs of a paragraph, the text between character references):
 * a block's pieces are joined to find the values, and each edit is shared back out over the
 * pieces it covers. A same-length replacement (a mask) gives each piece its share of the
 * characters, so each keeps its formatting; another goes into the first piece, and the others
 * give up their part of the value.
 */
import { applyEdits, type TextEdit } from './values.js';

/** A piece's new content: its own characters kept, and replacement text. */
export type Fragment = { kept: boolean; text: string };

/** Where pieces meet in the joined text: a value touching another word across one is still a value of its own. */
export function joinsOf(texts: readonly string[]): Set<number> {
  const joins = new Set<number>();
  let length = 0;
  for (const t of texts) joins.add((length += t.length));
  return joins;
}

/** Each piece's fragments once `edits` (on the joined text, sorted) are applied. */
export function shareEdits(texts: readonly string[], edits: readonly TextEdit[]): Fragment[][] {
  const joined = texts.join('');
  const starts: number[] = [];
  let length = 0;
  for (const t of texts) {
    starts.push(length);
    length += t.length;
  }
  const out: Fragment[][] = texts.map(() => []);
  let piece = 0;
  const pieceAt = (pos: number) => {
    while (piece < texts.length - 1 && starts[piece + 1]! <= pos) piece++;
    return piece;
  };
  const spread = (from: number, to: number, each: (k: number, a: number, b: number) => void) => {
    for (let pos = from; pos < to; ) {
      const k = pieceAt(pos);
      const stop = Math.min(to, starts[k]! + texts[k]!.length);
      each(k, pos, stop);
      pos = stop;
    }
  };
  let at = 0;
  for (const e of edits) {
    spread(at, e.start, (k, a, b) => out[k]!.push({ kept: true, text: joined.slice(a, b) }));
    if (e.replacement.length === e.end - e.start) {
      spread(e.start, e.end, (k, a, b) => out[k]!.push({ kept: false, text: e.replacement.slice(a - e.start, b - e.start) }));
    } else {
      out[pieceAt(e.start)]!.push({ kept: false, text: e.replacement });
    }
    at = e.end;
  }
  spread(at, joined.length, (k, a, b) => out[k]!.push({ kept: true, text: joined.slice(a, b) }));
  return out;
}

/** Whether a piece's fragments are its text unchanged. */
export function unchanged(fragments: readonly Fragment[], text: string): boolean {
  return fragments.every((f) => f.kept) && fragments.map((f) => f.text).join('') === text;
}

/** A piece of the source replaced by new raw text. */
export interface Write {
  start: number;
  end: number;
  raw: string;
}

/** `source` with `writes` (not overlapping) applied. */
export function spliceWrites(source: string, writes: Write[]): string {
  writes.sort((a, b) => a.start - b.start);
  return applyEdits(source, writes.map((w) => ({ start: w.start, end: w.end, replacement: w.raw })));
}
