/**
 * Email as `pii-scan scan` reads it (postal-mime): a value planted in every place a message can
 * hold one is found and located — each alternative, HTML comments, any header, encoded words,
 * quoted-printable soft breaks, base64 attachments, attached messages, the way real clients nest
 * their parts — and MIME nested past the limit is a note, not a silent clean.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES, scanJson } from './helpers.js';
import { attached, DRAFT_HEADERS, html, message, multipart, part, plain, type Part } from './mail.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN = '536-22-4391';
const TO = 'To: r.lopez@agency.example.gov';

/** Scans one message; the SSN findings' locations as the report describes them. */
async function ssnPlaces(raw: string | Uint8Array, name = 'mail.eml') {
  const cwd = writeTree(dirs.make(), { [name]: raw });
  const r = await scanJson([name], cwd);
  const ssns = r.report.findings.filter((f) => f.entity === 'US_SSN');
  return { ...r, ssns, places: ssns.map((f) => f.location?.description) };
}

const mail = (content: Part, headers: string[] = []) => message([...DRAFT_HEADERS, TO, ...headers], content);

describe('email bodies', () => {
  it('finds an SSN only in the HTML alternative', async () => {
    const raw = mail(multipart('alternative', 'alt-1', [plain('See the worksheet.'), html(`<p>See the worksheet.</p><p>SSN ${SSN}</p>`)]));
    const { code, ssns, places } = await ssnPlaces(raw);
    expect(code).toBe(1);
    expect(places).toEqual(['body → <p> block 2']);
    expect(ssns[0]!.location).toMatchObject({ kind: 'html', chain: [{ kind: 'eml', part: 'body' }] });
  });

  it('finds an SSN in an HTML comment and in a script of a body', async () => {
    const raw = mail(html(`<html><body><p>Hello</p><!-- old SSN ${SSN} --><script>var ssn = "671-03-2298";</script></body></html>`));
    const { places } = await ssnPlaces(raw);
    expect(places).toEqual(['body → comment', 'body → <script> contents']);
  });

  it('joins a quoted-printable soft line break that splits the SSN', async () => {
    const raw = mail(part(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'], 'Case notes =E2=80=93 subject SSN 536-2=\r\n2-4391 per DMV.'));
    const { places, ssns } = await ssnPlaces(raw);
    expect(places).toEqual(['body']);
    expect(ssns[0]).toMatchObject({ line: 1, value: '***-**-4391' });
  });

  it('reads a body in a charset other than UTF-8 (base64, ISO-8859-1)', async () => {
    const latin1 = Buffer.from(`Dossier: résumé, SSN ${SSN}\r\n`, 'latin1').toString('base64');
    const raw = mail(part(['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: base64'], latin1));
    expect((await ssnPlaces(raw)).places).toEqual(['body']);
  });
});

describe('email headers', () => {
  it.each([
    ['a custom X- header', `X-Case-Reference: subject SSN ${SSN}`, 'header X-Case-Reference'],
    ['a Comments: header', `Comments: SSN ${SSN} (remove before sending)`, 'header Comments'],
    ['an encoded-word (base64) Subject', `Subject: =?utf-8?B?${Buffer.from(`Target SSN ${SSN} – update`).toString('base64')}?=`, 'header Subject'],
    ['an encoded-word (Q) Keywords header folded over two lines', `Keywords: =?iso-8859-1?Q?dossier_r=E9sum=E9?=\r\n =?utf-8?Q?SSN_${SSN}?=`, 'header Keywords'],
  ])('finds an SSN in %s', async (_, header, place) => {
    const raw = message(['From: a@agency.example.gov', TO, header], plain('Nothing in the body.'));
    const { places } = await ssnPlaces(raw);
    expect(places).toEqual([place]);
  });

  it('a header name is the label, not the value: the SSN in X-SSN is found once, in its value', async () => {
    const raw = message(['From: a@agency.example.gov', TO, `X-SSN: ${SSN}`], plain('Nothing in the body.'));
    const { ssns } = await ssnPlaces(raw);
    expect(ssns.map((f) => [f.location?.description, f.column])).toEqual([['header X-SSN', 1]]);
  });
});

describe('email attachments', () => {
  it('reads a base64 text attachment, by its name', async () => {
    const raw = mail(multipart('mixed', 'mix-1', [plain('See attached.'), attached('worksheet.txt', 'text/plain', `TGT 1 SSN ${SSN}\n`)]));
    expect((await ssnPlaces(raw)).places).toEqual(['attachment worksheet.txt']);
  });

  it('reads an attached message (message/rfc822) and what it holds', async () => {
    const inner = message(['From: b@agency.example.gov', 'To: a@agency.example.gov', 'Subject: fwd'], multipart('mixed', 'in-1', [plain(`Forwarded: SSN ${SSN}`), attached('plate.txt', 'text/plain', 'old SSN 671-03-2298')]));
    const raw = mail(multipart('mixed', 'mix-2', [plain('Forwarding.'), part(['Content-Type: message/rfc822; name="fwd.eml"', 'Content-Disposition: attachment; filename="fwd.eml"'], inner)]));
    expect((await ssnPlaces(raw)).places).toEqual(['attachment fwd.eml → body', 'attachment fwd.eml → attachment plate.txt']);
  });

  it('reads an inline message/rfc822 part without MIME-Version as a message', async () => {
    const inner = `From: b@agency.example.gov\r\nSubject: note\r\n\r\nSSN ${SSN}\r\n`;
    const raw = mail(multipart('mixed', 'mix-3', [plain('Forwarding.'), part(['Content-Type: message/rfc822'], inner)]));
    expect((await ssnPlaces(raw)).places).toEqual(['attachment message.eml → body']);
  });

  it('reads a DOCX, a PDF and a zip attached in base64', async () => {
    const raw = mail(
      multipart('mixed', 'mix-4', [
        plain('All three attached.'),
        attached('brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', readFileSync(join(FIXTURES, 'brief.docx'))),
        attached('report.pdf', 'application/pdf', readFileSync(join(FIXTURES, 'report.pdf'))),
        attached('bundle.zip', 'application/zip', readFileSync(join(FIXTURES, 'bundle.zip'))),
      ]),
    );
    const { places } = await ssnPlaces(raw);
    expect(places).toContain('attachment brief.docx → paragraph 3');
    expect(places.some((p) => p?.startsWith('attachment report.pdf → page'))).toBe(true);
    expect(places).toContain('attachment bundle.zip → entry exports/brief.docx → paragraph 3');
  });

  it('an attachment that cannot be read is a note naming it; the rest of the message is still read', async () => {
    const raw = mail(multipart('mixed', 'mix-5', [plain(`SSN ${SSN}`), attached('locked.pdf', 'application/pdf', readFileSync(join(FIXTURES, 'encrypted.pdf')))]));
    const { places, report } = await ssnPlaces(raw);
    expect(places).toEqual(['body']);
    expect(report.diagnostics).toEqual([{ path: 'mail.eml', level: 'skipped', message: expect.stringMatching(/^attachment locked\.pdf: .*encrypted.*; not scanned$/), notScanned: true }]);
  });

  it('reads a CSV or TSV attachment by its cells, each with its column header as context', async () => {
    const csv = readFileSync(join(FIXTURES, 'people.csv'));
    const tsv = readFileSync(join(FIXTURES, 'people.tsv'));
    const raw = mail(multipart('mixed', 'mix-7', [plain('Roster attached.'), attached('people.csv', 'text/csv', csv), attached('people.tsv', 'text/tab-separated-values', tsv)]));
    const cwd = writeTree(dirs.make(), { 'mail.eml': raw, 'people.csv': csv, 'people.tsv': tsv });
    const { report } = await scanJson(['mail.eml', 'people.csv', 'people.tsv'], cwd);
    const at = (path: string) => report.findings.filter((f) => f.path === path && f.location?.['part'] !== 'header').map((f) => `${f.entity} ${f.location?.description}`);
    // The same findings as the files on their own, each in its attachment.
    expect(at('mail.eml')).toEqual([...at('people.csv').map((f) => f.replace(' ', ' attachment people.csv → ')), ...at('people.tsv').map((f) => f.replace(' ', ' attachment people.tsv → '))]);
    expect(at('mail.eml')).toContain('US_PASSPORT attachment people.csv → cell B3 (passport_no)');
  });

  it('an email inside a zip inside an email', async () => {
    const { zipSync } = await import('fflate');
    const inner = message(['From: b@agency.example.gov', 'To: a@agency.example.gov'], plain(`SSN ${SSN}`));
    const zip = zipSync({ 'mail/old.eml': Buffer.from(inner) });
    const raw = mail(multipart('mixed', 'mix-6', [plain('Archive attached.'), attached('archive.zip', 'application/zip', zip)]));
    expect((await ssnPlaces(raw)).places).toEqual(['attachment archive.zip → entry mail/old.eml → body']);
  });
});

describe('messages as clients write them', () => {
  it('Thunderbird/Outlook: mixed > related > alternative, an inline image, a DOCX; the SSN only in the HTML and the DOCX', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const raw = message(
      [
        'Message-ID: <4f2a9c1e-77b0-4c2e-9d1a-0c5b8e3f2a11@agency.example.gov>',
        'Date: Mon, 10 Jun 2024 21:14:00 -0700',
        'User-Agent: Mozilla Thunderbird',
        'Content-Language: en-US',
        'To: "Lopez, R." <r.lopez@agency.example.gov>',
        'From: "Ramos, M. (Sgt)" <m.ramos@agency.example.gov>',
        'Subject: FOW for tomorrow',
        'X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0; attachmentreminder=0; deliveryformat=0',
      ],
      multipart('mixed', '------------mixed0Gq1', [
        multipart('related', '------------related7Hd2', [
          multipart('alternative', '------------alt3Kx9', [
            part(['Content-Type: text/plain; charset=UTF-8; format=flowed', 'Content-Transfer-Encoding: 7bit'], 'Worksheet attached. Details in the\r\nformatted version.\r\n'),
            part(
              ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable'],
              '<html>\r\n  <head>\r\n    <meta http-equiv=3D"content-type" content=3D"text/html; charset=3DUTF-8">\r\n  </head>\r\n  <body>\r\n    <p>Worksheet attached.</p>\r\n    <p>TGT 1 SSN 536-22-43=\r\n91 <img src=3D"cid:part1.a1b2@agency.example.gov"></p>\r\n  </body>\r\n</html>\r\n',
            ),
          ]),
          part(['Content-Type: image/png; name="logo.png"', 'Content-Disposition: inline; filename="logo.png"', 'Content-Id: <part1.a1b2@agency.example.gov>', 'Content-Transfer-Encoding: base64'], png.toString('base64')),
        ]),
        attached('FOW.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', readFileSync(join(FIXTURES, 'brief.docx'))),
      ]),
    );
    const { places, report } = await ssnPlaces(raw);
    expect(places[0]).toBe('body → <p> block 2');
    expect(places).toContain('attachment FOW.docx → paragraph 3');
    // The inline image is not text: a note, visible.
    expect(report.diagnostics.map((d) => d.message)).toEqual(['attachment logo.png: image too small to read (1 px wide, under 500); not scanned']);
  });
});

describe('a message written by a real MIME producer (Python email, scripts/fixtures/email.mjs)', () => {
  it('finds every planted SSN: encoded-word headers, the HTML alternative across a soft break and in a comment, attachments, the attached message', async () => {
    const { places } = await ssnPlaces(readFileSync(join(FIXTURES, 'email', 'python-draft.eml')));
    expect(places).toEqual([
      'header Subject',
      'header X-Case-Reference',
      'body → <p> block 1',
      'body → comment',
      'attachment worksheet.txt',
      'attachment brief.docx → paragraph 3',
      'attachment brief.docx → tracked deletion by A. Editor, paragraph 8',
      'attachment brief.docx → property creator',
      'attachment brief.docx → property Case SSN',
      'attachment message.eml → body',
    ]);
  });
});

describe('MIME nested past the limit', () => {
  it('is a note, and the parts above it are still read', async () => {
    let content: Part = plain(`deep SSN ${SSN}`);
    for (let i = 0; i < 25; i++) content = multipart('mixed', `level-${i}`, [content]);
    const raw = mail(multipart('mixed', 'top', [plain(`top SSN 671-03-2298`), content]));
    const { places, report } = await ssnPlaces(raw);
    expect(places).toEqual(['body']);
    expect(report.diagnostics).toEqual([{ path: 'mail.eml', level: 'skipped', message: 'body: MIME parts nested more than 20 deep; not scanned', notScanned: true }]);
  });
});

describe("postal-mime's own limits", () => {
  it('a message past its nesting limit (256 levels) is an error for that file, not a clean one', async () => {
    let content: Part = plain(`deep SSN ${SSN}`);
    for (let i = 0; i < 300; i++) content = multipart('mixed', `b${i}`, [content]);
    const cwd = writeTree(dirs.make(), { 'deep.eml': mail(content) });
    const r = await scanJson(['deep.eml'], cwd);
    expect(r.code).toBe(2);
    expect(r.report.diagnostics).toEqual([{ path: 'deep.eml', level: 'error', message: 'email cannot be read: Maximum MIME nesting depth of 256 levels exceeded' }]);
  });
});

describe('the shipped fixture', () => {
  it('mail.eml: both alternatives are read (the SSN is in each), headers by name', async () => {
    const { places } = await ssnPlaces(readFileSync(join(FIXTURES, 'mail.eml')));
    expect(places.slice(0, 2)).toEqual(['body', 'body → <p> block 1']);
  });
});
