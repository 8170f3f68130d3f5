/**
 * Office Open XML (DOCX, XLSX, PPTX): the text a reader sees and the text a reader does not
 * (tracked deletions, comments, document properties), each with where to find it.
 */
import { posix } from 'node:path';
import { attr, xmlText, xmlTokens } from './xml.js';
import { checkTime, segment, type DocLocation, type ExtractContext, type Segment, type UnseenPart } from './types.js';
import { inflateEntry, type ZipEntry } from './zip.js';

export type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

/** Which Office format a zip's entry names say it is, if any. */
export function ooxmlKind(names: readonly string[]): OoxmlKind | undefined {
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return undefined;
}

interface Package {
  names: Set<string>;
  read(name: string): string | undefined;
  bytes(name: string): Uint8Array | undefined;
}

export function openPackage(buf: Uint8Array, entries: ZipEntry[], ctx: ExtractContext): Package {
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    names: new Set(byName.keys()),
    read(name) {
      const b = this.bytes(name);
      return b ? xmlText(b) : undefined;
    },
    bytes(name) {
      checkTime(ctx);
      const e = byName.get(name);
      return e ? inflateEntry(buf, e, ctx) : undefined;
    },
  };
}

export function* extractOoxml(kind: OoxmlKind, pkg: Package, ctx: ExtractContext, embedded: Embedded): Generator<Segment> {
  if (kind === 'docx') yield* docx(pkg, ctx);
  else if (kind === 'xlsx') yield* xlsx(pkg, ctx);
  else yield* pptx(pkg, ctx);
  yield* properties(kind, pkg, ctx);
  // Objects embedded in the document (the workbook behind a chart, an attached spreadsheet or
  // document) hold data a reader may never open: each is read as the document it is.
  for (const name of [...pkg.names].filter((n) => /^(word|xl|ppt)\/embeddings\/[^/]+$/.test(n)).sort()) {
    yield* embedded(pkg.bytes(name)!, { kind: 'zip', entry: name });
  }
}

/** Reads an embedded object as a nested document (extract.ts): container and chain as for zip entries. */
export type Embedded = (bytes: Uint8Array, where: DocLocation) => Iterable<Segment>;

// ---------- DOCX ----------

interface Para {
  index: number;
  text: string;
  deleted: string;
  delAuthor?: string;
  table?: { index: number; row: number; cell: number };
}

/** Paragraphs of one WordprocessingML part; `onPara` sees each, with its text and its tracked deletions. */
function wordParagraphs(xml: string, onPara: (p: Para, open: string[]) => void, onTag?: (name: string, raw: string, para: number) => void): void {
  const stack: Para[] = [];
  const tables: Array<{ index: number; row: number; cell: number }> = [];
  const open: string[] = []; // enclosing elements that matter: w:comment, w:footnote, ...
  let paragraphs = 0;
  let tableCount = 0;
  let inText: 't' | 'del' | undefined;
  let delAuthor: string | undefined;
  for (const tok of xmlTokens(xml)) {
    const cur = stack[stack.length - 1];
    if (tok.type === 'text') {
      if (inText && cur) {
        if (inText === 't') cur.text += tok.text;
        else cur.deleted += tok.text;
      }
      continue;
    }
    if (tok.type === 'open') {
      onTag?.(tok.name, tok.raw, cur?.index ?? paragraphs + 1);
      switch (tok.name) {
        case 'w:p':
          if (tok.empty) {
            paragraphs++;
            break;
          }
          stack.push({ index: ++paragraphs, text: '', deleted: '', ...(tables.length ? { table: { ...tables[tables.length - 1]! } } : {}) });
          break;
        case 'w:t':
          if (!tok.empty) inText = 't';
          break;
        case 'w:delText':
          if (!tok.empty) inText = 'del';
          break;
        case 'w:del':
          if (!tok.empty) delAuthor = attr(tok.raw, 'w:author');
          break;
        case 'w:tab':
          if (cur) cur.text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          if (cur) cur.text += '\n';
          break;
        case 'w:tbl':
          tables.push({ index: ++tableCount, row: 0, cell: 0 });
          break;
        case 'w:tr': {
          const t = tables[tables.length - 1];
          if (t) [t.row, t.cell] = [t.row + 1, 0];
          break;
        }
        case 'w:tc': {
          const t = tables[tables.length - 1];
          if (t) t.cell++;
          break;
        }
        case 'w:comment':
        case 'w:footnote':
        case 'w:endnote':
          if (!tok.empty) open.push(tok.raw);
          break;
      }
      if (inText === 'del' && cur && delAuthor !== undefined) cur.delAuthor = delAuthor;
      continue;
    }
    switch (tok.name) {
      case 'w:p': {
        const p = stack.pop();
        if (p) {
          if (delAuthor !== undefined && p.deleted) p.delAuthor ??= delAuthor;
          onPara(p, open);
        }
        break;
      }
      case 'w:t':
      case 'w:delText':
        inText = undefined;
        break;
      case 'w:tbl':
        tables.pop();
        break;
      case 'w:comment':
      case 'w:footnote':
      case 'w:endnote':
        open.pop();
        break;
    }
  }
}

function* docx(pkg: Package, ctx: ExtractContext): Generator<Segment> {
  const anchors = new Map<string, number>();
  const main = pkg.read('word/document.xml');
  if (main !== undefined) {
    const out: Segment[] = [];
    wordParagraphs(
      main,
      (p) => out.push(...paraSegments(ctx, p, 'body')),
      (name, raw, para) => {
        if (name === 'w:commentRangeStart' || name === 'w:commentReference') {
          const id = attr(raw, 'w:id');
          if (id !== undefined && !anchors.has(id)) anchors.set(id, para);
        }
      },
    );
    yield* out;
    yield* unseen(pkg, 'word/document.xml', ctx, (part) => ({ kind: 'docx', part }));
  }
  const parts = [...pkg.names].sort(byNumber);
  for (const [re, part] of [
    [/^word\/header\d*\.xml$/, 'header'],
    [/^word\/footer\d*\.xml$/, 'footer'],
    [/^word\/footnotes\.xml$/, 'footnote'],
    [/^word\/endnotes\.xml$/, 'endnote'],
  ] as const) {
    for (const name of parts.filter((n) => re.test(n))) {
      const out: Segment[] = [];
      wordParagraphs(pkg.read(name) ?? '', (p) => out.push(...paraSegments(ctx, p, part)));
      yield* out;
    }
  }
  const comments = pkg.read('word/comments.xml');
  if (comments !== undefined) {
    const out: Segment[] = [];
    wordParagraphs(comments, (p, open) => {
      const raw = open[open.length - 1] ?? '';
      const author = attr(raw, 'w:author');
      const anchor = anchors.get(attr(raw, 'w:id') ?? '');
      const loc: DocLocation = { kind: 'docx', part: 'comment', ...(author ? { author } : {}), ...(anchor !== undefined ? { paragraph: anchor } : {}) };
      if (p.text.trim()) out.push(segment(ctx, p.text, loc));
    });
    yield* out;
  }
}

function paraSegments(ctx: ExtractContext, p: Para, part: 'body' | 'header' | 'footer' | 'footnote' | 'endnote'): Segment[] {
  const out: Segment[] = [];
  const where = { paragraph: p.index, ...(p.table ? { table: p.table } : {}) };
  if (p.text.trim()) out.push(segment(ctx, p.text, { kind: 'docx', part, ...where }));
  if (p.deleted.trim()) {
    out.push(segment(ctx, p.deleted, { kind: 'docx', part: 'deleted', ...where, ...(p.delAuthor ? { author: p.delAuthor } : {}) }));
  }
  return out;
}

function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

// ---------- properties (all three formats) ----------

function* properties(kind: OoxmlKind, pkg: Package, ctx: ExtractContext): Generator<Segment> {
  const at = (property: string): DocLocation =>
    kind === 'docx' ? { kind, part: 'properties', property } : { kind, part: 'properties', property };
  // Leaf values with their element's name; app.xml's statistics (word counts) are numbers and
  // harmless to scan too. Custom XML parts (customXml/item1.xml: data stored with the document,
  // bound to its fields or kept for other programs) are read the same way.
  for (const name of ['docProps/core.xml', 'docProps/app.xml']) {
    for (const [element, text] of leafValues(pkg.read(name) ?? '')) yield segment(ctx, `${element}: ${text}`, at(element));
  }
  for (const name of [...pkg.names].filter((n) => /^customXml\/item\d+\.xml$/.test(n)).sort(byNumber)) {
    for (const [element, text] of leafValues(pkg.read(name) ?? '')) yield segment(ctx, `${element}: ${text}`, at(`${name} ${element}`));
  }
  const custom = pkg.read('docProps/custom.xml');
  if (custom !== undefined) {
    let name: string | undefined;
    let text = '';
    for (const tok of xmlTokens(custom)) {
      if (tok.type === 'open' && tok.name === 'property') [name, text] = [attr(tok.raw, 'name'), ''];
      else if (tok.type === 'text' && name !== undefined) text += tok.text;
      else if (tok.type === 'close' && tok.name === 'property') {
        if (name !== undefined && text.trim()) yield segment(ctx, `${name}: ${text.trim()}`, at(name));
        name = undefined;
      }
    }
  }
}

/** Each element that holds text directly: its name (without prefix) and its text. */
function leafValues(xml: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let current: string | undefined;
  let text = '';
  for (const tok of xmlTokens(xml)) {
    if (tok.type === 'open' && !tok.empty) [current, text] = [tok.name.replace(/^[\w.-]+:/, ''), ''];
    else if (tok.type === 'text' && current) text += tok.text;
    else if (tok.type === 'close') {
      if (current && text.trim()) out.push([current, text.trim()]);
      current = undefined;
    }
  }
  return out;
}

// ---------- relationships ----------

/**
 * What a reader of `part` does not see: the descriptions (alt text) and titles of its pictures and
 * shapes, and the addresses of its external links (a `mailto:` or a query string may hold what
 * the link's text does not show).
 */
function* unseen(pkg: Package, part: string, ctx: ExtractContext, at: (what: UnseenPart) => DocLocation): Generator<Segment> {
  const out: Segment[] = [];
  for (const tok of xmlTokens(pkg.read(part) ?? '')) {
    if (tok.type !== 'open' || !/(^|:)(docPr|cNvPr)$/.test(tok.name)) continue;
    for (const name of ['descr', 'title']) {
      const text = attr(tok.raw, name);
      if (text?.trim()) out.push(segment(ctx, text, at('alt text')));
    }
  }
  for (const r of relationEntries(pkg, part)) if (r.external && r.target.trim()) out.push(segment(ctx, r.target, at('link')));
  yield* out;
}

/** The relationships of the part `owner` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), as written. */
function relationEntries(pkg: Package, owner: string): Array<{ id: string; target: string; external: boolean }> {
  const out: Array<{ id: string; target: string; external: boolean }> = [];
  for (const tok of xmlTokens(pkg.read(`${posix.dirname(owner)}/_rels/${posix.basename(owner)}.rels`) ?? '')) {
    if (tok.type !== 'open' || tok.name !== 'Relationship') continue;
    const id = attr(tok.raw, 'Id');
    const target = attr(tok.raw, 'Target');
    if (id !== undefined && target !== undefined) out.push({ id, target, external: attr(tok.raw, 'TargetMode') === 'External' });
  }
  return out;
}

/** rId → part name of the parts `owner` relates to inside the package. */
function relationships(pkg: Package, owner: string): Map<string, string> {
  const dir = posix.dirname(owner);
  const out = new Map<string, string>();
  for (const { id, target, external } of relationEntries(pkg, owner)) {
    if (!external) out.set(id, target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target)));
  }
  return out;
}

// ---------- XLSX ----------

function* xlsx(pkg: Package, ctx: ExtractContext): Generator<Segment> {
  const shared: string[] = [];
  const sst = pkg.read('xl/sharedStrings.xml');
  if (sst !== undefined) {
    let cur: string | undefined;
    let inT = false;
    let inRph = false;
    for (const tok of xmlTokens(sst)) {
      if (tok.type === 'open') {
        if (tok.name === 'si' && !tok.empty) cur = '';
        else if (tok.name === 'si') shared.push('');
        else if (tok.name === 't' && !tok.empty) inT = true;
        else if (tok.name === 'rPh') inRph = true; // phonetic hints repeat the text
      } else if (tok.type === 'close') {
        if (tok.name === 'si') {
          shared.push(cur ?? '');
          cur = undefined;
        }
        else if (tok.name === 't') inT = false;
        else if (tok.name === 'rPh') inRph = false;
      } else if (inT && !inRph && cur !== undefined) cur += tok.text;
    }
  }
  const workbook = 'xl/workbook.xml';
  const rels = relationships(pkg, workbook);
  const sheets: Array<{ name: string; part: string }> = [];
  for (const tok of xmlTokens(pkg.read(workbook) ?? '')) {
    if (tok.type !== 'open' || tok.name !== 'sheet') continue;
    const part = rels.get(attr(tok.raw, 'r:id') ?? '');
    if (part) sheets.push({ name: attr(tok.raw, 'name') ?? part, part });
  }
  for (const sheet of sheets) {
    const xml = pkg.read(sheet.part);
    if (xml === undefined) continue;
    let cell: { ref: string; type: string } | undefined;
    let value = '';
    let inValue = false;
    const out: Segment[] = [];
    for (const tok of xmlTokens(xml)) {
      if (tok.type === 'open') {
        if (tok.name === 'c' && !tok.empty) [cell, value] = [{ ref: attr(tok.raw, 'r') ?? '?', type: attr(tok.raw, 't') ?? 'n' }, ''];
        else if ((tok.name === 'v' || tok.name === 't') && !tok.empty && cell) inValue = true;
      } else if (tok.type === 'close') {
        if (tok.name === 'v' || tok.name === 't') inValue = false;
        else if (tok.name === 'c' && cell) {
          const text = cell.type === 's' ? (shared[Number(value)] ?? '') : cell.type === 'b' ? '' : value;
          if (text.trim()) out.push(segment(ctx, text, { kind: 'xlsx', sheet: sheet.name, cell: cell.ref }));
          cell = undefined;
        }
      } else if (inValue) value += tok.text;
    }
    yield* out;
    // Notes and threaded comments on the sheet's cells.
    for (const part of relationships(pkg, sheet.part).values()) {
      if (!/\/(comments\d*|threadedComments\/threadedComment\d*)\.xml$/.test(part)) continue;
      for (const c of commentTexts(pkg.read(part) ?? '', /^(comment|threadedComment)$/)) {
        yield segment(ctx, c.text, { kind: 'xlsx', sheet: sheet.name, cell: c.ref ?? '?', comment: true });
      }
    }
  }
}

/**
 * Each comment (`element`, any namespace) of a comments part: the cell it is on (`ref`, when it
 * says) and its text, every text node inside it, a paragraph a line.
 */
function* commentTexts(xml: string, element: RegExp): Generator<{ ref: string | undefined; text: string }> {
  let text: string | undefined;
  let ref: string | undefined;
  const out: Array<{ ref: string | undefined; text: string }> = [];
  for (const tok of xmlTokens(xml)) {
    if (tok.type === 'text') {
      if (text !== undefined) text += tok.text;
      continue;
    }
    const local = tok.name.slice(tok.name.indexOf(':') + 1);
    if (tok.type === 'open' && element.test(local) && !tok.empty) {
      text = '';
      ref = attr(tok.raw, 'ref');
    } else if (tok.type === 'close' && element.test(local) && text !== undefined) {
      if (text.trim()) out.push({ ref, text: text.trim() });
      text = undefined;
    } else if (tok.type === 'close' && local === 'p' && text !== undefined) text += '\n';
  }
  yield* out;
}

// ---------- PPTX ----------

function* pptx(pkg: Package, ctx: ExtractContext): Generator<Segment> {
  const presentation = 'ppt/presentation.xml';
  const rels = relationships(pkg, presentation);
  let slides: string[] = [];
  for (const tok of xmlTokens(pkg.read(presentation) ?? '')) {
    if (tok.type === 'open' && tok.name === 'p:sldId') {
      const part = rels.get(attr(tok.raw, 'r:id') ?? '');
      if (part) slides.push(part);
    }
  }
  if (slides.length === 0) slides = [...pkg.names].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort(byNumber);
  for (const [i, slide] of slides.entries()) {
    yield* drawingParagraphs(ctx, pkg.read(slide) ?? '', { kind: 'pptx', slide: i + 1, part: 'slide' });
    const related = [...relationships(pkg, slide).values()];
    const notes = related.find((t) => t.includes('notesSlide'));
    if (notes) yield* drawingParagraphs(ctx, pkg.read(notes) ?? '', { kind: 'pptx', slide: i + 1, part: 'notes' });
    yield* unseen(pkg, slide, ctx, (part) => ({ kind: 'pptx', slide: i + 1, part }));
    for (const part of related.filter((t) => /\/comments\/[^/]+\.xml$/.test(t))) {
      for (const c of commentTexts(pkg.read(part) ?? '', /^cm$/)) yield segment(ctx, c.text, { kind: 'pptx', slide: i + 1, part: 'comments' });
    }
  }
}

/** DrawingML paragraphs (`a:p` with `a:t` runs), one segment each. */
function* drawingParagraphs(ctx: ExtractContext, xml: string, loc: DocLocation): Generator<Segment> {
  let text: string | undefined;
  let inT = false;
  const out: Segment[] = [];
  for (const tok of xmlTokens(xml)) {
    if (tok.type === 'open') {
      if (tok.name === 'a:p' && !tok.empty) text = '';
      else if (tok.name === 'a:t' && !tok.empty) inT = true;
      else if (tok.name === 'a:br' && text !== undefined) text += '\n';
      else if (tok.name === 'a:tab' && text !== undefined) text += '\t';
    } else if (tok.type === 'close') {
      if (tok.name === 'a:t') inT = false;
      else if (tok.name === 'a:p') {
        if (text?.trim()) out.push(segment(ctx, text, loc));
        text = undefined;
      }
    } else if (inT && text !== undefined) text += tok.text;
  }
  yield* out;
}
