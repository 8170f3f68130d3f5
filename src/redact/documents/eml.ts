/**
 * Email: every header (encoded words decoded, rewritten, and encoded again as UTF-8 words),
 * every text body (decoded from its transfer encoding and charset, rewritten, encoded back in
 * both; a multi-byte charset Node has no encoder for is declared UTF-8 instead), and each
 * attachment that holds findings redacted as the document it is through the registry and
 * written back in its transfer encoding. Parts without findings, boundaries,
 * preambles and the order of everything are kept as written.
 */
import { decodeWords } from 'postal-mime';
import type { DocLocation } from '../../documents/types.js';
import { byContainer, type Inner } from './containers.js';
import { redactKind } from './kind.js';
import { decodeQuotedPrintable, encodeBase64, encodeQuotedPrintable, parseRaw, parseValue, type RawHeader, type RawPart } from './mime.js';
import { RedactError, type DocFinding, type DocumentRedactOptions, type DocumentRedactor } from './types.js';
import { redactValues } from './values.js';

export const redactEml: DocumentRedactor = async (bytes, findings, options) => {
  const sorted = byContainer(findings);
  // A body read as HTML locates its findings inside the body: they are the body's own values.
  const bodies = sorted.inner.filter((g) => !(g.where.kind === 'eml' && g.where.part === 'attachment'));
  const own = [...sorted.own, ...bodies.flatMap((g) => g.findings)];
  const inner = sorted.inner.filter((g) => !bodies.includes(g));
  const text = Buffer.from(bytes).toString('latin1');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const notes: string[] = [];
  const used = new Set<Inner>();
  let out = '';
  let at = 0;
  const ranges = messageRanges(text);
  for (const [i, [start, end]] of ranges.entries()) {
    const message = ranges.length > 1 ? i + 1 : undefined;
    const root = parseRaw(text, start, end);
    const job: Job = { text, eol, own, inner, used, notes, options, message };
    out += text.slice(at, start) + (await rewritePart(root, job, start, end, true));
    at = end;
  }
  const missed = inner.filter((g) => !used.has(g));
  if (missed.length > 0) throw new RedactError(`${missed.length} attachment${missed.length === 1 ? '' : 's'} with findings could not be found again in the message`);
  return { bytes: Buffer.from(out + text.slice(at), 'latin1'), notes };
};

interface Job {
  text: string;
  eol: string;
  own: DocFinding[];
  inner: Inner[];
  used: Set<Inner>;
  notes: string[];
  options: DocumentRedactOptions;
  message: number | undefined;
}

/** Each message of an mbox (after its `From ` line), or the one message. */
function messageRanges(text: string): Array<[number, number]> {
  if (!text.startsWith('From ')) return [[0, text.length]];
  const starts = [0, ...[...text.matchAll(/\n(?=From )/g)].map((m) => m.index + 1)];
  return starts.map((s, i) => [text.indexOf('\n', s) + 1 || s, starts[i + 1] ?? text.length]);
}

/** The part's text from `start` to `end` (headers and body) with its findings rewritten. */
async function rewritePart(part: RawPart, job: Job, start: number, end: number, root: boolean): Promise<string> {
  const { text } = job;
  // The body first: a body written back in UTF-8 changes its Content-Type (and maybe its transfer encoding).
  const body = await rewriteBody(part, job, root);
  let out = '';
  let at = start;
  for (const h of part.headers) {
    const rewritten = redeclared(h, body, job) ?? rewriteHeader(h, job);
    if (rewritten === undefined) continue;
    out += text.slice(at, h.start) + rewritten;
    at = h.end;
  }
  if (body.transfer !== undefined && headerValue(part, 'content-transfer-encoding') === undefined) {
    // A transfer encoding where the part had none (7bit): the last header, before the blank line.
    const blank = text.slice(part.bodyStart - 2, part.bodyStart) === '\r\n' ? 2 : 1;
    out += text.slice(at, part.bodyStart - blank) + `Content-Transfer-Encoding: ${body.transfer}${job.eol}` + text.slice(part.bodyStart - blank, part.bodyStart);
  } else {
    out += text.slice(at, part.bodyStart);
  }
  out += body.text;
  return out + text.slice(part.bodyEnd, end);
}

/** A rewritten body, and what its headers must say now when it is no longer in its charset. */
interface Body {
  text: string;
  /** The charset it is written in now (UTF-8), when that is not its own. */
  charset?: string;
  /** Its transfer encoding now, when that changed (7bit cannot carry UTF-8 bytes). */
  transfer?: string;
}

/** The Content-Type or Content-Transfer-Encoding header as a body written back in another charset needs it, else undefined. */
function redeclared(h: RawHeader, body: Body, job: Job): string | undefined {
  const name = h.name.trim().toLowerCase();
  const eol = /\r?\n$/.exec(job.text.slice(h.start, h.end))?.[0] ?? '';
  if (name === 'content-type' && body.charset !== undefined) {
    // Only the charset parameter changes; a value in another parameter (a name) is rewritten as a header's is.
    const param = /(;\s*charset\s*=\s*)("[^"]*"|[^;\s]*)/i;
    const value = param.test(h.value) ? h.value.replace(param, `$1${body.charset}`) : `${h.value.trimEnd()}; charset=${body.charset}`;
    const rest = rewriteHeader({ ...h, value }, job);
    return rest ?? `${h.name}:${value}${eol}`;
  }
  if (name === 'content-transfer-encoding' && body.transfer !== undefined) return `${h.name}: ${body.transfer}${eol}`;
  return undefined;
}

async function rewriteBody(part: RawPart, job: Job, root: boolean): Promise<Body> {
  const { text } = job;
  const body = text.slice(part.bodyStart, part.bodyEnd);
  if (part.children.length > 0) {
    let out = '';
    let at = part.bodyStart;
    for (const child of part.children) {
      out += text.slice(at, child.headers[0]?.start ?? child.bodyStart);
      out += await rewritePart(child, job, child.headers[0]?.start ?? child.bodyStart, child.bodyEnd, false);
      at = child.bodyEnd;
    }
    return { text: out + text.slice(at, part.bodyEnd) };
  }
  if (part.type.startsWith('multipart/')) return { text: body };
  const disposition = parseValue(headerValue(part, 'content-disposition') ?? '');
  const encoding = (headerValue(part, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const inlineText = (part.type === 'text/plain' || part.type === 'text/html') && disposition.value !== 'attachment';
  const content = decodeTransfer(body, encoding);
  let rewritten: Uint8Array | undefined;
  let charset: string | undefined;
  if (inlineText) {
    if (job.own.length === 0) return { text: body };
    const r = rewriteText(content, part.params['charset'] ?? 'us-ascii', job);
    rewritten = r?.bytes;
    charset = r?.utf8Instead;
  } else {
    const rawName = disposition.params['filename'] ?? part.params['name'];
    const name = rawName ? decodeWords(rawName) : part.type === 'message/rfc822' ? 'message.eml' : part.type || 'attachment';
    const group = job.inner.find((g) => isAttachment(g.where, name, job.message) && !job.used.has(g));
    if (!group) return { text: body };
    job.used.add(group);
    if (part.type.startsWith('text/') && redactKind(content, name) === 'text') {
      // A text attachment is written back in its own charset, as a body is.
      const r = rewriteText(content, part.params['charset'] ?? 'us-ascii', { ...job, own: group.findings });
      if (r === undefined) return { text: body };
      return written(r.bytes, encoding, { charset: r.utf8Instead, what: `attachment ${name}` }, job, root ? (/\r?\n$/.exec(body)?.[0] ?? '') : '', true);
    }
    const out = await job.options.nested(content, part.type === 'message/rfc822' && !/\.eml$/i.test(name) ? `${name}.eml` : name, group.findings, group.where);
    job.notes.push(...out.notes);
    rewritten = out.bytes;
  }
  if (rewritten === undefined) return { text: body };
  // A body that ended with a line break keeps it (the root part's, before the end of the message).
  const tail = root ? (/\r?\n$/.exec(body)?.[0] ?? '') : '';
  return written(rewritten, encoding, { charset, what: part.type === 'text/html' ? 'the HTML body' : 'the text body' }, job, tail, false);
}

/**
 * A rewritten body in its transfer encoding (with the line break it ended with, unless the
 * encoding ends with one, or `always`). `was.charset`: the charset the part was in when it could
 * not be written back in it (now UTF-8); 7bit cannot carry those bytes, so such a part becomes
 * base64. Both are noted.
 */
function written(bytes: Uint8Array, encoding: string, was: { charset: string | undefined; what: string }, job: Job, tail: string, always: boolean): Body {
  const eightBit = was.charset !== undefined && !['8bit', 'binary', 'base64', 'quoted-printable'].includes(encoding) && bytes.some((b) => b > 0x7f);
  const used = eightBit ? 'base64' : encoding;
  const encoded = encodeTransfer(bytes, used, job.eol);
  if (was.charset !== undefined) {
    const inMessage = job.message !== undefined ? `message ${job.message}: ` : '';
    job.notes.push(`${inMessage}${was.what} was in ${was.charset}, which is read but cannot be written here: it is written in UTF-8 and declared charset=utf-8${eightBit ? ', in base64 (7bit cannot carry it)' : `, still in ${encoding}`}`);
  }
  return {
    text: encoded + (always || !encoded.endsWith('\n') ? tail : ''),
    ...(was.charset !== undefined ? { charset: 'utf-8' } : {}),
    ...(eightBit ? { transfer: used } : {}),
  };
}

function isAttachment(where: DocLocation, name: string, message: number | undefined): boolean {
  return where.kind === 'eml' && where.part === 'attachment' && where.name === name && where.message === message;
}

function headerValue(part: RawPart, name: string): string | undefined {
  return part.headers.find((h) => h.name.trim().toLowerCase() === name)?.value;
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body, 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

function encodeTransfer(bytes: Uint8Array, encoding: string, eol: string): string {
  if (encoding === 'base64') return encodeBase64(bytes, eol);
  if (encoding === 'quoted-printable') return encodeQuotedPrintable(bytes, eol);
  return Buffer.from(bytes).toString('latin1');
}

/**
 * A text body in `charset` rewritten; undefined when nothing in it changed. It is written back
 * in its charset when that gives its other bytes back as they were and can write the
 * replacements; otherwise (a multi-byte charset such as ISO-2022-JP, Shift_JIS or Big5, which
 * Node reads but has no encoder for) in UTF-8: `utf8Instead` names the charset it was in.
 */
function rewriteText(content: Buffer, charset: string, job: Job): { bytes: Uint8Array; utf8Instead?: string } | undefined {
  const codec = charsetCodec(charset);
  const original = codec.decode(content);
  const redacted = redactValues(original, job.own, job.options);
  if (redacted === original) return undefined;
  const own = codec.encode(original);
  const bytes = own !== undefined && Buffer.from(own).equals(content) ? codec.encode(redacted) : undefined;
  return bytes !== undefined ? { bytes } : { bytes: Buffer.from(redacted, 'utf8'), utf8Instead: charset.trim().toLowerCase() };
}

interface Codec {
  decode(bytes: Uint8Array): string;
  /** Undefined when a character of `text` cannot be written in the charset. */
  encode(text: string): Uint8Array | undefined;
}

/** UTF-8 and the single-byte charsets (each byte one character) are written by this codec; other charsets are only read. */
function charsetCodec(charset: string): Codec {
  const label = charset.trim().toLowerCase();
  if (label === 'utf-8' || label === 'utf8' || label === 'us-ascii' || label === 'ascii') {
    return { decode: (b) => Buffer.from(b).toString('utf8'), encode: (t) => Buffer.from(t, 'utf8') };
  }
  let decoder: { decode(b: Uint8Array): string };
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const table = decoder.decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  // A multi-byte charset (Shift_JIS, EUC-KR, GBK, Big5): TextDecoder reads it, nothing here writes it.
  if (table.length !== 256) return { decode: (b) => decoder.decode(b), encode: () => undefined };
  const reverse = new Map([...table].map((c, i) => [c, i]));
  return {
    decode: (b) => decoder.decode(b),
    encode: (t) => {
      const out = new Uint8Array(t.length);
      let n = 0;
      for (const c of t) {
        const b = reverse.get(c);
        if (b === undefined) return undefined;
        out[n++] = b;
      }
      return out.subarray(0, n);
    },
  };
}

/** Encoded words with only whitespace between them: one text (the whitespace is not part of it, RFC 2047 6.2). */
const ENCODED_RUN = /=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=(?:[ \t]+=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)*/g;
/** UTF-8 bytes per encoded word written back: its base64 keeps the word under RFC 2047's 75 characters. */
const WORD_BYTES = 45;

/** The header line(s) rewritten, or undefined when none of its values is found. */
function rewriteHeader(h: RawHeader, job: Job): string | undefined {
  if (job.own.length === 0) return undefined;
  const decoded = decodeWords(h.value);
  if (redactValues(decoded, job.own, job.options) === decoded) return undefined;
  // Each run of adjacent encoded words (a value may be split over two) and the text between runs, each rewritten on its own.
  let value = '';
  let at = 0;
  for (const m of h.value.matchAll(ENCODED_RUN)) {
    value += rawText(h.value.slice(at, m.index), job);
    const words = decodeWords(m[0]);
    const redacted = redactValues(words, job.own, job.options);
    value += redacted === words ? m[0] : encodeWords(redacted);
    at = m.index + m[0].length;
  }
  value += rawText(h.value.slice(at), job);
  const left = decodeWords(value);
  if (redactValues(left, job.own, job.options) !== left) throw new RedactError(`header ${h.name.trim()} holds a value split between encoded words and plain text, which cannot be rewritten`);
  const eol = /\r?\n$/.exec(job.text.slice(h.start, h.end))?.[0] ?? '';
  return `${h.name}:${value}${eol}`;
}

/** `text` as UTF-8 base64 encoded words, each whole characters of at most WORD_BYTES bytes, one space apart. */
function encodeWords(text: string): string {
  const words: string[] = [];
  let word = '';
  for (const c of text) {
    if (word !== '' && Buffer.byteLength(word + c, 'utf8') > WORD_BYTES) {
      words.push(word);
      word = '';
    }
    word += c;
  }
  words.push(word);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** Header text outside encoded words (raw UTF-8 is allowed there), rewritten. */
function rawText(latin1: string, job: Job): string {
  const text = Buffer.from(latin1, 'latin1').toString('utf8');
  const redacted = redactValues(text, job.own, job.options);
  return redacted === text ? latin1 : Buffer.from(redacted, 'utf8').toString('latin1');
}
