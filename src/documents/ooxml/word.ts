/**
 * WordprocessingML (DOCX): the body, headers, footers, footnotes, endnotes and comments a
 * paragraph at a time, with the tracked deletions and field codes of each paragraph; the
 * document's variables and its charts' data. Parts are found through the main part's
 * relationships (and, for packages without them, by their usual names).
 */
import { posix } from 'node:path';
import { segment, type DocLocation, type DocxPart, type ExtractContext, type Segment } from '../types.js';
import type { XmlElement, XmlHandler } from '../xml.js';
import { altText, chartTexts } from './drawing.js';
import { NS } from './namespaces.js';
import { byNumber, together, type Package } from './package.js';

interface Para {
  index: number;
  text: string;
  deleted: string;
  /** Field codes: `HYPERLINK "https://…"`, `MERGEFIELD …`, one a line. */
  fields: string;
  delAuthor?: string;
  table?: { index: number; row: number; cell: number };
}

type StoryPart = 'body' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment';

/** Story parts other than the body: relationship kind, the usual name, the location's part. */
const STORIES: Array<[string, RegExp, StoryPart]> = [
  ['header', /^word\/header\d*\.xml$/, 'header'],
  ['footer', /^word\/footer\d*\.xml$/, 'footer'],
  ['footnotes', /^word\/footnotes\.xml$/, 'footnote'],
  ['endnotes', /^word\/endnotes\.xml$/, 'endnote'],
];

export function* docx(pkg: Package, main: string, ctx: ExtractContext): Generator<Segment> {
  const anchors = new Map<string, number>();
  yield* story(pkg, main, ctx, 'body', (el, para) => {
    if (el.uri === NS.w && (el.local === 'commentRangeStart' || el.local === 'commentReference')) {
      const id = el.attr('id', NS.w);
      if (id !== undefined && !anchors.has(id)) anchors.set(id, para);
    }
  });
  for (const [kind, usual, part] of STORIES) {
    for (const name of partsOf(pkg, main, kind, usual)) yield* story(pkg, name, ctx, part);
  }
  for (const name of partsOf(pkg, main, 'comments', /^word\/comments\.xml$/)) yield* comments(pkg, name, ctx, anchors);
  for (const name of partsOf(pkg, main, 'settings', /^word\/settings\.xml$/)) yield* documentVariables(pkg, name, ctx);
  for (const name of pkg.related(main, 'chart')) {
    for (const text of chartTexts(pkg, name)) yield segment(ctx, text, { kind: 'docx', part: 'chart' });
  }
}

/** The parts `main` relates to as `kind`, and those with the usual name in its folder, in name order. */
function partsOf(pkg: Package, main: string, kind: string, usual: RegExp): string[] {
  const conventional = posix.dirname(main) === 'word' ? [...pkg.names].filter((n) => usual.test(n)) : [];
  return [...new Set([...pkg.related(main, kind), ...conventional])].sort(byNumber);
}

/** One story part's paragraphs, then its pictures' alt text and its links' addresses. */
function* story(pkg: Package, name: string, ctx: ExtractContext, part: StoryPart, onTag?: (el: XmlElement, para: number) => void): Generator<Segment> {
  const out: Segment[] = [];
  const alt: Segment[] = [];
  const at = (what: DocxPart): DocLocation => ({ kind: 'docx', part: what });
  pkg.xml(
    name,
    together(
      wordParagraphs((p) => out.push(...paraSegments(ctx, p, part)), onTag),
      altText((t) => alt.push(segment(ctx, t, at('alt text')))),
    ),
  );
  yield* out;
  yield* alt;
  for (const r of pkg.relationships(name)) if (r.external && r.target.trim()) yield segment(ctx, r.target, at('link'));
}

function* comments(pkg: Package, name: string, ctx: ExtractContext, anchors: Map<string, number>): Generator<Segment> {
  const out: Segment[] = [];
  const open: XmlElement[] = [];
  pkg.xml(
    name,
    together(
      {
        open: (el) => void (el.uri === NS.w && el.local === 'comment' && open.push(el)),
        close: (el) => void (el.uri === NS.w && el.local === 'comment' && open.pop()),
      },
      wordParagraphs((p) => {
        const comment = open[open.length - 1];
        const author = comment?.attr('author', NS.w);
        const anchor = anchors.get(comment?.attr('id', NS.w) ?? '');
        const loc: DocLocation = { kind: 'docx', part: 'comment', ...(author ? { author } : {}), ...(anchor !== undefined ? { paragraph: anchor } : {}) };
        if (p.text.trim()) out.push(segment(ctx, p.text, loc));
        if (p.deleted.trim()) out.push(segment(ctx, p.deleted, { ...loc, part: 'deleted' }));
        if (p.fields.trim()) out.push(segment(ctx, p.fields, { ...loc, part: 'field code' }));
      }),
    ),
  );
  yield* out;
}

/** Document variables (`w:docVar`, kept in the settings part for macros and fields): name and value. */
function* documentVariables(pkg: Package, name: string, ctx: ExtractContext): Generator<Segment> {
  const out: Segment[] = [];
  pkg.xml(name, {
    open(el) {
      if (el.uri !== NS.w || el.local !== 'docVar') return;
      const variable = el.attr('name', NS.w) ?? '';
      const value = el.attr('val', NS.w) ?? '';
      if (value.trim()) out.push(segment(ctx, value, { kind: 'docx', part: 'document variable', property: variable }, variable));
    },
  });
  yield* out;
}

/**
 * Paragraphs of one WordprocessingML part; `onPara` sees each, with its text, its tracked
 * deletions and its field codes. `onTag` sees every element with the paragraph it is in.
 */
function wordParagraphs(onPara: (p: Para) => void, onTag?: (el: XmlElement, para: number) => void): XmlHandler {
  const stack: Para[] = [];
  const tables: Array<{ index: number; row: number; cell: number }> = [];
  let paragraphs = 0;
  let tableCount = 0;
  let inText: 't' | 'del' | 'instr' | undefined;
  let delAuthor: string | undefined;
  return {
    open(el) {
      const cur = stack[stack.length - 1];
      onTag?.(el, cur?.index ?? paragraphs + 1);
      if (el.uri !== NS.w) return;
      switch (el.local) {
        case 'p':
          stack.push({ index: ++paragraphs, text: '', deleted: '', fields: '', ...(tables.length ? { table: { ...tables[tables.length - 1]! } } : {}) });
          break;
        case 't':
          inText = 't';
          break;
        case 'delText':
          inText = 'del';
          if (cur && delAuthor !== undefined) cur.delAuthor = delAuthor;
          break;
        case 'instrText':
        case 'delInstrText':
          inText = 'instr';
          break;
        case 'fldChar':
          // A field's code may be split over many runs: one field a line.
          if (cur && el.attr('fldCharType', NS.w) === 'begin') cur.fields += '\n';
          break;
        case 'fldSimple': {
          const instr = el.attr('instr', NS.w);
          if (cur && instr?.trim()) cur.fields += `${instr.trim()}\n`;
          break;
        }
        case 'del':
          delAuthor = el.attr('author', NS.w);
          break;
        case 'tab':
          if (cur) cur.text += '\t';
          break;
        case 'br':
        case 'cr':
          if (cur) cur.text += '\n';
          break;
        case 'tbl':
          tables.push({ index: ++tableCount, row: 0, cell: 0 });
          break;
        case 'tr': {
          const t = tables[tables.length - 1];
          if (t) [t.row, t.cell] = [t.row + 1, 0];
          break;
        }
        case 'tc': {
          const t = tables[tables.length - 1];
          if (t) t.cell++;
          break;
        }
      }
    },
    close(el) {
      if (el.uri !== NS.w) return;
      switch (el.local) {
        case 'p': {
          const p = stack.pop();
          if (p) {
            if (delAuthor !== undefined && p.deleted) p.delAuthor ??= delAuthor;
            onPara(p);
          }
          break;
        }
        case 't':
        case 'delText':
          inText = undefined;
          break;
        case 'instrText':
        case 'delInstrText':
          inText = undefined;
          break;
        case 'tbl':
          tables.pop();
          break;
      }
    },
    text(t) {
      const cur = stack[stack.length - 1];
      if (!inText || !cur) return;
      if (inText === 't') cur.text += t;
      else if (inText === 'del') cur.deleted += t;
      else cur.fields += t;
    },
  };
}

function paraSegments(ctx: ExtractContext, p: Para, part: StoryPart): Segment[] {
  const out: Segment[] = [];
  const where = { paragraph: p.index, ...(p.table ? { table: p.table } : {}) };
  if (p.text.trim()) out.push(segment(ctx, p.text, { kind: 'docx', part, ...where }));
  if (p.deleted.trim()) {
    out.push(segment(ctx, p.deleted, { kind: 'docx', part: 'deleted', ...where, ...(p.delAuthor ? { author: p.delAuthor } : {}) }));
  }
  if (p.fields.trim()) out.push(segment(ctx, p.fields.replace(/\n+/g, '\n').trim(), { kind: 'docx', part: 'field code', ...where }));
  return out;
}
