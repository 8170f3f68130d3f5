import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { check, isValid, shippedOptions } from './helpers.js';
import { isRealDate, parseDate, type ParsedDate } from '../../../src/engine/validators/date.js';
import { PLATE_FORMATS, plateShape, STATES_BY_SHAPE } from '../../../src/engine/validators/plate-formats.js';

const STATE_CODES = Object.keys(PLATE_FORMATS);

function iso(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function shifted(years: number, days = 0): Date {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setFullYear(d.getFullYear() + years);
  d.setDate(d.getDate() + days);
  return d;
}

const REAL_DATES = [
  '03/14/1987',
  '3/4/87',
  '3/14/1987',
  '02/29/2000',
  '12-31-1999',
  '1987-03-14',
  '19870314',
  '14.03.1987',
  '14 Mar 1987',
  '14 March 1987',
  '14-MAR-1987',
  'March 14, 1987',
  'Mar 14 1987',
  'Mar. 14, 1987',
  'Sept 1, 2001',
  'february 28, 1950',
  '14/03/1987', // day-first: 14 cannot be a month
  '07.22.1968', // month-first with dots: 22 cannot be a month
  '21JUL1986', // military / ICAO
  '08191990', // MMDDYYYY (AAMVA, NCIC) when YYYYMMDD is impossible
];

const NOT_DATES: Array<[string, string]> = [
  ['02/29/1900', '1900 is not a leap year'],
  ['02/29/2001', 'not a leap year'],
  ['04/31/1987', 'April has 30 days'],
  ['13/13/1987', 'no month 13 in either order'],
  ['31/02/1987', 'day-first, and February has no 31st'],
  ['00/10/1987', 'month 0'],
  ['03/00/1987', 'day 0'],
  ['1899-12-31', 'before 1900'],
  ['14.13.1987', 'month 13 in either order'],
  ['32 Mar 1987', 'day 32'],
  ['14 Foo 1987', 'not a month'],
  ['Foo 14, 1987', 'not a month'],
  ['19871301', 'month 13 (YYYYMMDD)'],
  ['1987-02-30', 'February 30'],
  ['1.2.3.4', 'version string'],
  ['', 'empty'],
];

describe('date', () => {
  it.each(REAL_DATES)('accepts %s', (v) => expect(isValid('date', v)).toBe(true));
  it.each(['2099-12-31', '12/31/2100', '01/01/2050'])('accepts the future date %s', (v) => expect(isValid('date', v)).toBe(true));
  it.each([...NOT_DATES, ['2101-01-01', 'after 2100']])('rejects %s (%s)', (v) => expect(isValid('date', v)).toBe(false));

  // The numeric forms as regular expressions, in the order they were first tried: the reader by character code must agree.
  const byRegex = (value: string): ParsedDate | null => {
    const s = value.trim();
    const make = (y: string, m: number, d: number): ParsedDate => ({ year: Number(y), month: m, day: d, twoDigitYear: y.length === 2 });
    const either = (y: string, a: number, b: number) => (a > 12 && b <= 12 ? make(y, b, a) : make(y, a, b));
    let m: RegExpExecArray | null;
    if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(s))) return either(m[3]!, Number(m[1]), Number(m[2]));
    if ((m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(s))) return make(m[1]!, Number(m[3]), Number(m[4]));
    if ((m = /^(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})$/.exec(s))) return either(m[3]!, Number(m[1]), Number(m[2]));
    if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
      const ymd = make(m[1]!, Number(m[2]), Number(m[3]));
      return isRealDate(ymd.year, ymd.month, ymd.day) && ymd.year >= 1900 ? ymd : make(s.slice(4), Number(s.slice(0, 2)), Number(s.slice(2, 4)));
    }
    if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s))) return either(m[3]!, Number(m[2]), Number(m[1]));
    return null;
  };
  it('reads all-numeric dates as the regular expressions do (property)', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '8', '9'), minLength: min, maxLength: max });
    const sep = fc.constantFrom('/', '-', '.', '', '/', '-', '.');
    const shape = fc.tuple(digits(1, 4), sep, digits(1, 4), sep, digits(0, 4), fc.constantFrom('', ' ', '.', '-'));
    fc.assert(
      fc.property(shape, fc.constantFrom('', ' '), (parts, pad) => {
        const value = pad + parts.join('') + pad;
        if (!/^\s*\d[\d/.-]*\s*$/.test(value)) return; // digits and separators: what the character-code reader takes
        expect(parseDate(value)).toEqual(byRegex(value));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('date-of-birth', () => {
  it.each(REAL_DATES)('accepts %s', (v) => expect(isValid('date-of-birth', v)).toBe(true));
  it.each(NOT_DATES)('rejects %s (%s)', (v) => expect(isValid('date-of-birth', v)).toBe(false));

  it('reads two-digit years as the latest year not in the future', () => {
    expect(isValid('date-of-birth', '1/1/00')).toBe(true); // 2000
    expect(isValid('date-of-birth', '2/29/00')).toBe(true); // 2000 is a leap year
    expect(isValid('date-of-birth', '12/31/99')).toBe(true); // 1999
  });

  it('accepts a date two years ago and rejects dates less than a year ago or in the future', () => {
    expect(isValid('date-of-birth', iso(shifted(-2)))).toBe(true);
    expect(isValid('date-of-birth', iso(shifted(-1, -2)))).toBe(true);
    expect(isValid('date-of-birth', iso(shifted(0, -180)))).toBe(false);
    expect(isValid('date-of-birth', iso(shifted(-1, 2)))).toBe(false);
    expect(isValid('date-of-birth', iso(shifted(0)))).toBe(false);
    expect(isValid('date-of-birth', iso(shifted(1)))).toBe(false);
    expect(isValid('date-of-birth', '12/31/2099')).toBe(false);
  });
});

describe('geo-coordinate', () => {
  it.each([
    '34.05223, -118.24368',
    '34.05223 -118.24368',
    '34.05223,-118.24368',
    '-33.8688, 151.2093',
    '+48.8584, +2.2945',
    '40.7128° N, 74.0060° W',
    '40.7128N 74.0060W',
    `34°03'08"N 118°14'37"W`,
    `34° 03' 08" N, 118° 14' 37" W`,
    `N34°03'08" W118°14'37"`,
    '51°30′26″N 0°7′39″W',
    `33°51'54.5"S 151°12'35.6"E`,
    '90.0000, 180.0000',
    '0.0000, 10.0000',
  ])('accepts %s', (v) => expect(isValid('geo-coordinate', v)).toBe(true));

  it.each([
    ['0.0000, 0.0000', 'null island'],
    ['0.000000 0.000000', 'null island'],
    [`0°0'0"N 0°0'0"E`, 'null island'],
    ['34.052, -118.24368', 'three decimals'],
    ['34.05223, -118.2', 'one decimal'],
    ['34, -118', 'integers'],
    ['91.00000, 10.00000', 'latitude over 90'],
    ['-90.00001, 10.00000', 'latitude under -90'],
    ['45.00000, 181.00000', 'longitude over 180'],
    ['34.05223,-118.24368,5.0000', 'three numbers'],
    ['34.0522318.24368', 'no separator'],
    ['-34.05223 S, 118.24368 E', 'sign and hemisphere'],
    [`34°63'08"N 118°14'37"W`, 'minutes over 59'],
    [`34°03'61"N 118°14'37"W`, 'seconds over 59'],
    [`34°03'08"E 118°14'37"N`, 'hemispheres swapped'],
    [`95°03'08"N 118°14'37"W`, 'latitude over 90'],
    ['34.05223', 'one number'],
    ['1.2.3.4', 'version string'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('geo-coordinate', v)).toBe(false));
});

describe('a-number', () => {
  // Digits alone are accepted: a labelled "A-Number:" field often omits the A.
  it.each(['A123456789', 'A12345678', 'A-123-456-789', 'A# 012 345 678', 'A#: 012-345-678', 'A 98765432', 'a123456789', '123456789'])('accepts %s', (v) =>
    expect(isValid('a-number', v)).toBe(true),
  );

  it.each([
    ['A1234567', 'seven digits'],
    ['A1234567890', 'ten digits'],
    ['A000000000', 'all zeros'],
    ['A-000-000-00', 'all zeros'],
    ['B123456789', 'wrong letter'],
    ['A12345678X', 'letter among the digits'],
    ['AA12345678', 'two letters'],
    ['A.123.456.789', 'dots are not A-number separators'],
    ['A', 'no digits'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('a-number', v)).toBe(false));
});

describe('not-repeated', () => {
  it.each(['A7X9Q2', '536224391', 'abcdx', 'WDB2030461A123456', '1357', '12-34-57'])('accepts %s', (v) =>
    expect(isValid('not-repeated', v)).toBe(true),
  );

  it.each([
    ['1111111', 'repeated digit'],
    ['aaaa', 'repeated letter'],
    ['AaAa', 'repeated letter, mixed case'],
    ['00-00-00', 'repeated with separators'],
    ['123456', 'ascending'],
    ['7890123', 'ascending with wrap'],
    ['9876543210', 'descending'],
    ['3210987', 'descending with wrap'],
    ['abcdef', 'ascending letters'],
    ['FEDCBA', 'descending letters'],
    ['12-34-56', 'ascending with separators'],
    ['---', 'no alphanumerics'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('not-repeated', v)).toBe(false));

  it('returns a plain boolean', () => {
    expect(check('not-repeated', '536224391')).toEqual({ valid: true, adjust: undefined, note: undefined });
  });
});

describe('plate', () => {
  it.each(['7ABC123', 'ABC-1234', 'ABC 1234', '123 ABC', '8KTR417', 'CXN4418', 'A1', 'ABCD12', 'AB 12345', 'A12-BCD', 'ABC-D12', 'ZA 12345'])('accepts %s', (v) =>
    expect(isValid('plate', v)).toBe(true),
  );

  it.each([
    ['ABC D12', 'FL'],
    ['ABCD12', 'FL'],
    ['AB 12345', 'IL'],
    ['AB12345', 'IL'],
    ['A12-BCD', 'NJ'],
    ['ABC-D12', 'CO'],
    ['123-ABC', 'CO'],
    ['7ABC123', 'CA'],
  ])('scores up %s, a format %s issues', (v, state) => {
    const r = check('plate', v);
    expect(r).toMatchObject({ valid: true, adjust: 0.15 });
    expect(STATES_BY_SHAPE.get(plateShape(v))).toContain(state);
  });

  it.each(['4K9Q', 'Q7', 'AB123'])('scores down the short token %s', (v) => expect(check('plate', v)).toMatchObject({ valid: true, adjust: -0.15 }));

  it.each(['X9Q7KZ2', 'LL7Q9XZ'])('leaves a shape no state issues as it is: %s', (v) => expect(check('plate', v)).toEqual({ valid: true, adjust: undefined, note: undefined }));

  // The technical words (SHA, RFC …) are the shipped rule's options (rules/license-plate.yaml).
  let shippedPlate: Record<string, unknown> = {};
  beforeAll(async () => {
    shippedPlate = await shippedOptions('license-plate', 'plate');
  });

  it('knows formats for all 50 states and DC, each with a letter and a digit', () => {
    expect(Object.keys(PLATE_FORMATS).sort()).toHaveLength(51);
    for (const formats of Object.values(PLATE_FORMATS)) {
      expect(formats.length).toBeGreaterThan(0);
      for (const f of formats) expect(f).toMatch(/^(?=.*L)(?=.*D)[LD]{1,8}(?:[ -][LD]{1,8}){0,2}$/);
    }
  });

  it.each([
    ['12345678', 'digits only'],
    ['ABCDEFG', 'letters only'],
    ['ABCD12345', 'more than 8 letters and digits'],
    ['A', 'one character'],
    ['AB_123', 'a character that is neither'],
    ['AARCH64', 'a word and a number'],
    ['VS2017', 'letters and a year'],
    ['SHA256', 'an encoding'],
    ['RFC3986', 'a standard'],
    ['TX 8XYZ22', 'a state code and the plate after it'],
    ['CA 7ABC123', 'a state code and the plate after it (9 characters)'],
    ['2021 JEEP', 'a model year and a make'],
    ['CARD32', 'letters and a bit width'],
    ['INT64', 'a type name'],
    ['JAVA8', 'four letters and a number in no state format'],
  ])('rejects %s (%s)', (v) => expect(isValid('plate', v, shippedPlate)).toBe(false));

  // The rule as first written, with regular expressions throughout: the one-pass checks must agree.
  const plain = (value: string): boolean => {
    const s = value.replace(/[\s-]/g, '');
    if (s.length < 2 || s.length > 8 || !/^[A-Za-z0-9]+$/.test(s)) return false;
    if (!/\d/.test(s) || !/[A-Za-z]/.test(s)) return false;
    // A state code, a separator, then a plate of its own: read with the separators.
    if (/^[A-Za-z]{2}[\s-]/.test(value) && STATE_CODES.includes(value.slice(0, 2).toUpperCase()) && s.length >= 7 && /\d/.test(value.slice(3))) return false;
    return isValid('plate', s); // the later checks read only the letters and digits
  };
  it('agrees with the plain definition on any mix of letters, digits, separators and other characters (property)', () => {
    const char = fc.constantFrom('A', 'z', 'Q', '0', '7', '9', '-', ' ', '\t', '\u00a0', '\u2003', '_', '.', '/', 'é', '@', '`', '[', '{');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const v = chars.join('');
        expect(isValid('plate', v)).toBe(plain(v));
      }),
      { numRuns: 5000 },
    );
  });
});
