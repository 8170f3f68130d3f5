/**
 * SpreadsheetML (XLSX): cells as they are shown (a number under its number format) and as they
 * are stored, with their formulas; notes and threaded comments on cells; page headers and
 * footers; text boxes and shapes drawn on sheets; the workbook's defined names; pivot caches
 * (the source rows a pivot table keeps); charts' cached data. Every part is
 * found through the workbook's relationships (and, for packages without them, by its usual name).
 */
import { posix } from 'node:path';
import { segment, type ExtractContext, type Segment } from '../types.js';
import type { XmlElement, XmlHandler } from '../xml.js';
import { commentTexts } from './comments.js';
import { altText, chartTexts, drawingParagraphs } from './drawing.js';
import { NS } from './namespaces.js';
import { BUILTIN_DATE_FORMATS, formatNumber } from './number-format.js';
import { byNumber, together, type Package } from './package.js';

export function* xlsx(pkg: Package, workbook: string, ctx: ExtractContext): Generator<Segment> {
  const dir = posix.dirname(workbook);
  const usual = (name: string) => (pkg.names.has(`${dir}/${name}`) ? [`${dir}/${name}`] : []);
  const shared = sharedStrings(pkg, [...pkg.related(workbook, 'sharedStrings'), ...usual('sharedStrings.xml')][0]);
  const formats = numberFormats(pkg, [...pkg.related(workbook, 'styles'), ...usual('styles.xml')][0]);
  const book = readWorkbook(pkg, workbook);
  const pivots = new Set([...pkg.related(workbook, 'pivotCacheDefinition'), ...book.pivotCaches]);
  for (const sheet of book.sheets) {
    const out: Segment[] = [];
    // As for CSV, a column's first-row text is context for the cells below it (a "DOB" header makes a date a date of birth).
    const headers = new Map<string, string>();
    let headerRow: string | undefined;
    const printed: Segment[] = [];
    pkg.xml(
      sheet.part,
      together(
        cells(shared, formats, book.date1904, (text, cell, formula) => {
          const [, column = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
          headerRow ??= row;
          if (row === headerRow && !formula && !headers.has(column)) headers.set(column, text.trim());
          const context = row !== headerRow ? headers.get(column) : undefined;
          out.push(segment(ctx, text, formula ? { kind: 'xlsx', part: 'formula', sheet: sheet.name, cell } : { kind: 'xlsx', sheet: sheet.name, cell }, context));
        }),
        headersFooters((text) => printed.push(segment(ctx, text, { kind: 'xlsx', part: 'header or footer', sheet: sheet.name }))),
      ),
    );
    yield* out;
    yield* printed;
    // Text boxes and shapes drawn on the sheet, and their alt text.
    for (const drawing of pkg.related(sheet.part, 'drawing')) {
      const shapes: Segment[] = [];
      pkg.xml(
        drawing,
        together(
          drawingParagraphs((t) => shapes.push(segment(ctx, t, { kind: 'xlsx', part: 'shape', sheet: sheet.name }))),
          altText((t) => shapes.push(segment(ctx, t, { kind: 'xlsx', part: 'alt text', sheet: sheet.name }))),
        ),
      );
      yield* shapes;
    }
    // Notes and threaded comments on the sheet's cells.
    const notes = pkg
      .relationships(sheet.part)
      .filter((r) => !r.external && (/^(comments|threadedComment)$/.test(r.kind) || /\/(comments\d*|threadedComments\/threadedComment\d*)\.xml$/.test(r.target)))
      .map((r) => r.target);
    for (const part of new Set(notes)) {
      for (const c of commentTexts(pkg, part, /^(comment|threadedComment)$/)) {
        yield segment(ctx, c.text, { kind: 'xlsx', sheet: sheet.name, cell: c.ref ?? '?', comment: true });
      }
    }
    let chart = 0;
    for (const drawing of pkg.related(sheet.part, 'drawing')) {
      for (const part of pkg.related(drawing, 'chart')) {
        chart++;
        for (const text of chartTexts(pkg, part)) yield segment(ctx, text, { kind: 'xlsx', part: 'chart', sheet: sheet.name, chart });
      }
    }
    for (const table of pkg.related(sheet.part, 'pivotTable')) for (const def of pkg.related(table, 'pivotCacheDefinition')) pivots.add(def);
  }
  for (const [name, text] of book.definedNames) if (text.trim()) yield segment(ctx, text, { kind: 'xlsx', part: 'defined name', name }, name);
  for (const def of [...pivots].sort(byNumber)) yield* pivotCache(pkg, def, ctx);
}

const HEADERS_FOOTERS = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

/** The page headers and footers a sheet prints, without their formatting codes (&C, &"Arial,Bold", &12). */
function headersFooters(emit: (text: string) => void): XmlHandler {
  let text: string | undefined;
  return {
    open(el) {
      if (el.uri === NS.s && HEADERS_FOOTERS.has(el.local)) text = '';
    },
    close(el) {
      if (el.uri !== NS.s || !HEADERS_FOOTERS.has(el.local) || text === undefined) return;
      const plain = text.replace(/&(?:"[^"]*"|\d+|[A-Za-z])/g, ' ').replace(/&&/g, '&');
      if (plain.trim()) emit(plain.trim());
      text = undefined;
    },
    text(t) {
      if (text !== undefined) text += t;
    },
  };
}

export interface Workbook {
  /** Dates count days from 1904 (older Mac workbooks), not 1900. */
  date1904: boolean;
  sheets: Array<{ name: string; part: string }>;
  definedNames: Array<[string, string]>;
  pivotCaches: string[];
}

export function readWorkbook(pkg: Package, workbook: string): Workbook {
  const rels = new Map(pkg.relationships(workbook).filter((r) => !r.external).map((r) => [r.id, r.target]));
  const book: Workbook = { date1904: false, sheets: [], definedNames: [], pivotCaches: [] };
  let name: string | undefined;
  let text = '';
  pkg.xml(workbook, {
    open(el) {
      if (el.uri !== NS.s) return;
      const target = rels.get(el.attr('id', NS.r) ?? '');
      if (el.local === 'sheet' && target) book.sheets.push({ name: el.attr('name') ?? target, part: target });
      else if (el.local === 'pivotCache' && target) book.pivotCaches.push(target);
      else if (el.local === 'definedName') [name, text] = [el.attr('name') ?? '', ''];
      else if (el.local === 'workbookPr') book.date1904 = /^(1|true)$/.test(el.attr('date1904') ?? '');
    },
    close(el) {
      if (el.uri !== NS.s || el.local !== 'definedName' || name === undefined) return;
      book.definedNames.push([name, text]);
      name = undefined;
    },
    text(t) {
      if (name !== undefined) text += t;
    },
  });
  return book;
}

/** The shared string table: rich text runs joined, phonetic hints (which repeat the text) left out. */
function sharedStrings(pkg: Package, part: string | undefined): string[] {
  const shared: string[] = [];
  if (part === undefined) return shared;
  let cur: string | undefined;
  pkg.xml(part, inlineText(
    () => (cur = ''),
    () => {
      shared.push(cur ?? '');
      cur = undefined;
    },
    (t) => (cur += t),
    'si',
  ));
  return shared;
}

/** Text in `element` (`si`, `is`): its `t` elements outside phonetic runs. */
function inlineText(start: () => void, end: () => void, add: (t: string) => void, element: string): XmlHandler {
  let inside = false;
  let inT = false;
  let inRph = false;
  return {
    open(el) {
      if (el.uri !== NS.s) return;
      if (el.local === element) [inside, inT, inRph] = [true, false, false];
      else if (el.local === 't') inT = true;
      else if (el.local === 'rPh') inRph = true;
      if (el.local === element) start();
    },
    close(el) {
      if (el.uri !== NS.s) return;
      if (el.local === 't') inT = false;
      else if (el.local === 'rPh') inRph = false;
      else if (el.local === element && inside) {
        inside = false;
        end();
      }
    },
    text(t) {
      if (inside && inT && !inRph) add(t);
    },
  };
}

/** The number format of each cell style (index into `cellXfs`) where it is custom or a built-in date format. */
function numberFormats(pkg: Package, part: string | undefined): Array<string | undefined> {
  if (part === undefined) return [];
  const codes = new Map<string, string>();
  const styles: Array<string | undefined> = [];
  let inXfs = false;
  const ids: string[] = [];
  pkg.xml(part, {
    open(el) {
      if (el.uri !== NS.s) return;
      if (el.local === 'numFmt') codes.set(el.attr('numFmtId') ?? '', el.attr('formatCode') ?? '');
      else if (el.local === 'cellXfs') inXfs = true;
      else if (el.local === 'xf' && inXfs) ids.push(el.attr('numFmtId') ?? '0');
    },
    close(el) {
      if (el.uri === NS.s && el.local === 'cellXfs') inXfs = false;
    },
  });
  for (const id of ids) styles.push(codes.get(id) ?? BUILTIN_DATE_FORMATS[id]);
  return styles;
}

/**
 * A worksheet's cells: `emit` gets each value (a shared string, inline text, or a number or date
 * as its format shows it, and then as stored when that differs) and each formula.
 */
function cells(shared: string[], formats: Array<string | undefined>, date1904: boolean, emit: (text: string, cell: string, formula: boolean) => void): XmlHandler {
  let cell: { ref: string; type: string; style: number } | undefined;
  let value = '';
  let formula = '';
  let inline = '';
  let reading: 'v' | 'f' | undefined;
  const inlineHandler = inlineText(() => (inline = ''), () => {}, (t) => (inline += t), 'is');
  return {
    open(el) {
      inlineHandler.open!(el);
      if (el.uri !== NS.s) return;
      if (el.local === 'c') {
        cell = { ref: el.attr('r') ?? '?', type: el.attr('t') ?? 'n', style: Number(el.attr('s') ?? 0) };
        [value, formula, inline] = ['', '', ''];
      } else if (cell && (el.local === 'v' || el.local === 'f')) reading = el.local;
    },
    close(el) {
      inlineHandler.close!(el);
      if (el.uri !== NS.s) return;
      if (el.local === 'v' || el.local === 'f') reading = undefined;
      else if (el.local === 'c' && cell) {
        for (const text of shown(cell, value, inline, shared, formats, date1904)) if (text.trim()) emit(text, cell.ref, false);
        if (formula.trim()) emit(formula, cell.ref, true);
        cell = undefined;
      }
    },
    text(t) {
      inlineHandler.text!(t);
      if (reading === 'v') value += t;
      else if (reading === 'f') formula += t;
    },
  };
}

function shown(cell: { type: string; style: number }, value: string, inline: string, shared: string[], formats: Array<string | undefined>, date1904: boolean): string[] {
  switch (cell.type) {
    case 's':
      return [shared[Number(value)] ?? ''];
    case 'b':
    case 'e':
      return [];
    case 'inlineStr':
      return [inline || value];
    case 'n': {
      const code = formats[cell.style];
      const formatted = code !== undefined && value.trim() !== '' ? formatNumber(Number(value), code, date1904) : undefined;
      if (formatted === undefined || formatted === value) return [value];
      // The number as stored too, unless the format only put separators between all its digits.
      return formatted.replace(/[-\s().\/]/g, '') === value.trim() ? [formatted] : [formatted, value];
    }
    default:
      return [value];
  }
}

/**
 * A pivot cache: the distinct values of each field (`sharedItems`) and the rows kept in its
 * records part, each value with its field's name as context.
 */
function* pivotCache(pkg: Package, definition: string, ctx: ExtractContext): Generator<Segment> {
  const fields: string[] = [];
  const out: Segment[] = [];
  const value = (el: XmlElement, field: string | undefined) => {
    if (!/^[snd]$/.test(el.local)) return;
    const v = el.attr('v');
    if (v?.trim()) out.push(segment(ctx, v, { kind: 'xlsx', part: 'pivot cache', field: field ?? '?' }, field));
  };
  pkg.xml(definition, {
    open(el) {
      if (el.uri !== NS.s) return;
      if (el.local === 'cacheField') fields.push(el.attr('name') ?? '');
      else value(el, fields[fields.length - 1]);
    },
  });
  for (const records of pkg.related(definition, 'pivotCacheRecords')) {
    let column = -1;
    pkg.xml(records, {
      open(el) {
        if (el.uri !== NS.s) return;
        if (el.local === 'r') column = -1;
        else if (/^[sndxbem]$/.test(el.local)) value(el, fields[++column]);
      },
    });
  }
  yield* out;
}
