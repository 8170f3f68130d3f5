/**
 * A message cut into its MIME parts at their byte positions, for rewriting some parts and
 * copying the rest as they are. The message is held as a latin1 string (one character per byte),
 * so every position is a byte offset. Parsing what the parts mean (decoding, charsets, names) is
 * postal-mime's in the reader; this only finds where each header block, body and boundary is.
 */

export interface RawHeader {
  /** Name as written. */
  name: string;
  /** Unfolded value (the line breaks of folding removed), as written. */
  value: string;
  /** The header's lines in the message, end exclusive (its line break included). */
  start: number;
  end: number;
}

export interface RawPart {
  headers: RawHeader[];
  /** The body, end exclusive (for a child part, the line break before the next delimiter is the delimiter's). */
  bodyStart: number;
  bodyEnd: number;
  /** The content type (lower case, no parameters; text/plain when absent) and its parameters. */
  type: string;
  params: Record<string, string>;
  children: RawPart[];
}

/** Multipart levels cut; deeper ones are kept as they are (the reader notes them). */
const MAX_DEPTH = 20;

export function parseRaw(text: string, start = 0, end = text.length, depth = 0): RawPart {
  const headers: RawHeader[] = [];
  let pos = start;
  while (pos < end) {
    const nl = lineEnd(text, pos, end);
    const line = text.slice(pos, nl).replace(/\r?\n$/, '');
    if (line === '') {
      pos = nl;
      break;
    }
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last.value += line;
      last.end = nl;
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) break; // not a header: the body starts here
      headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1), start: pos, end: nl });
    }
    pos = nl;
  }
  const ct = headers.find((h) => h.name.trim().toLowerCase() === 'content-type');
  const { value: type, params } = parseValue(ct?.value ?? 'text/plain');
  const part: RawPart = { headers, bodyStart: pos, bodyEnd: end, type, params, children: [] };
  const boundary = params['boundary'];
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) part.children = cutParts(text, pos, end, boundary, depth);
  return part;
}

/** The end of the line at `pos` (after its line break), at most `end`. */
function lineEnd(text: string, pos: number, end: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 || nl >= end ? end : nl + 1;
}

/** The parts between the delimiter lines of `boundary`. */
function cutParts(text: string, start: number, end: number, boundary: string, depth: number): RawPart[] {
  const parts: RawPart[] = [];
  const delimiter = `--${boundary}`;
  let open: number | undefined;
  for (let pos = start; pos < end; ) {
    const nl = lineEnd(text, pos, end);
    const line = text.slice(pos, nl).replace(/\r?\n$/, '').replace(/[ \t]+$/, '');
    if (line === delimiter || line === `${delimiter}--`) {
      if (open !== undefined) {
        // The line break before the delimiter belongs to it.
        let close = pos;
        if (text[close - 1] === '\n') close--;
        if (text[close - 1] === '\r') close--;
        parts.push(parseRaw(text, open, Math.max(open, close), depth + 1));
      }
      if (line !== delimiter) return parts;
      open = nl;
    }
    pos = nl;
  }
  if (open !== undefined && open < end) parts.push(parseRaw(text, open, end, depth + 1));
  return parts;
}

/** `type/sub; a=b; c="d"` → lower-case value and parameters (RFC 2231 `name*=` decoded, continuations joined). */
export function parseValue(raw: string): { value: string; params: Record<string, string> } {
  const [head = '', ...rest] = splitParams(raw);
  const params: Record<string, string> = {};
  const extended: Record<string, string[]> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (m) {
      const list = (extended[m[1]!] ??= []);
      list[Number(m[2] ?? 0)] = m[3] || (!m[2] && key.endsWith('*')) ? decode2231(v, Number(m[2] ?? 0) === 0) : v;
    } else params[key] = v;
  }
  for (const [k, list] of Object.entries(extended)) params[k] = list.join('');
  return { value: head.trim().toLowerCase(), params };
}

function splitParams(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && quoted) {
      cur += c + (raw[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** `utf-8''J%C3%B6rg.pdf` → the text (first piece carries the charset). */
function decode2231(v: string, first: boolean): string {
  let charset = 'utf-8';
  let data = v;
  if (first) {
    const m = /^([^']*)'[^']*'(.*)$/.exec(v);
    if (m) [charset, data] = [m[1] || 'utf-8', m[2]!];
  }
  const bytes = Buffer.from(data.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Quoted-printable → bytes. */
export function decodeQuotedPrintable(s: string): Buffer {
  const joined = s.replace(/=[ \t]*\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
}

/** Bytes → quoted-printable with `eol` line breaks, lines of at most 76 characters. */
export function encodeQuotedPrintable(bytes: Uint8Array, eol: string): string {
  const lines = Buffer.from(bytes).toString('latin1').split(/\r?\n/);
  return lines
    .map((line) => {
      let out = '';
      let col = 0;
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        const last = i === line.length - 1;
        const plain = (code >= 33 && code <= 126 && code !== 61) || ((code === 32 || code === 9) && !last);
        const piece = plain ? line[i]! : `=${code.toString(16).toUpperCase().padStart(2, '0')}`;
        if (col + piece.length > 75) {
          out += `=${eol}`;
          col = 0;
        }
        out += piece;
        col += piece.length;
      }
      return out;
    })
    .join(eol);
}

/** Bytes → base64 in lines of 76 characters. */
export function encodeBase64(bytes: Uint8Array, eol: string): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(eol);
}
