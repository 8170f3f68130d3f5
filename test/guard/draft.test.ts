/** Recipients from an .eml draft (read by the scan's email reader): folded headers, quoted names with commas, groups, phones. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOwnAddress, readDraft } from '../../src/guard/draft.js';
import { parseAddressList } from '../../src/guard/recipients.js';
import { ROOT } from '../cli/helpers.js';

const recipients = async (lines: string[]) => (await readDraft(Buffer.from(lines.join('\r\n'), 'utf8'))).recipients;

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

describe('readDraft', () => {
  it('takes To, Cc and Bcc (folded, any case, quoted names with commas, groups) in header order', async () => {
    const r = await recipients([
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
    expect(r).toEqual([
      { header: 'To', address: 'r.lopez@agency.example.gov' },
      { header: 'To', address: 'j.ortiz@agency.example.gov' },
      { header: 'Cc', address: 'k.dwyer@agency.example.gov' },
      { header: 'Cc', address: 'a.okafor@agency.example.gov' },
      { header: 'Bcc', address: 'stranger@elsewhere.example.com' },
    ]);
  });

  it('an encoded-word display name with a comma stays one recipient', async () => {
    const r = await recipients(['From: me@agency.example.gov', 'To: =?utf-8?Q?L=C3=B3pez,_R.?= <r.lopez@agency.example.gov>', '', 'hi']);
    expect(r).toEqual([{ header: 'To', address: 'r.lopez@agency.example.gov' }]);
  });

  it('the shipped incident draft: six phone recipients (one mistyped)', async () => {
    const r = (await readDraft(readFileSync(join(ROOT, 'fixtures/guard/draft.eml')))).recipients;
    expect(r.map((x) => `${x.header} ${x.address}`)).toEqual([
      'To +1 202 555 0134',
      'To +12025550162',
      'To +12025550178',
      'Cc (202) 555-0125',
      'Cc 202-555-0186',
      'Bcc +12025550117',
    ]);
  });
});

describe('isOwnAddress', () => {
  it("is one of the draft's own addresses where it addresses the message; not other values there, other headers, nor an attached message's", async () => {
    const draft = await readDraft(Buffer.from('From: me@agency.example.gov\r\nCc: "SSN 536-22-4391" <+1 (202) 555-0143>\r\n\r\nhi\r\n'));
    const at = (header: string, chain?: [{ kind: 'eml'; part: 'attachment'; name: string }]) => ({ kind: 'eml' as const, part: 'header' as const, header, ...(chain ? { chain } : {}) });
    expect(isOwnAddress({ value: '+1 (202) 555-0143', location: at('CC') }, draft, 'US')).toBe(true);
    expect(isOwnAddress({ value: 'Me@Agency.example.gov', location: at('From') }, draft, 'US')).toBe(true);
    expect(isOwnAddress({ value: '536-22-4391', location: at('Cc') }, draft, 'US')).toBe(false);
    expect(isOwnAddress({ value: 'me@agency.example.gov', location: at('Subject') }, draft, 'US')).toBe(false);
    expect(isOwnAddress({ value: 'me@agency.example.gov', location: at('From', [{ kind: 'eml', part: 'attachment', name: 'fwd.eml' }]) }, draft, 'US')).toBe(false);
    expect(isOwnAddress({ value: 'me@agency.example.gov' }, draft, 'US')).toBe(false);
  });
});
