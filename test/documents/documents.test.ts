/**
 * Documents: every planted value in the generated fixtures is found at the right location, in
 * every report format; zip bombs, corrupt and encrypted files are refused per file while the
 * rest are scanned; redact refuses documents; plain text is unchanged.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES, scanJson, type Located } from './helpers.js';
import { scanDocument, type LocatedFinding } from '../../src/documents/scan-document.js';
import { DEFAULT_LIMITS } from '../../src/documents/types.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import { validateSarif } from '../report/sarif-schema.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

function where(findings: Located[], entity: string): string[] {
  return findings.filter((f) => f.entity === entity).map((f) => f.location?.description ?? '(none)');
}

describe('DOCX', () => {
  it('finds body, table, tracked insertion and deletion, header, footnote, comment and properties', async () => {
    const { code, report } = await scanJson(['brief.docx']);
    expect(code).toBe(1);
    const f = report.findings;
    expect(where(f, 'US_SSN')).toEqual(['paragraph 3', 'tracked deletion by A. Editor, paragraph 8', 'property creator', 'property Case SSN']);
    expect(where(f, 'PHONE_NUMBER')).toEqual(['table 1 row 2 cell 2, paragraph 7']);
    expect(where(f, 'LICENSE_PLATE')).toEqual(['paragraph 8']);
    expect(where(f, 'DATE_OF_BIRTH')).toEqual(['header, paragraph 1']);
    expect(where(f, 'EMAIL_ADDRESS')).toEqual(['footnote, paragraph 1', 'comment by J. Doe, paragraph 3']);
    expect(where(f, 'DOCUMENT_MARKING')).toEqual(['paragraph 2', 'property title']);
    const ssn = f.find((x) => x.entity === 'US_SSN')!;
    expect(ssn).toMatchObject({ line: 1, column: 14, value: '***-**-4391' });
    expect(ssn.location).toMatchObject({ kind: 'docx', part: 'body', paragraph: 3 });
    const comment = f.find((x) => x.location?.['part'] === 'comment')!;
    expect(comment.location).toMatchObject({ kind: 'docx', part: 'comment', author: 'J. Doe', paragraph: 3 });
    const deleted = f.find((x) => x.location?.['part'] === 'deleted')!;
    expect(deleted.location).toMatchObject({ kind: 'docx', part: 'deleted', author: 'A. Editor', paragraph: 8 });
    expect(f.find((x) => x.entity === 'PHONE_NUMBER')!.location).toMatchObject({ table: { index: 1, row: 2, cell: 2 } });
  });

  it('shows the location after the path in the text report, values masked', async () => {
    const r = await runCli(['scan', 'brief.docx'], { cwd: FIXTURES });
    expect(r.stdout).toContain('brief.docx [comment by J. Doe, paragraph 3]:1:12');
    expect(r.stdout).toContain('brief.docx [paragraph 3]:1:14  critical US_SSN  ***-**-4391');
    expect(r.stdout).not.toContain('536-22-4391');
    expect(r.stdout).not.toContain('r.lopez@agency-mail.gov');
  });
});

describe('XLSX and PPTX', () => {
  it('names the sheet and cell (shared and inline strings) and the properties', async () => {
    const { report } = await scanJson(['roster.xlsx']);
    const ssn = report.findings.find((f) => f.entity === 'US_SSN')!;
    expect(ssn.location).toMatchObject({ kind: 'xlsx', sheet: 'Targets', cell: 'C7' });
    expect(where(report.findings, 'PHONE_NUMBER')).toEqual(['sheet Targets, cell D7']);
    expect(where(report.findings, 'LICENSE_PLATE')).toEqual(['sheet Notes, cell B2']);
    expect(where(report.findings, 'EMAIL_ADDRESS')).toEqual(['property creator']);
  });

  it('numbers slides in presentation order and reads the notes', async () => {
    const { report } = await scanJson(['deck.pptx']);
    expect(where(report.findings, 'DOCUMENT_MARKING')).toEqual(['slide 1']);
    expect(report.findings.find((f) => f.entity === 'US_SSN')!.location).toMatchObject({ kind: 'pptx', slide: 2, part: 'slide' });
    expect(where(report.findings, 'EMAIL_ADDRESS')).toEqual(['slide 2 notes']);
  });

  it('reads what a reader does not open: cell notes and threaded comments, slide comments, alt text, links, custom XML, an embedded workbook', async () => {
    const notes = await scanJson(['notes.xlsx']);
    expect(notes.code).toBe(1);
    expect(where(notes.report.findings, 'US_SSN')).toEqual(['sheet Sheet1, cell A1, comment']);
    expect(where(notes.report.findings, 'PHONE_NUMBER')).toEqual(['sheet Sheet1, cell A1, comment']);
    const review = await scanJson(['review.pptx']);
    expect(where(review.report.findings, 'US_SSN')).toEqual(['slide 1 comments']);
    expect(where(review.report.findings, 'EMAIL_ADDRESS')).toEqual(['slide 1 comments']);
    expect(where(review.report.findings, 'PHONE_NUMBER')).toEqual(['slide 1 alt text']);
    expect(where(review.report.findings, 'LICENSE_PLATE')).toEqual(['entry ppt/embeddings/Microsoft_Excel_Worksheet.xlsx → sheet Sheet1, cell A1']);
    const linked = await scanJson(['linked.docx']);
    expect(where(linked.report.findings, 'DATE_OF_BIRTH')).toEqual(['alt text']);
    expect(where(linked.report.findings, 'EMAIL_ADDRESS')).toEqual(['link']);
    expect(where(linked.report.findings, 'US_SSN')).toEqual(['property customXml/item1.xml subjectSsn']);
  });

  it('an embedded OLE object is noted and skipped; the rest of the document is still read', async () => {
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const deck = readFileSync(join(FIXTURES, 'review.pptx'));
    const { unzipSync } = await import('fflate');
    const cwd = writeTree(dirs.make(), { 'ole.pptx': Buffer.from(zipSync({ ...unzipSync(deck), 'ppt/embeddings/oleObject1.bin': cfb })) });
    const { code, report } = await scanJson(['ole.pptx'], cwd);
    expect(code).toBe(1);
    expect(where(report.findings, 'US_SSN')).toEqual(['slide 1 comments']);
    expect(JSON.stringify(report)).toContain('ppt/embeddings/oleObject1.bin: embedded OLE object; not scanned');
  });
});

describe('ZIP and email', () => {
  it('reads zip entries recursively, with line numbers inside a text entry, and notes binary entries', async () => {
    const { report } = await scanJson(['bundle.zip']);
    const dob = report.findings.find((f) => f.entity === 'DATE_OF_BIRTH' && f.location?.kind === 'zip')!;
    expect(dob).toMatchObject({ line: 3, column: 5 });
    expect(dob.location).toMatchObject({ kind: 'zip', entry: 'notes/readme.txt' });
    const inDocx = report.findings.find((f) => f.location?.['part'] === 'deleted')!;
    expect(inDocx.location).toMatchObject({ kind: 'docx', part: 'deleted', chain: [{ kind: 'zip', entry: 'exports/brief.docx' }] });
    expect(report.diagnostics).toEqual([{ path: 'bundle.zip', level: 'skipped', message: 'entry exports/blob.bin: binary file (NUL bytes); not scanned', notScanned: true }]);
  });

  it('reads headers, the body (quoted-printable) and attachments: email → zip → docx', async () => {
    const { report } = await scanJson(['mail.eml']);
    const f = report.findings;
    expect(f.find((x) => x.entity === 'EMAIL_ADDRESS')!.location).toMatchObject({ kind: 'eml', part: 'header', header: 'From' });
    expect(where(f, 'DOCUMENT_MARKING')).toContain('header Subject');
    // The soft line break is joined: the phone is on line 3 of the body.
    expect(f.find((x) => x.entity === 'PHONE_NUMBER' && x.location?.kind === 'eml')).toMatchObject({ line: 3 });
    expect(where(f, 'US_SSN')).toContain('body');
    const deleted = f.find((x) => x.location?.['part'] === 'deleted')!;
    expect(deleted.location).toMatchObject({
      kind: 'docx',
      part: 'deleted',
      paragraph: 8,
      chain: [
        { kind: 'eml', part: 'attachment', name: 'bundle.zip' },
        { kind: 'zip', entry: 'exports/brief.docx' },
      ],
    });
    expect(deleted.location!.description).toBe('attachment bundle.zip → entry exports/brief.docx → tracked deletion by A. Editor, paragraph 8');
    expect(where(f, 'LICENSE_PLATE')).toContain('attachment plate.txt');
  });
});

describe('mbox and HTML-only email', () => {
  it('numbers the messages of an mbox and reads an HTML body with attribute values', async () => {
    const msg = (body: string, type = 'text/plain') =>
      `From: a@example.org\nTo: b@example.org\nSubject: note\nMIME-Version: 1.0\nContent-Type: ${type}; charset=utf-8\n\n${body}\n`;
    const mbox =
      `From a@example.org Mon Jan  1 00:00:00 2024\n${msg('nothing here')}\n` +
      `From a@example.org Mon Jan  1 00:00:01 2024\n${msg('<html><body><p>Case file</p><img alt="SSN 536-22-4391"><script>var x = "671-03-2298";</script></body></html>', 'text/html')}`;
    const cwd = writeTree(dirs.make(), { 'inbox.mbox': mbox });
    const { report } = await scanJson(['inbox.mbox'], cwd);
    // The HTML body goes through the HTML reader: the script's contents are read too.
    expect(report.findings.filter((f) => f.entity === 'US_SSN').map((f) => f.location?.description)).toEqual([
      'message 2, body → alt attribute of <img>',
      'message 2, body → <script> contents',
    ]);
  });
});

describe('report formats', () => {
  it('SARIF has logical locations and the location in properties; github annotates the file without lines', async () => {
    const raw: unknown = JSON.parse((await runCli(['scan', '--format', 'sarif', 'mail.eml', 'roster.xlsx'], { cwd: FIXTURES })).stdout);
    expect(validateSarif(raw)).toBe(true);
    const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif', 'roster.xlsx'], { cwd: FIXTURES })).stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region?: unknown }; logicalLocations?: Array<{ fullyQualifiedName: string }> }>; properties: { location?: unknown } }> }>;
    };
    const result = sarif.runs[0]!.results[0]!;
    expect(result.locations[0]!.logicalLocations![0]!.fullyQualifiedName).toBe('sheet Targets, cell C7');
    // The region is the line within the cell's text (no byte offsets: those would be the file's).
    expect(result.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: expect.any(Number), endLine: 1, endColumn: expect.any(Number) });
    expect(result.properties.location).toMatchObject({ kind: 'xlsx', sheet: 'Targets', cell: 'C7' });
    const gh = (await runCli(['scan', '--format', 'github', 'roster.xlsx'], { cwd: FIXTURES })).stdout;
    expect(gh).toContain('::error file=roster.xlsx,title=US_SSN (us-ssn)::[sheet Targets, cell C7] US_SSN ***-**-4391');
  });
});

describe('limits and bad input', () => {
  const planted = 'SSN: 536-22-4391\n';

  it('refuses a zip bomb by its declared ratio before inflating it, and still scans the other files', async () => {
    const bomb = zipSync({ 'big.txt': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const cwd = writeTree(dirs.make(), { 'bomb.zip': bomb, 'ok.txt': planted });
    const { code, report } = await scanJson(['.'], cwd);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([
      { path: 'bomb.zip', level: 'error', message: expect.stringMatching(/^refused: entry big.txt would inflate .* possible zip bomb/) },
    ]);
    expect(report.findings.map((f) => f.path)).toEqual(['ok.txt']);
  });

  it('stops inflating an entry that grows past its declared size (a lying header)', async () => {
    const real = zipSync({ 'a.txt': new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    // Declare 100 bytes in the central directory (the ratio check then passes): inflation must stop there.
    const lying = Buffer.from(real);
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(100, cd + 24);
    const rules = await shippedRules();
    await expect(scanDocument(lying, rules, SETTINGS, () => {})).rejects.toThrow(/inflates past its declared size of 100 bytes/);
    // And the total cap, for entries that tell the truth.
    const limits = { ...DEFAULT_LIMITS, maxTotalBytes: 1024 * 1024, maxRatio: 1e9 };
    await expect(scanDocument(real, rules, SETTINGS, () => {}, limits)).rejects.toThrow(/over the limit of 1048576/);
  });

  it('refuses too many entries and too deep nesting', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_001; i++) many[`f${i}.txt`] = strToU8('x');
    const rules = await shippedRules();
    await expect(scanDocument(zipSync(many, { level: 0 }), rules, SETTINGS, () => {})).rejects.toThrow(/10001 entries is more than the limit of 10000/);
    let nested: Uint8Array = strToU8(planted);
    for (let i = 0; i < 7; i++) nested = zipSync({ [`level${i}.zip`]: nested });
    await expect(scanDocument(nested, rules, SETTINGS, () => {})).rejects.toThrow(/nested more than 5 deep/);
    const found: LocatedFinding[] = [];
    let ok: Uint8Array = strToU8(planted);
    for (let i = 0; i < 3; i++) ok = zipSync({ [`level${i}.zip`]: ok });
    await scanDocument(ok, rules, SETTINGS, (f) => found.push(f));
    expect(found[0]?.location).toMatchObject({ kind: 'zip', entry: 'level0.zip', chain: [{ entry: 'level2.zip' }, { entry: 'level1.zip' }] });
  });

  it('bounds the time spent on one document', async () => {
    const limits = { ...DEFAULT_LIMITS, maxMillis: -1 };
    await expect(scanDocument(readFileSync(join(FIXTURES, 'brief.docx')), await shippedRules(), SETTINGS, () => {}, limits)).rejects.toThrow(/took longer than/);
  });

  it('a truncated DOCX is an error for that file only (exit 2); an encrypted one says so', async () => {
    const docx = readFileSync(join(FIXTURES, 'brief.docx'));
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const zipCrypto = Buffer.from(zipSync({ 'secret.txt': strToU8(planted) }));
    zipCrypto.writeUInt16LE(1, zipCrypto.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    const cwd = writeTree(dirs.make(), {
      'a-corrupt.docx': docx.subarray(0, Math.floor(docx.length / 2)),
      'b-locked.docx': encrypted,
      'c-locked.zip': zipCrypto,
      'd-ok.txt': planted,
    });
    const { code, report, stderr } = await scanJson(['.'], cwd);
    expect(code).toBe(2);
    expect(report.diagnostics.map((d) => [d.path, d.level])).toEqual([
      ['a-corrupt.docx', 'error'],
      ['b-locked.docx', 'error'],
      ['c-locked.zip', 'error'],
    ]);
    expect(report.diagnostics[0]!.message).toMatch(/corrupt or truncated ZIP archive/);
    expect(report.diagnostics[1]!.message).toMatch(/^encrypted \(password-protected\) Office document/);
    expect(report.diagnostics[2]!.message).toMatch(/encrypted ZIP entry secret.txt/);
    expect(report.findings.map((f) => f.path)).toEqual(['d-ok.txt']);
    expect(report.summary.filesScanned).toBe(1);
    expect(stderr).toContain('a-corrupt.docx');
  });
});

describe('plain text and redact', () => {
  it('plain text keeps file lines and has no location', async () => {
    const cwd = writeTree(dirs.make(), { 'a.txt': 'hello\n\nSSN: 536-22-4391\n' });
    const { report } = await scanJson(['a.txt'], cwd);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 3, column: 6 });
    expect(report.findings[0]!.location).toBeUndefined();
  });
});

describe('fixture generator', () => {
  it('regenerates the committed fixtures byte for byte', () => {
    const out = dirs.make();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-document-fixtures.mjs'), out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // Folders hold the fixtures of generators of their own (scripts/fixtures/).
    const files = readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isFile());
    for (const { name } of files) expect(readFileSync(join(out, name)).equals(readFileSync(join(FIXTURES, name)))).toBe(true);
  });
});
