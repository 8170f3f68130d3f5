/**
 * Office documents (DOCX, XLSX, PPTX): each found value is rewritten in the XML parts that store
 * it (runs, cells, shared strings, comments, notes, headers and footers, properties, custom XML,
 * alt text and link targets in relationships, tracked deletions: every part the scanner reads
 * text from); embedded documents and pictures are redacted through the registry; every other
 * part is copied as stored. A number cell that shows a value (an SSN under a 000-00-0000 format)
 * becomes a text cell showing the redacted text, since a mask is not a number; its formula, if it
 * had one, goes with the number (a formula would compute the value again).
 */
import { extractDocument } from '../../documents/extract.js';
import { openPackage } from '../../documents/ooxml.js';
import { mainPart } from '../../documents/ooxml/package.js';
import { readWorkbook } from '../../documents/ooxml/sheet.js';
import { newContext, type Limits } from '../../documents/types.js';
import { inflateEntry, readZipDirectory } from '../../documents/zip.js';
import type { Finding } from '../../model/finding.js';
import { planSpans } from '../plan.js';
import { byContainer } from './containers.js';
import { decodeText } from './encoded-text.js';
import { RedactError, type DocFinding, type DocumentRedactOptions, type DocumentRedactor } from './types.js';
import { checkWellFormed, redactXml } from './xml-text.js';
import { readStoredZip, writeZip } from './zip-write.js';

/** Parts holding XML, by name: the scanner reads text from these. */
const XML_PART = /\.(xml|rels|vml)$/i;

export const redactOffice: DocumentRedactor = async (bytes, findings, options) => {
  const { own, inner } = byContainer(findings);
  const stored = readStoredZip(bytes);
  const entries = new Map(readZipDirectory(bytes, newContext(options.limits)).map((e) => [e.name, e]));
  const content = (name: string) => {
    const e = entries.get(name);
    if (!e) throw new RedactError(`part ${name} was not found again`);
    return inflateEntry(bytes, e, newContext(options.limits));
  };
  const replaced = new Map<string, Uint8Array>();
  const notes: string[] = [];
  for (const { where, findings: held } of inner) {
    if (where.kind !== 'zip') throw new RedactError(`findings at an unexpected place in the document (${where.kind})`);
    const out = await options.nested(content(where.entry), where.entry, held, where);
    replaced.set(where.entry, out.bytes);
    notes.push(...out.notes);
  }
  if (own.length > 0) {
    const cells = await numberCells(bytes, own, options);
    for (const e of stored.entries) {
      if (!XML_PART.test(e.name) || replaced.has(e.name) || !entries.has(e.name)) continue;
      const raw = content(e.name);
      const decoded = decodeText(raw, `part ${e.name}`);
      if (!decoded) continue;
      const asText = cells.get(e.name)?.(decoded.text) ?? decoded.text;
      const out = redactXml(asText, own, options) ?? (asText !== decoded.text ? asText : undefined);
      if (out === undefined) continue;
      checkWellFormed(decoded.text, out, e.name);
      replaced.set(e.name, decoded.encode(out));
    }
  }
  return { bytes: writeZip(stored, replaced), notes };
};

/**
 * For each sheet part with findings in number cells: a rewrite of those cells into text cells
 * showing the redacted text. What a cell shows comes from the reader (its number format applied).
 */
async function numberCells(bytes: Uint8Array, findings: readonly DocFinding[], options: DocumentRedactOptions): Promise<Map<string, (xml: string) => string>> {
  const inCells = new Map<string, DocFinding[]>();
  for (const f of findings) {
    const loc = f.location;
    if (loc?.kind !== 'xlsx' || !('cell' in loc) || 'part' in loc || loc.comment) continue;
    const key = `${loc.sheet}\u0000${loc.cell}`;
    inCells.set(key, [...(inCells.get(key) ?? []), f]);
  }
  const out = new Map<string, (xml: string) => string>();
  if (inCells.size === 0) return out;
  const shown = await cellTexts(bytes, options.limits, new Set(inCells.keys()));
  const ctx = newContext(options.limits);
  const pkg = openPackage(bytes, readZipDirectory(bytes, ctx), ctx);
  const main = mainPart(pkg);
  if (main?.kind !== 'xlsx') return out;
  const sheets = new Map(readWorkbook(pkg, main.part).sheets.map((s) => [s.name, s.part]));
  const bySheet = new Map<string, Map<string, string>>();
  for (const [key, held] of inCells) {
    const [sheet, cell] = key.split('\u0000') as [string, string];
    const part = sheets.get(sheet);
    const text = shown.get(key);
    if (part === undefined || text === undefined) continue;
    const cells = bySheet.get(part) ?? new Map<string, string>();
    bySheet.set(part, cells);
    cells.set(cell, redactShown(text, held, options));
  }
  for (const [part, cells] of bySheet) out.set(part, (xml) => rewriteNumberCells(xml, cells));
  return out;
}

/** The texts the scanner read for each cell in `wanted`: as shown first, then as stored when that differs. */
async function cellTexts(bytes: Uint8Array, limits: Limits, wanted: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for await (const seg of extractDocument(bytes, newContext(limits))) {
    const loc = seg.location;
    if (loc.kind !== 'xlsx' || loc.chain || !('cell' in loc) || 'part' in loc || loc.comment) continue;
    const key = `${loc.sheet}\u0000${loc.cell}`;
    if (wanted.has(key)) out.set(key, [...(out.get(key) ?? []), seg.text]);
  }
  return out;
}

/**
 * What the cell will show: the text it showed with the findings in it rewritten (the stored
 * number goes, so a finding in that is gone with it). A finding in neither text is an error.
 */
function redactShown(texts: readonly string[], findings: readonly Finding[], options: DocumentRedactOptions): string {
  const text = texts[0]!;
  if (findings.some((f) => !texts.some((t) => t.startsWith(f.value, f.index)))) throw new RedactError('a finding in a number cell could not be placed in what the cell shows');
  const placed = findings.filter((f) => text.startsWith(f.value, f.index)).map((f) => ({ ...f, offset: f.index, length: f.value.length }));
  let out = '';
  let at = 0;
  for (const s of planSpans(placed, options.replacementFor)) {
    out += text.slice(at, s.start) + options.render(text.slice(s.start, s.end), s);
    at = s.end;
  }
  return out + text.slice(at);
}

/** Types of cells that hold their text in the part or the shared strings (rewritten where the text is). */
const TEXT_TYPES = new Set(['s', 'inlineStr', 'str']);

/** The sheet with each named number cell written as an inline text cell. */
function rewriteNumberCells(xml: string, cells: ReadonlyMap<string, string>): string {
  return xml.replace(/<(([\w.-]+:)?c)(\s[^>]*?)?(\/>|>([\s\S]*?)<\/\1\s*>)/g, (whole, tag: string, prefix: string | undefined, attrs: string | undefined) => {
    const a = attrs ?? '';
    const ref = /\sr\s*=\s*["']([^"']*)["']/.exec(a)?.[1];
    const text = ref !== undefined ? cells.get(ref) : undefined;
    if (text === undefined) return whole;
    const type = /\st\s*=\s*["']([^"']*)["']/.exec(a)?.[1] ?? 'n';
    if (TEXT_TYPES.has(type)) return whole;
    const p = prefix ?? '';
    const kept = a.replace(/\st\s*=\s*["'][^"']*["']/, '');
    return `<${tag}${kept} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}is></${tag}>`;
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
