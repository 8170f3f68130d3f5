/**
 * PDF redaction, checked with poppler's tools rather than the reader that placed the values:
 * `pdftotext` no longer finds any value, every page that held none reads exactly as before, the
 * output opens in `pdfinfo` and rescans clean, and no stream of the file (inflated) still holds
 * a value's text. For PDFs from LibreOffice and pdf-lib (a form, a note with metadata, split and
 * rotated text) and every PDF fixture the repository has.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { runCli, tempDirs } from '../cli/helpers.js';
import { FIXTURES } from '../documents/helpers.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import type { ScanContext } from '../../src/run/scan-input.js';
import { DEFAULT_LIMITS } from '../../src/documents/types.js';
import { redactPdf } from '../../src/redact/pdf/index.js';
import { scanAndRedactPdf } from '../../src/redact/pdf/scan-and-redact.js';
import { resolutionFor, type RenderablePage } from '../../src/redact/pdf/render.js';
import { everyStream } from '../helpers/pdf-streams.js';
import { itWith } from '../helpers/tools.js';

const withPoppler = itWith(['pdfinfo', 'pdftotext', 'pdftoppm'], 'poppler-utils');

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let dir: string;
let ctx: ScanContext;
beforeAll(async () => {
  dir = dirs.make();
  // Pages replaced by pictures are checked with pdftotext and pixels here; OCR of them is the pictures tests' (and too slow for every fixture).
  ctx = { ruleSet: await shippedRules(), settings: SETTINGS, minConfidence: 0.5, allow: new Set(), structured: 'all', documentLimits: { ...DEFAULT_LIMITS, ocr: 'never' } };
});

const OWN = join(FIXTURES, 'redact-pdf');
const EVERY_PDF = [
  ...readdirSync(OWN).map((f) => join(OWN, f)),
  ...['report.pdf', 'form.pdf'].map((f) => join(FIXTURES, f)),
  ...readdirSync(join(FIXTURES, 'hostile'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(FIXTURES, 'hostile', f)),
].filter((f) => f.endsWith('.pdf'));

/** Each fixture redacted once, for every test that looks at it. */
const redactions = new Map<string, ReturnType<typeof redactOnce>>();
async function redactOnce(path: string) {
  const r = await scanAndRedactPdf(readFileSync(path), ctx);
  return { ...r, out: onDisk(r.bytes) };
}
const redacted = (path: string) => {
  let r = redactions.get(path);
  if (!r) redactions.set(path, (r = redactOnce(path)));
  return r;
};

let serial = 0;
function onDisk(bytes: Uint8Array): string {
  const path = join(dir, `doc-${serial++}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

function poppler(tool: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout };
}
const pageCount = (path: string) => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [path]).out)?.[1]);
const pageText = (path: string, n: number) => poppler('pdftotext', ['-layout', '-f', String(n), '-l', String(n), path, '-']).out;

const wordsOf = (text: string) => text.split(/[\s,.;:()]+/);
/** The words of a page's text a replaced page's text layer keeps as they were: plain words that are no part of a value. */
const plainWords = (text: string, findings: readonly { value: string }[]) => wordsOf(text).filter((w) => /^[A-Za-z]{4,}$/.test(w) && !findings.some((f) => f.value.includes(w)));

/** A value as poppler or a raw reader could show it: itself, and its digits run together. */
const shapes = (value: string) => [value, ...(/\d{4}/.test(value.replace(/\D/g, '')) ? [value.replace(/\D/g, '')] : [])];

describe.each(EVERY_PDF.map((f) => [f.slice(FIXTURES.length + 1), f]))('%s', (_name, path) => {
  withPoppler('redacts every value, keeps other pages as they were, opens in pdfinfo and rescans clean', async () => {
    const r = await redacted(path);
    expect(r.findings.length).toBeGreaterThan(0);
    const out = r.out;
    expect(poppler('pdfinfo', [out]).code).toBe(0);
    expect(pageCount(out)).toBe(pageCount(path));

    const text = poppler('pdftotext', [out, '-']).out.replace(/\s+/g, '');
    const raw = everyStream(r.bytes);
    for (const f of r.findings) {
      for (const shape of shapes(f.value)) {
        expect(text).not.toContain(shape.replace(/\s+/g, ''));
        expect(raw).not.toContain(shape);
      }
    }
    for (let n = 1; n <= pageCount(path); n++) {
      if (r.replacedPages.includes(n)) expect(wordsOf(pageText(out, n))).toEqual(expect.arrayContaining(plainWords(pageText(path, n), r.findings)));
      else expect(pageText(out, n)).toBe(pageText(path, n));
    }
    for (const n of r.replacedPages) expect(r.notes).toContain(r.notes.find((note) => note.startsWith(`page ${n}: replaced by a picture`)));
    // The notes are shown to users: they never hold a value.
    for (const f of r.findings) for (const note of r.notes) expect(note).not.toContain(f.value);

  });
});

it('the redacted copies of every PDF fixture scan clean with the CLI', async () => {
  const outs = await Promise.all(EVERY_PDF.map(async (f) => (await redacted(f)).out));
  const rescan = await runCli(['scan', '--no-config', '--ocr', 'never', '--no-fail-on-skipped', '--format', 'json', ...outs], { cwd: dir });
  expect(JSON.parse(rescan.stdout).findings).toEqual([]);
  expect(rescan.code).toBe(0);
});

describe('what is replaced and what is kept', () => {
  const redactFixture = (name: string) => redacted(join(OWN, name));

  withPoppler('LibreOffice: only the page with values becomes a picture; the author (document info) and bookmarks are gone', async () => {
    const r = await redactFixture('libreoffice.pdf');
    expect(r.replacedPages).toEqual([2]);
    expect(r.findings.map((f) => f.entity).sort()).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN']);
    expect(poppler('pdfinfo', [r.out]).out).not.toMatch(/^(Author|Title):/m);
    expect(r.notes).toContainEqual(expect.stringMatching(/^removed from the document: .*document info.*bookmarks/));
  });

  it('a filled form field: the page showing it becomes a picture, and no field value is left in the file', async () => {
    const r = await redactFixture('form.pdf');
    expect(r.replacedPages).toEqual([1]);
    expect(everyStream(r.bytes)).not.toMatch(/AcroForm|applicant_ssn/);
  });

  withPoppler('a note, XMP metadata, document info and JavaScript: all gone', async () => {
    const r = await redactFixture('annotated.pdf');
    expect(r.replacedPages).toEqual([1]);
    const raw = everyStream(r.bytes);
    expect(raw).not.toMatch(/\/Annot\b|\/Metadata|\/JavaScript|\/OpenAction|agency-mail/);
    expect(poppler('pdfinfo', [r.out]).out).not.toMatch(/^Title:/m);
  });

  withPoppler('a value drawn as two pieces, and on a rotated page and a slanted line, is covered on every piece', async () => {
    const r = await redactFixture('pages.pdf');
    expect(r.replacedPages).toEqual([2, 3]);
    const page2 = picture(r.out, 2);
    // The value runs from after 'Applicant SSN ' (72 + 82 pt at 12 pt) across the seam of the pieces (72 + 122 pt) to '4391' (27 pt).
    expect(page2.covered(154, 719, 194 + 27 - 154, 8)).toBe(true);
    // 'Applicant', and the second line, are not.
    expect(page2.covered(72, 720, 40, 8)).toBe(false);
    expect(page2.covered(72, 700, 150, 8)).toBe(false);
    const page3 = picture(r.out, 3);
    // The phone, drawn along the page before the page is turned: covered in the picture of the page as shown (poppler draws it turned).
    expect(page3.width).toBeGreaterThan(page3.height);
  });

  withPoppler('a link whose address holds a value is taken off a page that is otherwise kept', async () => {
    const path = join(FIXTURES, 'hostile', 'stores.pdf');
    const r = await scanAndRedactPdf(readFileSync(path), ctx);
    expect(r.replacedPages).toEqual([]);
    expect(r.notes).toContain('page 1: 1 link whose address held a value removed');
    expect(pageText(onDisk(r.bytes), 1)).toBe(pageText(path, 1));
  });

  withPoppler('a kept page sharing its resources with a replaced one brings none of its drawing along', async () => {
    // One resource dictionary for both pages, as LibreOffice and printer drivers write: page 2 draws
    // a form XObject holding the SSN; page 1 draws only its own line of text.
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const form = doc.context.register(
      doc.context.stream('BT /F1 12 Tf 72 700 Td (Applicant SSN 536-22-4391 on file.) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 612, 792], Resources: { Font: { F1: font.ref } } }),
    );
    const shared = doc.context.register(doc.context.obj({ Font: { F1: font.ref }, XObject: { Fx: form } }));
    for (const content of ['BT /F1 12 Tf 72 720 Td (Prose on the first page.) Tj ET', '/Fx Do']) {
      const page = doc.addPage([612, 792]);
      page.node.set(PDFName.of('Resources'), shared);
      page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
    }
    const before = await doc.save();
    const r = await scanAndRedactPdf(before, ctx);
    expect(r.replacedPages).toEqual([2]);
    expect(everyStream(r.bytes)).not.toContain('536-22-4391');
    expect(pageText(onDisk(r.bytes), 1)).toBe(pageText(onDisk(before), 1));
  });
});

describe('boxes given instead of findings (OCR of a scanned page)', () => {
  withPoppler('a page given a box in user space becomes a picture with the box burnt in', async () => {
    const bytes = readFileSync(join(OWN, 'pages.pdf'));
    const box = { x: 100, y: 300, w: 200, h: 50 };
    const r = await redactPdf(bytes, [], { boxes: new Map([[4, [box]]]) });
    expect(r.replacedPages).toEqual([4]);
    const out = onDisk(r.bytes);
    expect(pageText(out, 1)).toBe(pageText(onDisk(bytes), 1));
    const page = picture(out, 4);
    expect(page.covered(box.x, box.y, box.w, box.h)).toBe(true);
    expect(page.covered(box.x - 10, box.y, 8, box.h)).toBe(false);
    expect(page.covered(box.x, box.y + box.h + 2, box.w, 8)).toBe(false);
  });
});

describe('refusals', () => {
  it('a finding that is not where it says is an error, not a file with the value left in', async () => {
    const bytes = readFileSync(join(OWN, 'pages.pdf'));
    const wrong = { value: '536-22-4391', index: 3, location: { kind: 'pdf' as const, page: 2 } };
    await expect(redactPdf(bytes, [wrong])).rejects.toThrow('a value on page 2 could not be placed');
  });

  it('a finding of another document is refused', async () => {
    const bytes = readFileSync(join(OWN, 'pages.pdf'));
    await expect(redactPdf(bytes, [{ value: 'x', index: 0, location: { kind: 'text' } }])).rejects.toThrow('not in this PDF');
  });

  it('a page too large for the resolution is drawn at a lower one; a resolution out of range is refused', async () => {
    const sized = (width: number, height: number) => ({ getViewport: () => ({ width, height }) }) as unknown as RenderablePage;
    expect(resolutionFor(sized(612, 792), 150)).toBe(150);
    const poster = resolutionFor(sized(2384, 3370), 150); // A0
    expect(poster).toBeLessThan(150);
    expect(((2384 * poster) / 72) * ((3370 * poster) / 72)).toBeLessThanOrEqual(32 * 1024 * 1024);
    await expect(redactPdf(readFileSync(join(OWN, 'pages.pdf')), [], { dpi: 5000 })).rejects.toThrow('between 36 and 600 dpi');
  });

  it('a kept page tied to a replaced page by a reference redaction does not cut is refused, not written with that page inside', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const [kept, replaced] = [doc.addPage([612, 792]), doc.addPage([612, 792])];
    kept.drawText('Prose on the first page.', { x: 72, y: 720, size: 12, font });
    replaced.drawText('Applicant SSN 536-22-4391 on file.', { x: 72, y: 720, size: 12, font });
    // A private key of a note on page 1 that points at page 2.
    kept.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 10, 10], Vendor: { Seen: replaced.ref } }))]));
    await expect(scanAndRedactPdf(await doc.save(), ctx)).rejects.toThrow('a kept page refers to another page of the original');
  });

  it('a deadline passed before a page is drawn stops the redaction with an error', async () => {
    const bytes = readFileSync(join(OWN, 'pages.pdf'));
    await expect(redactPdf(bytes, [], { boxes: new Map([[1, [{ x: 0, y: 0, w: 1, h: 1 }]]]), deadline: Date.now() - 1 })).rejects.toThrow('redaction stopped at page 1 of 4: out of time; not written');
  });

  it('an encrypted PDF is an error', async () => {
    const bytes = readFileSync(join(FIXTURES, 'encrypted.pdf'));
    await expect(scanAndRedactPdf(bytes, ctx)).rejects.toThrow(/encrypted/);
    await expect(redactPdf(bytes, [])).rejects.toThrow('encrypted (password-protected) PDF: cannot be redacted');
  });
});

/** A page of a PDF as poppler draws it at 72 dpi; `covered(x, y, w, h)`: the area (PDF points from the lower left) is all black. */
function picture(path: string, page: number) {
  const prefix = join(dir, `page-${serial++}`);
  spawnSync('pdftoppm', ['-png', '-r', '72', '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  const dark = (x: number, y: number) => {
    const i = (png.width * (png.height - y) + x) * 4;
    return png.data[i]! < 64 && png.data[i + 1]! < 64 && png.data[i + 2]! < 64;
  };
  return {
    width: png.width,
    height: png.height,
    covered(x: number, y: number, w: number, h: number) {
      for (let py = Math.ceil(y) + 1; py < y + h - 1; py++) for (let px = Math.ceil(x) + 1; px < x + w - 1; px++) if (!dark(px, py)) return false;
      return true;
    },
  };
}
