/**
 * Office documents as other producers write them: any prefix (or none) for a namespace, Strict
 * namespaces, parts named only by the relationships, LibreOffice's output; the values kept where
 * a reader does not look (number formats, formulas, defined names, pivot and chart caches,
 * document variables, field codes); and tag soup, which is read in linear time and noted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ROOT, tempDirs } from '../cli/helpers.js';
import { FIXTURES, scanJson } from './helpers.js';
import { scanDocument, type LocatedFinding } from '../../src/documents/scan-document.js';
import { describeLocation } from '../../src/documents/location.js';
import { formatNumber } from '../../src/documents/ooxml/number-format.js';
import { readXml, type XmlElement } from '../../src/documents/xml.js';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

const PRODUCERS = join(FIXTURES, 'producers');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Writers {
  docxPackage(doc: object, style?: object): Uint8Array;
  xlsxPackage(book: object, style?: object): Uint8Array;
  pptxPackage(deck: object, style?: object): Uint8Array;
}

const dirs = tempDirs();
let rules: RuleSet;
let writers: Writers;
beforeAll(async () => {
  rules = await shippedRules();
  writers = (await import(pathToFileURL(join(ROOT, 'scripts', 'fixtures', 'ooxml-producers.mjs')).href)) as Writers;
});
afterAll(() => dirs.cleanup());

// Names (PERSON) and the profiles they make are tested on their own (test/engine/validators/person-name.test.ts, test/filters/profile.test.ts).
const PEOPLE = ['PERSON', 'PROFILE'];

/** Findings of one document, in-process: entity and where, in words. */
async function found(bytes: Uint8Array): Promise<{ findings: string[]; notes: string[] }> {
  const out: LocatedFinding[] = [];
  const scan = await scanDocument(bytes, rules, SETTINGS, (f) => out.push(f));
  return { findings: out.filter((f) => !PEOPLE.includes(f.entity)).map((f) => `${f.entity} @ ${f.location ? describeLocation(f.location) : ''}`), notes: scan?.notes ?? [] };
}

const BRIEF = [
  'US_SSN @ paragraph 2',
  'DATE_OF_BIRTH @ header, paragraph 1',
  'EMAIL_ADDRESS @ comment by J. Doe, paragraph 1',
];

describe('prefixes, namespaces and part names of other producers', () => {
  let byFile: Map<string, string[]>;
  let code: number;
  beforeAll(async () => {
    const files = readdirSync(PRODUCERS).sort();
    const r = await scanJson(files, PRODUCERS);
    code = r.code;
    byFile = new Map(files.map((f) => [f, []]));
    for (const f of r.report.findings) if (!PEOPLE.includes(f.entity)) byFile.get(f.path)!.push(`${f.entity} @ ${f.location?.description ?? ''}`);
    expect(r.report.diagnostics).toEqual([]);
  });

  it('blocks (exit 1): every fixture has findings', () => {
    expect(code).toBe(1);
    for (const [file, findings] of byFile) expect([file, findings.length > 0]).toEqual([file, true]);
  });

  it.each([
    ['default-ns.docx', 'a default namespace'],
    ['strict.docx', 'Strict OOXML namespaces'],
    ['document2.docx', 'the main document at /word/document2.xml, header and comments renamed'],
    ['content-main.docx', 'the main document at /content/main.xml, absolute targets'],
  ])('DOCX with %s (%s)', (file) => {
    expect(byFile.get(file)).toEqual(BRIEF);
  });

  it('DOCX written by Python ElementTree (ns0: on elements, attributes and relationships)', () => {
    expect(byFile.get('etree.docx')).toEqual(['US_SSN @ paragraph 2', 'DATE_OF_BIRTH @ header, paragraph 1', 'EMAIL_ADDRESS @ comment by J. Doe']);
  });

  it('XLSX with the Open XML SDK x: prefix, and with workbook, sheet and shared strings renamed', () => {
    const roster = ['US_SSN @ sheet People, cell B2', 'EMAIL_ADDRESS @ sheet People, cell B3'];
    expect(byFile.get('sdk-prefix.xlsx')).toEqual(roster);
    expect(byFile.get('renamed.xlsx')).toEqual(roster);
  });

  it('PPTX with pml:/dml: prefixes and slides and notes renamed', () => {
    expect(byFile.get('renamed.pptx')).toEqual(['DOCUMENT_MARKING @ slide 1', 'EMAIL_ADDRESS @ slide 1 notes', 'US_SSN @ slide 2']);
  });

  it('a number shown as an SSN by its cell format (000-00-0000), and a day count shown as a date, are read as shown', () => {
    expect(byFile.get('number-format.xlsx')).toEqual(['US_SSN @ sheet Roster, cell B2', 'DATE_OF_BIRTH @ sheet Roster, cell D2']);
  });

  it('the number as stored is scanned too when its format does not show it digit for digit', async () => {
    const book = unzipSync(readFileSync(join(PRODUCERS, 'number-format.xlsx')));
    book['xl/styles.xml'] = strToU8(new TextDecoder().decode(book['xl/styles.xml']).replace('formatCode="000-00-0000"', 'formatCode="#,##0"'));
    expect((await found(zipSync(book))).findings).toContain('US_SSN @ sheet Roster, cell B2');
  });

  it('XLSX: formulas, page footers, text boxes and alt text, defined names, pivot caches and charts', () => {
    expect(byFile.get('stores.xlsx')).toEqual([
      'DATE_OF_BIRTH @ sheet Summary, cell B1, formula',
      'US_SSN @ sheet Summary, header or footer',
      'LICENSE_PLATE @ sheet Summary, alt text',
      'EMAIL_ADDRESS @ sheet Summary, shape',
      'LICENSE_PLATE @ sheet Summary, chart 1',
      'PHONE_NUMBER @ sheet Summary, chart 1',
      'US_SSN @ defined name OldId',
      'US_SSN @ pivot cache, field SSN',
      'EMAIL_ADDRESS @ pivot cache, field Email',
    ]);
  });

  it('DOCX: field codes (split over runs, and simple fields), document variables, charts', () => {
    expect(byFile.get('stores.docx')).toEqual([
      'US_SSN @ field code, paragraph 2',
      'EMAIL_ADDRESS @ field code, paragraph 3',
      'US_SSN @ document variable CaseSubjectSsn',
      'LICENSE_PLATE @ chart',
    ]);
  });

  it('documents LibreOffice wrote (its own part names, escaped number formats, comment and VML parts)', () => {
    expect(byFile.get('libreoffice.docx')).toEqual([
      'US_SSN @ paragraph 2',
      'US_SSN @ table 1 row 2 cell 2, paragraph 7',
      'LICENSE_PLATE @ link',
      'DATE_OF_BIRTH @ header, paragraph 1',
      'PHONE_NUMBER @ comment by J. Doe, paragraph 2',
      'EMAIL_ADDRESS @ property creator',
    ]);
    expect(byFile.get('libreoffice.xlsx')).toEqual([
      'US_SSN @ sheet Targets, cell B2',
      'LICENSE_PLATE @ sheet Targets, cell C2',
      'LICENSE_PLATE @ sheet Targets, cell C2, formula',
      'PHONE_NUMBER @ sheet Targets, cell A2, comment',
    ]);
    expect(byFile.get('libreoffice.pptx')).toEqual(['DOCUMENT_MARKING @ slide 1', 'EMAIL_ADDRESS @ slide 1 notes', 'US_SSN @ slide 2']);
  });

  it('an external relationship is a link, never read as a part', async () => {
    const doc = unzipSync(writers.docxPackage({ paragraphs: ['nothing here'] }));
    doc['word/_rels/document.xml.rels'] = strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml" TargetMode="External"/></Relationships>`,
    );
    doc['word/other.xml'] = strToU8(`<w:hdr xmlns:w="${W}"><w:p><w:r><w:t>SSN 536-22-4391</w:t></w:r></w:p></w:hdr>`);
    expect((await found(zipSync(doc))).findings).toEqual([]);
  });

  it('a binary workbook (.xlsb) is an error, not a clean file', async () => {
    const book = unzipSync(writers.xlsxPackage({ sheet: 'S', rows: [['x']] }));
    book['[Content_Types].xml'] = strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
    );
    book['_rels/.rels'] = strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
    );
    book['xl/workbook.bin'] = new Uint8Array(16);
    await expect(found(zipSync(book))).rejects.toThrow(/binary Excel workbook/);
  });
});

describe('same document, any spelling (property)', () => {
  const prefix = fc.constantFrom('', 'w', 'x', 'ns0', 'ns1', 'wml', 'a_b');
  const folder = fc.constantFrom('word', 'xl', 'content', 'a/b', 'Doc Parts');
  const text = fc.constantFrom('Subject SSN: 536-22-4391', 'DOB 04/12/1981', 'call (213) 621-0002', 'r.lopez@agency-mail.gov', 'nothing here', 'plate 7ABC123', 'a < b & "c"');

  it('DOCX: prefixes, default namespace, Strict namespaces, part names and absolute or relative targets do not change the findings', async () => {
    const doc = fc.record({ paragraphs: fc.array(text, { minLength: 1, maxLength: 4 }), header: text, comment: text, deleted: text });
    const style = fc.record({
      prefix,
      attrPrefix: fc.constantFrom(undefined, 'w', 'q'),
      strict: fc.boolean(),
      absolute: fc.boolean(),
      main: folder.map((f) => `${f}/main-${f.length}.xml`),
      header: folder.map((f) => `${f}/hdr/top.xml`),
      comments: folder.map((f) => `${f}/remarks.xml`),
    });
    await fc.assert(
      fc.asyncProperty(doc, style, async (d, s) => {
        const expected = await found(writers.docxPackage(d));
        expect(await found(writers.docxPackage(d, s))).toEqual(expected);
      }),
      { seed: 4391, numRuns: 30 },
    );
  });

  it('XLSX and PPTX: the same', async () => {
    const book = fc.record({ sheet: fc.constantFrom('People', 'Sheet 1'), rows: fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }) });
    const style = fc.record({
      prefix,
      strict: fc.boolean(),
      absolute: fc.boolean(),
      workbook: folder.map((f) => `${f}/book.xml`),
      sheet: folder.map((f) => `${f}/tabs/first.xml`),
      sharedStrings: folder.map((f) => `${f}/strings/all.xml`),
    });
    await fc.assert(
      fc.asyncProperty(book, style, async (b, s) => {
        expect(await found(writers.xlsxPackage(b, s))).toEqual(await found(writers.xlsxPackage(b)));
      }),
      { seed: 2298, numRuns: 25 },
    );
    const deck = fc.record({ slides: fc.array(fc.array(text, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), notes: text });
    const pstyle = fc.record({ p: prefix, a: fc.constantFrom('', 'a', 'dml', 'ns1'), absolute: fc.boolean(), presentation: folder.map((f) => `${f}/show.xml`) });
    await fc.assert(
      fc.asyncProperty(deck, pstyle, async (d, s) => {
        fc.pre(s.p !== s.a); // one prefix cannot name two namespaces
        expect(await found(writers.pptxPackage(d, s))).toEqual(await found(writers.pptxPackage(d)));
      }),
      { seed: 621, numRuns: 20 },
    );
  });
});

describe('tag soup and damaged parts', () => {
  const soup = (body: string) =>
    zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'word/document.xml': strToU8(`<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>SSN 536-22-4391</w:t></w:r></w:p>${body}`),
    });

  it.each([
    ['unclosed start tags', '<w:t'.repeat(250_000)],
    ['unclosed attributes', '<w:p w:x="1" '.repeat(80_000)],
    ['unclosed quotes', '<w:t a="'.repeat(120_000)],
    ['elements never closed', '<w:p>'.repeat(200_000)],
    ['close tags without start tags', '</w:p>'.repeat(170_000)],
  ])('a megabyte of %s (a few KB zipped) ends within its deadline: what precedes is found, the part is noted', async (_, body) => {
    const bytes = soup(body);
    expect(bytes.length).toBeLessThan(10_000);
    const { findings, notes } = await found(bytes);
    expect(findings).toEqual(['US_SSN @ paragraph 1']);
    expect(notes).toEqual([expect.stringMatching(/^part word\/document\.xml: not well-formed XML \(line 1.*\)/)]);
  });

  it('the reader checks the deadline between chunks of a part', () => {
    let calls = 0;
    const check = () => {
      if (++calls > 2) throw new Error('deadline');
    };
    expect(() => readXml(`<a>${'<b/>'.repeat(100_000)}</a>`, {}, { check })).toThrow('deadline');
    expect(calls).toBe(3);
  });

  it('damaged XML inside a valid zip gives findings or a note, never a crash (property)', async () => {
    const original = unzipSync(readFileSync(join(PRODUCERS, 'stores.docx')));
    const xml = original['word/document.xml']!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(xml.length - 1), fc.constantFrom(...'<>/"\'&=; x:\u0000'.split('').map((c) => c.charCodeAt(0)))), { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat(xml.length), { nil: undefined }),
        async (edits, cut) => {
          const damaged = Uint8Array.from(xml);
          for (const [at, b] of edits) damaged[at] = b;
          const r = await found(zipSync({ ...original, 'word/document.xml': cut === undefined ? damaged : damaged.subarray(0, cut) }));
          expect(Array.isArray(r.findings)).toBe(true);
        },
      ),
      { seed: 536, numRuns: 60 },
    );
  });
});

describe('the XML reader', () => {
  const read = (xml: string) => {
    const seen: string[] = [];
    let text = '';
    const problem = readXml(xml, { open: (el: XmlElement) => seen.push(`{${el.uri}}${el.local}@${el.attr('v', 'urn:n') ?? ''}`), text: (t) => (text += t) });
    return { seen, text, problem };
  };

  it('matches namespace and local name whatever the prefix', () => {
    const a = read('<a:r xmlns:a="urn:n"><a:t a:v="1">x</a:t></a:r>');
    const b = read('<r xmlns="urn:n" xmlns:q="urn:n"><t q:v="1">x</t></r>');
    expect(a.seen).toEqual(['{urn:n}r@', '{urn:n}t@1']);
    expect(b.seen).toEqual(a.seen);
  });

  it('expands the five XML entities and character references; never an entity a DTD declares, never an external one', () => {
    expect(read('<a>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;</a>')).toMatchObject({ text: `<>&"' AB`, problem: undefined });
    const internal = read('<!DOCTYPE a [<!ENTITY e "536-22-4391">]><a>&e;</a>');
    expect(internal.text).not.toContain('536');
    expect(internal.problem).toMatch(/undefined entity/);
    const external = read('<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>');
    expect(external.text).not.toMatch(/root/);
    expect(external.problem).toMatch(/undefined entity/);
  });

  it('a problem is described without the text of the input', () => {
    expect(read('<a><536-22-4391/></a>').problem).toMatch(/^line 1, column \d+: [^0-9]*$/);
  });
});

describe('number formats', () => {
  it.each([
    [536224391, '000-00-0000', '536-22-4391'],
    [536224391, '000\\-00\\-0000', '536-22-4391'],
    [12345678, '000-00-0000', '012-34-5678'],
    [2136210002, '(000) 000-0000', '(213) 621-0002'],
    [536224391, '"SSN "000-00-0000', 'SSN 536-22-4391'],
    [1234.5, '#,##0.00', '1,234.50'],
    [-1234.5, '#,##0.00;(#,##0.00)', '(1,234.50)'],
    [0.125, '0.0%', '12.5%'],
    [42, '[Red]0000', '0042'],
    [1234567, '#,##0,', '1,235'],
  ])('%p under %p is shown as %p', (value, code, shown) => {
    expect(formatNumber(value, code)).toBe(shown);
  });

  it.each([
    [29688, 'm/d/yyyy', '4/12/1981'],
    [29688, 'dd/mm/yyyy', '12/04/1981'],
    [29688, '[$-409]mmmm d, yyyy;@', 'April 12, 1981'],
    [29688, 'yyyy-mm-dd', '1981-04-12'],
    [29688.75, 'd-mmm-yy h:mm AM/PM', '12-Apr-81 6:00 PM'],
    [0.5, 'hh:mm:ss', '12:00:00'],
  ])('date %p under %p is shown as %p', (value, code, shown) => {
    expect(formatNumber(value, code)).toBe(shown);
  });

  it('a 1904 workbook counts its days from 1904', () => {
    expect(formatNumber(28226, 'yyyy-mm-dd', true)).toBe('1981-04-12');
  });

  it.each(['General', '0.00E+00', '# ?/?', '@', '[h]:mm'])('%p is not modelled: the raw number stands', (code) => {
    expect(formatNumber(536224391, code)).toBeUndefined();
  });
});

describe('fixture generators', () => {
  it('regenerate the committed producer fixtures byte for byte', () => {
    const out = dirs.make();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fixtures', 'ooxml-producers.mjs'), out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const py = spawnSync('python3', [join(ROOT, 'scripts', 'fixtures', 'etree-docx.py'), out], { encoding: 'utf8' });
    const made = readdirSync(out).filter((n) => py.status === 0 || n !== 'etree.docx');
    expect(made.length).toBeGreaterThanOrEqual(10);
    for (const name of made) expect([name, readFileSync(join(out, name)).equals(readFileSync(join(PRODUCERS, name)))]).toEqual([name, true]);
  });
});
