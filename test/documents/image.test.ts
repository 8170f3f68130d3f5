/**
 * Pictures read by OCR (tesseract.js, offline): a worksheet photo's SSN found at its place in the
 * picture, pictures inside a zip and a Word document, a picture that cannot be decoded noted,
 * --no-ocr, and a draft with the picture attached. Few runs: each OCR start costs about a second.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, spawnCli, tempDirs } from '../cli/helpers.js';
import { extractDocument } from '../../src/documents/extract.js';
import { isImage } from '../../src/documents/image.js';
import { closeOcr } from '../../src/documents/image-ocr.js';
import { DEFAULT_LIMITS, newContext } from '../../src/documents/types.js';
import { describeLocation } from '../../src/documents/location.js';
import { FIXTURES, type Located } from './helpers.js';

const IMAGES = join(FIXTURES, 'images');
const OFFLINE = join(ROOT, 'test', 'documents', 'offline.cjs');
const dirs = tempDirs();
afterAll(async () => {
  dirs.cleanup();
  await closeOcr();
});

const findings = (stdout: string) => (JSON.parse(stdout) as { findings: Located[] }).findings;

describe('OCR of pictures', () => {
  it('a PNG worksheet: the SSN and plate found on their lines with their boxes, nothing fetched, nothing written', () => {
    const cwd = dirs.make();
    copyFileSync(join(IMAGES, 'worksheet.png'), join(cwd, 'worksheet.png'));
    // offline.cjs, preloaded into every thread (the OCR worker's too), throws on any network use.
    const r = spawnCli(['scan', '--format', 'json', 'worksheet.png'], { cwd, env: { NODE_OPTIONS: `--require ${OFFLINE}` } });
    expect(r.stderr).toContain('offline: loaded in worker thread');
    expect(r.stderr).not.toContain('attempted');
    expect(r.code).toBe(1);
    const ssn = findings(r.stdout).find((f) => f.entity === 'US_SSN');
    expect(ssn?.value).toBe('***-**-4391');
    expect(ssn?.location).toMatchObject({ kind: 'image', line: 3, box: { x: expect.any(Number), y: expect.any(Number), w: expect.any(Number), h: expect.any(Number) } });
    const box = ssn!.location!['box'] as { y: number; h: number };
    expect(box.y).toBeGreaterThan(120); // the third text row of the picture, drawn at y 170
    expect(box.y).toBeLessThan(175);
    expect(findings(r.stdout).map((f) => f.entity)).toContain('LICENSE_PLATE');
    // The model is read from node_modules and not cached: the current folder holds only the picture.
    expect(readdirSync(cwd)).toEqual(['worksheet.png']);
  });

  it('a JPEG, a picture in a zip and in a Word document (LibreOffice) are read; one that cannot be decoded is noted', () => {
    const r = spawnCli(['scan', '--format', 'json', 'worksheet.jpg', 'worksheet.zip', 'site-visit.docx', 'truncated.png'], { cwd: IMAGES });
    const ssns = findings(r.stdout).filter((f) => f.entity === 'US_SSN');
    expect(ssns.map((f) => `${f.path} ${describeLocation(f.location as never).replace(/ at x .*/, '')}`)).toEqual([
      'worksheet.jpg image line 3',
      'worksheet.zip entry worksheet.png → image line 3',
      'site-visit.docx entry word/media/image1.png → image line 3',
    ]);
    expect(r.stderr).toContain('truncated.png: image OCR could not read; not scanned');
    expect(r.code).toBe(1);
  });

  it('--no-ocr: pictures are notes, not scanned (exit 2 with --fail-on-skipped)', () => {
    const r = spawnCli(['scan', '--no-ocr', '--fail-on-skipped', 'worksheet.png', 'site-visit.docx'], { cwd: IMAGES });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('worksheet.png: image (--ocr never); not scanned');
    expect(r.stderr).toContain('site-visit.docx: entry word/media/image1.png: image (--ocr never); not scanned');
    expect(r.stdout).not.toContain('US_SSN');
  });

  it('check-message: the worksheet attached to a number not on the roster blocks on its SSN', () => {
    const r = spawnCli(['check-message', '--roster', join(ROOT, 'fixtures/guard/team.yaml'), '--channel', 'sms', '--to', '+1 415 555 2671', '--attach', 'worksheet.png', '-f', 'json'], {
      cwd: IMAGES,
      input: 'see the attached sheet\n',
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; findings: Array<{ entity: string; path: string }> };
    expect(out.verdict).toBe('block');
    expect(out.findings).toContainEqual(expect.objectContaining({ entity: 'US_SSN', path: 'worksheet.png' }));
  });
});

describe('the document deadline', () => {
  it('a picture still being read when the time is up is stopped with an error, and the engine ended', async () => {
    const ctx = newContext({ ...DEFAULT_LIMITS, maxMillis: 20 });
    const read = async () => {
      for await (const _ of extractDocument(readFileSync(join(IMAGES, 'worksheet.png')), ctx));
    };
    await expect(read()).rejects.toThrow('took longer than 0 s; stopped');
  });
});

describe('pictures told by their bytes', () => {
  const bytes = (...parts: Array<string | number[]>) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  it.each([
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n')],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['GIF', bytes('GIF89a')],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['BMP', bytes('BM', [0x36, 0x10, 0, 0], [0, 0, 0, 0], [0x36, 0, 0, 0], new Array<number>(16).fill(0))],
  ])('%s is a picture OCR reads', (_, head) => expect(isImage(head)).toBe(true));

  it.each([
    ['TIFF', bytes('II*\0')],
    ['HEIC', bytes([0, 0, 0, 0x18], 'ftypheic')],
  ])('%s is a picture read by decoding it first', (_, head) => expect(isImage(head)).toBe(true));

  it.each([
    ['AVIF (not read)', bytes([0, 0, 0, 0x18], 'ftypavif')],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['text starting BM', bytes('BMW 320i, plate 7XKD482, owner J. Doe')],
  ])('%s is not', (_, head) => expect(isImage(head)).toBe(false));
});
