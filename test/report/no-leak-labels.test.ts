/**
 * Values planted where a location is named from the document itself (a CSV header, a headerless
 * CSV's first row, a JSON key, a sheet name, a zip entry name, an attachment name) and in the
 * inputs of every error path: without --show-values none of them appears raw, or as its bare
 * letters and digits, on stdout or stderr, in any format, after `merge`, or from `check-message`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ROOT, parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;

/** Values only ever planted in labels and error inputs: found nowhere else. */
const SSN = '536-22-4391';
const EMAIL = 'r.lopez@agency-mail.gov';
const CARD = '4929 1234 5678 9015';
const LEAKS = [SSN, EMAIL, CARD].flatMap((v) => [v, v.replace(/[^0-9A-Za-z]/g, '')]);
/** A value in the documents' text, so each label is shown as a finding's location. */
const BODY = 'SSN 671-03-2298';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A workbook with one sheet named `name` whose A1 holds `text`. */
export function sheetXlsx(name: string, text: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ),
    'xl/workbook.xml': strToU8(`${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><sheets><sheet name="${esc(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${esc(text)}</t></is></c></row></sheetData></worksheet>`,
    ),
  });
}

/** A message whose one attachment is named `name` and holds `text`. */
export function attachmentEml(name: string, text: string): string {
  return [
    'From: a@example.org',
    'To: b@example.org',
    'Subject: files',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'see attached',
    '--b',
    `Content-Type: text/plain; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    text,
    '--b--',
    '',
  ].join('\r\n');
}

const DOCUMENTS = {
  'header.csv': `${SSN},${EMAIL},${CARD}\n${BODY},${BODY},${BODY}\n`,
  'headerless.csv': `Jane,${SSN},${EMAIL}\nJohn,${BODY},${BODY}\n`,
  'keys.json': JSON.stringify({ [SSN]: { note: BODY }, [EMAIL]: BODY, [CARD]: { list: [BODY] } }),
  'sheet.xlsx': sheetXlsx(`${SSN} ${EMAIL}`, BODY),
  'entries.zip': zipSync({ [`docs/${SSN} ${EMAIL}.txt`]: strToU8(BODY), [`${CARD}.bin`]: new Uint8Array(64) }),
  'mail.eml': attachmentEml(`${SSN} ${EMAIL}.txt`, BODY),
};
const NAMES = Object.keys(DOCUMENTS);

beforeAll(() => {
  cwd = writeTree(dirs.make(), DOCUMENTS);
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
});
afterAll(() => dirs.cleanup());

function expectNoLeak(what: string, output: string): void {
  for (const v of LEAKS) expect({ what, leaked: output.includes(v) ? v : undefined }).toEqual({ what, leaked: undefined });
}

describe('labels from inside a document are masked like values', () => {
  it('the labels really hold the values (shown with --show-values), so the checks below are not vacuous', async () => {
    for (const name of NAMES) {
      const r = await runCli(['-f', 'json', '--show-values', name], { cwd });
      expect({ name, shown: r.stdout.includes(SSN) }).toEqual({ name, shown: true });
    }
  });

  it.each(['text', 'json', 'sarif', 'github'])('format %s: no label value on stdout or stderr', async (format) => {
    for (const name of NAMES) {
      const r = await runCli(['-f', format, name], { cwd });
      expect({ name, code: r.code }).toEqual({ name, code: 1 });
      expectNoLeak(`${format} ${name}`, r.stdout + r.stderr);
    }
  });

  it('a headerless CSV: the first row is not shown as the later rows\' column names', async () => {
    const r = await runCli(['-f', 'text', 'headerless.csv'], { cwd });
    expect(r.stdout).toMatch(/headerless\.csv \[cell B2 \(\*\*\*-\*\*-\d{4}\)\]/);
  });

  it('a JSON key is scanned as a value, located as the key', async () => {
    const shown = parseJson((await runCli(['-f', 'json', '--show-values', 'keys.json'], { cwd })).stdout).findings;
    expect(shown.filter((f) => f.value === SSN).map((f) => (f as { location?: { path: string } }).location?.path)).toEqual([`$[${JSON.stringify(SSN)}]`]);
    expect(shown.map((f) => f.value)).toContain(EMAIL);
    const masked = parseJson((await runCli(['-f', 'json', 'keys.json'], { cwd })).stdout).findings;
    expect(masked.some((f) => f.entity === 'US_SSN' && (f as { location?: { key?: boolean } }).location?.key === true)).toBe(true);
  });

  describe('merge', () => {
    /** One JSON report per document, made once for every format merge writes. */
    const reports: string[] = [];
    beforeAll(async () => {
      for (const name of NAMES) {
        const out = `${name}.report.json`;
        await runCli(['-f', 'json', '-o', out, name], { cwd });
        reports.push(out);
      }
    });

    it.each(['text', 'json', 'sarif', 'github'])('of JSON reports, as %s: no label value', async (format) => {
      const r = await runCli(['merge', '-f', format, ...reports], { cwd });
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(200);
      expectNoLeak(`merge ${format}`, r.stdout + r.stderr);
    });
  });

  it('merge masks the labels of reports made with --show-values, unless --show-values is given again', async () => {
    const reports: string[] = [];
    for (const name of NAMES) {
      const out = `${name}.shown.json`;
      await runCli(['-f', 'json', '--show-values', '-o', out, name], { cwd });
      reports.push(out);
    }
    const masked = await runCli(['merge', '-f', 'text', ...reports], { cwd });
    expect(masked.code).toBe(1);
    expectNoLeak('merge of --show-values reports', masked.stdout + masked.stderr);
    const shown = await runCli(['merge', '-f', 'text', '--show-values', ...reports], { cwd });
    expect(shown.stdout).toContain(SSN);
  });

  it('SARIF fingerprints are the same with and without --show-values (they use the masked location)', async () => {
    const prints = async (extra: string[]) =>
      (JSON.parse((await runCli(['-f', 'sarif', ...extra, ...NAMES], { cwd })).stdout) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> }).runs[0]!.results.map(
        (r) => r.partialFingerprints['piiScanFinding/v1'],
      );
    expect(await prints(['--show-values'])).toEqual(await prints([]));
  });

  it.each(['text', 'json'])('check-message --attach, as %s: no label value', async (format) => {
    for (const name of NAMES) {
      const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'email', '--to', 'stranger@example.net', '-f', format, '--attach', name], { cwd });
      expect({ name, code: r.code }).toEqual({ name, code: 1 });
      expectNoLeak(`check-message ${format} ${name}`, r.stdout + r.stderr);
    }
  });
});

describe('a draft checked with --from-eml', () => {
  it('names an attachment it reads without the values in its name', async () => {
    const draft = attachmentEml(`${SSN} ${EMAIL}.txt`, BODY).replace('To: b@example.org', 'To: stranger@example.net');
    const dir = writeTree(dirs.make(), { 'draft.eml': draft });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(dir, 'team.yaml'));
    for (const format of ['text', 'json']) {
      const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'email', '--from-eml', 'draft.eml', '-f', format], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('attachment');
      expectNoLeak(`from-eml ${format}`, r.stdout + r.stderr);
    }
  });
});

describe('error messages say where, never what', () => {
  const bad = {
    'truncated.json': `{"note": "SSN ${SSN} ${EMAIL}`,
    'string.json': `"SSN ${SSN} ${EMAIL} ${CARD}"x`,
    'token.json': `SSN ${SSN} ${EMAIL}`,
    'shadow': `${EMAIL}:$6$Zq3x8Lr2$gS0aP9yV1nB7mK4:19000:0:99999:7:::\n${SSN}:*:19000:0:99999:7:::\n`,
    'broken.yaml': `id: x\nname: "SSN ${SSN} ${EMAIL}\n`,
    'alias.yaml': `id: *${EMAIL.replace(/[^0-9A-Za-z]/g, '')}\n`,
    'severity.yaml': `id: my-rule\nentity: X\nseverity: ${SSN}\nname: x\npatterns: [{ name: p, regex: 'x' }]\n`,
  };
  let dir: string;
  beforeAll(() => {
    dir = writeTree(dirs.make(), { ...bad, 'a.txt': 'nothing here\n' });
  });

  it.each(['truncated.json', 'string.json', 'token.json'])('merge %s: where the JSON breaks, not its text', async (file) => {
    const r = await runCli(['merge', file], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoLeak(`merge ${file}`, r.stdout + r.stderr);
    expect(r.stderr).toMatch(/line 1, column \d+/);
  });

  it.each(['truncated.json', 'string.json', 'token.json'])('--baseline %s: where the JSON breaks, not its text', async (file) => {
    const r = await runCli(['--baseline', file, 'a.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoLeak(`baseline ${file}`, r.stdout + r.stderr);
    expect(r.stderr).toMatch(/line 1, column \d+/);
  });

  it.each(['shadow', 'broken.yaml', 'alias.yaml', 'severity.yaml'])('--rules %s: the file, line and field, not the line itself', async (file) => {
    const r = await runCli(['--rules', file, 'a.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoLeak(`rules ${file}`, r.stdout + r.stderr);
    expect(r.stderr).toMatch(new RegExp(`${file}:\\d+`));
  });

  it("a rule's context regex is named in why:, not the text it matched", async () => {
    const d = writeTree(dirs.make(), {
      'case.yaml': "id: case-number\nentity: CASE\nseverity: high\nname: Case number\npatterns: [{ name: case, regex: 'CASE-\\d{4}' }]\ncontext: [{ regex: '[a-z.]+@[a-z.-]+', window: 40 }]\n",
      'a.txt': `CASE-1234 owner ${EMAIL}\n`,
    });
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = await runCli(['--no-config', '--rules', 'case.yaml', '-f', format, 'a.txt'], { cwd: d });
      expect(r.stdout).toContain('context pattern');
      expectNoLeak(`why ${format}`, r.stdout + r.stderr);
    }
  });
});

describe('control characters in names are escaped in text output', () => {
  const ESC = '\u001b';
  const RLO = '\u202e';
  const spoof = `x${ESC}[2K${ESC}]0;t\u0007\nforged.txt:1:1  critical${RLO}\u009b\u007f`;
  let dir: string;
  beforeAll(() => {
    dir = writeTree(dirs.make(), {
      [`${spoof}.txt`]: `${BODY}\n`,
      'entries.zip': zipSync({ [`${spoof}.txt`]: strToU8(BODY), [`${spoof}.bin`]: new Uint8Array(64) }),
      'sheet.xlsx': sheetXlsx(`s${RLO}\u2066`, BODY),
      'mail.eml': attachmentEml(`a${RLO}b.txt`, BODY),
    });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(dir, 'team.yaml'));
  });
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it.each(['text', 'github'])('format %s: no raw control or bidi character, and no forged line', async (format) => {
    const r = await runCli(['-f', format, '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout + r.stderr).not.toMatch(/^forged/m);
    expect(r.stdout).toContain('\\x1b');
  });

  it.each(['json', 'sarif'])('format %s: control and bidi characters are \\u escapes in the JSON text', async (format) => {
    const r = await runCli(['-f', format, '.'], { cwd: dir });
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).not.toMatch(/[\u0080-\u009f]/);
    // Still JSON, and the names read back as they are.
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(RLO);
  });

  it('check-message text: attachment and file names escaped', async () => {
    const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'email', '--to', 'b@example.org', '--attach', 'mail.eml', '--attach', `${spoof}.txt`], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\\u202e');
    expect(r.stdout + r.stderr).not.toMatch(RAW);
  });

  it('the report file written with -o is the same text', async () => {
    await runCli(['-f', 'text', '-o', 'out.txt', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toMatch(RAW);
  });
});
