import { describe, expect, it } from '@jest/globals';
import { check, isValid } from './helpers.js';

describe('vin-check-digit', () => {
  it.each(['1M8GDM9AXKP042788', '1HGCM82633A004352', 'JH4KA7561PC008269', '2T1BURHE0JC014702', '5YJ3E1EA2KF317000', '1m8gdm9axkp042788'])(
    'accepts %s',
    (v) => expect(isValid('vin-check-digit', v)).toBe(true),
  );

  it.each([
    ['1M8GDM9A1KP042788', 'wrong check digit'],
    ['5YJ3E1EA7KF317000', 'wrong check digit'],
    ['WVWZZZ1JZXW000001', 'European VIN without check digit'],
    ['1M8GDM9AXKP04278', '16 characters'],
    ['1M8GDM9AXKP0427881', '18 characters'],
    ['1M8GDM9AXKO042788', 'contains O'],
    ['1M8GDI9AXKP042788', 'contains I'],
    ['1M8GDM9AXKQ042788', 'contains Q'],
    ['1M8GDM9AXKP-42788', 'contains a dash'],
    ['11111111111111111', 'repeated digit (passes the check digit)'],
    ['22222222222222222', 'repeated digit (passes the check digit)'],
    ['01234567890123456', 'ascending run (passes the check digit)'],
    ['45678901234567890', 'ascending run (passes the check digit)'],
    ['98765432109876543', 'descending run (passes the check digit)'],
  ])('rejects %s (%s)', (v) => expect(isValid('vin-check-digit', v)).toBe(false));
});

describe('vin-shape', () => {
  it('accepts a VIN with a valid check digit without penalty', () => {
    expect(check('vin-shape', '1M8GDM9AXKP042788')).toEqual({ valid: true, adjust: undefined, note: undefined });
  });

  it.each(['WVWZZZ1JZXW000001', 'WDB2030461A123456', 'VF1RFB00X56789012'])('accepts the European VIN %s with a penalty', (v) => {
    expect(check('vin-shape', v)).toEqual({ valid: true, adjust: -0.2, note: 'no North American check digit' });
  });

  it.each([
    ['ABCDEFGHJKLMNPRST', 'no digits'],
    ['12345678901234567', 'no letters'],
    ['A2345678901234567', 'one letter'],
    ['WVWZZZ1JZXWZZZZZZ', 'one digit'],
    ['WVWZZZ1JZXW00000I', 'contains I'],
    ['WVWZZZ1JZXW00000', '16 characters'],
    ['WVWZZZ 1JZXW00001', 'contains a space'],
    ['11111111111111111', 'repeated'],
  ])('rejects %s (%s)', (v) => expect(isValid('vin-shape', v)).toBe(false));
});

describe('aba-checksum', () => {
  it.each(['011000015', '021000021', '121000358', '026009593', '322271627', '011000028', '091000019', '800000080'])(
    'accepts %s',
    (v) => expect(isValid('aba-checksum', v)).toBe(true),
  );

  it.each([
    ['000000000', 'all zeros'],
    ['021000022', 'checksum'],
    ['121000359', 'checksum'],
    ['131000018', 'prefix 13 (checksum valid)'],
    ['501000017', 'prefix 50 (checksum valid)'],
    ['02100002', 'eight digits'],
    ['0210000210', 'ten digits'],
    ['02100002A', 'letter'],
  ])('rejects %s (%s)', (v) => expect(isValid('aba-checksum', v)).toBe(false));
});

describe('iban-mod97', () => {
  it.each([
    'GB82WEST12345698765432',
    'GB82 WEST 1234 5698 7654 32',
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'BE68539007547034',
    'NO9386011117947',
    'CH9300762011623852957',
    'ES9121000418450200051332',
    'GB82-WEST-1234-5698-7654-32',
    'DE89-3704-0044-0532-0130-00',
    'IT60X0542811101000000123456',
    'SA0380000000608010167519',
    'MT84MALT011000012345MTLCAST001S',
    'gb82west12345698765432',
  ])('accepts %s', (v) => expect(isValid('iban-mod97', v)).toBe(true));

  it.each([
    ['GB82WEST12345698765433', 'checksum'],
    ['GB83WEST12345698765432', 'check digits'],
    ['DE89 3704 0044 0532 0130 01', 'checksum'],
    ['GB82WEST1234569876543', 'too short for GB'],
    ['DE8937040044053201300000', 'too long for DE'],
    ['XX82WEST12345698765432', 'unknown country'],
    ['US64SVBKUS6S3300958879', 'the US has no IBAN'],
    ['GBXXWEST12345698765432', 'check digits not numeric'],
    ['GB82-WEST-1234-5698-7654-33', 'dashed, checksum'],
    ['GB82WEST1234569876543!', 'punctuation'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('iban-mod97', v)).toBe(false));
});
