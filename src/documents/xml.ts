/**
 * A minimal XML tag scanner for Office parts: start, end and empty tags and the text between,
 * one at a time. No DTDs, no namespaces resolved (names keep their prefix, as Office writes them).
 */

export type XmlToken =
  | { type: 'open'; name: string; raw: string; empty: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>/g;

export function* xmlTokens(xml: string): Generator<XmlToken> {
  TAG.lastIndex = 0;
  let last = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m.index > last) yield { type: 'text', text: decodeEntities(xml.slice(last, m.index)) };
    last = TAG.lastIndex;
    if (m[5] !== undefined) yield { type: 'text', text: m[5] };
    else if (m[2] === undefined) continue;
    else if (m[1] === '/') yield { type: 'close', name: m[2] };
    else yield { type: 'open', name: m[2], raw: m[3] ?? '', empty: m[4] === '/' };
  }
  if (last < xml.length) yield { type: 'text', text: decodeEntities(xml.slice(last)) };
}

/** One attribute of a start tag (`w:author`), decoded. */
export function attr(raw: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(raw);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : undefined;
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e] ?? '';
  });
}

/** Bytes of an XML part as text (UTF-8, or UTF-16 with a byte-order mark). */
export function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
