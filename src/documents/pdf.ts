/**
 * PDF with pdfjs-dist (legacy build, for Node 20): the text of every page, the values of its form
 * fields (a filled form keeps them there, not in the page text), the text of its annotations
 * (notes, comments), the files attached to it, and the document info (Title, Author, Subject,
 * Keywords, Creator, Producer).
 * Loaded on first use, so a scan without PDFs never pays for it. An encrypted
 * (password-protected) or unreadable PDF, or one whose streams inflate past the budget, is a DocumentError.
 */
import { checkTime, DocumentError, segment, type DocLocation, type ExtractContext, type Segment } from './types.js';
import { importModule } from '../import-module.js';
import { keyWords } from './json.js';
import { checkPdfStreams } from './pdf-budget.js';

export function isPdf(head: Uint8Array): boolean {
  return head.length >= 5 && Buffer.from(head.buffer, head.byteOffset, 5).toString('latin1') === '%PDF-';
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}
interface PdfAnnotation {
  fieldName?: string;
  fieldValue?: unknown;
  alternativeText?: string;
  contentsObj?: { str?: string };
}
interface PdfPage {
  getTextContent(): Promise<{ items: TextItem[] }>;
  getAnnotations(): Promise<PdfAnnotation[]>;
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getAttachments(): Promise<Record<string, { filename?: string; content?: Uint8Array }> | null>;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}

let loaded: Promise<PdfJs> | undefined;

/** pdfjs and its worker code, in this thread (no worker file to find at run time). */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    // Loaded only when a PDF is seen.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await importModule('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return (await importModule('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
  })();
  return loaded;
}

const INFO_FIELDS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'];

/** Reads a file attached to the PDF as the document it is (extract.ts): the PDF is its container. */
export type Attached = (bytes: Uint8Array, where: DocLocation) => AsyncIterable<Segment>;

export async function* extractPdf(bytes: Uint8Array, ctx: ExtractContext, attached: Attached): AsyncGenerator<Segment> {
  await checkPdfStreams(bytes, ctx);
  const lib = await pdfjs();
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
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
    const { info } = await withDeadline(doc.getMetadata(), ctx).catch(() => ({ info: undefined }));
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
    for (let n = 1; n <= doc.numPages; n++) {
      checkTime(ctx);
      let text: string;
      let annotations: PdfAnnotation[];
      try {
        const page = await withDeadline(doc.getPage(n), ctx);
        const content = await withDeadline(page.getTextContent(), ctx);
        text = content.items.map((i) => (i.str ?? '') + (i.hasEOL ? '\n' : '')).join('');
        annotations = await withDeadline(page.getAnnotations(), ctx);
        page.cleanup();
      } catch (e) {
        if (e instanceof DocumentError) throw e;
        throw new DocumentError(`corrupt PDF: page ${n}: ${(e as Error).message}`);
      }
      if (text.trim()) yield segment(ctx, text, { kind: 'pdf', page: n });
      yield* annotationSegments(ctx, n, annotations);
    }
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
  }
}

/** A pdfjs promise, or a DocumentError once the document's time is up. */
function withDeadline<T>(p: Promise<T>, ctx: ExtractContext): Promise<T> {
  const left = ctx.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError(`took longer than ${Math.round(ctx.limits.maxMillis / 1000)} s; stopped`)), Math.max(0, left));
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
