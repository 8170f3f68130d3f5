/**
 * Rewriting found values in HTML without changing its structure: the page is tokenised by
 * htmlparser2 (the reader's tokenizer), so text, character references and attribute values are
 * known at their exact positions. A value written with references (`536&#x2D;22&#45;4391`) or
 * across inline elements (`536<span>-22-</span><b>4391</b>`) is found as the reader reads it, in
 * the block's text with white space collapsed, and rewritten across its pieces (pieces.ts); a
 * reference that was part of the value gives way to the replacement, every other one stays as written.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { INLINE } from '../../documents/html.js';
import type { Finding } from '../../model/finding.js';
import { joinsOf, shareEdits, spliceWrites, unchanged, type Write } from './pieces.js';
import type { DocumentRedactOptions } from './types.js';
import { valueEdits, type TextEdit } from './values.js';

interface Piece {
  start: number;
  end: number;
  text: string;
  /** A character reference: kept, it is written as it was. */
  reference: boolean;
}

/** One character reference at `at`, as the tokenizer decodes them (named, decimal, hexadecimal). */
const REFERENCE = /&(?:#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?/y;

/** The page's text blocks and attribute values, each as its pieces. */
function scanHtml(html: string): { blocks: Piece[][]; attrs: Piece[][] } {
  const blocks: Piece[][] = [];
  const attrs: Piece[][] = [];
  let block: Piece[] = [];
  let attr: Piece[] = [];
  let attrCursor = 0;
  const boundary = () => {
    if (block.length > 0) blocks.push(block);
    block = [];
  };
  const tagName = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const callbacks: TokenizerCallbacks = {
    ontext: (start, end) => block.push({ start, end, text: html.slice(start, end), reference: false }),
    ontextentity: (codepoint, end) => {
      const start = html.lastIndexOf('&', end - 1);
      block.push({ start, end, text: String.fromCodePoint(codepoint), reference: true });
    },
    oncdata: (start, end, offset) => block.push({ start, end: end - offset, text: html.slice(start, end - offset), reference: false }),
    oncomment: (start, end, offset) => {
      boundary();
      blocks.push([{ start, end: end - offset, text: html.slice(start, end - offset), reference: false }]);
    },
    onopentagname: (start, end) => {
      if (!INLINE.has(tagName(start, end))) boundary();
    },
    onclosetag: (start, end) => {
      if (!INLINE.has(tagName(start, end))) boundary();
    },
    onattribname: (_start, end) => {
      attr = [];
      const m = /\s*=\s*["']?/y;
      m.lastIndex = end;
      attrCursor = m.exec(html) ? m.lastIndex : end;
    },
    onattribdata: (start, end) => {
      attr.push({ start, end, text: html.slice(start, end), reference: false });
      attrCursor = end;
    },
    onattribentity: (codepoint) => {
      const start = html.indexOf('&', attrCursor);
      REFERENCE.lastIndex = start;
      const end = REFERENCE.exec(html) ? REFERENCE.lastIndex : start + 1;
      attr.push({ start, end, text: String.fromCodePoint(codepoint), reference: true });
      attrCursor = end;
    },
    onattribend: () => {
      if (attr.length > 0) attrs.push(attr);
      attr = [];
    },
    onopentagend: () => {},
    onselfclosingtag: () => {},
    ondeclaration: () => {},
    onprocessinginstruction: () => {},
    onend: () => {},
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  boundary();
  return { blocks, attrs };
}

/** `html` with every found value rewritten; undefined when none is in it. */
export function redactHtml(html: string, findings: readonly Finding[], options: Pick<DocumentRedactOptions, 'replacementFor' | 'render'>): string | undefined {
  const { blocks, attrs } = scanHtml(html);
  const writes: Write[] = [];
  for (const [pieces, quoted] of [...blocks.map((b) => [b, false] as const), ...attrs.map((a) => [a, true] as const)]) {
    const texts = pieces.map((p) => p.text);
    const edits = collapsedEdits(texts, findings, options);
    if (edits.length === 0) continue;
    shareEdits(texts, edits).forEach((fragments, k) => {
      const p = pieces[k]!;
      if (unchanged(fragments, p.text)) return;
      const raw = fragments.map((f) => (f.kept ? (p.reference ? html.slice(p.start, p.end) : f.text) : escape(f.text, quoted))).join('');
      writes.push({ start: p.start, end: p.end, raw });
    });
  }
  return writes.length === 0 ? undefined : spliceWrites(html, writes);
}

/**
 * The edits of a block, on its joined text, found as the reader reads it: runs of white space
 * (a no-break space, an en space written as a reference) as one space.
 */
function collapsedEdits(texts: readonly string[], findings: readonly Finding[], options: Pick<DocumentRedactOptions, 'replacementFor' | 'render'>): TextEdit[] {
  const joined = texts.join('');
  const boundaries = joinsOf(texts);
  let collapsed = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < joined.length; ) {
    let j = i + 1;
    if (/\s/.test(joined[i]!)) while (j < joined.length && /\s/.test(joined[j]!)) j++;
    collapsed += /\s/.test(joined[i]!) ? ' ' : joined[i];
    from.push(i);
    to.push(j);
    i = j;
  }
  const joins = new Set<number>();
  for (let c = 0; c <= collapsed.length; c++) if (boundaries.has(c === collapsed.length ? joined.length : from[c]!) || (c > 0 && boundaries.has(from[c - 1]!))) joins.add(c);
  return valueEdits(collapsed, findings, options, joins).map((e) => ({ start: from[e.start]!, end: to[e.end - 1]!, replacement: e.replacement }));
}

function escape(s: string, attribute: boolean): string {
  const text = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? text.replace(/"/g, '&quot;').replace(/'/g, '&#39;') : text;
}
