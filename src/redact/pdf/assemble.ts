/**
 * The redacted file, built with pdf-lib as a new document: kept pages are copied from the
 * original (pdf-lib copies what a page refers to, nothing else), replaced pages become one picture
 * each. Nothing at the document level is carried over (document info, XMP metadata, bookmarks,
 * attached files, the form's field tree, document JavaScript, named destinations). Before a page
 * is copied, whatever on it could reach another page or run code is cut off: annotations' page
 * and parent references, internal link targets, actions other than web links, a link whose
 * address held a value, and resources its drawing does not name (prune-resources.ts). A copy
 * that still pulls in a page it should not fails rather than leaks.
 */
import type * as PdfLib from 'pdf-lib';
import type { PDFDict, PDFDocument } from 'pdf-lib';
import { importModule } from '../../runtime/import-module.js';
import { pruneResources } from './prune-resources.js';
import type { PagePicture } from './render.js';
import type { TextRun } from './text-layer.js';

export type PagePlan =
  | { page: number; keep: true; dropLinksWith: readonly string[] }
  | { page: number; keep: false; picture: PagePicture; text: readonly TextRun[] };

export interface Assembled {
  bytes: Uint8Array;
  /** What the original held at the document level and the output no longer has. */
  removed: string[];
  /** Per kept page, what was taken off it (`page 2: 1 link`). */
  pageNotes: string[];
}

let pdfLib: Promise<typeof PdfLib> | undefined;
const lib = (): Promise<typeof PdfLib> => (pdfLib ??= importModule('pdf-lib') as Promise<typeof PdfLib>);

export async function assemble(source: Uint8Array, plans: readonly PagePlan[]): Promise<Assembled> {
  const L = await lib();
  const src = await L.PDFDocument.load(source, { updateMetadata: false }).catch((e: unknown) => {
    // Encrypted with only a permissions password: readable, but its kept pages' streams could not be copied decrypted.
    if (e instanceof L.EncryptedPDFError) throw new Error('encrypted PDF (a permissions password): cannot be redacted; remove the encryption first');
    throw e;
  });
  const removed = documentStores(L, src);
  const out = await L.PDFDocument.create({ updateMetadata: false });
  const pageNotes: string[] = [];
  const pages = src.getPages();
  const textLayer = new TextLayer(L, out);
  for (const plan of plans) {
    if (plan.keep) {
      const page = pages[plan.page - 1]!.node;
      const cut = detach(L, page, plan.dropLinksWith);
      pruneResources(L, page);
      if (cut.length > 0) pageNotes.push(`page ${plan.page}: ${cut.join(', ')} removed`);
      const [copied] = await out.copyPages(src, [plan.page - 1]);
      out.addPage(copied);
      continue;
    }
    const { picture: p } = plan;
    const image = out.context.register(
      out.context.stream(p.rgb, { Type: 'XObject', Subtype: 'Image', Width: p.pixelWidth, Height: p.pixelHeight, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode' }),
    );
    const page = out.addPage([p.width, p.height]);
    const name = page.node.newXObject('Page', image);
    page.pushOperators(L.pushGraphicsState(), L.concatTransformationMatrix(p.width, 0, 0, p.height, 0, 0), L.drawObject(name), L.popGraphicsState());
    if (plan.text.length > 0) await textLayer.draw(page, plan.text);
  }
  checkNoStrayPages(L, out);
  return { bytes: await out.save(), removed, pageNotes };
}

/**
 * Invisible text in Helvetica (a standard font, not embedded: nothing of the original's fonts is
 * kept). Each run keeps the drawn width of the original item, so text extraction finds words where
 * the picture shows them; characters Helvetica's encoding (WinAnsi) lacks are written as `?`.
 */
class TextLayer {
  private font: Promise<PdfLib.PDFFont> | undefined;
  private chars: Set<number> | undefined;
  constructor(
    private readonly L: typeof PdfLib,
    private readonly out: PDFDocument,
  ) {}

  async draw(page: PdfLib.PDFPage, runs: readonly TextRun[]): Promise<void> {
    const { L } = this;
    const font = await (this.font ??= this.out.embedFont(L.StandardFonts.Helvetica));
    const chars = (this.chars ??= new Set(font.getCharacterSet()));
    const encodable = (s: string) => [...s].map((c) => (chars.has(c.codePointAt(0)!) ? c : '?')).join('');
    const name = page.node.newFontDictionary('T', font.ref);
    const ops: PdfLib.PDFOperator[] = [L.beginText(), L.setFontAndSize(name, 1), L.setTextRenderingMode(L.TextRenderingMode.Invisible)];
    for (const run of runs) {
      const str = encodable(run.str);
      const [a, b, c, d, e, f] = run.matrix;
      // Helvetica squeezed to the original's spacing, so the run's characters sit near the original's.
      const natural = font.widthOfTextAtSize(encodable(run.original), 1);
      const squeeze = natural > 0 && run.width > 0 ? Math.min(Math.max((100 * run.width) / natural, 1), 1000) : 100;
      ops.push(L.setCharacterSqueeze(squeeze), L.setTextMatrix(a, b, c, d, e, f), L.showText(font.encodeText(str)));
    }
    ops.push(L.endText());
    page.pushOperators(...ops);
  }
}

/** The document-level stores the original has (each is left out of the output). */
function documentStores(L: typeof PdfLib, doc: PDFDocument): string[] {
  const { PDFName, PDFDict } = L;
  const catalog = doc.catalog;
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const found: string[] = [];
  if (info instanceof PDFDict && info.keys().length > 0) found.push('document info (title, author, keywords …)');
  if (catalog.has(PDFName.of('Metadata'))) found.push('XMP metadata');
  if (catalog.has(PDFName.of('Outlines'))) found.push('bookmarks');
  if (names?.has(PDFName.of('EmbeddedFiles')) || catalog.has(PDFName.of('AF'))) found.push('attached files');
  if (catalog.has(PDFName.of('AcroForm'))) found.push("the form's fields (values shown on kept pages stay as drawn)");
  if (names?.has(PDFName.of('JavaScript')) || catalog.has(PDFName.of('OpenAction')) || catalog.has(PDFName.of('AA'))) found.push('document actions and JavaScript');
  return found;
}

/** Page keys that reach other pages or the document (article beads, page actions, page XMP, private data). */
const PAGE_KEYS = ['AA', 'B', 'Metadata', 'PieceInfo', 'Thumb'];
/** Annotation keys that reach other pages or annotations, or run something. */
const ANNOT_KEYS = ['P', 'Parent', 'IRT', 'AA', 'Dest'];

/**
 * Cuts a page to be copied off from the rest of the document (in the original's memory, which is
 * not written back). Returns what was taken off that a reader could miss.
 */
function detach(L: typeof PdfLib, page: PDFDict, dropLinksWith: readonly string[]): string[] {
  const { PDFName, PDFDict, PDFArray } = L;
  for (const key of PAGE_KEYS) page.delete(PDFName.of(key));
  const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return [];
  let links = 0;
  let targets = 0;
  const keep: ReturnType<typeof annots.get>[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const ref = annots.get(i);
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) continue;
    const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
    const uri = action ? textOf(L, action.lookup(PDFName.of('URI'))) : undefined;
    if (uri !== undefined && dropLinksWith.some((v) => uri.includes(v))) {
      links++;
      continue;
    }
    if (annot.has(PDFName.of('Dest'))) targets++;
    for (const key of ANNOT_KEYS) annot.delete(PDFName.of(key));
    if (action && uri === undefined) {
      annot.delete(PDFName.of('A'));
      if (action.lookup(PDFName.of('S'))?.toString() === '/GoTo') targets++;
    }
    action?.delete(PDFName.of('Next')); // a web link's follow-on actions (JavaScript, a jump)
    const popup = annot.lookupMaybe(PDFName.of('Popup'), PDFDict);
    popup?.delete(PDFName.of('P'));
    keep.push(ref);
  }
  page.set(PDFName.of('Annots'), page.context.obj(keep));
  const cut: string[] = [];
  if (links > 0) cut.push(`${links} ${links === 1 ? 'link whose address held a value' : 'links whose addresses held values'}`);
  if (targets > 0) cut.push(`${targets} internal ${targets === 1 ? 'link' : 'links'} (to other pages)`);
  return cut;
}

function textOf(L: typeof PdfLib, o: unknown): string | undefined {
  return o instanceof L.PDFString || o instanceof L.PDFHexString ? o.decodeText() : undefined;
}

/** Every page object in the output must be one of its pages: anything else came along by a reference and may hold the original's text. */
function checkNoStrayPages(L: typeof PdfLib, out: PDFDocument): void {
  const { PDFName, PDFDict } = L;
  const type = PDFName.of('Type');
  const pageType = PDFName.of('Page');
  let pages = 0;
  for (const [, o] of out.context.enumerateIndirectObjects()) if (o instanceof PDFDict && o.get(type) === pageType) pages++;
  if (pages !== out.getPageCount()) throw new Error('a kept page refers to another page of the original in a way redaction does not cut; not written');
}
