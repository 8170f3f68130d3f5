/**
 * Office Open XML (DOCX, XLSX, PPTX): the text a reader sees and the text a reader does not
 * (tracked deletions, comments, field codes, formulas, caches, document properties), each with
 * where to find it, however the producer named its parts and prefixed its elements.
 */
import { DocumentError, type DocLocation, type ExtractContext, type Segment } from './types.js';
import { docx } from './ooxml/word.js';
import { byNumber, mainPart, type OoxmlKind, type Package } from './ooxml/package.js';
import { properties } from './ooxml/properties.js';
import { xlsx } from './ooxml/sheet.js';
import { pptx } from './ooxml/slides.js';

export { openPackage, type OoxmlKind, type Package } from './ooxml/package.js';

/**
 * Which Office format a package is, if any: from its relationships and content types (a
 * Package), or, given only the zip's entry names, from the folders the usual producers use.
 */
export function ooxmlKind(source: readonly string[] | Package): OoxmlKind | undefined {
  if (!Array.isArray(source)) {
    const pkg = source as Package;
    return pkg.names.has('[Content_Types].xml') ? mainPart(pkg)?.kind : undefined;
  }
  const names = source as readonly string[];
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return undefined;
}

/** Reads an embedded object as a nested document (extract.ts): container and chain as for zip entries. */
export type Embedded = (bytes: Uint8Array, where: DocLocation) => Iterable<Segment>;

/** Relationship kinds of embedded objects: an Office document (`package`), an OLE object. */
const EMBEDDED = ['package', 'oleObject'];

export function* extractOoxml(kind: OoxmlKind, pkg: Package, ctx: ExtractContext, embedded: Embedded): Generator<Segment> {
  const main = mainPart(pkg);
  if (main === undefined) throw new DocumentError(`${kind.toUpperCase()} without its main part: cannot be scanned`);
  if (main.kind === 'docx') yield* docx(pkg, main.part, ctx);
  else if (main.kind === 'xlsx') yield* xlsx(pkg, main.part, ctx);
  else yield* pptx(pkg, main.part, ctx);
  yield* properties(main.kind, pkg, main.part, ctx);
  // Objects embedded in the document (the workbook behind a chart, an attached spreadsheet or
  // document) hold data a reader may never open: each is read as the document it is.
  const objects = new Set([...pkg.names].filter((n) => /^(word|xl|ppt)\/embeddings\/[^/]+$/.test(n)));
  // Pictures in the document (a scanned form, a screenshot) hold text too, read by OCR.
  for (const n of pkg.names) if (/^(word|xl|ppt)\/media\/[^/]+\.(png|jpe?g|gif|webp|bmp)$/i.test(n)) objects.add(n);
  for (const rels of [...pkg.names].filter((n) => /(^|\/)_rels\/[^/]*\.rels$/.test(n))) {
    const owner = rels.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
    for (const part of pkg.related(owner, ...EMBEDDED)) objects.add(part);
  }
  for (const name of [...objects].sort(byNumber)) {
    const bytes = pkg.bytes(name);
    if (bytes) yield* embedded(bytes, { kind: 'zip', entry: name });
  }
}
