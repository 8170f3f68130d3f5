/**
 * CSV/TSV (cells, column headers as context), JSON (key paths), HTML (visible text and
 * attributes) and PDF (pages, document info, encrypted and corrupt files), from the generated
 * fixtures in fixtures/documents/; plain text is unchanged.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES, scanJson as scanAll, type Located } from './helpers.js';
import { CsvParser, columnLetter } from '../../src/documents/csv.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

// Names (PERSON) and the profiles they make are tested on their own (test/engine/validators/person-name.test.ts, test/filters/profile.test.ts).
const where = (findings: Located[]) => findings.map((f) => `${f.entity} ${f.location?.description ?? '(none)'}`);
const scanJson = async (...args: Parameters<typeof scanAll>) => {
  const r = await scanAll(...args);
  return { ...r, report: { ...r.report, findings: r.report.findings.filter((f) => f.entity !== 'PERSON' && f.entity !== 'PROFILE') } };
};

describe('CSV and TSV', () => {
  it('names the cell and its column header; the header is context for the value', async () => {
    const { code, report } = await scanJson(['people.csv'], FIXTURES, ['--show-values']);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual([
      'US_PASSPORT cell B3 (passport_no)',
      'DATE_OF_BIRTH cell C3 (dob)',
      'US_BANK_ROUTING cell D3 (routing)',
      'US_SSN cell E3 (notes)',
      'US_PASSPORT cell B4 (passport_no)',
      'DATE_OF_BIRTH cell C4 (dob)',
    ]);
    expect(report.findings[0]!.location).toEqual({ kind: 'csv', row: 3, column: 2, cell: 'B3', header: 'passport_no', description: 'cell B3 (passport_no)' });
  });

  it('places each value on the file’s own line, column and byte offset (quoted cells, doubled quotes, line breaks, CRLF)', async () => {
    const { report } = await scanJson(['people.csv'], FIXTURES, ['--show-values']);
    const bytes = readFileSync(join(FIXTURES, 'people.csv'));
    const lines = bytes.toString('utf8').split('\r\n');
    for (const f of report.findings) {
      expect(bytes.subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(f.value);
      expect(lines[f.line - 1]!.slice(f.column - 1, f.column - 1 + f.value.length)).toBe(f.value);
    }
    expect(report.findings.find((f) => f.entity === 'US_SSN')).toMatchObject({ line: 4, column: 5 });
  });

  it('without the header the same values are not identifiers (plain text scan of the same cells)', async () => {
    const cwd = writeTree(dirs.make(), { 'people.txt': '550604947 1984-09-23 021000021\n' });
    const { report } = await scanJson(['people.txt'], cwd);
    expect(report.findings).toEqual([]);
  });

  it('reads TSV by its tab separator', async () => {
    const { report } = await scanJson(['people.tsv']);
    expect(where(report.findings)).toEqual(['US_PASSPORT cell B2 (passport_no)', 'EMAIL_ADDRESS cell C2 (email)']);
  });

  it('parses RFC 4180 incrementally, one character at a time as well as whole', () => {
    const text = '\uFEFFa,"b,1"\r\n"say ""hi""\nthere",\r\n\r\nlast';
    const whole = new CsvParser(',').push(text.slice(1), true).map((r) => r.map((c) => c.text));
    const p = new CsvParser(',');
    const piecewise = [...text.slice(1)].flatMap((ch) => p.push(ch, false)).concat(p.push('', true)).map((r) => r.map((c) => c.text));
    expect(whole).toEqual([['a', 'b,1'], ['say "hi"\nthere', ''], [''], ['last']]);
    expect(piecewise).toEqual(whole);
    expect([1, 3, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'C', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('a CSV with a byte-order mark keeps its byte offsets', async () => {
    const cwd = writeTree(dirs.make(), { 'bom.csv': '\uFEFFname,ssn\r\nRosa,536-22-4391\r\n' });
    const { report } = await scanJson(['bom.csv'], cwd);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 2, column: 6, offset: 3 + 10 + 5, location: { cell: 'B2', header: 'ssn' } });
  });
});

describe('JSON', () => {
  it('names each value by its key path, the key being context', async () => {
    const { report } = await scanJson(['record.json']);
    expect(where(report.findings)).toEqual([
      'DATE_OF_BIRTH key $.people[0].dob',
      'US_SSN key $.people[0].ssn',
      'US_PASSPORT key $.people[1].passport_no',
      'EMAIL_ADDRESS key $.people[1].contact.email',
      'US_BANK_ROUTING key $["bank routing"]',
    ]);
    expect(report.findings[1]).toMatchObject({ line: 1, column: 1, value: '***-**-4391', location: { kind: 'json', path: '$.people[0].ssn' } });
  });

  it('invalid JSON is scanned as plain text, with file lines', async () => {
    const cwd = writeTree(dirs.make(), { 'broken.json': '{\n  "ssn": "536-22-4391",\n' });
    const { code, report } = await scanJson(['broken.json'], cwd);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 2, column: 11 });
    expect(report.findings[0]!.location).toBeUndefined();
  });
});

describe('HTML', () => {
  it('scans visible text by block, title/alt/value/content attributes, then comments and script contents; not styles', async () => {
    const { report } = await scanJson(['page.html']);
    expect(where(report.findings)).toEqual([
      'US_SSN <p> block 3',
      'PHONE_NUMBER <p> block 4',
      'EMAIL_ADDRESS content attribute of <meta>',
      'DATE_OF_BIRTH value attribute of <input>',
      'LICENSE_PLATE alt attribute of <img>',
      'US_SSN comment',
      'US_SSN <script> contents',
    ]);
    expect(report.findings[0]!.location).toEqual({ kind: 'html', block: 3, element: 'p', description: '<p> block 3' });
    expect(report.findings[5]!.location).toEqual({ kind: 'html', hidden: 'comment', description: 'comment' });
  });

  it('a value only in a comment, a script, a template, noscript or a link address is found: what a reader does not see still leaves with the file', async () => {
    const hiddenOnly = [
      '<p>Nothing to see.</p><!-- applicant SSN 536-22-4391 -->',
      '<p>Nothing to see.</p><script type="application/json">{"ssn": "536-22-4391"}</script>',
      '<p>Nothing to see.</p><template><td>SSN 536-22-4391</td></template>',
      '<p>Nothing to see.</p><noscript><p>SSN&nbsp;536-22-4391</p></noscript>',
      '<p><a href="https://records.example/lookup?ssn=536-22-4391">Open the record</a></p>',
    ];
    const cwd = writeTree(dirs.make(), Object.fromEntries(hiddenOnly.map((html, i) => [`h${i}.html`, `<html><body>${html}</body></html>`])));
    const { code, report } = await scanJson(hiddenOnly.map((_, i) => `h${i}.html`), cwd);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual([
      'US_SSN comment',
      'US_SSN <script> contents',
      'US_SSN <template> contents',
      'US_SSN <noscript> contents',
      'US_SSN href attribute of <a>',
    ]);
    const styled = writeTree(dirs.make(), { 's.html': '<style>/* 536-22-4391 */</style><p>Nothing to see.</p>' });
    expect((await scanJson(['s.html'], styled)).code).toBe(0);
  });
});

describe('PDF', () => {
  it('finds text per page and the document info', async () => {
    const { code, report } = await scanJson(['report.pdf']);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual([
      'EMAIL_ADDRESS property Author',
      'US_SSN property Keywords',
      'DOCUMENT_MARKING page 1',
      'US_SSN page 2',
      'PHONE_NUMBER page 3',
      'PHONE_NUMBER page 3',
    ]);
    expect(report.findings[3]).toMatchObject({ line: 2, value: '***-**-7719', location: { kind: 'pdf', page: 2 } });
  });

  it('finds the values of a filled form, with each field\'s label as context, the text of notes, and attached files', async () => {
    // The page shows only the labels: a filled form keeps its values in the fields, not in the page text.
    const { code, report } = await scanJson(['form.pdf']);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual([
      'DOCUMENT_MARKING page 1',
      'DATE_OF_BIRTH page 1, comment',
      'US_SSN page 1, field subject_ssn',
      'LICENSE_PLATE page 1, field plate',
      'US_SSN attachment second-subject.txt',
    ]);
    expect(report.findings[2]).toMatchObject({ value: '*****4391', location: { kind: 'pdf', page: 1, field: 'subject_ssn' } });
  });

  it('an encrypted or corrupt PDF is an error for that file only (exit 2)', async () => {
    const cwd = writeTree(dirs.make(), {
      'a-encrypted.pdf': readFileSync(join(FIXTURES, 'encrypted.pdf')),
      'b-corrupt.pdf': '%PDF-1.4\nthis is not a PDF at all\n',
      'c-truncated.pdf': readFileSync(join(FIXTURES, 'report.pdf')).subarray(0, 300),
      'd-ok.txt': 'SSN 536-22-4391\n',
    });
    const { code, report } = await scanJson(['.'], cwd);
    expect(code).toBe(2);
    expect(report.diagnostics.map((d) => [d.path, d.level])).toEqual([
      ['a-encrypted.pdf', 'error'],
      ['b-corrupt.pdf', 'error'],
      ['c-truncated.pdf', 'error'],
    ]);
    expect(report.diagnostics[0]!.message).toMatch(/^encrypted \(password-protected\) PDF/);
    expect(report.diagnostics[1]!.message).toMatch(/^corrupt PDF/);
    expect(report.findings.map((f) => f.path)).toEqual(['d-ok.txt']);
  });
});

describe('plain text', () => {
  it('a .txt file with CSV, JSON or HTML content is scanned exactly as plain text', async () => {
    const content = readFileSync(join(FIXTURES, 'people.csv'));
    const cwd = writeTree(dirs.make(), { 'people.txt': content, 'people.csv': content });
    const txt = await scanAll(['people.txt'], cwd);
    const stdin = await runCli(['scan', '--format', 'json', '-'], { cwd, stdin: content });
    expect(txt.report.findings.every((f) => f.location === undefined)).toBe(true);
    const strip = (fs: Located[]) => fs.map(({ path: _p, ...f }) => f);
    expect(strip(txt.report.findings)).toEqual(strip((parseJson(stdin.stdout) as unknown as { findings: Located[] }).findings));
    // The same bytes named .csv find more: the headers are context.
    const csv = await scanAll(['people.csv'], cwd);
    expect(csv.report.findings.length).toBeGreaterThan(txt.report.findings.length);
  });
});
