/**
 * Email (.eml, and .mbox files of several): the address and subject headers, text and HTML
 * bodies, and every attachment, each read by its own extractor (a zip, a DOCX, another email).
 */
import { decodeQuotedPrintable, header, parseParams, splitEntity, splitMultipart, type Headers } from '../guard/eml.js';
import { decodeEntities } from './xml.js';
import { checkTime, segment, type DocLocation, type ExtractContext, type Segment } from './types.js';

type Nested = (bytes: Uint8Array, where: DocLocation, ctx: ExtractContext) => Generator<Segment>;

const SCANNED_HEADERS: Record<string, string> = {
  from: 'From',
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  'reply-to': 'Reply-To',
  sender: 'Sender',
  subject: 'Subject',
};
const MAX_MIME_DEPTH = 20;

/**
 * RFC 5322 headers at the start (optionally after an mbox `From ` line), with From and MIME-Version.
 * MIME-Version is what an exported message has and an email pasted into a text file lacks: a
 * pasted one stays plain text (its lines are the file's lines), and loses nothing by it.
 */
export function looksLikeEml(head: Uint8Array): boolean {
  // Cheap refusal first: plain text rarely starts with `Name:` or `From `.
  if (!/^(From |[!-9;-~]+:)/.test(Buffer.from(head.subarray(0, 80)).toString('latin1'))) return false;
  // Long Received: chains can push MIME-Version well down; the header block is read up to 32 KB.
  const text = Buffer.from(head.subarray(0, 32 * 1024)).toString('latin1');
  let from = false;
  let mime = false;
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
    if (name === 'from') from = true;
    else if (name === 'mime-version') mime = true;
  }
  return from && mime;
}

export function* extractEml(bytes: Uint8Array, ctx: ExtractContext, nested: Nested): Generator<Segment> {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (raw.startsWith('From ')) {
    // mbox: messages start at `From ` lines after a blank line.
    const messages = raw.split(/\r?\n(?=From )/);
    for (const [i, m] of messages.entries()) yield* message(m.replace(/^From [^\n]*\n/, ''), ctx, nested, messages.length > 1 ? i + 1 : undefined);
    return;
  }
  yield* message(raw, ctx, nested, undefined);
}

function* message(raw: string, ctx: ExtractContext, nested: Nested, n: number | undefined): Generator<Segment> {
  checkTime(ctx);
  const msg = n !== undefined ? { message: n } : {};
  const { headers, body } = splitEntity(raw);
  for (const [name, value] of headers) {
    const shown = SCANNED_HEADERS[name];
    if (shown && value.trim()) yield segment(ctx, `${shown}: ${decodeWords(value)}`, { kind: 'eml', part: 'header', header: shown, ...msg });
  }
  yield* entity(headers, body, ctx, nested, msg, 0);
}

function* entity(headers: Headers, body: string, ctx: ExtractContext, nested: Nested, msg: { message?: number }, depth: number): Generator<Segment> {
  const { type, params } = parseParams(header(headers, 'content-type') ?? 'text/plain');
  const disposition = parseParams(header(headers, 'content-disposition'));
  const rawName = disposition.params['filename'] ?? params['name'];
  const name = rawName !== undefined ? decodeWords(rawName) : undefined;
  if (type.startsWith('multipart/') && params['boundary'] && depth < MAX_MIME_DEPTH) {
    const parts = splitMultipart(body, params['boundary']).map(splitEntity);
    if (type === 'multipart/alternative') {
      // The same content twice: the plain one when there is one.
      const plain = parts.find((p) => parseParams(header(p.headers, 'content-type') ?? 'text/plain').type === 'text/plain');
      const chosen = plain ? [plain] : parts;
      for (const p of chosen) yield* entity(p.headers, p.body, ctx, nested, msg, depth + 1);
      return;
    }
    for (const p of parts) yield* entity(p.headers, p.body, ctx, nested, msg, depth + 1);
    return;
  }
  const bytes = transferDecode(body, header(headers, 'content-transfer-encoding'));
  const attachment = disposition.type === 'attachment' || (name !== undefined && disposition.type !== 'inline');
  if (type === 'message/rfc822' || attachment || !(type === '' || type.startsWith('text/'))) {
    yield* nested(bytes, { kind: 'eml', part: 'attachment', name: name ?? (type === 'message/rfc822' ? 'message.eml' : type || 'attachment'), ...msg }, ctx);
    return;
  }
  const text = charsetDecode(bytes, params['charset']);
  const shown = type === 'text/html' ? htmlText(text) : text.replace(/\r\n/g, '\n');
  if (shown.trim()) yield segment(ctx, shown, { kind: 'eml', part: 'body', ...msg });
}

function transferDecode(body: string, encoding: string | undefined): Uint8Array {
  const cte = (encoding ?? '7bit').trim().toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(body), 'latin1');
  return Buffer.from(body, 'latin1');
}

function charsetDecode(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.trim() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** RFC 2047 encoded words (`=?utf-8?B?…?=`) in a header; raw 8-bit header bytes read as UTF-8. */
export function decodeWords(value: string): string {
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset: string, enc: string, data: string) => {
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(decodeQuotedPrintable(data.replace(/_/g, ' ')), 'latin1');
    return charsetDecode(bytes, charset);
  });
}

/** Visible text of HTML, plus the values of title, alt, value and placeholder attributes. */
export function htmlText(html: string): string {
  const attrs: string[] = [];
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]+>/g, (tag) => {
      for (const m of tag.matchAll(/\s(?:title|alt|value|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) attrs.push(m[1] ?? m[2] ?? '');
      return /^<\/?(p|div|br|tr|li|h\d|table|section|article|blockquote)\b/i.test(tag) ? '\n' : ' ';
    });
  const decoded = decodeEntities(text.replace(/&nbsp;/g, ' ')).replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n');
  return attrs.length > 0 ? `${decoded}\n${attrs.map(decodeEntities).join('\n')}` : decoded;
}
