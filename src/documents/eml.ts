/**
 * Email (.eml, and .mbox files of several), read with postal-mime: every header of the message
 * and of its parts (encoded words decoded), every body part (each alternative: a value only in
 * the HTML one is found; HTML through the HTML reader, comments and scripts included), and every
 * attachment and attached message, read by the format registry as a zip entry is (a DOCX, a PDF,
 * another email). The scan and the send guard (recipients) read mail through this one reader.
 */
import PostalMime, { decodeWords, type Header } from 'postal-mime';
import { extractHtml } from './html.js';
import { keyWords } from './json.js';
import { describeLocation } from './location.js';
import { checkTime, DocumentError, segment, type DocLocation, type ExtractContext, type Segment } from './types.js';

/** Reads an attachment as the document it is (extract.ts); `email`: a message/rfc822 part, an email whatever its first bytes. */
export type Attached = (bytes: Uint8Array, where: DocLocation, email: boolean) => AsyncIterable<Segment>;

/** Multipart levels read; deeper parts are noted, not read (no client nests anywhere near this). */
export const MAX_MIME_DEPTH = 20;

/**
 * The parts of postal-mime's parse tree read here. Its `Email` result joins all text parts into
 * one string (converting HTML to text and back where an alternative lacks one), keeps only the
 * message's own headers and says nothing of depth; the tree it parsed has each part with its
 * headers, decoded content and depth.
 */
interface MimePart {
  depth: number;
  headers: Header[];
  contentType: { parsed: { value: string; params: Record<string, string> }; multipart: string | false };
  contentDisposition: { parsed: { value: string; params: Record<string, string> } };
  childNodes: MimePart[];
  content: ArrayBuffer | null;
  getTextContent(): string;
}

/** One message, parsed: its headers (as postal-mime gives them: unfolded, encoded words left) and its MIME tree. */
export interface ParsedMail {
  headers: Header[];
  root: MimePart;
}

/** Parses one message. A message past postal-mime's own limits (nesting, header size) is refused. */
export async function parseMail(bytes: Uint8Array): Promise<ParsedMail> {
  // message/rfc822 parts stay parts (read below, with their own location), not merged into the body.
  const parser = new PostalMime({ forceRfc822Attachments: true, maxRfc822NestingDepth: 0 });
  let email;
  try {
    email = await parser.parse(bytes);
  } catch (e) {
    throw new DocumentError(`email cannot be read: ${(e as Error).message}`);
  }
  const root = (parser as unknown as { root?: MimePart }).root;
  if (!root || !Array.isArray(root.childNodes) || typeof root.getTextContent !== 'function') {
    throw new Error('postal-mime no longer exposes its parse tree; see src/documents/eml.ts');
  }
  return { headers: email.headers, root };
}

/**
 * RFC 5322 headers at the start (optionally after an mbox `From ` line), with From and MIME-Version.
 * MIME-Version is what an exported message has and an email pasted into a text file lacks: a
 * pasted one stays plain text (its lines are the file's lines), and loses nothing by it. A file
 * `named` .eml needs only to start with headers: a draft written by hand may have neither.
 */
export function looksLikeEml(head: Uint8Array, named = false): boolean {
  // Cheap refusal first: plain text rarely starts with `Name:` or `From `.
  if (!/^(From |[!-9;-~]+:)/.test(Buffer.from(head.subarray(0, 80)).toString('latin1'))) return false;
  // Long Received: chains can push MIME-Version well down; the header block is read up to 32 KB.
  const text = Buffer.from(head.subarray(0, 32 * 1024)).toString('latin1');
  let from = false;
  let mime = false;
  let headers = 0;
  let pos = text.startsWith('From ') ? text.indexOf('\n') + 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break; // the window ends inside the headers
    const line = text.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    const name = m[1]!.toLowerCase();
    headers++;
    if (name === 'from') from = true;
    else if (name === 'mime-version') mime = true;
  }
  return named ? headers > 0 : from && mime;
}

/** The messages of an mbox (`From ` lines start them), or the one message. */
function messages(bytes: Uint8Array): Uint8Array[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, 5).toString('latin1') !== 'From ') return [bytes];
  const out: Uint8Array[] = [];
  // Offsets found in a latin1 view are byte offsets: one character per byte.
  const text = buf.toString('latin1');
  const starts = [0];
  for (const m of text.matchAll(/\n(?=From )/g)) starts.push(m.index + 1);
  for (const [i, start] of starts.entries()) {
    const body = text.indexOf('\n', start) + 1; // after the `From ` line
    out.push(buf.subarray(body > 0 ? body : start, starts[i + 1] ?? buf.length));
  }
  return out;
}

export async function* extractEml(bytes: Uint8Array, ctx: ExtractContext, attached: Attached): AsyncGenerator<Segment> {
  const all = messages(bytes);
  for (const [i, raw] of all.entries()) {
    checkTime(ctx);
    const msg = all.length > 1 ? { message: i + 1 } : {};
    const { root } = await parseMail(raw);
    yield* part(root, ctx, attached, msg);
  }
}

type Msg = { message?: number };

async function* part(node: MimePart, ctx: ExtractContext, attached: Attached, msg: Msg): AsyncGenerator<Segment> {
  checkTime(ctx);
  const type = node.contentType.parsed.value;
  const disposition = node.contentDisposition.parsed;
  const rawName = disposition.params['filename'] ?? node.contentType.parsed.params['name'];
  const name = rawName ? decodeWords(rawName) : undefined;
  yield* headers(node, ctx, msg, node.depth > 0 ? name : undefined);
  if (node.contentType.multipart) {
    if (node.depth >= MAX_MIME_DEPTH) {
      const where: DocLocation = { kind: 'eml', part: 'body', ...msg };
      ctx.notes.push(`${describeLocation({ ...where, chain: ctx.chain })}: MIME parts nested more than ${MAX_MIME_DEPTH} deep; not scanned`);
      return;
    }
    // Every child, alternatives included: a value may be in one representation only.
    for (const child of node.childNodes) yield* part(child, ctx, attached, msg);
    return;
  }
  const bytes = new Uint8Array(node.content ?? new ArrayBuffer(0));
  const inlineText = (type === 'text/plain' || type === 'text/html') && disposition.value !== 'attachment';
  if (!inlineText) {
    const where: DocLocation = { kind: 'eml', part: 'attachment', name: name ?? (type === 'message/rfc822' ? 'message.eml' : type || 'attachment'), ...msg };
    if (bytes.length > 0) yield* attachment(bytes, where, type === 'message/rfc822', ctx, attached);
    return;
  }
  const text = node.getTextContent();
  if (!text.trim()) return;
  const body: DocLocation = { kind: 'eml', part: 'body', ...(name ? { name } : {}), ...msg };
  if (type === 'text/html') yield* extractHtml(text, { ...ctx, chain: [...ctx.chain, body] });
  else yield segment(ctx, text.replace(/\r\n/g, '\n'), body);
}

/**
 * Each header's value (unfolded by postal-mime, encoded words decoded here), labelled with its
 * name (`X-Case-SSN`) and located by it; `name`: the part's file name.
 */
function* headers(node: MimePart, ctx: ExtractContext, msg: Msg, name: string | undefined): Generator<Segment> {
  for (const h of node.headers) {
    const value = decodeWords(h.value).trim();
    if (value) yield segment(ctx, value, { kind: 'eml', part: 'header', header: h.originalKey, ...(name ? { name } : {}), ...msg }, keyWords(h.originalKey));
  }
}

/**
 * An attachment through the registry. One that cannot be read (encrypted, corrupt, over a limit)
 * is a note, not the end of the message: the rest of the message is still read, and the send
 * guard names the attachment it could not check.
 */
async function* attachment(bytes: Uint8Array, where: DocLocation, email: boolean, ctx: ExtractContext, attached: Attached): AsyncGenerator<Segment> {
  try {
    yield* attached(bytes, where, email);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    checkTime(ctx); // out of time is the whole message's limit, not this attachment's
    ctx.notes.push(`${describeLocation({ ...where, chain: ctx.chain })}: ${e.message}; not scanned`);
  }
}
