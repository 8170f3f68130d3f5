/**
 * PDF with pdfjs-dist (legacy build, for Node 20): the text of every page (pieces laid out into
 * lines by their positions), the values of its form fields (a filled form keeps them there, not in
 * the page text; fields on no page too), the text of its annotations (notes, comments) and links'
 * addresses, the files attached to it, the document info (Title, Author, Subject, Keywords,
 * Creator, Producer) and XMP metadata, bookmarks, and JavaScript (document, page and field actions).
 * Loaded on first use, so a scan without PDFs never pays for it. An encrypted
 * (password-protected) or unreadable PDF, or one whose streams inflate past the budget, is a DocumentError.
 */
import type { Pixels } from './image-decode.js';
import { pageImages, readPageImages, readsPageImages, type PdfPageImages } from './pdf-images.js';
import { SaxesParser } from 'saxes';
import { checkTime, DocumentError, segment, withDeadline, type DocLocation, type ExtractContext, type Segment } from './types.js';
import { importModule } from '../runtime/import-module.js';
import { keyWords } from './json.js';
import { checkPdfStreams } from './pdf-budget.js';
import { describeNote } from './location.js';

export function isPdf(head: Uint8Array): boolean {
  return head.length >= 5 && Buffer.from(head.buffer, head.byteOffset, 5).toString('latin1') === '%PDF-';
}

export interface TextItem {
  str?: string;
  hasEOL?: boolean;
  dir?: string;
  /** [a b c d e f]: e, f the piece's origin; b, c zero for horizontal text. */
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}
/** Event name → scripts, as pdfjs collects them. */
type JsActions = Record<string, unknown> | null | undefined;
interface PdfAnnotation {
  id?: string;
  fieldName?: string;
  fieldValue?: unknown;
  alternativeText?: string;
  contentsObj?: { str?: string };
  url?: string;
  unsafeUrl?: string;
  actions?: JsActions;
}
interface PdfField {
  id?: string;
  name?: string;
  value?: unknown;
  actions?: JsActions;
}
interface OutlineItem {
  title?: string;
  url?: string | null;
  unsafeUrl?: string;
  items?: OutlineItem[];
}
interface PdfPage extends PdfPageImages {
  getTextContent(): Promise<{ items: TextItem[] }>;
  getAnnotations(): Promise<PdfAnnotation[]>;
  getJSActions(): Promise<JsActions>;
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getAttachments(): Promise<Record<string, { filename?: string; content?: Uint8Array }> | null>;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown>; metadata?: { getRaw(): unknown } | null }>;
  getOutline(): Promise<OutlineItem[] | null>;
  getFieldObjects(): Promise<Record<string, PdfField[]> | null>;
  getJSActions(): Promise<JsActions>;
  destroy(): Promise<void>;
}
interface PdfJs {
  OPS: { paintImageXObject: number; paintInlineImageXObject: number };
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}

let loaded: Promise<PdfJs> | undefined;

/** pdfjs and its worker code, in this thread (no worker file to find at run time). */
export function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    // Loaded only when a PDF is seen.
    // pdf.js warns on console.log while it loads (without its optional canvas, which text does not
    // need): on stdout that would land inside the report, so its loading writes to stderr.
    const log = console.log;
    console.log = console.error;
    try {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await importModule('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return (await importModule('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
    } finally {
      console.log = log;
    }
  })();
  return loaded;
}

/** pdfjs's loading task for `bytes`, with the options every reader of PDFs here uses (no eval, no system fonts, read past errors, quiet). */
export async function loadPdf(bytes: Uint8Array, extra: Record<string, unknown> = {}): Promise<ReturnType<PdfJs['getDocument']>> {
  const lib = await pdfjs();
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  return lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    ...extra,
  });
}

const INFO_FIELDS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'];

/** Reads a file attached to the PDF as the document it is (extract.ts): the PDF is its container. */
export type Attached = (bytes: Uint8Array, where: DocLocation) => AsyncIterable<Segment>;

export async function* extractPdf(bytes: Uint8Array, ctx: ExtractContext, attached: Attached): AsyncGenerator<Segment> {
  await checkPdfStreams(bytes, ctx);
  const task = await loadPdf(bytes);
  let doc: PdfDocument;
  try {
    doc = await withDeadline(task.promise, ctx);
  } catch (e) {
    await task.destroy().catch(() => {});
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new DocumentError('encrypted (password-protected) PDF: cannot be scanned; remove the password or export to text');
    if (e instanceof DocumentError) throw e;
    throw new DocumentError(`corrupt PDF: ${(e as Error).message}`);
  }
  try {
    const { info, metadata } = await withDeadline(doc.getMetadata(), ctx).catch((e: unknown) => {
      if (e instanceof DocumentError) throw e;
      return { info: undefined, metadata: undefined };
    });
    for (const field of INFO_FIELDS) {
      const v = info?.[field];
      if (typeof v === 'string' && v.trim()) yield segment(ctx, v, { kind: 'pdf', part: 'properties', property: field }, field);
    }
    const custom = info?.['Custom'];
    if (custom && typeof custom === 'object') {
      for (const [k, v] of Object.entries(custom as Record<string, unknown>)) {
        if (typeof v === 'string' && v.trim()) yield segment(ctx, v, { kind: 'pdf', part: 'properties', property: k }, k);
      }
    }
    const raw = metadata?.getRaw();
    if (typeof raw === 'string') yield* xmpSegments(ctx, raw);
    const onPages = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      checkTime(ctx);
      let text: string;
      let annotations: PdfAnnotation[];
      let pageActions: JsActions;
      let pictures: Pixels[] = [];
      try {
        const page = await withDeadline(doc.getPage(n), ctx);
        const content = await withDeadline(page.getTextContent(), ctx);
        text = pageText(content.items);
        annotations = await withDeadline(page.getAnnotations(), ctx);
        pageActions = await withDeadline(page.getJSActions(), ctx).catch(rethrowLimit);
        if (readsPageImages(text, ctx)) pictures = await withDeadline(pageImages(page, (await pdfjs()).OPS), ctx);
        page.cleanup();
      } catch (e) {
        if (e instanceof DocumentError) throw e;
        throw new DocumentError(`corrupt PDF: page ${n}: ${(e as Error).message}`);
      }
      if (text.trim()) yield segment(ctx, text, { kind: 'pdf', page: n });
      yield* readPageImages(pictures, n, ctx);
      yield* annotationSegments(ctx, n, annotations);
      yield* scripts(ctx, pageActions, n);
      for (const a of annotations) if (a.id) onPages.add(a.id);
    }
    // Fields no page shows (a field dictionary in the form but in no page's annotations).
    const fields = await withDeadline(doc.getFieldObjects(), ctx).catch(rethrowLimit);
    for (const [name, kids] of Object.entries(fields ?? {})) {
      for (const field of kids) {
        if (field.id && onPages.has(field.id)) continue;
        for (const v of Array.isArray(field.value) ? field.value : [field.value]) {
          if (typeof v === 'string' && v.trim()) yield segment(ctx, v, { kind: 'pdf', part: 'field', name }, keyWords(name) || undefined);
        }
        yield* scripts(ctx, field.actions, undefined, name);
      }
    }
    yield* outlineSegments(ctx, (await withDeadline(doc.getOutline(), ctx).catch(rethrowLimit)) ?? []);
    yield* scripts(ctx, await withDeadline(doc.getJSActions(), ctx).catch(rethrowLimit));
    // Files attached to the document (a spreadsheet behind a report, a portfolio's members).
    const files = await withDeadline(doc.getAttachments(), ctx).catch((e: unknown) => {
      if (e instanceof DocumentError) throw e;
      return null;
    });
    for (const [name, file] of Object.entries(files ?? {})) {
      if (file.content) yield* attached(file.content, { kind: 'pdf', attachment: file.filename ?? name });
    }
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/**
 * A page's form-field values, each with its field's label or name as context (`applicant_ssn`
 * makes nine digits an SSN), and the text of its annotations.
 */
function* annotationSegments(ctx: ExtractContext, page: number, annotations: readonly PdfAnnotation[]): Generator<Segment> {
  for (const a of annotations) {
    const values = Array.isArray(a.fieldValue) ? a.fieldValue : [a.fieldValue];
    const name = a.fieldName ?? '';
    for (const v of values) {
      if (typeof v === 'string' && v.trim()) yield segment(ctx, v, { kind: 'pdf', page, field: name }, keyWords(a.alternativeText || name) || undefined);
    }
    const note = a.contentsObj?.str;
    if (typeof note === 'string' && note.trim()) yield segment(ctx, note, { kind: 'pdf', page, comment: true });
    yield* linkSegments(ctx, a, { page });
    yield* scripts(ctx, a.actions, page, a.fieldName);
  }
}

/**
 * A link's address (on a page, or a bookmark's: `name`); pdfjs gives `unsafeUrl` as written and
 * `url` only when it thinks it safe.
 */
function* linkSegments(ctx: ExtractContext, link: { url?: string | null; unsafeUrl?: string }, on: { page?: number; name?: string }): Generator<Segment> {
  const urls = new Set([link.unsafeUrl, link.url].filter((u): u is string => typeof u === 'string' && u.trim() !== ''));
  for (const url of urls) yield segment(ctx, url, { kind: 'pdf', part: 'link', ...on });
}

/** Each script of a set of actions (event name → scripts), named by the event (and field). */
function* scripts(ctx: ExtractContext, actions: JsActions, page?: number, field?: string): Generator<Segment> {
  for (const [event, list] of Object.entries(actions ?? {})) {
    for (const js of Array.isArray(list) ? list : [list]) {
      if (typeof js !== 'string' || !js.trim()) continue;
      const name = field ? `${field} ${event}` : event;
      yield segment(ctx, js, { kind: 'pdf', part: 'javascript', name, ...(page !== undefined ? { page } : {}) });
    }
  }
}

/** Bookmark titles and addresses, each named by its place in the outline (2.1: the first under the second). */
function* outlineSegments(ctx: ExtractContext, outline: readonly OutlineItem[]): Generator<Segment> {
  const todo: [OutlineItem, string][] = outline.map((item, i) => [item, String(i + 1)]);
  todo.reverse();
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [item, name] = next;
    if (typeof item.title === 'string' && item.title.trim()) yield segment(ctx, item.title, { kind: 'pdf', part: 'outline', name });
    yield* linkSegments(ctx, item, { name: `bookmark ${name}` });
    const kids = item.items ?? [];
    for (let i = kids.length - 1; i >= 0; i--) todo.push([kids[i]!, `${name}.${i + 1}`]);
  }
}

/**
 * XMP metadata's text: every element's text and every property written as an attribute, named by
 * its property (dc:description; rdf:Alt, rdf:Seq and rdf:li name no property of their own).
 */
function* xmpSegments(ctx: ExtractContext, xml: string): Generator<Segment> {
  const found: Segment[] = [];
  const open: string[] = [];
  const property = () => {
    for (let i = open.length - 1; i >= 0; i--) if (!/^(?:rdf|x):/.test(open[i]!)) return open[i]!;
    return 'xmp';
  };
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    open.push(tag.name);
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      if (/^(?:xmlns|rdf:|xml:|x:)/.test(name) || !value.trim()) continue;
      found.push(segment(ctx, value, { kind: 'pdf', part: 'xmp', name }, propertyWords(name)));
    }
    if (tag.isSelfClosing) open.pop();
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  const text = (t: string) => {
    const name = property();
    if (t.trim()) found.push(segment(ctx, t.trim(), { kind: 'pdf', part: 'xmp', name }, propertyWords(name)));
  };
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(xml).close();
  } catch (e) {
    // What came before the error is read; the rest is noted, not silently dropped.
    ctx.notes.push(describeNote(ctx.chain, `XMP metadata is not well-formed (${(e as Error).message}); read up to there`));
  }
  yield* found;
}

/** A property's local name as words (`pdfx:ApplicantSSN` → Applicant SSN): context for its value. */
function propertyWords(name: string): string | undefined {
  return keyWords(name.slice(name.indexOf(':') + 1)) || undefined;
}

/**
 * A page's text as lines: pieces on one baseline (within a third of their height) joined left to
 * right, a space where a gap wider than a quarter of their height separates them, lines top to
 * bottom, as pdftotext lays them out; so a value shown as separately positioned pieces, even out
 * of order, reads as one. Pieces not written horizontally follow in the order drawn.
 */
function pageText(items: readonly TextItem[]): string {
  return pageLayout(items).text;
}

/** Where a text item landed in its page's text (pageText): `start` in the text, `item` its index. */
export interface PlacedItem {
  start: number;
  item: number;
}

/** A page's text as pageText lays it out, and where each item's `str` starts in it (redaction maps findings back to items). */
export function pageLayout(items: readonly TextItem[]): { text: string; placed: PlacedItem[] } {
  interface Piece {
    item: number;
    str: string;
    x: number;
    end: number;
    size: number;
    rtl: boolean;
  }
  interface Line {
    y: number;
    pieces: Piece[];
  }
  const lines: Line[] = [];
  const byBaseline = new Map<number, Line>();
  const others: Piece[] = [];
  items.forEach((item, index) => {
    const str = item.str ?? '';
    const t = item.transform;
    if (!t || t.length < 6 || t[1] !== 0 || t[2] !== 0 || !(t[0]! > 0) || !(t[3]! > 0)) {
      others.push({ item: index, str: str + (item.hasEOL ? '\n' : ''), x: 0, end: 0, size: 0, rtl: false });
      return;
    }
    if (str === '') return;
    const size = item.height || t[3]!;
    const [x, y] = [t[4]!, t[5]!];
    const key = Math.round(y / 2);
    let line = [key, key - 1, key + 1].map((k) => byBaseline.get(k)).find((l) => l !== undefined && Math.abs(l.y - y) <= Math.max(1, size / 3));
    if (!line) {
      line = { y, pieces: [] };
      lines.push(line);
      byBaseline.set(key, line);
    }
    line.pieces.push({ item: index, str, x, end: x + (item.width ?? 0), size, rtl: item.dir === 'rtl' });
  });
  lines.sort((a, b) => b.y - a.y);
  let text = '';
  const placed: PlacedItem[] = [];
  lines.forEach(({ pieces }, n) => {
    if (n > 0) text += '\n';
    const lineStart = text.length;
    const rtl = pieces.filter((p) => p.rtl).length * 2 > pieces.length;
    pieces.sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
    let prev: Piece | undefined;
    for (const p of pieces) {
      const gap = prev ? (rtl ? prev.x - p.end : p.x - prev.end) : 0;
      if (prev && gap > Math.max(prev.size, p.size) / 4 && !(text.length > lineStart && /\s/.test(text[text.length - 1]!)) && !/^\s/.test(p.str)) text += ' ';
      placed.push({ start: text.length, item: p.item });
      text += p.str;
      prev = p;
    }
  });
  if (others.length > 0) {
    text += '\n';
    for (const p of others) {
      placed.push({ start: text.length, item: p.item });
      text += p.str;
    }
  }
  return { text, placed };
}

/** A pdfjs call's failure: a limit hit is the document's error; anything else reads as nothing there. */
function rethrowLimit(e: unknown): undefined {
  if (e instanceof DocumentError) throw e;
  return undefined;
}

