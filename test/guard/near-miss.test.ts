/** Probable typos: one or two slips of the fingers from a roster number, one edit from a roster address or domain. */
import { describe, expect, it } from '@jest/globals';
import { editDistance, emailNearMiss, phoneNearMiss } from '../../src/guard/near-miss.js';
import { lookup } from '../../src/guard/lookup.js';
import { normalizeEmail, normalizePhone } from '../../src/guard/recipients.js';
import { parseRoster } from '../../src/guard/roster.js';

const roster = parseRoster(
  'team.yaml',
  `recipients:
  - name: R. Lopez
    phones: ['+1 202-555-0143']
    emails: [r.lopez@agency.example.gov]
  - name: J. Ortiz
    phones: ['(415) 555-0162']
domains: [partner.example.org]
`,
  'US',
);

const phone = (s: string) => normalizePhone(s, 'US')!;
const email = (s: string) => normalizeEmail(s)!;

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['2025550143', '2025550143', 0],
    ['2025550143', '2025550144', 1], // substitution
    ['2025550143', '2025550134', 1], // adjacent transposition counts once
    ['2025550143', '202555043', 1], // dropped digit
    ['2025550143', '20255501433', 1], // extra digit
    ['2025550143', '2025550241', 2],
    ['2025550143', '2025559876', 4],
    ['', 'abc', 3],
  ])('%s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('phone near misses', () => {
  it.each([
    ['substitution', '202-555-0144', 1],
    ['adjacent transposition', '+1 202 555 0134', 1],
    ['dropped digit', '202-555-043', 1],
    ['extra digit', '202-555-01433', 1],
    ['two substitutions', '(202) 555-0241', 2],
    ['two transpositions', '202-555-1034', 2],
  ])('%s: %s is called out as R. Lopez', (_, typed, distance) => {
    const r = lookup(typed, phone(typed), roster);
    expect(r.known).toBe(false);
    expect(r.nearMiss).toEqual({ name: 'R. Lopez', suggestion: '+1 202 555 0143', normalized: '+12025550143', distance, to: 'phone' });
  });

  it('picks the right person: a slip of J. Ortiz is not called R. Lopez', () => {
    expect(phoneNearMiss(phone('415-555-0126'), roster)?.name).toBe('J. Ortiz');
  });

  it.each(['202-555-0987', '202-555-9876', '(310) 555-0143', '+44 20 7946 0143'])('%s differs in 3+ digits: not a near miss', (typed) => {
    const r = lookup(typed, phone(typed), roster);
    expect(r.known).toBe(false);
    expect(r.nearMiss).toBeUndefined();
  });

  it('a roster number is known, not a near miss of itself', () => {
    const r = lookup('202.555.0143', phone('202.555.0143'), roster);
    expect(r).toMatchObject({ known: true, name: 'R. Lopez' });
    expect(r.nearMiss).toBeUndefined();
  });
});

describe('email near misses', () => {
  it('one edit from a roster address', () => {
    const r = lookup('r.lopez@agency.example.gv', email('r.lopez@agency.example.gv'), roster);
    expect(r.known).toBe(false);
    expect(r.nearMiss).toMatchObject({ name: 'R. Lopez', suggestion: 'r.lopez@agency.example.gov', distance: 1, to: 'email' });
  });

  it('a swapped pair in the local part is one edit', () => {
    expect(emailNearMiss(email('r.lpoez@agency.example.gov'), roster)).toMatchObject({ name: 'R. Lopez', distance: 1 });
  });

  it('one edit from an approved domain (agency.example.gov vs agency.exmaple.gov)', () => {
    const withDomain = parseRoster('t.yaml', 'recipients:\n  - name: A\n    phones: ["202-555-0101"]\ndomains: [agency.example.gov]\n', 'US');
    const r = lookup('d.chen@agency.exmaple.gov', email('d.chen@agency.exmaple.gov'), withDomain);
    expect(r.known).toBe(false);
    expect(r.nearMiss).toEqual({ suggestion: 'd.chen@agency.example.gov', normalized: 'd.chen@agency.example.gov', distance: 1, to: 'domain' });
    // …and the correctly spelled domain is approved.
    expect(lookup('d.chen@agency.example.gov', email('d.chen@agency.example.gov'), withDomain)).toMatchObject({ known: true, byDomain: true });
  });

  it("a domain one edit from a roster address's domain is a near miss even without approved domains", () => {
    expect(emailNearMiss(email('k.new@agency.exmaple.gov'), roster)).toEqual({
      suggestion: 'k.new@agency.example.gov',
      normalized: 'k.new@agency.example.gov',
      distance: 1,
      to: 'domain',
    });
  });

  it('two edits away is not a near miss for an email', () => {
    expect(emailNearMiss(email('r.lopez@agency.exmapel.gov'), roster)).toBeUndefined();
    expect(emailNearMiss(email('someone@elsewhere.example.com'), roster)).toBeUndefined();
  });
});
