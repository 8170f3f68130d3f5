/** Validators a rule configures in its own file: checksum and reject, and the data rules give plate and ssn. */
import { describe, expect, it } from '@jest/globals';
import { scanText } from '../../../src/engine/scanner.js';
import { SETTINGS, shippedRules } from '../../helpers/rules.js';
import { isValid } from './helpers.js';

describe('checksum', () => {
  const SAMPLES: [algorithm: string, named: string, values: string[]][] = [
    ['luhn', 'luhn', ['4111 1111 1111 1111', '4111 1111 1111 1112', '79927398713', '0000 0000']],
    ['mod97', 'iban-mod97', ['DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 01', 'GB82 WEST 1234 5698 7654 32']],
    ['aba', 'aba-checksum', ['021000021', '021000022', '111000025']],
    ['vin', 'vin-check-digit', ['1HGCM82633A004352', '1HGCM82643A004352']],
  ];

  it.each(SAMPLES)('algorithm %s decides as the %s validator does', (algorithm, named, values) => {
    const decided = values.map((v) => isValid('checksum', v, { algorithm }));
    expect(decided).toEqual(values.map((v) => isValid(named, v)));
    expect(decided).toContain(true);
    expect(decided).toContain(false);
  });
});

describe('reject', () => {
  it('refuses values its regex matches in full, and only those', () => {
    expect(isValid('reject', '555-0100', { regex: '555-01\\d\\d' })).toBe(false);
    expect(isValid('reject', '555-0200', { regex: '555-01\\d\\d' })).toBe(true);
    expect(isValid('reject', 'x555-0100', { regex: '555-01\\d\\d' })).toBe(true);
  });

  it('compares without spaces and dashes with compact, and in either case with ignoreCase', () => {
    expect(isValid('reject', 'ab 12-34', { regex: 'AB\\d{4}', compact: true })).toBe(true);
    expect(isValid('reject', 'ab 12-34', { regex: 'AB\\d{4}', compact: true, ignoreCase: true })).toBe(false);
  });
});

describe('plate: technical tokens named in the rule file', () => {
  const SHIPPED_WORDS = { units: ['P', 'GB'], codes: ['UTF', 'SHA', 'X'], standards: ['RFC', 'ISO'] };

  it.each(['RFC3986', 'ISO 8601', 'SHA256', 'UTF-8X', '1080P', '16GB'])('%s: a plate shape without them, refused with them', (v) => {
    expect(isValid('plate', v)).toBe(true);
    expect(isValid('plate', v, SHIPPED_WORDS)).toBe(false);
  });

  it('still accepts plates', () => {
    for (const v of ['7ABC123', 'ABC-1234', '8XYZ221']) expect(isValid('plate', v, SHIPPED_WORDS)).toBe(true);
  });

  it('the shipped rule names them: no plate in a technical sentence', async () => {
    const found = scanText(await shippedRules(), 'plate: see RFC 3986 and ISO 8601; SHA256 digests; 1080P video', SETTINGS).filter((f) => f.entity === 'LICENSE_PLATE');
    expect(found).toEqual([]);
  });
});

describe('ssn: published sample numbers are the rule file’s deny list', () => {
  it('the validator checks the number’s structure only', () => {
    expect(isValid('ssn', '078-05-1120')).toBe(true);
    expect(isValid('ssn', '219-09-9999')).toBe(true);
  });

  it('the shipped rule refuses them, as written in us-ssn.yaml', async () => {
    const found = scanText(await shippedRules(), 'SSN: 078-05-1120, soc sec 219-09-9999', SETTINGS).filter((f) => f.entity === 'US_SSN');
    expect(found).toEqual([]);
  });
});
