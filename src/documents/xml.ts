/**
 * The XML reader of the document readers: saxes (a streaming, namespace-aware parser, linear in
 * its input) with elements matched by namespace URI and local name, whatever prefix a producer
 * chose. Only the five XML entities and character references are expanded; a DTD is never read,
 * so no entity it declares is resolved and nothing is fetched.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Namespace URI ('' for none), as the reader's `canonical` maps it. */
  readonly uri: string;
  readonly local: string;
  /** The attribute `local` in namespace `uri` ('' for an unprefixed attribute), decoded. */
  attr(local: string, uri?: string): string | undefined;
}

export interface XmlHandler {
  open?(el: XmlElement): void;
  /** Every opened element is closed: a self-closing one at once, one left open when the input ends. */
  close?(el: XmlElement): void;
  text?(text: string): void;
}

export interface XmlReadOptions {
  /** Called before each chunk of the input: throws to stop reading (a deadline). */
  check?: () => void;
  /** The URI an element's or attribute's namespace is matched as (one namespace under two names). */
  canonical?: (uri: string) => string;
}

/**
 * Elements nested deeper than this end the reading: a prefix is resolved through the open
 * elements, so depth multiplies the cost of every tag.
 */
export const MAX_DEPTH = 256;
/** Problems after which the reading ends: saxes makes an Error object for each, which is what a page of tag soup costs. */
const MAX_PROBLEMS = 16;
const CHUNK = 64 * 1024;

class Stop extends Error {}

/**
 * Reads `xml` into `handler`. Returns the first well-formedness problem, if any (with its line and
 * column, without the input's text): saxes goes on past most problems, so what it still makes out
 * is read too, and elements left open are closed at the end.
 */
export function readXml(xml: string, handler: XmlHandler, options: XmlReadOptions = {}): string | undefined {
  const { check, canonical } = options;
  const seen = new Map<string, string>();
  const canon = canonical ? (uri: string) => seen.get(uri) ?? remember(seen, uri, canonical(uri)) : (uri: string) => uri;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: Element[] = [];
  let problem: string | undefined;
  let problems = 0;
  parser.on('error', (e) => {
    problem ??= `line ${parser.line}, column ${parser.column}: ${reason(e.message)}`;
    if (++problems >= MAX_PROBLEMS) throw new Stop();
  });
  parser.on('opentagstart', () => {
    if (open.length < MAX_DEPTH) return;
    problem ??= `line ${parser.line}: elements nested more than ${MAX_DEPTH} deep`;
    throw new Stop();
  });
  parser.on('opentag', (tag) => {
    const el = new Element(tag, canon);
    open.push(el);
    handler.open?.(el);
  });
  parser.on('closetag', () => {
    const el = open.pop();
    if (el) handler.close?.(el);
  });
  if (handler.text) {
    parser.on('text', handler.text);
    parser.on('cdata', handler.text);
  }
  try {
    for (let at = 0; at < xml.length; at += CHUNK) {
      check?.();
      parser.write(xml.slice(at, at + CHUNK));
    }
    parser.close();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  for (let el = open.pop(); el; el = open.pop()) handler.close?.(el);
  return problem;
}

class Element implements XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly #attributes: Record<string, SaxesAttributeNS>;
  readonly #canon: (uri: string) => string;

  constructor(tag: SaxesTagNS, canon: (uri: string) => string) {
    this.uri = canon(tag.uri);
    this.local = tag.local;
    this.#attributes = tag.attributes;
    this.#canon = canon;
  }

  attr(local: string, uri = ''): string | undefined {
    for (const name in this.#attributes) {
      const a = this.#attributes[name]!;
      if (a.local === local && (a.uri === uri || this.#canon(a.uri) === uri)) return a.value;
    }
    return undefined;
  }
}

function remember(seen: Map<string, string>, uri: string, as: string): string {
  seen.set(uri, as);
  return as;
}

/** saxes' message without its position and without any name it quotes from the input. */
function reason(message: string): string {
  return message.replace(/^\d+:\d+: /, '').split(':')[0]!.replace(/\.$/, '');
}

/** The five XML entities and character references in `s`, decoded (for text read outside an XML parser). */
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
