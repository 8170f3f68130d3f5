#!/usr/bin/env node
/**
 * Generates the document fixtures in fixtures/documents/ from XML strings with fflate, so every
 * planted value is visible here. Deterministic: fixed timestamps, so re-running changes nothing.
 *
 *   node scripts/make-document-fixtures.mjs [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const OUT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'documents');
const MTIME = new Date('2024-01-01T00:00:00Z');

/** A zip of name → text (or bytes), with a fixed time. */
export function zip(files) {
  const entries = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] = [typeof content === 'string' ? strToU8(content) : content, { mtime: MTIME }];
  }
  return zipSync(entries, { level: 6 });
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const p = (text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const contentTypes = (overrides) =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
const core = (creator, title) =>
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title><dc:creator>${creator}</dc:creator></cp:coreProperties>`;
const custom = (props) =>
  `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${Object.entries(props)
    .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${k}"><vt:lpwstr>${v}</vt:lpwstr></property>`)
    .join('')}</Properties>`;

/**
 * brief.docx: paragraph 1 title, 2 a marking, 3 an SSN, a table (paragraphs 4-7) with a phone in
 * row 2 cell 2, paragraph 8 with a tracked deletion holding an SSN and a tracked insertion with a
 * plate, a comment on paragraph 3 by J. Doe holding an email, a header with the DOB, a footnote,
 * and properties (creator, a custom "Case SSN" property).
 */
export function briefDocx() {
  const document = `${XML}<w:document ${W} ${R}><w:body>
${p('Field Operations Brief')}
${p('(U//FOUO) Handle accordingly.')}
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Subject SSN: 536-22-4391 per DMV record.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
<w:tbl><w:tr><w:tc>${p('Name')}</w:tc><w:tc>${p('Contact')}</w:tc></w:tr><w:tr><w:tc>${p('R. Lopez')}</w:tc><w:tc>${p('call (213) 621-0002')}</w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">Vehicle noted: </w:t></w:r><w:del w:id="1" w:author="A. Editor" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old SSN 671-03-2298</w:delText></w:r></w:del><w:ins w:id="2" w:author="A. Editor"><w:r><w:t>plate 7ABC123</w:t></w:r></w:ins></w:p>
<w:sectPr/></w:body></w:document>`;
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
    '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/document.xml': document,
    'word/header1.xml': `${XML}<w:hdr ${W}>${p('Target DOB 04/12/1981')}</w:hdr>`,
    'word/footer1.xml': `${XML}<w:ftr ${W}>${p('Page 1')}</w:ftr>`,
    'word/footnotes.xml': `${XML}<w:footnotes ${W}><w:footnote w:id="1">${p('Source: r.lopez@agency-mail.gov')}</w:footnote></w:footnotes>`,
    'word/comments.xml': `${XML}<w:comments ${W}><w:comment w:id="0" w:author="J. Doe" w:initials="JD">${p('Check with r.lopez@agency-mail.gov first')}</w:comment></w:comments>`,
    'docProps/core.xml': core('SSN 671-03-2298 owner', 'Brief (U//FOUO)'),
    'docProps/custom.xml': custom({ 'Case SSN': '536-22-4391' }),
  });
}

/** roster.xlsx: sheet "Targets" with a shared-string SSN in C7, an inline-string phone in D7, a number; sheet "Notes" with a plate. */
export function rosterXlsx() {
  const sheet = (rows) => `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'),
    'xl/workbook.xml': `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><sheets><sheet name="Targets" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Name</t></si><si><t>SSN</t></si><si><r><t>SSN: 536-22-</t></r><r><t>4391</t></r></si></sst>`,
    'xl/worksheets/sheet1.xml': sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
        '<row r="7"><c r="A7"><v>42</v></c><c r="C7" t="s"><v>2</v></c><c r="D7" t="inlineStr"><is><t>phone (213) 621-0002</t></is></c></row>',
    ),
    'xl/worksheets/sheet2.xml': sheet('<row r="2"><c r="B2" t="inlineStr"><is><t>plate 7ABC123 seen at gate</t></is></c></row>'),
    'docProps/core.xml': core('Analyst r.lopez@agency-mail.gov', 'Roster'),
  });
}

/** deck.pptx: slide 1 a title, slide 2 an SSN, slide 2 notes with an email. */
export function deckPptx() {
  const sld = (texts) =>
    `${XML}<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody>${texts
      .map((t) => `<a:p><a:r><a:t>${t}</a:t></a:r></a:p>`)
      .join('')}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  const rels = (items) =>
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, target]) => `<Relationship Id="${id}" Type="x" Target="${target}"/>`).join('')}</Relationships>`;
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'),
    'ppt/presentation.xml': `${XML}<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" ${R}><p:sldIdLst><p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId1"/></p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': rels([['rId1', 'slides/slide1.xml'], ['rId2', 'slides/slide2.xml']]),
    // Shown second (presentation order), stored as slide1.xml.
    'ppt/slides/slide1.xml': sld(['Operation details', 'Target SSN 536-22-4391']),
    'ppt/slides/_rels/slide1.xml.rels': rels([['rId1', '../notesSlides/notesSlide1.xml']]),
    'ppt/notesSlides/notesSlide1.xml': sld(['Ask r.lopez@agency-mail.gov']),
    'ppt/slides/slide2.xml': sld(['(U//FOUO) Briefing']),
  });
}

const relsOf = (items) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, target]) => `<Relationship Id="${id}" Type="x" Target="${target}"/>`).join('')}</Relationships>`;

/** A one-sheet workbook ("Sheet1") whose cell A1 holds `text`, plus whatever `extra` parts. */
function workbook(text, extra = {}) {
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'),
    'xl/workbook.xml': `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relsOf([['rId1', 'worksheets/sheet1.xml']]),
    'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`,
    ...extra,
  });
}

/** notes.xlsx: the cells hold only a name; an SSN in the cell's note, a phone in a threaded comment on it. */
export function notesXlsx() {
  return workbook('RAMIREZ, Jose', {
    'xl/worksheets/_rels/sheet1.xml.rels': relsOf([['rId1', '../comments1.xml'], ['rId2', '../threadedComments/threadedComment1.xml']]),
    'xl/comments1.xml': `${XML}<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A. Editor</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>A. Editor:</t></r><r><t xml:space="preserve">
SSN 536-22-4391 per DMV</t></r></text></comment></commentList></comments>`,
    'xl/threadedComments/threadedComment1.xml': `${XML}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A1" id="{1}"><text>call him at (213) 621-0002 before the op</text></threadedComment></ThreadedComments>`,
  });
}

/**
 * review.pptx: one slide with a title only; an SSN in a comment on it, an e-mail in a modern
 * comment, a phone in a picture's alt text, a plate in the workbook embedded behind a chart.
 */
export function reviewPptx() {
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'),
    'ppt/presentation.xml': `${XML}<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" ${R}><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': relsOf([['rId1', 'slides/slide1.xml']]),
    'ppt/slides/slide1.xml': `${XML}<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Quarterly review</a:t></a:r></a:p></p:txBody></p:sp><p:pic><p:nvPicPr><p:cNvPr id="4" name="Picture 3" descr="Screenshot: call (415) 555-2671"/></p:nvPicPr></p:pic></p:spTree></p:cSld></p:sld>`,
    'ppt/slides/_rels/slide1.xml.rels': relsOf([['rId1', '../comments/comment1.xml'], ['rId2', '../comments/modernComment_100_1.xml']]),
    'ppt/comments/comment1.xml': `${XML}<p:cmLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cm authorId="0" idx="1"><p:pos x="10" y="10"/><p:text>Target SSN 536-22-4391, remove before sending</p:text></p:cm></p:cmLst>`,
    'ppt/comments/modernComment_100_1.xml': `${XML}<p188:cmLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p188:cm id="{2}" authorId="{3}"><p188:txBody><a:bodyPr/><a:p><a:r><a:t>ask r.lopez@agency-mail.gov</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>`,
    'ppt/embeddings/Microsoft_Excel_Worksheet.xlsx': workbook('plate 7ABC123 seen at gate'),
  });
}

/**
 * linked.docx: the text says only "see the photo" and "write to the agent"; the photo's alt text
 * holds a DOB, the link's address an e-mail, and a custom XML part stored with it an SSN.
 */
export function linkedDocx() {
  const WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"';
  const document = `${XML}<w:document ${W} ${R} ${WP}><w:body>
${p('See the photo below.')}
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Subject at the lot, DOB 04/12/1981"/></wp:inline></w:drawing></w:r></w:p>
<w:p><w:hyperlink r:id="rId9"><w:r><w:t>Write to the agent</w:t></w:r></w:hyperlink></w:p>
<w:sectPr/></w:body></w:document>`;
  return zip({
    '[Content_Types].xml': contentTypes('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
    'word/document.xml': document,
    'word/_rels/document.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:r.lopez@agency-mail.gov" TargetMode="External"/></Relationships>`,
    'customXml/item1.xml': `${XML}<case><subjectSsn>671-03-2298</subjectSsn></case>`,
  });
}

/** bundle.zip: a text file, a nested folder with the DOCX, and a binary blob. */
export function bundleZip() {
  return zip({
    'notes/readme.txt': 'Contact: call (213) 621-0002\n\nDOB 04/12/1981\n',
    'exports/brief.docx': briefDocx(),
    'exports/blob.bin': new Uint8Array(64).fill(0),
  });
}

const wrap = (b64) => b64.replace(/.{1,76}/g, '$&\r\n');

/** mail.eml: headers, a quoted-printable body, an HTML alternative, and the bundle.zip attachment (email → zip → docx). */
export function mailEml() {
  const zipB64 = wrap(Buffer.from(bundleZip()).toString('base64'));
  return [
    'From: "R. Lopez" <r.lopez@agency-mail.gov>',
    'To: team@example.org',
    'Subject: =?utf-8?Q?Worksheet_(U//FOUO)?=',
    'Date: Mon, 1 Jan 2024 09:00:00 +0000',
    'Message-ID: <fixture-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Team,',
    '',
    'Subject SSN 671-03-2298 is confirmed; the full worksheet is attached. Call =',
    'me at (213) 621-0002.',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Subject SSN 671-03-2298 is confirmed.</p>',
    '--alt--',
    '--outer',
    'Content-Type: application/zip; name="bundle.zip"',
    'Content-Disposition: attachment; filename="bundle.zip"',
    'Content-Transfer-Encoding: base64',
    '',
    zipB64 + '--outer',
    'Content-Type: text/plain; name="plate.txt"',
    'Content-Disposition: attachment; filename="plate.txt"',
    '',
    'Vehicle: plate 7ABC123',
    '--outer--',
    '',
  ].join('\r\n');
}

/**
 * A minimal PDF written by hand: one Helvetica page per entry of `pages` (lines of text), an
 * optional /Info dictionary, optionally an /Encrypt dictionary whose password checks fail for the
 * empty password (so a reader must ask for one), per page (`annots[i]`) filled text fields
 * (`{ field, label, value }`) and notes (`{ note }`), and attached files (`attachments`, name →
 * latin1 content). Byte offsets in the xref table are computed.
 */
export function pdf(pages, { info, encrypt = false, annots = [], attachments = {} } = {}) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const objects = [];
  const add = (body) => objects.push(body) && objects.length;
  const catalog = add(null);
  const pagesObj = add(null);
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids = [];
  const fields = [];
  pages.forEach((lines, i) => {
    const ops = ['BT', '/F1 12 Tf', '14 TL', '72 720 Td', ...lines.map((l) => `(${esc(l)}) Tj T*`), 'ET'].join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    const onPage = (annots[i] ?? []).map((a, k) => {
      const rect = `/Rect [72 ${600 - 30 * k} 300 ${620 - 30 * k}]`;
      if (a.note !== undefined) return add(`<< /Type /Annot /Subtype /Text /Contents (${esc(a.note)}) ${rect} >>`);
      const field = add(`<< /Type /Annot /Subtype /Widget /FT /Tx /T (${esc(a.field)}) /TU (${esc(a.label)}) /V (${esc(a.value)}) ${rect} >>`);
      fields.push(field);
      return field;
    });
    const annotsEntry = onPage.length > 0 ? ` /Annots [${onPage.map((o) => `${o} 0 R`).join(' ')}]` : '';
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R${annotsEntry} >>`));
  });
  const acroForm = fields.length > 0 ? ` /AcroForm << /Fields [${fields.map((f) => `${f} 0 R`).join(' ')}] >>` : '';
  const files = Object.entries(attachments).map(([name, content]) => {
    const stream = add(`<< /Type /EmbeddedFile /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    return `(${esc(name)}) ${add(`<< /Type /Filespec /F (${esc(name)}) /UF (${esc(name)}) /EF << /F ${stream} 0 R >> >>`)} 0 R`;
  });
  const names = files.length > 0 ? ` /Names << /EmbeddedFiles << /Names [${files.join(' ')}] >> >>` : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R${acroForm}${names} >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const infoObj = info ? add(`<< ${Object.entries(info).map(([k, v]) => `/${k} (${esc(v)})`).join(' ')} >>`) : undefined;
  const hex = (n, seed) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
  const encryptObj = encrypt ? add(`<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${hex(32, 11)}> /U <${hex(32, 97)}> >>`) : undefined;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const trailer = [`/Size ${objects.length + 1}`, `/Root ${catalog} 0 R`];
  if (infoObj) trailer.push(`/Info ${infoObj} 0 R`);
  if (encryptObj) trailer.push(`/Encrypt ${encryptObj} 0 R`, `/ID [<${hex(16, 5)}> <${hex(16, 5)}>]`);
  out += `trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * form.pdf: a filled worksheet form: the page shows only the labels; the values are in its fields
 * (a bare nine-digit number that only the field's label makes an SSN), a reviewer's note, and an
 * attached file with a second SSN.
 */
function formPdf() {
  return pdf([['FIELD OPERATIONS WORKSHEET', 'Subject:', 'Identifier:', 'Plate:']], {
    annots: [
      [
        { field: 'subject_name', label: 'Subject name', value: 'RAMIREZ, Jose' },
        { field: 'subject_ssn', label: 'Subject SSN', value: '536224391' },
        { field: 'plate', label: 'License plate', value: '7ABC123' },
        { note: 'Reviewer: confirm DOB 04/12/1981 with DMV before the op.' },
      ],
    ],
    attachments: { 'second-subject.txt': 'Second subject SSN 671-03-2298\n' },
  });
}

/** report.pdf: page 1 a marking, page 2 an SSN, page 3 a phone; the author's email in /Info. */
function reportPdf() {
  return pdf(
    [
      ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'Quarterly review of field contacts.'],
      ['Nothing on this page but prose.', 'Subject SSN 536-22-7719 was interviewed.'],
      ['Call the case agent at (415) 555-2671 or 212-736-5000 after hours.'],
    ],
    { info: { Title: 'Quarterly review', Author: 'k.ngata@field-office.org', Subject: 'Field contacts', Keywords: 'SSN 671-03-5512' } },
  );
}

/** A spreadsheet export: a comment line, a header row, quoted cells with commas, quotes and line breaks. */
function peopleCsv() {
  return [
    '# roster export (synthetic values)',
    'name,passport_no,dob,routing,notes',
    '"Lopez, Rosa",550604947,1984-09-23,021000021,"said ""call me""',
    'SSN 536-22-4391"',
    'Tran Minh,B60260200,1990-02-14,,',
    '',
  ].join('\r\n');
}

function peopleTsv() {
  return ['name\tpassport_no\temail', 'Rosa Lopez\t536120641\tr.lopez@agency-mail.gov', ''].join('\n');
}

function recordJson() {
  return `${JSON.stringify(
    {
      case: 'C-2291',
      people: [
        { name: 'Rosa Lopez', dob: '1984-09-23', ssn: '536-22-4391' },
        { name: 'Tran Minh', passport_no: 550604947, contact: { email: 'tminh@example-mail.net' } },
      ],
      'bank routing': '021000021',
    },
    null,
    2,
  )}\n`;
}

function pageHtml() {
  return `<!doctype html>
<html><head><title>Intake</title><meta name="author" content="r.lopez@agency-mail.gov">
<style>.ssn { color: red } /* 536-22-0000 */</style>
<script>var hidden = "671-03-2298";</script></head>
<body>
<h1>Intake form</h1>
<p>Applicant SSN 536-22-4391 on file.</p>
<!-- 671-03-9999 in a comment -->
<form><input name="dob" value="1984-09-23" title="Date of birth"><img src="x.png" alt="plate 7ABC123"></form>
<p>Call (415) 555-2671 &amp; leave a message.</p>
</body></html>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT, { recursive: true });
  const files = {
    'brief.docx': briefDocx(),
    'roster.xlsx': rosterXlsx(),
    'deck.pptx': deckPptx(),
    'notes.xlsx': notesXlsx(),
    'linked.docx': linkedDocx(),
    'review.pptx': reviewPptx(),
    'bundle.zip': bundleZip(),
    'mail.eml': mailEml(),
    'report.pdf': reportPdf(),
    'form.pdf': formPdf(),
    'encrypted.pdf': pdf([['Subject SSN 536-22-7719']], { encrypt: true }),
    'people.csv': peopleCsv(),
    'people.tsv': peopleTsv(),
    'record.json': recordJson(),
    'page.html': pageHtml(),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(OUT, name), content);
  console.log(`wrote ${Object.keys(files).length} fixtures to ${OUT}`);
}
