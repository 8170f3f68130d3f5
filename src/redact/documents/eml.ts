/**
 * Email: every header (encoded words decoded, rewritten, and encoded again as UTF-8 words),
 * every text body (decoded from its transfer encoding and charset, rewritten, encoded back in
 * both), and each attachment that holds findings redacted as the document it is through the
 * registry and written back in its transfer encoding. Parts without findings, boundaries,
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
  let out = '';
  let at = start;
  for (const h of part.headers) {
    const rewritten = rewriteHeader(h, job);
    if (rewritten === undefined) continue;
    out += text.slice(at, h.start) + rewritten;
    at = h.end;
  }
  out += text.slice(at, part.bodyStart);
  out += await rewriteBody(part, job, root);
  return out + text.slice(part.bodyEnd, end);
}

async function rewriteBody(part: RawPart, job: Job, root: boolean): Promise<string> {
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
    return out + text.slice(at, part.bodyEnd);
  }
  if (part.type.startsWith('multipart/')) return body;
  const disposition = parseValue(headerValue(part, 'content-disposition') ?? '');
  const encoding = (headerValue(part, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const inlineText = (part.type === 'text/plain' || part.type === 'text/html') && disposition.value !== 'attachment';
  const content = decodeTransfer(body, encoding);
  let rewritten: Uint8Array | undefined;
  if (inlineText) {
    if (job.own.length === 0) return body;
    rewritten = rewriteText(content, part.params['charset'] ?? 'us-ascii', job);
  } else {
    const rawName = disposition.params['filename'] ?? part.params['name'];
    const name = rawName ? decodeWords(rawName) : part.type === 'message/rfc822' ? 'message.eml' : part.type || 'attachment';
    const group = job.inner.find((g) => isAttachment(g.where, name, job.message) && !job.used.has(g));
    if (!group) return body;
    job.used.add(group);
    if (part.type.startsWith('text/') && redactKind(content, name) === 'text') {
      // A text attachment is written back in its own charset, as a body is.
      rewritten = rewriteText(content, part.params['charset'] ?? 'us-ascii', { ...job, own: group.findings });
      if (rewritten === undefined) return body;
      return encodeTransfer(rewritten, encoding, job.eol) + (root ? (/\r?\n$/.exec(body)?.[0] ?? '') : '');
    }
    const out = await job.options.nested(content, part.type === 'message/rfc822' && !/\.eml$/i.test(name) ? `${name}.eml` : name, group.findings, group.where);
    job.notes.push(...out.notes);
    rewritten = out.bytes;
  }
  if (rewritten === undefined) return body;
  // A body that ended with a line break keeps it (the root part's, before the end of the message).
  const tail = root ? (/\r?\n$/.exec(body)?.[0] ?? '') : '';
  const encoded = encodeTransfer(rewritten, encoding, job.eol);
  return encoded + (encoded.endsWith('\n') ? '' : tail);
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

/** A text body in `charset` rewritten; undefined when nothing in it changed. */
function rewriteText(content: Buffer, charset: string, job: Job): Uint8Array | undefined {
  const codec = charsetCodec(charset);
  const original = codec.decode(content);
  const redacted = redactValues(original, job.own, job.options);
  if (redacted === original) return undefined;
  return codec.encode(redacted);
}

interface Codec {
  decode(bytes: Uint8Array): string;
  encode(text: string): Uint8Array;
}

/** UTF-8 and the single-byte charsets (each byte one character) can be written back; others are refused when they must be. */
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
  if (table.length !== 256) {
    return {
      decode: (b) => decoder.decode(b),
      encode: () => {
        throw new RedactError(`a ${label} text part cannot be written back after redaction`);
      },
    };
  }
  const reverse = new Map([...table].map((c, i) => [c, i]));
  return {
    decode: (b) => decoder.decode(b),
    encode: (t) =>
      Uint8Array.from([...t].map((c) => {
        const b = reverse.get(c);
        if (b === undefined) throw new RedactError(`a replacement cannot be written in ${label}`);
        return b;
      })),
  };
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** The header line(s) rewritten, or undefined when none of its values is found. */
function rewriteHeader(h: RawHeader, job: Job): string | undefined {
  if (job.own.length === 0) return undefined;
  const decoded = decodeWords(h.value);
  if (redactValues(decoded, job.own, job.options) === decoded) return undefined;
  // Encoded words and the text between them, each rewritten on its own.
  let value = '';
  let at = 0;
  for (const m of h.value.matchAll(ENCODED_WORD)) {
    value += rawText(h.value.slice(at, m.index), job);
    const word = decodeWords(m[0]);
    const redacted = redactValues(word, job.own, job.options);
    value += redacted === word ? m[0] : `=?UTF-8?B?${Buffer.from(redacted, 'utf8').toString('base64')}?=`;
    at = m.index + m[0].length;
  }
  value += rawText(h.value.slice(at), job);
  const left = decodeWords(value);
  if (redactValues(left, job.own, job.options) !== left) throw new RedactError(`header ${h.name.trim()} holds a value split over encoded words, which cannot be rewritten`);
  const eol = /\r?\n$/.exec(job.text.slice(h.start, h.end))?.[0] ?? '';
  return `${h.name}:${value}${eol}`;
}

/** Header text outside encoded words (raw UTF-8 is allowed there), rewritten. */
function rawText(latin1: string, job: Job): string {
  const text = Buffer.from(latin1, 'latin1').toString('utf8');
  const redacted = redactValues(text, job.own, job.options);
  return redacted === text ? latin1 : Buffer.from(redacted, 'utf8').toString('latin1');
}
