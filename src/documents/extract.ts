/**
 * The format registry and the dispatcher. What a file is is decided here, once, for every command
 * (scan, redact --dry-run, check-message, workers): each format says how it is recognised and how
 * it is read, and containers (zip entries, email attachments, files attached to a PDF, objects
 * embedded in Office documents) hand what they hold back to the registry with their location
 * chained on. Adding a format is adding one entry to FORMATS.
 */
import { sniff } from '../text/decoder.js';
import { extractCsv } from './csv.js';
import { extractEml, looksLikeEml } from './eml.js';
import { extractHtml } from './html.js';
import { extractImage, isImage } from './image.js';
import { extractJson } from './json.js';
import { extractPdf, isPdf } from './pdf.js';
import { extractOoxml, ooxmlKind, openPackage } from './ooxml.js';
import { checkTime, DocumentError, segment, type DocLocation, type DocumentKind, type ExtractContext, type Segment } from './types.js';
import { inflateEntry, isZip, readZipDirectory } from './zip.js';
import { describeForNote } from './location.js';
import { mediaByBytes } from './media.js';
import { extractSmsBackup, isSmsBackup } from './sms-backup.js';
import { extractChat, isChatName, looksLikeChat } from './whatsapp.js';

/** What a reader hands back: its kind when it learnt more (a zip that is a DOCX), `false` when the bytes are not its format after all. */
export type Outcome = DocumentKind | false | void;

/** Segments in reading order; an asynchronous reader (PDF, email) met inside a container is read after it. */
export type Reading = Generator<Segment, Outcome> | AsyncGenerator<Segment, Outcome>;

export interface DocumentFormat {
  kind: DocumentKind;
  /**
   * Whether a file is this format. `head`: its first bytes (HEAD_BYTES at most, fewer for a short
   * file); `name`: its name (a file, zip entry or attachment name; '' when it has none).
   */
  sniff(head: Uint8Array, name: string): boolean;
  /**
   * Told by its name, not its bytes (JSON, HTML): a text format, read by its structure only where
   * structure is asked for (redaction reads the file's own bytes, see ScanContext.structured).
   */
  byName?: true;
  /**
   * A file of this format on its own is streamed by scan-stream (an SMS backup of gigabytes, a chat
   * export placed line by line in the file), so it is not a document to be held whole there; held
   * inside a container (a zip entry, an attachment) it is read by `extract`.
   */
  streamed?: true;
  /** The document's segments, each at its location (segment() in types.ts chains the containers on). */
  extract(bytes: Uint8Array, ctx: ExtractContext): Reading;
}

/** Bytes a format's `sniff` may look at: an email's headers can run long before MIME-Version. */
export const HEAD_BYTES = 32 * 1024;

/** Tried in order: formats told by their bytes first, then those told by their name. */
export const FORMATS: readonly DocumentFormat[] = [
  { kind: 'zip', sniff: isZip, extract: extractZip },
  { kind: 'pdf', sniff: isPdf, extract: (bytes, ctx) => extractPdf(bytes, ctx, attachedTo(ctx)) },
  { kind: 'cfb', sniff: isCompoundFile, extract: refuseCompoundFile },
  { kind: 'image', sniff: isImage, extract: extractImage },
  { kind: 'eml', sniff: (head, name) => looksLikeEml(head, /\.eml$/i.test(name)), extract: (bytes, ctx) => extractEml(bytes, ctx, attachedTo(ctx)) },
  { kind: 'sms-backup', streamed: true, sniff: (head) => isSmsBackup(head), extract: (bytes, ctx) => extractSmsBackup(bytes, ctx, nested) },
  { kind: 'whatsapp', streamed: true, sniff: (head, name) => isChatName(name) && looksLikeChat(head), extract: extractChatFile },
  { kind: 'json', byName: true, sniff: (_, name) => /\.json$/i.test(name), extract: readText((text, ctx) => extractJson(text, ctx) ?? false) },
  { kind: 'html', byName: true, sniff: (_, name) => /\.html?$/i.test(name), extract: readText(extractHtml) },
  // A CSV or TSV file on its own is streamed cell by cell (scan-stream); these read one held whole.
  { kind: 'csv', byName: true, sniff: (_, name) => /\.csv$/i.test(name), extract: readText((text, ctx) => extractCsv(text, ',', ctx)) },
  { kind: 'tsv', byName: true, sniff: (_, name) => /\.tsv$/i.test(name), extract: readText((text, ctx) => extractCsv(text, '\t', ctx)) },
];

/** The format of a file with these first bytes and this name ('' when none), if any. */
export function formatOf(head: Uint8Array, name: string, byName = true): DocumentFormat | undefined {
  const h = head.subarray(0, HEAD_BYTES);
  return FORMATS.find((f) => (byName || !f.byName) && f.sniff(h, name));
}

/**
 * The document a file on its own is, held whole to be read (zip, Office, PDF, email): told by its
 * first bytes, `name` helping where a format uses it (a draft named .eml). Text formats and the
 * streamed exports are not: scan-stream reads those as they come.
 */
export function sniffDocument(head: Uint8Array, name = ''): DocumentKind | undefined {
  const h = head.subarray(0, HEAD_BYTES);
  return FORMATS.find((f) => !f.byName && !f.streamed && f.sniff(h, name))?.kind;
}

/** The phone message export (SMS backup, chat) a file on its own is, which scan-stream reads as it comes. */
export function sniffStreamed(head: Uint8Array, name: string): DocumentKind | undefined {
  const h = head.subarray(0, HEAD_BYTES);
  return FORMATS.find((f) => f.streamed && f.sniff(h, name))?.kind;
}

/** Text formats read from a file held whole: told by the file's name (`chat`: a .txt whose first line is a chat export's). */
export type TextFormat = 'json' | 'html' | 'chat';

/** The text format a file name announces (CSV and TSV files are streamed cell by cell, see scan-stream). */
export function formatByName(name: string): 'json' | 'html' | 'csv' | 'tsv' | undefined {
  return FORMATS.find((f) => f.byName && f.sniff(new Uint8Array(0), name))?.kind as 'json' | 'html' | 'csv' | 'tsv' | undefined;
}

/**
 * A document's segments, in reading order. Throws DocumentError for a corrupt, encrypted or
 * over-limit one. `format`: how to read it when its bytes are not a known document (undefined
 * returned when it is not one, or a JSON text does not parse); `name`: the file's, as sniffDocument takes it.
 */
export async function* extractDocument(bytes: Uint8Array, ctx: ExtractContext, format?: TextFormat, name = ''): AsyncGenerator<Segment, DocumentKind | undefined> {
  const asked = format === 'chat' ? 'whatsapp' : format;
  const kind = sniffDocument(bytes, name);
  const chosen = FORMATS.find((f) => f.kind === (kind ?? asked));
  if (!chosen) return undefined;
  checkTime(ctx);
  const outcome = yield* chosen.extract(bytes, ctx);
  if (outcome === false) return undefined;
  yield* readQueued(ctx);
  return outcome || chosen.kind;
}

/**
 * Content found inside a container at `where`: a document of its own (its segments carry the
 * chain), or text (one segment at `where`), or binary (a note, not scanned). Synchronous, as the
 * containers are: an asynchronous format met here is queued and read once the container is done.
 */
export function* nested(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext): Generator<Segment> {
  const inner = open(bytes, where, ctx);
  if (inner) {
    const reading = inner.format.extract(bytes, inner.ctx);
    if (Symbol.asyncIterator in reading) {
      ctx.pdfs.push({ bytes, ctx: inner.ctx });
      return;
    }
    if ((yield* reading) !== false) return;
  }
  yield* plainContent(bytes, where, ctx);
}

/**
 * An attachment of an asynchronous reader (a PDF's attached files, an email's attachments), read
 * in place; `email`: a message/rfc822 part, an email whatever its first bytes look like.
 */
function attachedTo(ctx: ExtractContext) {
  return async function* (bytes: Uint8Array, where: DocLocation, email = false): AsyncGenerator<Segment> {
    const inner = open(bytes, where, ctx, email ? EMAIL : undefined);
    if (inner && (yield* inner.format.extract(bytes, inner.ctx)) !== false) {
      yield* readQueued(ctx);
      return;
    }
    yield* plainContent(bytes, where, ctx);
  };
}

const EMAIL = FORMATS.find((f) => f.kind === 'eml')!;

/** The format of content at `where` and the context to read it in; refused past the nesting limit. */
function open(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext, as?: DocumentFormat): { format: DocumentFormat; ctx: ExtractContext } | undefined {
  const format = as ?? formatOf(bytes, entryName(where));
  if (!format) return undefined;
  // Only containers count towards the limit: a text format (JSON, HTML, CSV) holds no documents.
  if (!format.byName && ctx.depth + 1 > ctx.limits.maxDepth) {
    throw new DocumentError(`refused: documents nested more than ${ctx.limits.maxDepth} deep (${describeWhere(where)})`);
  }
  checkTime(ctx);
  return { format, ctx: { ...ctx, chain: [...ctx.chain, where], depth: ctx.depth + 1 } };
}

/** Documents met inside synchronous containers, read once the container is done, each with its own chain. */
async function* readQueued(ctx: ExtractContext): AsyncGenerator<Segment> {
  for (const queued of ctx.pdfs.splice(0)) yield* readQueuedDocument(queued);
}

/** One document a container queued (also for readers that stream, and take them off the queue as they go). */
export async function* readQueuedDocument(queued: ExtractContext['pdfs'][number]): AsyncGenerator<Segment> {
  const where = queued.ctx.chain.at(-1);
  const format = formatOf(queued.bytes, where ? entryName(where) : '');
  if (format) yield* format.extract(queued.bytes, queued.ctx);
}

/** Content no format claims: text is one segment at `where`; binary is noted. */
function* plainContent(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext): Generator<Segment> {
  const sniffed = sniff(bytes.subarray(0, 8000));
  if (sniffed.kind === 'binary') {
    note(ctx, where, `${mediaByBytes(bytes) ?? sniffed.reason}; not scanned`);
    return;
  }
  const text = sniffed.decoder.decode(bytes, true).text;
  if (text.trim()) yield segment(ctx, text, where);
}

/** A reader of a text format: the bytes decoded (UTF-8, or UTF-16 by its byte-order mark), `false` for binary. */
function readText(read: (text: string, ctx: ExtractContext) => Iterable<Segment> | false) {
  return function* (bytes: Uint8Array, ctx: ExtractContext): Generator<Segment, Outcome> {
    const sniffed = sniff(bytes.subarray(0, 8000));
    if (sniffed.kind === 'binary') return false;
    const segments = read(sniffed.decoder.decode(bytes, true).text, ctx);
    if (segments === false) return false;
    yield* segments;
  };
}

/**
 * A chat export: a file of its own is placed in the file (line, column, offset of each finding);
 * inside the exported zip its media sit beside it and are not missing.
 */
function* extractChatFile(bytes: Uint8Array, ctx: ExtractContext): Generator<Segment, Outcome> {
  const sniffed = sniff(bytes.subarray(0, 8000));
  if (sniffed.kind === 'binary') return false;
  const text = sniffed.decoder.decode(bytes, true).text;
  const where = ctx.chain.at(-1);
  if (where !== undefined) yield* extractChat(text, ctx, { mediaBeside: where.kind === 'zip' });
  else yield* extractChat(text, ctx, sniffed.decoder.label === 'utf-8' ? { inFile: { bomBytes: sniffed.decoder.bomLength } } : {});
}

/** OLE compound file: a password-protected Office document, or a legacy .doc/.xls/.ppt. */
function isCompoundFile(head: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return head.length >= 8 && magic.every((b, i) => head[i] === b);
}

function* refuseCompoundFile(): Generator<Segment, Outcome> {
  throw new DocumentError(
    'encrypted (password-protected) Office document or legacy .doc/.xls/.ppt: cannot be scanned; save it without a password as DOCX/XLSX/PPTX, or export to text',
  );
}

/** A zip: an Office document (DOCX, XLSX, PPTX) when its entries say so, else each entry as the document it is. */
function* extractZip(bytes: Uint8Array, ctx: ExtractContext): Generator<Segment, Outcome> {
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
 * An object embedded in an Office document, read as `nested` reads a zip entry; except that an
 * OLE object (a legacy or foreign object's own format) is noted and skipped rather than failing
 * the whole document.
 */
function* embeddedObject(bytes: Uint8Array, where: DocLocation, ctx: ExtractContext): Generator<Segment> {
  if (isCompoundFile(bytes)) {
    note(ctx, where, 'embedded OLE object; not scanned');
    return;
  }
  yield* nested(bytes, where, ctx);
}

/** The name a container gives content: a zip entry's path, an attachment's file name ('' when none). */
function entryName(where: DocLocation): string {
  if (where.kind === 'zip') return where.entry;
  if (where.kind === 'eml') return where.name ?? '';
  if (where.kind === 'pdf' && 'attachment' in where) return where.attachment;
  if (where.kind === 'sms') return where.name ?? '';
  return '';
}

/** A note on content at `where` that was not scanned, with the containers it sits in. */
function note(ctx: ExtractContext, where: DocLocation, what: string): void {
  ctx.notes.push(`${[...ctx.chain, where].map(describeWhere).join(' → ')}: ${what}`);
}

function describeWhere(loc: DocLocation): string {
  if (loc.kind === 'zip') return `entry ${loc.entry}`;
  if (loc.kind === 'eml' && loc.part === 'attachment') return `attachment ${loc.name ?? ''}`.trim();
  if (loc.kind === 'sms' || loc.kind === 'chat') return describeForNote([loc]);
  return loc.kind;
}
