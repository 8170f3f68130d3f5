/**
 * Advances of a text item's characters, from the widths of the font pdfjs loaded for it (with
 * `fontExtraProperties`): text items carry only their total width, and a value inside a line of
 * wide and narrow letters is not where an average advance puts it. The font's glyph widths by
 * code and its code → Unicode map (a CID font's codes read through its CMap) give each character
 * its width; undefined when any character cannot be matched to a glyph, so the caller covers
 * the whole item rather than guess.
 */

/** What pdfjs exports of a loaded font (plain data: class instances lose their methods on the way). */
interface LoadedFont {
  /** By code for a simple font, by CID for a composite one (an array or an object). */
  widths?: Record<string, number> | number[];
  defaultWidth?: number;
  toUnicode?: { _map?: (string | undefined)[] };
  composite?: boolean;
  cMap?: { name?: string; _map?: (number | undefined)[] };
  fontMatrix?: number[];
}

/** A font's width per Unicode text of a glyph ("a", or "fi" for a ligature). */
type Widths = Map<string, number>;

const LONGEST = 3;

export class FontWidths {
  private readonly fonts = new Map<string, Widths | undefined>();

  constructor(private readonly load: (fontName: string) => unknown) {}

  /** Advance of each UTF-16 unit of `str` in the item's font, or undefined. */
  advances(fontName: string | undefined, str: string): number[] | undefined {
    if (!fontName) return undefined;
    if (!this.fonts.has(fontName)) this.fonts.set(fontName, widthsOf(this.load(fontName) as LoadedFont | undefined));
    const widths = this.fonts.get(fontName);
    if (!widths) return undefined;
    const out: number[] = [];
    for (let i = 0; i < str.length; ) {
      let matched = 0;
      for (let k = Math.min(LONGEST, str.length - i); k > 0 && matched === 0; k--) {
        const w = widths.get(str.slice(i, i + k));
        if (w === undefined) continue;
        for (let j = 0; j < k; j++) out.push(w / k);
        matched = k;
      }
      if (matched === 0) {
        // A space pdfjs put between pieces drawn apart has no glyph: a quarter em.
        if (!/\s/.test(str[i]!)) return undefined;
        out.push(widths.get(' ') ?? QUARTER_EM);
        matched = 1;
      }
      i += matched;
    }
    return out;
  }
}

const QUARTER_EM = 250;

function widthsOf(font: LoadedFont | undefined): Widths | undefined {
  const unicode = font?.toUnicode?._map;
  const widths = font?.widths;
  if (!font || !Array.isArray(unicode) || !widths) return undefined;
  // Widths are in glyph space; only fonts of 1000 units per em (all but Type 3) compare with QUARTER_EM.
  if (font.fontMatrix && font.fontMatrix[0] !== 0.001) return undefined;
  // Identity-H/V arrives as a CMap that maps nothing: codes are the CIDs the widths are kept by.
  const identity = !font.composite || !font.cMap?._map?.some((cid) => cid !== undefined);
  const out: Widths = new Map();
  unicode.forEach((text, code) => {
    if (typeof text !== 'string' || text === '') return;
    const cid = identity ? code : font.cMap?._map?.[code];
    const w = cid === undefined ? undefined : ((widths as Record<number, number | undefined>)[cid] ?? font.defaultWidth);
    if (typeof w !== 'number' || !(w > 0)) return;
    // Two codes for one text (a font's duplicate glyphs) may differ: the wider one is kept.
    out.set(text, Math.max(w, out.get(text) ?? 0));
  });
  return out.size > 0 ? out : undefined;
}
