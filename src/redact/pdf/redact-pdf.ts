/**
 * A PDF redacted so that no value survives anywhere in the file: every page that shows a value
 * (in its text, a form field or an annotation), or that is given boxes to cover (OCR of a scanned
 * page), is replaced by a picture of itself with opaque covers burnt in, so its text, fonts and
 * hidden layers are gone, over an invisible text layer of its text with each value replaced
 * (text-layer.ts); every other page is copied as it is. Document-level stores (info, XMP,
 * bookmarks, attachments, the form, JavaScript) are not carried over. Findings are those of
 * `scan` for this PDF, with locations relative to it (a containing zip or email left out).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LocatedFinding } from '../../documents/scan-document.js';
import type { FindingLocation } from '../../documents/types.js';
import { loadPdf, pdfjs, type TextItem } from '../../documents/pdf.js';
import { maskShape } from '../../masking/mask.js';
import { assemble, type PagePlan } from './assemble.js';
import { boxQuad, pageTextOf, type Quad, type UserBox } from './boxes.js';
import { FontWidths } from './font-widths.js';
import { compose, imagePlacements, pixelBoxQuads, type Matrix, type Placement, type PlacementOps } from './image-placement.js';
import { ANNOTATIONS_DRAWN, renderWithCovers, resolutionFor, type RenderablePage } from './render.js';
import { redactedRuns } from './text-layer.js';

export type { UserBox } from './boxes.js';

export interface PdfRedactOptions {
  /** Resolution of the pictures that replace pages (default 150). */
  dpi?: number;
  /** Boxes to cover on a page (1-based), in PDF user space: values OCR found in a scanned page. */
  boxes?: ReadonlyMap<number, readonly UserBox[]>;
  /** When to give up (Date.now() milliseconds): checked before each page is drawn; nothing is written past it. */
  deadline?: number;
}

export interface PdfRedaction {
  bytes: Uint8Array;
  /** Per replaced page, per kept page that lost something, and what the document lost. Never holds a value. */
  notes: string[];
  /** The pages (1-based) replaced by pictures. */
  replacedPages: number[];
}

export const DEFAULT_DPI = 150;

/** `replacement`: what the value becomes in the page's text layer (the chosen style's); a mask when not given. */
type Finding = Pick<LocatedFinding, 'value' | 'index' | 'location' | 'unmaskedLocation'> & { replacement?: string };

/** What one page needs: spans of its text to cover, values of its fields and annotations, boxes, link addresses. */
interface PageWork {
  spans: { start: number; end: number; value: string; replacement: string }[];
  fields: string[];
  comments: string[];
  boxes: UserBox[];
  /** Boxes OCR found in a picture the page paints (`image` N, as the reader counts them), in its pixels. */
  pictureBoxes: { image: number; box: { x: number; y: number; w: number; h: number } }[];
  links: string[];
}

interface PdfAnnotation {
  rect?: number[];
  fieldValue?: unknown;
  contentsObj?: { str?: string };
}
interface Page extends RenderablePage {
  getOperatorList(p?: { annotationMode: number }): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  commonObjs: { has(name: string): boolean; get(name: string): unknown };
  getTextContent(): Promise<{ items: TextItem[] }>;
  getAnnotations(): Promise<PdfAnnotation[]>;
  cleanup(): void;
}
interface Doc {
  numPages: number;
  getPage(n: number): Promise<Page>;
  destroy(): Promise<void>;
}

export async function redactPdf(bytes: Uint8Array, findings: readonly Finding[], options: PdfRedactOptions = {}): Promise<PdfRedaction> {
  const dpi = options.dpi ?? DEFAULT_DPI;
  if (!(dpi >= 36 && dpi <= 600)) throw new Error('the resolution of replaced pages must be between 36 and 600 dpi');
  const work = new Map<number, PageWork>();
  const on = (page: number): PageWork => {
    let w = work.get(page);
    if (!w) work.set(page, (w = { spans: [], fields: [], comments: [], boxes: [], pictureBoxes: [], links: [] }));
    return w;
  };
  for (const f of findings) placeFinding(f, on);
  for (const [page, boxes] of options.boxes ?? []) on(page).boxes.push(...boxes);

  const task = await loadPdf(bytes, {
    standardFontDataUrl: standardFonts(),
    // The fonts' glyph widths, to place a value inside a text item.
    fontExtraProperties: true,
  });
  const doc = (await task.promise.catch(async (e: unknown) => {
    await task.destroy().catch(() => {});
    if ((e as { name?: string }).name === 'PasswordException') throw new Error('encrypted (password-protected) PDF: cannot be redacted; remove the password first');
    throw new Error(`corrupt PDF: ${(e as Error).message}`);
  })) as unknown as Doc;
  const plans: PagePlan[] = [];
  const notes: string[] = [];
  const replacedPages: number[] = [];
  try {
    for (const n of work.keys()) if (!(n >= 1 && n <= doc.numPages)) throw new Error(`a finding names page ${n}, which the PDF does not have`);
    for (let n = 1; n <= doc.numPages; n++) {
      const w = work.get(n);
      if (!w || (w.spans.length === 0 && w.fields.length === 0 && w.comments.length === 0 && w.boxes.length === 0 && w.pictureBoxes.length === 0)) {
        plans.push({ page: n, keep: true, dropLinksWith: w?.links ?? [] });
        continue;
      }
      if (options.deadline !== undefined && Date.now() > options.deadline) throw new Error(`redaction stopped at page ${n} of ${doc.numPages}: out of time; not written`);
      const page = await doc.getPage(n);
      // Drawing instructions first: they load the page's fonts, whose widths place the characters.
      const list = await page.getOperatorList({ annotationMode: ANNOTATIONS_DRAWN });
      const ops = (await pdfjs()).OPS as unknown as PlacementOps & Record<string, number>;
      const placements = imagePlacements(list, ops);
      const items = (await page.getTextContent()).items;
      const covers = await coversOf(page, n, w, placements, items);
      const text = redactedRuns(items, w.spans, userToPage(page));
      const drawn = resolutionFor(page, dpi);
      // A page that painted no pictures shows nothing its text layer lacks: the rescan need not OCR its picture.
      plans.push({ page: n, keep: false, picture: await renderWithCovers(page, covers, drawn, { own: !paintsPictures(list, ops) }), text });
      page.cleanup();
      replacedPages.push(n);
      notes.push(`page ${n}: replaced by a picture of the page (${drawn} dpi) with ${covers.length} ${covers.length === 1 ? 'area' : 'areas'} covered; its text is kept as an invisible layer with the values redacted, and its links and form fields are gone`);
    }
  } finally {
    await doc.destroy().catch(() => {});
  }
  const out = await assemble(bytes, plans);
  notes.push(...out.pageNotes);
  if (out.removed.length > 0) notes.push(`removed from the document: ${out.removed.join('; ')}`);
  return { bytes: out.bytes, notes, replacedPages };
}

/** A finding's place in this PDF, recorded on its page; document-level stores need nothing (none is kept). */
function placeFinding(f: Finding, on: (page: number) => PageWork): void {
  const loc: FindingLocation | undefined = f.unmaskedLocation ?? f.location;
  if (!loc) throw new Error('a finding without a location cannot be placed in a PDF');
  // Inside a file attached to the PDF: attachments are not kept.
  if (loc.chain && loc.chain.length > 0) {
    if (loc.chain[0]!.kind === 'pdf' && 'attachment' in loc.chain[0]!) return;
    throw new Error(`a finding in ${loc.chain[0]!.kind} content is not in this PDF`);
  }
  // Text OCR read in a picture on a page (a scanned page): covered where the page paints that picture.
  if (loc.kind === 'image' && loc.page !== undefined && loc.image !== undefined && loc.box) {
    on(loc.page).pictureBoxes.push({ image: loc.image, box: loc.box });
    return;
  }
  if (loc.kind !== 'pdf') throw new Error(`a finding in ${loc.kind} content is not in this PDF`);
  if ('attachment' in loc) return;
  if ('part' in loc) {
    if (loc.part === 'link' && loc.page !== undefined) on(loc.page).links.push(f.value);
    // Bookmarks, XMP, document info, JavaScript, fields on no page, and a bookmark's link: not kept.
    return;
  }
  const page = on(loc.page);
  if (loc.field !== undefined) page.fields.push(f.value);
  else if (loc.comment) page.comments.push(f.value);
  else page.spans.push({ start: f.index, end: f.index + f.value.length, value: f.value, replacement: f.replacement ?? maskShape(f.value, false) });
}

/** The areas to cover on a page; a value that cannot be found where its finding says is an error, never left. */
async function coversOf(page: Page, n: number, w: PageWork, placements: readonly Placement[], items: readonly TextItem[]): Promise<Quad[]> {
  const covers: Quad[] = w.boxes.map(boxQuad);
  if (w.pictureBoxes.length > 0) {
    // Counted on the operator list the reader counts pictures on (documents/pdf-images.ts).
    for (const { image, box } of w.pictureBoxes) {
      const p = placements[image - 1];
      if (!p) throw new Error(`a value in picture ${image} on page ${n} could not be placed on the page; not written`);
      covers.push(...pixelBoxQuads(p, box));
    }
  }
  if (w.spans.length > 0) {
    const widths = new FontWidths((name) => (page.commonObjs.has(name) ? page.commonObjs.get(name) : undefined));
    const text = pageTextOf(items, (font, str) => widths.advances(font, str));
    for (const s of w.spans) {
      const quads = text.text.slice(s.start, s.end) === s.value ? text.cover(s.start, s.end) : undefined;
      if (!quads || quads.length === 0) throw new Error(`a value on page ${n} could not be placed on the page's text; not written`);
      covers.push(...quads);
    }
  }
  if (w.fields.length > 0 || w.comments.length > 0) {
    const annotations = await page.getAnnotations();
    const cover = (values: string[], text: (a: PdfAnnotation) => string[], what: string) => {
      for (const v of values) {
        const holding = annotations.filter((a) => a.rect?.length === 4 && text(a).some((t) => t.includes(v)));
        if (holding.length === 0) throw new Error(`a value in ${what} on page ${n} could not be placed on the page; not written`);
        for (const a of holding) {
          const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
          covers.push(boxQuad({ x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) }));
        }
      }
    };
    cover(w.fields, (a) => (Array.isArray(a.fieldValue) ? a.fieldValue : [a.fieldValue]).filter((v): v is string => typeof v === 'string'), 'a form field');
    cover(w.comments, (a) => (typeof a.contentsObj?.str === 'string' ? [a.contentsObj.str] : []), 'an annotation');
  }
  return covers;
}

/** pdf.js's operators that paint a picture: images and image masks, inline, grouped or repeated. */
const PICTURE_OPS = [
  'paintImageXObject',
  'paintInlineImageXObject',
  'paintInlineImageXObjectGroup',
  'paintImageXObjectRepeat',
  'paintImageMaskXObject',
  'paintImageMaskXObjectGroup',
  'paintImageMaskXObjectRepeat',
  'paintSolidColorImageMask',
];

/** Whether a page (its annotations' appearances included) paints any picture, which may hold text only OCR reads. */
function paintsPictures(list: { fnArray: number[] }, ops: Record<string, number>): boolean {
  const painting = new Set(PICTURE_OPS.map((name) => ops[name]).filter((op): op is number => op !== undefined));
  return list.fnArray.some((op) => painting.has(op));
}

/** The original page's user space → the replacing page's (its picture's corner at the origin, rotation applied). */
function userToPage(page: Page): Matrix {
  const shown = page.getViewport({ scale: 1 });
  return compose([1, 0, 0, -1, 0, shown.height], shown.transform as unknown as Matrix);
}

/** pdfjs's copies of the standard 14 fonts (pages that use them without embedding draw nothing without them). */
let fontsDir: string | undefined;
function standardFonts(): string {
  fontsDir ??= join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
  return fontsDir;
}
