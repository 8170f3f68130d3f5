/**
 * Just enough RFC 5322 / MIME to check a draft: recipients from To, Cc and Bcc (folded headers,
 * quoted names with commas, `Name <addr>`, groups, comments) and the text/plain body (single
 * part or inside multipart; quoted-printable and base64; the part's charset). Pure.
 */

export interface ParsedEml {
  /** Addresses as written in To, Cc and Bcc, in header order. */
  recipients: Array<{ header: string; address: string }>;
  /** The inline text/plain parts, decoded (several are joined by a blank line); undefined when there is none. */
  body?: string;
  /** Parts that were not read as body (attachments, HTML without a plain alternative), described without content. */
  otherParts: string[];
}

export type Headers = Array<[name: string, value: string]>;

const RECIPIENT_HEADERS = ['to', 'cc', 'bcc'];

export function parseEml(bytes: Uint8Array): ParsedEml {
  // latin1 keeps one character per byte, so each part can be decoded with its own charset later.
  const { headers, body } = splitEntity(Buffer.from(bytes).toString('latin1'));
  const recipients: ParsedEml['recipients'] = [];
  for (const [name, value] of headers) {
    if (!RECIPIENT_HEADERS.includes(name)) continue;
    const display = name === 'bcc' ? 'Bcc' : name === 'cc' ? 'Cc' : 'To';
    for (const address of parseAddressList(Buffer.from(value, 'latin1').toString('utf8'))) recipients.push({ header: display, address });
  }
  const texts: string[] = [];
  const otherParts: string[] = [];
  walk(headers, body, texts, otherParts, 0);
  return { recipients, ...(texts.length > 0 ? { body: texts.join('\n\n') } : {}), otherParts };
}

/** Headers (unfolded, names in lower case) and the body after the first empty line. */
export function splitEntity(raw: string): { headers: Headers; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const startsBlank = /^\r?\n/.exec(raw);
  const head = startsBlank ? '' : m ? raw.slice(0, m.index) : raw;
  const body = startsBlank ? raw.slice(startsBlank[0].length) : m ? raw.slice(m.index + m[0].length) : '';
  const headers: Headers = [];
  // Unfolding: a line starting with white space continues the header before it (RFC 5322 2.2.3).
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) continue; // an mbox `From ` line, or noise
    headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { headers, body };
}

export function header(headers: Headers, name: string): string | undefined {
  return headers.find(([n]) => n === name)?.[1];
}

/** `text/plain; charset="utf-8"` → type and parameters (names in lower case). */
export function parseParams(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = splitOutsideQuotes(value ?? '', ';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const v = p.slice(eq + 1).trim();
    params[p.slice(0, eq).trim().toLowerCase()] = v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
  }
  return { type: type.trim().toLowerCase(), params };
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && quoted) {
      cur += ch + (s[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const MAX_DEPTH = 10;

function walk(headers: Headers, body: string, texts: string[], others: string[], depth: number): void {
  const { type, params } = parseParams(header(headers, 'content-type') ?? 'text/plain');
  const disposition = parseParams(header(headers, 'content-disposition'));
  const name = disposition.params['filename'] ?? params['name'];
  if (type.startsWith('multipart/') && params['boundary'] && depth < MAX_DEPTH) {
    const parts = splitMultipart(body, params['boundary']).map(splitEntity);
    if (type === 'multipart/alternative') {
      // Alternatives carry the same content; read the plain one, or say that none was readable.
      const plain = parts.find((p) => parseParams(header(p.headers, 'content-type') ?? 'text/plain').type === 'text/plain');
      if (plain) walk(plain.headers, plain.body, texts, others, depth + 1);
      else others.push(`a ${parts.map((p) => parseParams(header(p.headers, 'content-type')).type || 'text/plain').join(' / ')} alternative without text/plain`);
      return;
    }
    for (const p of parts) walk(p.headers, p.body, texts, others, depth + 1);
    return;
  }
  if ((type === 'text/plain' || type === '') && disposition.type !== 'attachment') {
    texts.push(decodeText(body, header(headers, 'content-transfer-encoding'), params['charset']));
    return;
  }
  others.push(name ? `attachment ${name} (${type || 'unknown type'})` : `a ${type || 'unknown'} part`);
}

/** The parts between `--boundary` lines, up to `--boundary--`. */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join('\n'));
      current = line.slice(delimiter.length).startsWith('--') ? undefined : [];
      if (!current) break;
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

function decodeText(body: string, encoding: string | undefined, charset: string | undefined): string {
  const cte = (encoding ?? '7bit').trim().toLowerCase();
  let bytes: Buffer;
  if (cte === 'base64') bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  else if (cte === 'quoted-printable') bytes = Buffer.from(decodeQuotedPrintable(body), 'latin1');
  else bytes = Buffer.from(body, 'latin1');
  return decoderFor(charset).decode(bytes).replace(/\r\n/g, '\n');
}

function decoderFor(charset: string | undefined) {
  try {
    return new TextDecoder(charset?.trim() || 'utf-8');
  } catch {
    return new TextDecoder('utf-8'); // an unknown charset label: UTF-8 is the likeliest
  }
}

/** Soft line breaks (`=` at a line end) join lines; `=XX` is one byte (RFC 2045 6.7). */
export function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/[ \t]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * An address-list header → the addresses in it. Display names (quoted or not, with commas
 * inside quotes), comments in parentheses and group names are dropped; `Team: a@x, b@y;`
 * yields a@x and b@y. A piece with no `<addr>` is returned as written, so that the caller can
 * refuse what is not an address instead of silently losing a recipient.
 */
export function parseAddressList(value: string): string[] {
  const out: string[] = [];
  let bare = '';
  let angle: string | undefined;
  const flush = (): void => {
    const address = (angle ?? bare).trim();
    if (address !== '') out.push(address);
    bare = '';
    angle = undefined;
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '"') {
      // A quoted display name (or quoted local part): copied whole, commas and all.
      let j = i + 1;
      let quoted = '';
      for (; j < value.length && value[j] !== '"'; j++) quoted += value[j] === '\\' ? (value[++j] ?? '') : value[j];
      bare += `"${quoted}"`;
      i = j;
    } else if (ch === '(') {
      const start = i;
      let depth = 1;
      for (i++; i < value.length && depth > 0; i++) {
        if (value[i] === '\\') i++;
        else if (value[i] === '(') depth++;
        else if (value[i] === ')') depth--;
      }
      i--;
      // `(202) 555-0143` written bare is a phone number, not a comment: dropping the area code would invent another number.
      const inner = value.slice(start + 1, i);
      if (/^[\d\s.+-]+$/.test(inner)) bare += `(${inner})`;
    } else if (ch === '<') {
      const end = value.indexOf('>', i);
      angle = value.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? value.length : end;
    } else if (ch === ':' && angle === undefined) {
      bare = ''; // `Group name:` starts a group; the name is not an address
    } else if (ch === ',' || ch === ';') {
      flush();
    } else {
      bare += ch;
    }
  }
  flush();
  return out.map((a) => {
    // MMS drafts address phones as `+12025550143/TYPE=PLMN` (OMA MMS encapsulation).
    const plmn = /^(.*?)\s*\/TYPE=PLMN$/i.exec(a);
    if (plmn) return plmn[1]!.trim();
    // A bare addr-spec has no spaces; a display name without <addr> is kept as typed for the caller to refuse.
    return a.includes('@') && !a.includes('"') ? a.replace(/\s+/g, '') : a;
  });
}
