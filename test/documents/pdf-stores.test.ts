/**
 * What a PDF holds besides its pages' text runs, each found and placed: text drawn as separately
 * positioned pieces, XMP metadata, link addresses, bookmarks, fields no page shows, JavaScript;
 * a PDF from a real producer (LibreOffice); and a stream that inflates past the budget refused
 * before pdfjs holds it in memory.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, tempDirs, writeTree } from '../cli/helpers.js';
import { scanDocument } from '../../src/documents/scan-document.js';
import { DEFAULT_LIMITS } from '../../src/documents/types.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import { scanJson, type Located } from './helpers.js';
import { HOSTILE, hostileGenerator } from './hostile-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const where = (findings: Located[]) => findings.map((f) => `${f.entity} ${f.location?.description ?? '(none)'}`);

describe('PDF text and stores', () => {
  it('pieces drawn apart (out of order, moved by Td) read as the line the page shows', async () => {
    const { code, report } = await scanJson(['split-pieces.pdf'], HOSTILE, ['--show-values']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.entity, f.value, f.line])).toEqual([
      ['US_SSN', '536-22-4391', 1],
      ['PHONE_NUMBER', '(415) 555-2671', 2],
    ]);
  });

  it('finds values in XMP metadata, a link address, a bookmark, a field on no page and JavaScript, each placed', async () => {
    const { code, report } = await scanJson(['stores.pdf'], HOSTILE);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual([
      'EMAIL_ADDRESS XMP metadata pdf:Keywords',
      'US_SSN XMP metadata dc:description',
      'US_SSN page 1, link address',
      'US_SSN form field applicant_ssn (on no page)',
      'US_SSN bookmark 1.1',
      'US_SSN JavaScript init',
      'EMAIL_ADDRESS JavaScript OpenAction',
    ]);
    expect(report.findings[4]!.location).toEqual({ kind: 'pdf', part: 'outline', name: '1.1', description: 'bookmark 1.1' });
  });

  it('XMP that is not well-formed is read up to the error, and the rest is a note', async () => {
    const { onePage } = await hostileGenerator();
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">Subject SSN 536-22-4391</dc:title><oops';
    const bytes = onePage('72 720 Td (Nothing here.) Tj', (add) => ({
      catalog: `/Metadata ${add({ dict: '/Type /Metadata /Subtype /XML', data: Buffer.from(xmp) })} 0 R`,
    }));
    const { code, report } = await scanJson(['broken-xmp.pdf'], writeTree(dirs.make(), { 'broken-xmp.pdf': bytes }));
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual(['US_SSN XMP metadata dc:title']);
    expect(report.diagnostics).toEqual([{ path: 'broken-xmp.pdf', level: 'skipped', message: expect.stringMatching(/^XMP metadata is not well-formed .*; read up to there$/), notScanned: true }]);
  });

  it('reads PDFs as LibreOffice 7.4 writes them (compressed streams, subset fonts, links, bookmarks from headings)', async () => {
    const { code, report } = await scanJson(['libreoffice.pdf', 'libreoffice-links.pdf'], HOSTILE);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.path} ${f.entity} ${f.location?.description}`)).toEqual([
      'libreoffice.pdf US_SSN page 2',
      'libreoffice.pdf PHONE_NUMBER page 2',
      'libreoffice.pdf EMAIL_ADDRESS page 2',
      'libreoffice-links.pdf US_SSN page 2',
      'libreoffice-links.pdf US_SSN page 2',
      // "R. Lopez": initials and a surname, a name in one record with the numbers.
      'libreoffice-links.pdf PERSON page 2',
      'libreoffice-links.pdf PHONE_NUMBER page 2',
      'libreoffice-links.pdf PROFILE page 2',
      'libreoffice-links.pdf US_SSN page 2, link address',
      'libreoffice-links.pdf US_SSN bookmark 1',
    ]);
  });
});

describe('PDF decompression budget', () => {
  it('a stream that inflates past the budget is refused before pdfjs reads it', async () => {
    const { inflateBombPdf } = await hostileGenerator();
    const limits = { ...DEFAULT_LIMITS, maxTotalBytes: 16 * 1024 * 1024 };
    await expect(scanDocument(inflateBombPdf(64), await shippedRules(), SETTINGS, () => {}, limits)).rejects.toThrow(
      /^refused: compressed streams inflate past 16 MB; not read/,
    );
    // Under the budget the same file is read (and its budget is the one archives draw on).
    await expect(scanDocument(inflateBombPdf(8), await shippedRules(), SETTINGS, () => {}, limits)).resolves.toMatchObject({ kind: 'pdf' });
  });

  it('the command reports the bomb as an error for that file (exit 2), never a clean', async () => {
    const { inflateBombPdf } = await hostileGenerator();
    const cwd = writeTree(dirs.make(), { 'bomb.pdf': inflateBombPdf(256) });
    const { code, report } = await scanJson(['bomb.pdf'], cwd);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([{ path: 'bomb.pdf', level: 'error', message: expect.stringMatching(/inflate past 200 MB; not read/) }]);
  });
});

describe('hostile fixture generator', () => {
  it('regenerates the committed fixtures byte for byte', () => {
    const out = dirs.make();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fixtures', 'html-pdf-zip.mjs'), out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const written = readdirSync(out);
    expect(written.length).toBeGreaterThan(0);
    for (const name of written) expect(readFileSync(join(out, name)).equals(readFileSync(join(HOSTILE, name)))).toBe(true);
  });
});
