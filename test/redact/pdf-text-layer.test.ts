/**
 * A page replaced by a picture keeps its text as an invisible layer, each value replaced by the
 * chosen style's text: `pdftotext` shows the words around the value and never the value, no stream
 * of the copy holds it, and the rescan reads the layer, so under --ocr never a redacted text PDF is
 * clean (exit 0). A page that painted a picture (a scan) is still read as one in the rescan.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import { collectInput, type ScanContext } from '../../src/run/scan-input.js';
import { DEFAULT_LIMITS } from '../../src/documents/types.js';
import { scanAndRedactPdf } from '../../src/redact/pdf/scan-and-redact.js';
import { redactedRuns } from '../../src/redact/pdf/text-layer.js';
import { everyStream } from '../helpers/pdf-streams.js';
import { itWith } from '../helpers/tools.js';

const withPdftotext = itWith(['pdftotext'], 'poppler-utils');

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let ctx: ScanContext;
beforeAll(async () => {
  ctx = { ruleSet: await shippedRules(), settings: SETTINGS, minConfidence: 0.5, allow: new Set(), structured: 'all', documentLimits: { ...DEFAULT_LIMITS, ocr: 'never' } };
});

const SSN = '536-22-4391';

/** A short page of text (too little to pass for more than a scan by its text alone) holding an SSN, and a rotated page. */
async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([400, 300]);
  page.drawText(`Claim holder SSN ${SSN} on file`, { x: 40, y: 200, size: 12, font });
  const turned = doc.addPage([400, 300]);
  turned.setRotation(degrees(90));
  turned.drawText(`Second copy SSN ${SSN} kept here`, { x: 40, y: 150, size: 12, font });
  return doc.save();
}

/** A page that paints a picture beside its text: a scan, whose picture the rescan must still read. */
async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const png = new PNG({ width: 300, height: 100 });
  png.data.fill(255);
  const image = await doc.embedPng(PNG.sync.write(png));
  const page = doc.addPage([400, 300]);
  page.drawImage(image, { x: 40, y: 40, width: 300, height: 100 });
  page.drawText(`SSN ${SSN}`, { x: 40, y: 200, size: 12, font });
  return doc.save();
}

function pdftotext(bytes: Uint8Array): string {
  const path = join(dirs.make(), 'copy.pdf');
  writeFileSync(path, bytes);
  const r = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

async function rescanNotes(bytes: Uint8Array): Promise<{ findings: number; notes: string[] }> {
  const r = await collectInput({ kind: 'file', path: 'copy.pdf', display: 'copy.pdf' }, [bytes], ctx);
  if (r.status !== 'scanned') throw new Error(`not scanned: ${r.status}`);
  return { findings: r.findings.length, notes: r.notes ?? [] };
}

describe('the text layer of a replaced page', () => {
  withPdftotext('pdftotext shows the text around the value, the mask in its place, and never the value; no stream holds it', async () => {
    const r = await scanAndRedactPdf(await textPdf(), ctx);
    expect(r.replacedPages).toEqual([1, 2]);
    const text = pdftotext(r.bytes);
    expect(text).toContain('Claim holder SSN ***-**-**** on file');
    expect(text).toContain('Second copy SSN ***-**-**** kept here');
    for (const shape of [SSN, SSN.replace(/-/g, '')]) {
      expect(text.replace(/\s+/g, '')).not.toContain(shape);
      expect(everyStream(r.bytes)).not.toContain(shape);
    }
    expect(r.notes[0]).toMatch(/^page 1: replaced by a picture .* its text is kept as an invisible layer/);
  });

  it('the rescan reads the layer and, for a page that painted no picture, does not take the picture as a scan', async () => {
    const r = await scanAndRedactPdf(await textPdf(), ctx);
    expect(await rescanNotes(r.bytes)).toEqual({ findings: 0, notes: [] });
  });

  it('a page that painted a picture is still read as a scan in the rescan (--ocr never: its picture is named as not scanned)', async () => {
    const r = await scanAndRedactPdf(await scannedPdf(), ctx);
    expect(r.replacedPages).toEqual([1]);
    const again = await rescanNotes(r.bytes);
    expect(again.findings).toBe(0);
    expect(again.notes).toContainEqual(expect.stringContaining('image 1: image (--ocr never); not scanned'));
  });
});

describe('redact --ocr never on a text PDF', () => {
  withPdftotext('exits 0: the copy rescans clean without OCR, with the chosen style in its text', async () => {
    const cwd = writeTree(dirs.make(), { 'in/claim.pdf': await textPdf() });
    const r = await runCli(['redact', '--no-config', '--ocr', 'never', '--style', 'placeholder', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).not.toContain('not read');
    expect(r.code).toBe(0);
    const copy = readFileSync(join(cwd, 'safe/claim.pdf'));
    expect(pdftotext(copy)).toContain('Claim holder SSN [US_SSN] on file');
    expect(r.stderr + r.stdout).not.toContain(SSN);
  });
});

describe('redactedRuns', () => {
  const item = (str: string, x: number) => ({ str, transform: [12, 0, 0, 12, x, 100], width: str.length * 6, height: 12, dir: 'ltr', fontName: 'f' });

  it('a value drawn as two pieces leaves its replacement in the first and nothing of itself in the second', () => {
    const items = [item('SSN 536-2', 40), item('2-4391 ok', 94)];
    const start = 'SSN '.length;
    const runs = redactedRuns(items, [{ start, end: start + SSN.length, replacement: '[US_SSN]' }], [1, 0, 0, 1, 0, 0]);
    expect(runs.map((r) => r.str)).toEqual(['SSN [US_SSN]', ' ok']);
    expect(runs[1]!.matrix).toEqual([12, 0, 0, 12, 94, 100]);
  });
});
