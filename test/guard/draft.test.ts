/** Recipients and body from an .eml draft: folded headers, quoted names with commas, groups, MIME bodies. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeQuotedPrintable, parseAddressList, parseEml } from '../../src/guard/eml.js';
import { ROOT } from '../cli/helpers.js';

const eml = (lines: string[]) => parseEml(Buffer.from(lines.join('\r\n'), 'utf8'));

describe('address lists', () => {
  it.each([
    ['a@x.example', ['a@x.example']],
    ['"Lopez, R." <r.lopez@agency.example.gov>, j.ortiz@agency.example.gov', ['r.lopez@agency.example.gov', 'j.ortiz@agency.example.gov']],
    ['"Doe, \\"JD\\", Jr." <jd@x.example>', ['jd@x.example']],
    ['R. Lopez <r@x.example> (desk, 2nd floor), k@x.example (Kim)', ['r@x.example', 'k@x.example']],
    ['Team 4: "Dwyer, K." <k@x.example>, a@x.example;, z@x.example', ['k@x.example', 'a@x.example', 'z@x.example']],
    ['undisclosed-recipients:;', []],
    ['"Lopez, R." <+1 202 555 0134/TYPE=PLMN>, +12025550162/TYPE=PLMN', ['+1 202 555 0134', '+12025550162']],
    ['Kessler <(202) 555-0125>, (202) 555-0186', ['(202) 555-0125', '(202) 555-0186']],
    ['"Lopez, R."', ['"Lopez, R."']],
  ])('%s', (header, expected) => {
    expect(parseAddressList(header)).toEqual(expected);
  });
});

describe('parseEml', () => {
  it('takes To, Cc and Bcc (folded, quoted names with commas, groups) in header order', () => {
    const m = eml([
      'From: me@agency.example.gov',
      'To: "Lopez, R." <r.lopez@agency.example.gov>,',
      '   "Ortiz, J. (Team 4)"',
      '\t<j.ortiz@agency.example.gov>',
      'CC: Team 4: "Dwyer, K." <k.dwyer@agency.example.gov>, a.okafor@agency.example.gov;',
      'Reply-To: ignored@agency.example.gov',
      'bcc: stranger@elsewhere.example.com',
      'Subject: To: not-a-header@example.com',
      '',
      'To: not.a.recipient@example.com',
    ]);
    expect(m.recipients).toEqual([
      { header: 'To', address: 'r.lopez@agency.example.gov' },
      { header: 'To', address: 'j.ortiz@agency.example.gov' },
      { header: 'Cc', address: 'k.dwyer@agency.example.gov' },
      { header: 'Cc', address: 'a.okafor@agency.example.gov' },
      { header: 'Bcc', address: 'stranger@elsewhere.example.com' },
    ]);
    expect(m.body).toBe('To: not.a.recipient@example.com');
    expect(m.otherParts).toEqual([]);
  });

  it('decodes a quoted-printable single-part body', () => {
    const m = eml(['To: a@x.example', 'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable', '', 'SSN 536-22-=', '4391 =E2=80=93 caf=C3=A9']);
    expect(m.body).toBe('SSN 536-22-4391 – café');
  });

  it('decodes a base64 text/plain part in a charset other than UTF-8', () => {
    const latin1 = Buffer.from('Dossier: résumé, SSN 536-22-4391\n', 'latin1').toString('base64');
    const m = eml([
      'To: a@x.example',
      'Content-Type: multipart/alternative; boundary=XYZ',
      '',
      'preamble',
      '--XYZ',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>not this one</p>',
      '--XYZ',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: base64',
      '',
      latin1.slice(0, 20),
      latin1.slice(20),
      '--XYZ--',
      'epilogue',
    ]);
    expect(m.body).toBe('Dossier: résumé, SSN 536-22-4391\n');
    // The HTML alternative carries the same content: it is not reported as unscanned.
    expect(m.otherParts).toEqual([]);
  });

  it('reads text/plain inside multipart/mixed and names the attachments it did not read', () => {
    const m = eml([
      'To: a@x.example',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--inner',
      'Content-Type: text/html',
      '',
      '<p>see attached</p>',
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="fow.pdf"',
      'Content-Disposition: attachment; filename="fow.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--outer--',
    ]);
    expect(m.body).toBe('see attached');
    expect(m.otherParts).toEqual(['attachment fow.pdf (application/pdf)']);
  });

  it('a message without a text/plain part has no body', () => {
    const m = eml(['To: a@x.example', 'Content-Type: text/html', '', '<p>hi</p>']);
    expect(m.body).toBeUndefined();
    expect(m.otherParts).toEqual(['a text/html part']);
  });

  it('quoted-printable: soft line breaks join, =XX is a byte, trailing spaces go', () => {
    expect(decodeQuotedPrintable('a=3Db  \r\nc=\r\nd')).toBe('a=b\r\ncd');
  });

  it('the shipped incident draft: six phone recipients (one mistyped) and the worksheet body', () => {
    const m = parseEml(readFileSync(join(ROOT, 'fixtures/guard/draft.eml')));
    expect(m.recipients.map((r) => `${r.header} ${r.address}`)).toEqual([
      'To +1 202 555 0134',
      'To +12025550162',
      'To +12025550178',
      'Cc (202) 555-0125',
      'Cc 202-555-0186',
      'Bcc +12025550117',
    ]);
    expect(m.body).toMatch(/^FIELD OPERATIONS WORKSHEET – ERO LA Team 4/);
    expect(m.body).toContain('SSN 541-40-2160');
    expect(m.body).toContain('tag 8KTR417 (CA); LPR hit');
  });
});
