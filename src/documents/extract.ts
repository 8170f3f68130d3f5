/**
 * The document dispatcher: sniff the first bytes, pick the extractor, and recurse into what a
 * container holds (zip entries, email attachments) with the container's location chained on.
 */
import { sniff } from '../text/decoder.js';
import { extractEml, looksLikeEml } from './eml.js';
import { extractHtml } from './html.js';
import { extractJson } from './json.js';
import { extractPdf, isPdf } from './pdf.js';
import { extractOoxml, ooxmlKind, openPackage } from './ooxml.js';
import { checkTime, DocumentError, segment, type DocLocation, type DocumentKind, type ExtractContext, type Segment } from './types.js';
import { inflateEntry, isZip, readZipDirectory } from './zip.js';

/** What the first bytes say a document is (OOXML is told from a plain zip once its directory is read). */
export function sniffDocument(head: Uint8Array): 'zip' | 'eml' | 'cfb' | 'pdf' | undefined {
  if (isZip(head)) return 'zip';
  if (isPdf(head)) return 'pdf';
  if (isCompoundFile(head)) return 'cfb';
  if (looksLikeEml(head)) return 'eml';
  return undefined;
}

/** Text formats told by the file's name, not its bytes. */
export type TextFormat = 'json' | 'html';

/** The text format a file name announces (CSV and TSV are streamed, see scan-stream). */
export function formatByName(name: string): TextFormat | 'csv' | 'tsv' | undefined {
  const m = /\.(csv|tsv|json|html?)$/i.exec(name);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === 'htm' ? 'html' : (ext as TextFormat | 'csv' | 'tsv');
}

/**
 * A document's segments, in reading order. Throws DocumentError for a corrupt, encrypted or
 * over-limit one. `format`: how to read it when its bytes are not a known document (undefined
 * returned when it is not one, or a JSON text does not parse).
 */
export async function* extractDocument(bytes: Uint8Array, ctx: ExtractContext, format?: TextFormat): AsyncGenerator<Segment, DocumentKind | undefined> {
  const kind = sniffDocument(bytes);
  if (kind === undefined) {
    if (format === undefined) return undefined;
    const sniffed = sniff(bytes.subarray(0, 8000));
    if (sniffed.kind === 'binary') return undefined;
    const text = sniffed.decoder.decode(bytes, true).text;
    if (format === 'html') {
      yield* extractHtml(text, ctx);
      return 'html';
    }
    const json = extractJson(text, ctx);
    if (json === undefined) return undefined;
    yield* json;
    return 'json';
  }
  if (kind === 'pdf') {
    yield* extractPdf(bytes, ctx, attachedToPdf(ctx));
    return 'pdf';
  }
  const gen = extractKnown(kind, bytes, ctx);
  let r = gen.next();
  for (; !r.done; r = gen.next()) yield r.value;
  yield* queuedPdfs(ctx);
  return r.value;
}

/** PDFs met inside a container, read once it is done, each with its own chain of locations. */
async function* queuedPdfs(ctx: ExtractContext): AsyncGenerator<Segment> {
  for (const pdf of ctx.pdfs.splice(0)) yield* extractPdf(pdf.bytes, pdf.ctx, attachedToPdf(pdf.ctx));
}

/** A file attached to a PDF read with `ctx`: nested like a zip entry, and the PDFs met in it after it. */
function attachedToPdf(ctx: ExtractContext) {
  return async function* (bytes: Uint8Array, where: DocLocation): AsyncGenerator<Segment> {
    yield* nested(bytes, where, ctx);
    yield* queuedPdfs(ctx);
  };
}

/** OLE compound file: a password-protected Office document, or a legacy .doc/.xls/.ppt. */
function isCompoundFile(head: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return head.length >= 8 && magic.every((b, i) => head[i] === b);
}

function* extractKnown(kind: 'zip' | 'eml' | 'cfb', bytes: Uint8Array, ctx: ExtractContext): Generator<Segment, DocumentKind> {
  checkTime(ctx);
  if (kind === 'cfb') {
    throw new DocumentError(
      'encrypted (password-protected) Office document or legacy .doc/.xls/.ppt: cannot be scanned; save it without a password as DOCX/XLSX/PPTX, or export to text',
    );
  }
  if (kind === 'eml') {
    yield* extractEml(bytes, ctx, nested);
    return 'eml';
  }
  const entries = readZipDirectory(bytes, ctx);
  const pkg = openPackage(bytes, entries, ctx);
  const office = ooxmlKind(pkg);
  if (office) {
    if (entries.some((e) => e.name === 'EncryptedPackage')) throw new DocumentError('encrypted document: cannot be scanned');
    yield* extractOoxml(office, pkg, ctx, (embedded, where) => embeddedObject(embedded, where, ctx));
    return office;
  }
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    checkTime(ctx);
    yield* nested(inflateEntry(bytes, entry, ctx), { kind: 'zip', entry: entry.name }, ctx);
  }
  return 'zip';
}

/**
 * Content found inside a container at `where`: a document of its own (its segments carry the
 * chain), or text (one segment at `where`), or binary (a note, not scanned).
 */
export function* nested(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext): Generator<Segment> {
  const kind = sniffDocument(bytes);
  if (kind) {
    if (ctx.depth + 1 > ctx.limits.maxDepth) {
      throw new DocumentError(`refused: documents nested more than ${ctx.limits.maxDepth} deep (${describeWhere(where)})`);
    }
    if (kind === 'pdf') {
      // Read once the container is done (pdfjs is asynchronous; containers are read synchronously).
      ctx.pdfs.push({ bytes, ctx: { ...ctx, chain: [...ctx.chain, where], depth: ctx.depth + 1 } });
      return;
    }
    yield* extractKnown(kind, bytes, { ...ctx, chain: [...ctx.chain, where], depth: ctx.depth + 1 });
    return;
  }
  const sniffed = sniff(bytes.subarray(0, 8000));
  if (sniffed.kind === 'binary') {
    note(ctx, where, `${sniffed.reason}; not scanned`);
    return;
  }
  const text = sniffed.decoder.decode(bytes, true).text;
  if (text.trim()) yield segment(ctx, text, where);
}

/**
 * An object embedded in an Office document, read as `nested` reads a zip entry; except that an
 * OLE object (a legacy or foreign object's own format) is noted and skipped rather than failing
 * the whole document.
 */
function* embeddedObject(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext): Generator<Segment> {
  if (sniffDocument(bytes) === 'cfb') {
    note(ctx, where, 'embedded OLE object; not scanned');
    return;
  }
  yield* nested(bytes, where, ctx);
}

/** A note on content at `where` that was not scanned, with the containers it sits in. */
function note(ctx: ExtractContext, where: DocLocation, what: string): void {
  ctx.notes.push(`${[...ctx.chain, where].map(describeWhere).join(' → ')}: ${what}`);
}

function describeWhere(loc: DocLocation): string {
  if (loc.kind === 'zip') return `entry ${loc.entry}`;
  if (loc.kind === 'eml' && loc.part === 'attachment') return `attachment ${loc.name ?? ''}`.trim();
  return loc.kind;
}
