/**
 * `redact` on documents: the Done-when loop. Every document fixture the repo has (its own,
 * the producer variants, the hostile ones, PDFs; not the pictures, whose OCR would make this test
 * take minutes: image.test.ts and pictures.test.ts redact them) goes through one `redact --out-dir`
 * without OCR (a picture inside a document is named as not read, a PDF page that became a picture
 * is not read back; the PDF-in-a-zip test below and image.test.ts read them back by OCR):
 * each comes out as a copy, or as an error that names its kind, or as an input named as not read;
 * never a missing file. The copies of Office, zip, email and text fixtures have nothing left at the
 * threshold, their other text unchanged, and open with the standard tools (PDF copies are checked
 * page by page in pdf-redact.test.ts, pictures in image.test.ts). The original is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { inflateEntry, readZipDirectory } from '../../src/documents/zip.js';
import PostalMime from 'postal-mime';
import { extractDocument } from '../../src/documents/extract.js';
import { scanSegment } from '../../src/documents/scan-document.js';
import { DEFAULT_LIMITS, newContext, type Segment } from '../../src/documents/types.js';
import { readXml } from '../../src/documents/xml.js';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import { readStoredZip } from '../../src/redact/documents/zip-write.js';
import { runCli, spawnCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES } from '../documents/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Every document fixture but the pictures (see above). */
const EVERY = walk(FIXTURES).filter((p) => !/^(images|pictures)\//.test(relative(FIXTURES, p)));
/** Those whose copies are compared here by their text: PDFs and pictures (read back by OCR) are compared in their own tests. */
const DOCUMENTS = EVERY.filter((p) => /\.(docx|xlsx|pptx|zip|eml|html|csv|tsv|json|xml|txt)$/.test(p) && !/images\/|pictures\/|whatsapp-ios/.test(p));
/** The fixtures redact refuses, with the words that name why (a PDF it cannot read). Everything else must come out as a copy or as an input not read. */
const REFUSED: Record<string, RegExp> = {
  'encrypted.pdf': /not redacted: encrypted \(password-protected\) PDF/,
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** Every entry's contents, as the reader inflates them (the directory's entries and any only a local header names). */
function contents(zip: Uint8Array): Map<string, Uint8Array> {
  const ctx = newContext();
  return new Map(readZipDirectory(zip, ctx).map((e) => [e.name, inflateEntry(zip, e, ctx)]));
}

function copyFixtures(paths: readonly string[]): string {
  const cwd = dirs.make();
  for (const p of paths) {
    const to = join(cwd, 'in', relative(FIXTURES, p));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(p, to);
  }
  return cwd;
}

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});
const THRESHOLD = 0.5; // the default --min-confidence, as redact uses

/**
 * Each segment's text with the spans of its findings at the threshold blanked. A number cell is
 * read as shown and then as stored, at one location: only what it shows is compared (its stored
 * number goes when it held a value, see office.ts).
 */
async function textOutsideFindings(bytes: Uint8Array, name: string): Promise<string[]> {
  const out: string[] = [];
  let last = '';
  const format = /\.html?$/.test(name) ? 'html' : /\.json$/.test(name) ? 'json' : undefined;
  // Text OCR reads in a picture is not compared: burnt boxes change how the words around them read (the rescan checks pictures).
  for await (const seg of extractDocument(bytes, newContext({ ...DEFAULT_LIMITS, ocr: 'never' }), format, name) as AsyncGenerator<Segment>) {
    const at = JSON.stringify(seg.location);
    if (at === last && seg.location.kind === 'xlsx') continue;
    last = at;
    const units = seg.text.split('');
    scanSegment(seg, rules, SETTINGS, (f) => {
      if (f.confidence < THRESHOLD) return;
      for (let i = f.index; i < f.index + f.value.length; i++) units[i] = '\u0000';
    });
    out.push(units.join('').replace(/\u0000+/g, '\u0000'));
  }
  return out;
}

describe('redact --out-dir over every document fixture', () => {
  const cwd = copyFixtures(EVERY);
  let result: Awaited<ReturnType<typeof runCli>>;
  const outputs = () => walk(join(cwd, 'safe'));
  const lines = (kind: string) => result.stderr.split('\n').filter((l) => l.startsWith(`pii-scan: ${kind}: in/`));

  it('every input is a copy, an error naming its kind, or an input named as not read: never a missing file; exit 2 for those', async () => {
    // Placeholders, so the text around each value can be compared below. Without OCR: what is proved here
    // is the text (see above); each picture is named as not read instead, and the exit stays 2.
    result = await runCli(['redact', '--no-config', '--style', 'placeholder', '--ocr', 'never', '--out-dir', 'safe', 'in'], { cwd });
    const errors = new Map(lines('error').map((l) => [l.slice('pii-scan: error: in/'.length, l.indexOf(': not redacted')), l]));
    expect([...errors.keys()].sort()).toEqual(Object.keys(REFUSED).sort());
    for (const [name, why] of Object.entries(REFUSED)) expect(errors.get(name)).toMatch(why);
    // Inputs not read at all (a picture OCR cannot read, one too small) have no copy; parts not read are named in their file.
    const unread = lines('not read').filter((l) => l.endsWith('; not redacted')).map((l) => l.slice('pii-scan: not read: in/'.length, l.indexOf(': ', 'pii-scan: not read: in/'.length)));
    const copies = outputs().map((p) => relative(join(cwd, 'safe'), p));
    expect([...copies, ...errors.keys(), ...unread].sort()).toEqual(EVERY.map((p) => relative(FIXTURES, p)).sort());
    expect(copies.length).toBe(EVERY.length - errors.size - unread.length);
    expect(result.code).toBe(2);
    // Every input whose copy was written is there, under its own name.
    for (const p of DOCUMENTS) expect(copies).toContain(relative(FIXTURES, p));
  }, 900_000);

  it('notes about copies are notes; parts not read are named with their place, and none of it shows a value', () => {
    expect(lines('note').length).toBeGreaterThan(0);
    expect(lines('not read')).toContainEqual(expect.stringContaining('in/bundle.zip: entry exports/blob.bin: binary file'));
    // A picture left unread for --ocr never is named, in its place, and still counts as not read.
    expect(lines('not read')).toContainEqual(expect.stringContaining('in/exports/whatsapp-ios.zip: entry 00000012-PHOTO-2023-12-31-21-41-07.jpg: image (--ocr never)'));
    expect(result.stderr + result.stdout).not.toMatch(/536-22-4391|\b536224391\b/);
  });

  it('scan finds nothing in the copies at the threshold', async () => {
    const r = await runCli(['scan', '--no-config', '--no-ocr', '--no-fail-on-skipped', '--format', 'json', 'safe'], { cwd });
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('every PDF copy opens in pdftotext', () => {
    for (const p of outputs().filter((o) => o.endsWith('.pdf'))) {
      const t = spawnSync('pdftotext', [p, '-'], { encoding: 'utf8' });
      if (t.error) return; // poppler-utils is not installed here
      expect({ p, status: t.status }).toEqual({ p, status: 0 });
    }
  });

  it('the text outside the findings is unchanged', async () => {
    // An entry only a local header names is left out of the copy, and the run says so.
    expect(result.stderr).toContain('in/hostile/local-only.zip: 69 bytes outside the archive\'s listed entries');
    for (const p of DOCUMENTS.filter((d) => !d.endsWith('local-only.zip'))) {
      const rel = relative(FIXTURES, p);
      const before = await textOutsideFindings(readFileSync(p), basename(p));
      const after = await textOutsideFindings(readFileSync(join(cwd, 'safe', rel)), basename(p));
      // Where a value was, its placeholder is. An email part in a charset that cannot be written back is
      // declared UTF-8, and a 7bit one becomes base64 (see eml.ts): those two header values may change.
      const charset = (t: string) => (p.endsWith('.eml') ? t.replace(/charset=("?)[^";\s]+\1/gi, 'charset=*').replace(/^(7bit|base64)$/i, '*') : t);
      const blank = (s: string[]) => s.map((t) => charset(t).replace(/\[[A-Z_]+\]/g, '\u0000').replace(/\u0000+/g, '\u0000'));
      expect({ rel, text: blank(after) }).toEqual({ rel, text: blank(before) });
    }
  });

  it('every zip and Office copy passes unzip -t, every part still parses, and untouched entries are stored byte for byte', () => {
    for (const p of outputs().filter((o) => /\.(docx|xlsx|pptx|zip)$/.test(o))) {
      const t = spawnSync('unzip', ['-tq', p], { encoding: 'utf8' });
      if (t.error) return; // no unzip here: the byte checks below still run for the rest
      expect({ p, status: t.status }).toEqual({ p, status: 0 });
      const original = readStoredZip(readFileSync(join(cwd, 'in', relative(join(cwd, 'safe'), p))));
      const copy = readStoredZip(readFileSync(p));
      const before = contents(readFileSync(join(cwd, 'in', relative(join(cwd, 'safe'), p))));
      const after = contents(readFileSync(p));
      // The listed entries, in their order (an entry only a local header names is not listed).
      expect(copy.entries.map((e) => e.name)).toEqual(original.entries.map((e) => e.name));
      for (const e of copy.entries) {
        const was = original.entries.find((o) => o.name === e.name)!;
        // An entry whose contents did not change is stored as it was: same compressed bytes, same headers.
        if (Buffer.from(before.get(e.name)!).equals(Buffer.from(after.get(e.name)!))) expect({ p, entry: e.name, same: Buffer.from(e.local).equals(Buffer.from(was.local)) }).toEqual({ p, entry: e.name, same: true });
        else if (/\.(xml|rels)$/.test(e.name)) expect({ p, entry: e.name, problem: readXml(strFromU8(after.get(e.name)!), {}) }).toEqual({ p, entry: e.name, problem: undefined });
      }
    }
  });

  it('postal-mime parses every email copy, with its attachments', async () => {
    for (const p of outputs().filter((o) => o.endsWith('.eml'))) {
      const original = await PostalMime.parse(readFileSync(join(cwd, 'in', relative(join(cwd, 'safe'), p))));
      const copy = await PostalMime.parse(readFileSync(p));
      expect(copy.attachments.map((a) => a.filename)).toEqual(original.attachments.map((a) => a.filename));
      expect(copy.headers.map((h) => h.key)).toEqual(original.headers.map((h) => h.key));
    }
  });

  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  (soffice.status === 0 ? it : it.skip)('LibreOffice opens a copy of each Office kind (soffice --convert-to pdf)', () => {
    // One per kind (LibreOffice is slow): its own files, which it is sure to open, redacted in several parts each.
    const chosen = ['producers/libreoffice.docx', 'producers/libreoffice.xlsx', 'producers/libreoffice.pptx'];
    // One flat folder of originals and copies, each name unique with its extension kept in it (a.docx and
    // a.xlsx would make one a.pdf), converted by one soffice (its start is most of its time).
    const flat = dirs.make();
    for (const folder of ['in', 'safe']) for (const c of chosen) copyFileSync(join(cwd, folder, c), join(flat, `${folder}-${c.replace(/[/.]/g, '-')}${c.slice(c.lastIndexOf('.'))}`));
    const out = dirs.make();
    spawnSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...readdirSync(flat).map((n) => join(flat, n))], { timeout: 480_000 });
    const converted = (folder: string) => readdirSync(out).filter((n) => n.startsWith(`${folder}-`) && n.endsWith('.pdf')).map((n) => n.slice(folder.length + 1)).sort();
    const originals = converted('in');
    expect(originals.length).toBe(chosen.length);
    expect(converted('safe')).toEqual(originals);
  }, 600_000);
  if (soffice.status !== 0) it.todo('LibreOffice is not installed here: the copies were not opened in it');
});

/** A DOCX with one paragraph of runs. */
function docx(runs: string[]): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const body = runs.map((t) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body><w:p>${body}</w:p></w:body></w:document>`),
  });
}

function part(bytes: Uint8Array, name: string): string {
  const cwd = dirs.make();
  writeTree(cwd, { 'x.zip': bytes });
  return spawnSync('unzip', ['-p', join(cwd, 'x.zip'), name], { encoding: 'utf8' }).stdout;
}

describe('Office parts', () => {
  it('a value split over runs is masked across them, each run keeping its share', async () => {
    const cwd = writeTree(dirs.make(), { 'split.docx': docx(['Case SSN 536-2', '2-43', '91 closed']) });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'split.docx'], { cwd });
    expect(r.code).toBe(0);
    const xml = part(readFileSync(join(cwd, 'safe/split.docx')), 'word/document.xml');
    // The mask keeps an SSN's last four.
    expect(xml).toContain('>Case SSN ***-*</w:t>');
    expect(xml).toContain('>*-43</w:t>');
    expect(xml).toContain('>91 closed</w:t>');
    expect(readXml(xml, {})).toBeUndefined();
  });

  it('a placeholder goes into the first run and the other runs give up their share', async () => {
    const cwd = writeTree(dirs.make(), { 'split.docx': docx(['Case SSN 536-2', '2-43', '91 closed']) });
    expect((await runCli(['redact', '--no-config', '--style', 'placeholder', '--out-dir', 'safe', 'split.docx'], { cwd })).code).toBe(0);
    const xml = part(readFileSync(join(cwd, 'safe/split.docx')), 'word/document.xml');
    expect(xml).toContain('>Case SSN [US_SSN]</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve"></w:t>');
    expect(xml).toContain('> closed</w:t>');
  });

  it('a number cell shown as an SSN becomes a text cell showing its mask, other cells as they were', async () => {
    const cwd = copyFixtures([join(FIXTURES, 'producers/number-format.xlsx')]);
    expect((await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd })).code).toBe(0);
    const sheet = part(readFileSync(join(cwd, 'safe/producers/number-format.xlsx')), 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<c r="B2" s="1" t="inlineStr"><is><t xml:space="preserve">***-**-4391</t></is></c>');
    expect(sheet).toContain('<c r="C2" s="2"><v>1234.5</v></c>');
    // The date of birth (a date serial shown as a date) shows its mask, and its serial is gone.
    expect(sheet).toMatch(/<c r="D2" s="3" t="inlineStr"><is><t xml:space="preserve">[*\/-]+<\/t><\/is><\/c>/);
    expect(sheet).not.toContain('536224391');
    expect(sheet).not.toContain('29688');
  });
});

describe('HTML keeps its structure', () => {
  it('values written with character references or across inline elements are rewritten where they are; tags and other references stay', async () => {
    const cwd = copyFixtures([join(FIXTURES, 'hostile/entities.html'), join(FIXTURES, 'hostile/split-inline.html')]);
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const entities = readFileSync(join(cwd, 'safe/hostile/entities.html'), 'utf8');
    expect(entities).toContain('<p>Applicant&NewLine;SSN&colon;&nbsp;***-**-4391</p>');
    expect(entities).toContain('<p>Contact *.*****@******-****.*** for the file.</p>');
    const split = readFileSync(join(cwd, 'safe/hostile/split-inline.html'), 'utf8');
    expect(split).toContain('<p>Applicant SSN ***<span class="sep">-**-</span><b>4391</b> on file.</p>');
    expect(split).toContain('<p>Call (***) <font color="red">***</font>-<em>2671</em> after hours.</p>');
    const rescan = await runCli(['scan', '--no-config', '--format', 'json', 'safe'], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
  });
});

describe('message exports', () => {
  it('a phone backup: message text rewritten in its attributes, a DOCX an MMS carries redacted in its base64 data', async () => {
    const doc = Buffer.from(docx(['Case SSN 536-22-4391'])).toString('base64');
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<smses count="2">\n' +
      '<sms address="+12136210002" date="1703972880000" body="SSN 671-03-2298 as asked" contact_name="(Unknown)" />\n' +
      `<mms address="+12136210002" date="1703972940000"><parts><part seq="0" ct="application/vnd.openxmlformats-officedocument.wordprocessingml.document" name="intake.docx" data="${doc}" /></parts></mms>\n` +
      '</smses>\n';
    const cwd = writeTree(dirs.make(), { 'in/sms-backup.xml': xml });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = readFileSync(join(cwd, 'safe/sms-backup.xml'), 'utf8');
    expect(out).toContain('body="SSN ***-**-2298 as asked"');
    const data = /data="([^"]*)"/.exec(out)![1]!;
    expect(part(Buffer.from(data, 'base64'), 'word/document.xml')).toContain('>Case SSN ***-**-4391</w:t>');
    const rescan = await runCli(['scan', '--no-config', '--format', 'json', 'safe'], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
  });

  it('a chat export: a sender written with bidi marks and a non-breaking hyphen is rewritten as stored', async () => {
    const cwd = copyFixtures([join(FIXTURES, 'exports/whatsapp-ios.txt')]);
    expect((await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd })).code).toBe(0);
    const out = readFileSync(join(cwd, 'safe/exports/whatsapp-ios.txt'), 'utf8');
    expect(out).toContain('\u202a+* (***) ***\u20112671\u202c: use ***-**-2298');
    const rescan = await runCli(['scan', '--no-config', '--format', 'json', 'safe'], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
  });
});

describe('kinds without a redactor, and what the run says', () => {
  it('a PDF with findings is redacted on its own and inside a zip (its pages become pictures); an entry named after a value is named masked', async () => {
    // One page of three holds values: one page to draw and read back by OCR per copy.
    const pdf = readFileSync(join(FIXTURES, 'redact-pdf', 'libreoffice.pdf'));
    const cwd = writeTree(dirs.make(), { 'in/report.pdf': pdf, 'in/bundle.zip': zipSync({ 'scan/536-22-4391.pdf': pdf }) });
    // The built CLI, spawned: reading the page back by OCR is far slower in this process, under jest's module loader.
    const r = spawnCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd, timeout: 280_000 });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).not.toContain('536-22');
    expect(readdirSync(join(cwd, 'safe')).sort()).toEqual(['bundle.zip', 'report.pdf']);
    const rescan = await runCli(['scan', '--no-config', '--ocr', 'never', '--no-fail-on-skipped', '--format', 'json', 'safe'], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
    expect(readFileSync(join(cwd, 'in/report.pdf')).equals(pdf)).toBe(true);
  }, 300_000);

  it('a document that cannot be read (an encrypted Office file) is refused by name, exit 2, the original left as it was', async () => {
    // The OLE compound-file signature: what password-protected Office files are stored in.
    const cfb = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048, 7)]);
    const cwd = writeTree(dirs.make(), { 'in/locked.docx': cfb });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('in/locked.docx: not redacted: encrypted');
    expect(readFileSync(join(cwd, 'in/locked.docx')).equals(cfb)).toBe(true);
  });

  it('--dry-run names each place in the document, masked, and writes nothing', async () => {
    const cwd = copyFixtures([join(FIXTURES, 'roster.xlsx')]);
    const r = await runCli(['redact', '--no-config', '--dry-run', 'in/roster.xlsx'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(sheet Targets, cell C7)  US_SSN  → ***-**-');
    expect(r.stdout).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(readdirSync(join(cwd, 'in'))).toEqual(['roster.xlsx']);
  });

  it('an email: headers, quoted-printable and base64 parts are rewritten in their encodings, the attachment by its format', async () => {
    const cwd = copyFixtures([join(FIXTURES, 'email/python-draft.eml')]);
    expect((await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd })).code).toBe(0);
    const raw = readFileSync(join(cwd, 'safe/email/python-draft.eml'), 'latin1');
    // Encoded words without a value are kept as written.
    expect(raw).toContain('Subject: Hoja de operaciones =?utf-8?b?4oCTIG1hw7FhbmEg4oCT?= SSN ***-**-4391\n');
    const mail = await PostalMime.parse(readFileSync(join(cwd, 'safe/email/python-draft.eml')));
    expect(mail.html).toContain('sujeto SSN ***-**-4391, placa');
    expect(mail.html).toContain('<!-- anterior: SSN ***-**-2298 -->');
    const text = mail.attachments.find((a) => a.filename === 'worksheet.txt')!;
    // Still latin1 (ISO-8859-1), and still base64.
    expect(Buffer.from(text.content as ArrayBuffer).toString('latin1')).toBe('Hoja: sujeto SSN ***-**-4391, résumé adjunto\n');
  });
});
