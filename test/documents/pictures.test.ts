/**
 * The Field Operations Worksheet as pictures travel (scripts/fixtures/pictures.sh): clean, as a
 * 640 px MMS JPEG at quality 40, a turned noisy phone photo, HEIC, 16-bit TIFF and a two-page fax,
 * in a Word document and an email; its SSN, plate, date of birth and licence number are found,
 * each at its own box. A picture too small to read is not readable, never clean; --ocr never
 * notes each picture. Read in this process: one OCR engine for the file, and its cache.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempDirs } from '../cli/helpers.js';
import { closeOcr } from '../../src/documents/image-ocr.js';
import { FIXTURES, scanJson } from './helpers.js';

// OCR on a machine shared with other runs: a generous limit per test, well past the usual seconds.
jest.setTimeout(240_000);

const PICTURES = join(FIXTURES, 'pictures');
const dirs = tempDirs();
afterAll(async () => {
  dirs.cleanup();
  await closeOcr();
});

const WORKSHEET = ['US_SSN', 'LICENSE_PLATE', 'DATE_OF_BIRTH', 'US_DRIVER_LICENSE'];

describe('the worksheet in pictures', () => {
  it.each(['worksheet-form.png', 'worksheet-mms.jpg', 'worksheet-photo.jpg', 'worksheet.heic', 'worksheet.tiff', 'worksheet-report.docx', 'worksheet-mms.eml', 'worksheet-scan.pdf', 'sms-backup-mms.xml'])(
    '%s: SSN, plate, date of birth and licence number found',
    async (file) => {
      const { code, report } = await scanJson([file], PICTURES);
      expect(code).toBe(1);
      const entities = new Set(report.findings.map((f) => f.entity));
      for (const e of WORKSHEET) expect([file, e, entities.has(e)]).toEqual([file, e, true]);
    },
  );

  it('each finding has the box of its own words, not of its line', async () => {
    const { report } = await scanJson(['--show-values', 'worksheet-form.png'], PICTURES);
    const at = (entity: string) => report.findings.find((f) => f.entity === entity)!.location as unknown as { box: { x: number; y: number; w: number; h: number } };
    const ssn = at('US_SSN').box;
    const licence = at('US_DRIVER_LICENSE').box;
    // Drawn at x 55..~370 (SSN 536-22-4391, the value from about 140) and 655.. (DL D4829173), both at y 355..390.
    expect(ssn.x).toBeGreaterThan(100);
    expect(ssn.x + ssn.w).toBeLessThan(420);
    expect(licence.x).toBeGreaterThan(700);
    expect(ssn.y).toBeGreaterThan(340);
    expect(ssn.y + ssn.h).toBeLessThan(400);
  });

  it("a fax's pages are each read: the worksheet on page 2", async () => {
    const { report, stderr } = await scanJson(['worksheet-fax.tiff'], PICTURES);
    expect(stderr).toBe('');
    const ssn = report.findings.find((f) => f.entity === 'US_SSN');
    expect(ssn?.location?.description).toMatch(/^image page 2 line \d+ at x/);
  });

  it('a thumbnail under 500 px wide is not readable: not scanned, exit 2 with --fail-on-skipped', async () => {
    const { code, stderr } = await scanJson(['--fail-on-skipped', 'worksheet-thumb.png'], PICTURES);
    expect(stderr).toContain('worksheet-thumb.png: image too small to read (400 px wide, under 500); not scanned');
    expect(code).toBe(2);
  });

  it('--ocr never: each picture noted, the gate fails with --fail-on-skipped', async () => {
    const { code, stderr, report } = await scanJson(['--ocr', 'never', '--fail-on-skipped', 'worksheet.heic', 'worksheet-mms.eml'], PICTURES);
    expect(stderr).toContain('worksheet.heic: image (--ocr never); not scanned');
    expect(stderr).toContain('worksheet-mms.eml: attachment IMG_0412.jpg: image (--ocr never); not scanned');
    expect(report.findings.filter((f) => f.entity === 'US_SSN')).toEqual([]);
    expect(code).toBe(2);
  });
});

describe('where the worksheet sits', () => {
  it('a scanned PDF page: image 1 of page 1, at its box; --ocr never notes the page image (exit 2 with --fail-on-skipped)', async () => {
    const { report } = await scanJson(['worksheet-scan.pdf'], PICTURES);
    expect(report.findings.find((f) => f.entity === 'US_SSN')?.location?.description).toMatch(/^image 1 of page 1 line \d+ at x \d+, y \d+ \(\d+×\d+ px\)$/);
    const never = await scanJson(['--ocr', 'never', '--fail-on-skipped', 'worksheet-scan.pdf'], PICTURES);
    expect(never.stderr).toContain('worksheet-scan.pdf: page 1: image 1: image (--ocr never); not scanned');
    expect(never.code).toBe(2);
  });

  it('an MMS in an SMS backup: MMS part 2', async () => {
    const { report } = await scanJson(['sms-backup-mms.xml'], PICTURES);
    expect(report.findings.find((f) => f.entity === 'US_SSN')?.location?.description).toMatch(/^message 1 \(.+\), MMS part 2 IMG_0412\.jpg → image line \d+ at x/);
  });

  it("a photo's EXIF GPS coordinates are location data, found with OCR off too", async () => {
    const { report } = await scanJson(['--ocr', 'never', 'photo-gps.jpg'], PICTURES);
    expect(report.findings.map((f) => [f.entity, f.location?.description])).toEqual([['GEO_COORDINATE', 'image EXIF GPS']]);
  });
});

describe('offline', () => {
  it('reads a picture with no network at all (unshare -n), writing nothing beside it', () => {
    const probe = spawnSync('unshare', ['-n', 'true']);
    if (probe.error || probe.status !== 0) {
      process.stderr.write('skipped: unshare -n is not available here (needs a user namespace): the offline.cjs test in image.test.ts still holds\n');
      return;
    }
    const cwd = dirs.make();
    copyFileSync(join(PICTURES, 'worksheet-mms.jpg'), join(cwd, 'mms.jpg'));
    const r = spawnSync('unshare', ['-n', process.execPath, BIN, 'scan', '--format', 'json', 'mms.jpg'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: Array<{ entity: string }> }).findings.map((f) => f.entity)).toContain('US_SSN');
    expect(readdirSync(cwd)).toEqual(['mms.jpg']);
  });
});

describe('the OCR cache', () => {
  it('the same picture met again in a run is not read again: its reading is shared', async () => {
    const { readImageText } = await import('../../src/documents/image-ocr.js');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(join(PICTURES, 'worksheet-mms.jpg'));
    const first = readImageText(bytes);
    expect(readImageText(Uint8Array.from(bytes))).toBe(first);
    expect((await first).length).toBeGreaterThan(5);
  });
});
