/**
 * A kept page's resources cut down to those its drawing instructions name. Producers share one
 * resource dictionary between pages (LibreOffice, many printers' drivers), so a page copied as it
 * is would bring along a form XObject drawn only on a replaced page, with that page's text in it:
 * not shown, but in the file. Forms are pruned by their own instructions in turn (a form without
 * resources of its own draws with its page's), as are annotations' appearance streams. Names are
 * gathered from the instructions as tokens, so a name that only appears inside a string keeps
 * its resource: more kept, never less.
 */
import type * as PdfLib from 'pdf-lib';
import type { PDFDict, PDFObject, PDFRawStream } from 'pdf-lib';

const KINDS = ['XObject', 'Font', 'ExtGState', 'Pattern', 'Shading', 'ColorSpace', 'Properties'];
/** Forms within forms followed this deep; past it a form keeps every resource it has. */
const MAX_DEPTH = 12;

export function pruneResources(L: typeof PdfLib, page: PDFDict): void {
  const seen = new Set<PDFObject>();
  const content = pageContent(L, page);
  if (content) prune(L, page, content, seen, 0);
  const annots = page.lookupMaybe(L.PDFName.of('Annots'), L.PDFArray);
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots!.lookup(i);
    const ap = annot instanceof L.PDFDict ? annot.lookupMaybe(L.PDFName.of('AP'), L.PDFDict) : undefined;
    for (const key of ap?.keys() ?? []) {
      const entry = ap!.lookup(key);
      const streams = entry instanceof L.PDFDict ? entry.keys().map((k) => entry.lookup(k)) : [entry];
      for (const s of streams) if (s instanceof L.PDFRawStream) pruneForm(L, s, seen, 0);
    }
  }
}

/** The content streams of a page, decoded; undefined when one cannot be (the page then keeps every resource). */
function pageContent(L: typeof PdfLib, page: PDFDict): Uint8Array[] | undefined {
  const contents = page.lookup(L.PDFName.of('Contents'));
  const streams = contents instanceof L.PDFArray ? contents.asArray().map((o) => page.context.lookup(o)) : contents ? [contents] : [];
  const out: Uint8Array[] = [];
  for (const s of streams) {
    const bytes = s instanceof L.PDFRawStream ? decoded(L, s) : undefined;
    if (!bytes) return undefined;
    out.push(bytes);
  }
  return out;
}

/**
 * `owner`'s resources (inherited for a page) replaced by a dictionary of its own holding only the
 * names its instructions use; the resources themselves are shared, not copied.
 */
function prune(L: typeof PdfLib, owner: PDFDict, content: readonly Uint8Array[], seen: Set<PDFObject>, depth: number): void {
  const { PDFName, PDFDict } = L;
  const resources = owner instanceof L.PDFPageLeaf ? owner.Resources() : owner.lookupMaybe(PDFName.of('Resources'), PDFDict);
  if (!resources) return;
  const used = namesIn(content);
  // A form with no resources of its own draws with these: what it names is used here too.
  const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const todo = [...used];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const form = xobjects?.lookup(PDFName.of(name));
    if (!(form instanceof L.PDFRawStream) || !isForm(L, form) || form.dict.has(PDFName.of('Resources'))) continue;
    const inner = decoded(L, form);
    if (!inner) return; // what it draws with is unknown: every resource stays
    for (const n of namesIn([inner])) {
      if (used.has(n)) continue;
      used.add(n);
      todo.push(n);
    }
  }
  const kept = owner.context.obj({}) as PDFDict;
  for (const key of resources.keys()) {
    const value = resources.lookup(key);
    if (!KINDS.includes(key.decodeText()) || !(value instanceof PDFDict)) {
      kept.set(key, resources.get(key)!);
      continue;
    }
    const some = owner.context.obj({}) as PDFDict;
    for (const name of value.keys()) {
      if (!used.has(name.decodeText())) continue;
      some.set(name, value.get(name)!);
      const target = value.lookup(name);
      if (key.decodeText() === 'XObject' && target instanceof L.PDFRawStream) pruneForm(L, target, seen, depth + 1);
    }
    kept.set(key, some);
  }
  owner.set(PDFName.of('Resources'), kept);
}

/** A form XObject with resources of its own, pruned by its own instructions (past MAX_DEPTH, or undecodable, left whole). */
function pruneForm(L: typeof PdfLib, form: PDFRawStream, seen: Set<PDFObject>, depth: number): void {
  if (!isForm(L, form) || seen.has(form) || depth > MAX_DEPTH || !form.dict.has(L.PDFName.of('Resources'))) return;
  seen.add(form);
  const content = decoded(L, form);
  if (content) prune(L, form.dict, [content], seen, depth);
}

const isForm = (L: typeof PdfLib, s: PDFRawStream) => s.dict.lookup(L.PDFName.of('Subtype'))?.toString() === '/Form';

function decoded(L: typeof PdfLib, s: PDFRawStream): Uint8Array | undefined {
  try {
    return L.decodePDFRawStream(s).decode();
  } catch {
    return undefined; // a filter pdf-lib cannot decode
  }
}

/** Every `/Name` token in the instructions (a name's #xx escapes decoded, as pdf-lib's names are). */
function namesIn(content: readonly Uint8Array[]): Set<string> {
  const names = new Set<string>();
  for (const bytes of content) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    for (const m of text.matchAll(/\/([^\s/[\]()<>{}%]*)/g)) names.add(m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }
  return names;
}
