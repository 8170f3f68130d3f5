/**
 * Redacting pictures: a box burnt over each finding's own box, same format and size, metadata
 * (EXIF GPS) gone; `redact` on the worksheet (PNG, the MMS JPEG, a GPS photo) writes copies that
 * rescan clean with pii-scan and with the Debian `tesseract` CLI; formats it cannot write are
 * refused, the file untouched. Read in this process: one OCR engine for the file.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { runCli, tempDirs } from '../cli/helpers.js';
import { FIXTURES, scanJson } from '../documents/helpers.js';
import { closeOcr } from '../../src/documents/image-ocr.js';
import { burn, ImageRedactionError, redactImage } from '../../src/redact/image.js';

// OCR on a machine shared with other runs: a generous limit per test, well past the usual seconds.
jest.setTimeout(240_000);

const PICTURES = join(FIXTURES, 'pictures');
const dirs = tempDirs();
afterAll(async () => {
  dirs.cleanup();
  await closeOcr();
});

const png = (width: number, height: number) => {
  const p = new PNG({ width, height });
  p.data.fill(255);
  return PNG.sync.write(p);
};

describe('redactImage', () => {
  it('burns each box (with its margin) opaque black, leaves the rest, keeps format and size', async () => {
    const out = await redactImage(png(60, 40), [{ x: 10, y: 10, w: 20, h: 10 }], { margin: 0 });
    const back = PNG.sync.read(Buffer.from(out));
    expect([back.width, back.height]).toEqual([60, 40]);
    const at = (x: number, y: number) => [...back.data.subarray((y * 60 + x) * 4, (y * 60 + x) * 4 + 4)];
    expect(at(10, 10)).toEqual([0, 0, 0, 255]);
    expect(at(29, 19)).toEqual([0, 0, 0, 255]);
    expect(at(30, 19)).toEqual([255, 255, 255, 255]);
    expect(at(9, 10)).toEqual([255, 255, 255, 255]);
  });

  it('a box past the edge is clipped to the picture', () => {
    const pixels = { width: 4, height: 4, data: new Uint8Array(64).fill(255) };
    expect([...burn(pixels, [{ x: 2, y: 2, w: 10, h: 10 }], 0).data.subarray(60)]).toEqual([0, 0, 0, 255]);
  });

  it("a JPEG stays a JPEG of its size, without the original's EXIF GPS", async () => {
    const photo = readFileSync(join(PICTURES, 'photo-gps.jpg'));
    expect(photo.includes('Exif')).toBe(true);
    const out = Buffer.from(await redactImage(photo, [{ x: 0, y: 0, w: 10, h: 10 }]));
    expect([out[0], out[1]]).toEqual([0xff, 0xd8]);
    expect(out.includes('Exif')).toBe(false);
    const [before, after] = [jpeg.decode(photo), jpeg.decode(out)];
    expect([after.width, after.height]).toEqual([before.width, before.height]);
  });

  it('refuses a format it cannot write', async () => {
    await expect(redactImage(readFileSync(join(PICTURES, 'worksheet.heic')), [])).rejects.toThrow(ImageRedactionError);
  });
});

describe('pii-scan redact on pictures', () => {
  const FILES = ['worksheet-form.png', 'worksheet-mms.jpg', 'photo-gps.jpg'];

  it('--out-dir: each copy has every finding boxed out and rescans clean; the originals are untouched', async () => {
    const cwd = dirs.make();
    for (const f of FILES) copyFileSync(join(PICTURES, f), join(cwd, f));
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', ...FILES], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of FILES) {
      expect(r.stdout).toMatch(new RegExp(`${f.replace('.', '\\.')}: \\d+ redacted \\(.*US_SSN 1.*\\) → safe/${f.replace('.', '\\.')}`));
      expect(readFileSync(join(cwd, f)).equals(readFileSync(join(PICTURES, f)))).toBe(true);
    }
    expect(r.stdout).toContain('GEO_COORDINATE 1');
    const rescan = await scanJson(FILES.map((f) => join('safe', f)), cwd, ['--no-config']);
    expect(rescan.report.findings).toEqual([]);
    expect(rescan.code).toBe(0);

    const tesseract = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
    if (tesseract.error) {
      process.stderr.write('skipped: the tesseract CLI is not installed (apt-get install tesseract-ocr): redacted pictures not checked with it\n');
      return;
    }
    for (const f of FILES) {
      const read = spawnSync('tesseract', [join(cwd, 'safe', f), '-'], { encoding: 'utf8' });
      expect(read.status).toBe(0);
      expect(read.stdout).toContain('Vehicle plate'); // it read the picture, and the values are gone:
      for (const value of ['4391', 'D4829173', '7XKD482', '1981']) expect([f, read.stdout.includes(value)]).toEqual([f, false]);
      const scanned = await runCli(['scan', '--no-config', '-'], { cwd, stdin: Buffer.from(read.stdout) });
      expect([f, scanned.code]).toEqual([f, 0]);
    }
  });

  it('a scanned PDF: the page becomes a picture with a box over each value OCR found, where the page paints it; rescans clean', async () => {
    const cwd = dirs.make();
    copyFileSync(join(PICTURES, 'worksheet-scan.pdf'), join(cwd, 'scan.pdf'));
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'scan.pdf'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan\.pdf: \d+ redacted \(.*US_SSN 1.*\) → safe\/scan\.pdf/);
    const rescan = await scanJson([join('safe', 'scan.pdf')], cwd, ['--no-config']);
    expect(rescan.report.findings).toEqual([]);
    expect(rescan.code).toBe(0);
    const render = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(cwd, 'safe', 'scan.pdf'), join(cwd, 'page')]);
    const tesseract = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
    if (render.error || tesseract.error) {
      process.stderr.write('skipped: pdftoppm or the tesseract CLI is not installed: the redacted scan not checked with them\n');
      return;
    }
    const read = spawnSync('tesseract', [join(cwd, 'page.png'), '-'], { encoding: 'utf8' });
    expect(read.stdout).toContain('Vehicle plate');
    for (const value of ['4391', 'D4829173', '7XKD482', '1981']) expect(read.stdout.includes(value)).toBe(false);
  }, 240_000);

  it('--in-place replaces the picture with its redacted copy; a HEIC is refused and left as it was', async () => {
    const cwd = dirs.make();
    copyFileSync(join(PICTURES, 'worksheet-mms.jpg'), join(cwd, 'mms.jpg'));
    copyFileSync(join(PICTURES, 'worksheet.heic'), join(cwd, 'photo.heic'));
    const r = await runCli(['redact', '--no-config', '--in-place', 'mms.jpg', 'photo.heic'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('photo.heic: not redacted: HEIC pictures cannot be redacted (PNG and JPEG can): convert it to PNG first');
    expect(readFileSync(join(cwd, 'photo.heic')).equals(readFileSync(join(PICTURES, 'worksheet.heic')))).toBe(true);
    expect(readFileSync(join(cwd, 'mms.jpg')).equals(readFileSync(join(PICTURES, 'worksheet-mms.jpg')))).toBe(false);
    expect((await scanJson(['mms.jpg'], cwd, ['--no-config'])).report.findings).toEqual([]);
  });
});
