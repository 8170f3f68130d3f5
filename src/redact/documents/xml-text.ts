/**
 * Rewriting found values in an XML part without touching anything else in it: the part is cut
 * into markup and character data at their exact positions, text is read run by run into blocks
 * (a paragraph, a cell, a property), and each attribute value on its own. A value the producer
 * split over several runs (`<w:t>536-2</w:t></w:r><w:r><w:t>2-4391</w:t>`) is found in its
 * block's joined text and rewritten across the runs (pieces.ts).
 * The result is checked with saxes, the readers' parser: a part that no longer parses is an error.
 */
import type { Finding } from '../../model/finding.js';
import { decodeEntities, readXml } from '../../documents/xml.js';
import { RedactError, type DocumentRedactOptions } from './types.js';
import { joinsOf, shareEdits, spliceWrites, unchanged, type Write } from './pieces.js';
import { applyEdits, valueEdits } from './values.js';

/** Elements inside a run of text: opening or closing one does not end the text around it. */
const INLINE = new Set([
  'r', 't', 'delText', 'instrText', 'delInstrText', 'rPr', 'ins', 'del', 'moveFrom', 'moveTo', 'proofErr', 'bookmarkStart', 'bookmarkEnd', 'smartTag',
  'hyperlink', 'fldSimple', 'fldChar', 'lastRenderedPageBreak', 'softHyphen', 'noBreakHyphen', 'permStart', 'permEnd', 'commentRangeStart',
  'commentRangeEnd', 'customXml', 'sdt', 'sdtContent', 'sdtPr', 'sdtEndPr', 'fld', 'dir', 'bdo', 'span', 'sub', 'sup',
]);
/** Properties of a run: their children (bold, size, font …) hold no text and end nothing. */
const PROPERTIES = new Set(['rPr', 'sdtPr', 'sdtEndPr']);

interface TextPiece {
  /** Raw span in the part (for CDATA: its content only). */
  start: number;
  end: number;
  text: string;
  cdata: boolean;
}

interface AttrPiece {
  start: number;
  end: number;
  quote: string;
  text: string;
}

interface Scanned {
  /** Text pieces grouped into blocks. */
  blocks: TextPiece[][];
  attrs: AttrPiece[];
}

/** Cuts `xml` into text blocks and attribute values (comments, processing instructions and a DOCTYPE are skipped). */
export function scanXml(xml: string): Scanned {
  const blocks: TextPiece[][] = [];
  const attrs: AttrPiece[] = [];
  let block: TextPiece[] = [];
  let inProps = 0;
  const boundary = () => {
    if (block.length > 0) blocks.push(block);
    block = [];
  };
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) block.push({ start: i, end: textEnd, text: decodeEntities(xml.slice(i, textEnd)), cdata: false });
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      i = until(xml, '-->', lt + 4);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      const stop = end < 0 ? xml.length : end;
      block.push({ start: lt + 9, end: stop, text: xml.slice(lt + 9, stop), cdata: true });
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', lt)) {
      i = until(xml, '?>', lt + 2);
    } else if (xml.startsWith('<!', lt)) {
      i = until(xml, '>', lt + 2);
    } else {
      const tag = readTag(xml, lt, attrs);
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (tag.closing) {
        if (PROPERTIES.has(local)) inProps = Math.max(0, inProps - 1);
        else if (inProps === 0 && !INLINE.has(local)) boundary();
      } else {
        if (inProps === 0 && !INLINE.has(local)) boundary();
        if (PROPERTIES.has(local) && !tag.empty) inProps++;
      }
      i = tag.end;
    }
  }
  boundary();
  return { blocks, attrs };
}

function until(xml: string, end: string, from: number): number {
  const at = xml.indexOf(end, from);
  return at < 0 ? xml.length : at + end.length;
}

/** The tag at `lt`; its attribute values are added to `attrs`. Quoted values may hold `>`. */
function readTag(xml: string, lt: number, attrs: AttrPiece[]): { name: string; closing: boolean; empty: boolean; end: number } {
  let i = lt + 1;
  const closing = xml[i] === '/';
  if (closing) i++;
  const nameStart = i;
  while (i < xml.length && !/[\s/>]/.test(xml[i]!)) i++;
  const name = xml.slice(nameStart, i);
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    if (i >= xml.length) return { name, closing, empty: false, end: xml.length };
    if (xml[i] === '>') return { name, closing, empty: false, end: i + 1 };
    if (xml[i] === '/' && xml[i + 1] === '>') return { name, closing, empty: true, end: i + 2 };
    const eq = xml.indexOf('=', i);
    if (eq < 0) return { name, closing, empty: false, end: xml.length };
    let q = eq + 1;
    while (q < xml.length && /\s/.test(xml[q]!)) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") {
      i = q + 1;
      continue;
    }
    const close = xml.indexOf(quote, q + 1);
    const end = close < 0 ? xml.length : close;
    attrs.push({ start: q + 1, end, quote, text: decodeEntities(xml.slice(q + 1, end)) });
    i = end + 1;
  }
}

/** `xml` with every found value rewritten in its text and attribute values; undefined when none is in it. */
export function redactXml(xml: string, findings: readonly Finding[], options: Pick<DocumentRedactOptions, 'replacementFor' | 'render'>): string | undefined {
  const { blocks, attrs } = scanXml(xml);
  const writes: Write[] = [];
  for (const block of blocks) {
    const texts = block.map((p) => p.text);
    const edits = valueEdits(texts.join(''), findings, options, joinsOf(texts));
    if (edits.length === 0) continue;
    shareEdits(texts, edits).forEach((fragments, k) => {
      const p = block[k]!;
      if (unchanged(fragments, p.text)) return;
      const text = fragments.map((f) => f.text).join('');
      writes.push({ start: p.start, end: p.end, raw: p.cdata ? cdataText(text) : escapeText(text) });
    });
  }
  for (const a of attrs) {
    const edits = valueEdits(a.text, findings, options);
    if (edits.length > 0) writes.push({ start: a.start, end: a.end, raw: escapeAttr(applyEdits(a.text, edits), a.quote) });
  }
  return writes.length === 0 ? undefined : spliceWrites(xml, writes);
}

/** Throws when `xml` (a rewritten part) is not well-formed while its original was. */
export function checkWellFormed(original: string, rewritten: string, part: string): void {
  if (readXml(rewritten, {}) !== undefined && readXml(original, {}) === undefined) throw new RedactError(`part ${part} would no longer be well-formed XML after redaction`);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string, quote: string): string {
  return escapeText(s).replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Text for a CDATA section: a `]]>` in it is split over two sections. */
function cdataText(s: string): string {
  return s.replace(/]]>/g, ']]]]><![CDATA[>');
}
