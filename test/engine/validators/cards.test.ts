import { describe, expect, it } from '@jest/globals';
import { check, isValid } from './helpers.js';

describe('luhn', () => {
  it.each(['79927398713', '4539 1488 0343 6467', '0000000000000018', '1234-5678-9012-3452'])('accepts %s', (v) =>
    expect(isValid('luhn', v)).toBe(true),
  );
  it.each(['79927398710', '4539 1488 0343 6468', '0000000000', '1234-5678-9012-3456', '12a4', ''])('rejects %s', (v) =>
    expect(isValid('luhn', v)).toBe(false),
  );
});

describe('credit-card', () => {
  it.each([
    ['4539148803436467', 'Visa'],
    ['4539 1488 0343 6467', 'Visa'],
    ['4539-1488-0343-6467', 'Visa'],
    ['5425233430109903', 'Mastercard'],
    ['2223 0000 4841 0010', 'Mastercard'],
    ['3714 496353 98423', 'American Express'],
    ['374245455400126', 'American Express'],
    ['6011 0009 9013 9499', 'Discover'],
    ['6500000000000002', 'Discover'],
    ['3566 0020 2036 0513', 'JCB'],
    ['3056 930902 5912', 'Diners Club'],
    ['3612 3456 7890 13', 'Diners Club'],
    ['4539 1488 0343 6467 123', 'Visa'],
    ['6212 3456 7890 1234 57', 'UnionPay'],
    ['6200000000000013', 'UnionPay'],
    ['4539148803433', 'Visa'],
    ['6759649826438453', 'Maestro'],
    ['6759 6498 2643 8453', 'Maestro'],
    ['501800000009', 'Maestro'],
    ['5018 0000 0009', 'Maestro'],
    ['5019717010103742', 'Dankort'],
    ['180000000000002', 'JCB'],
    ['213100000000001', 'JCB'],
    ['110000000000007', 'UATP'],
  ])('accepts %s as %s', (v, brand) => {
    const r = check('credit-card', v);
    expect(r.valid).toBe(true);
    expect(r.adjust).toBeUndefined();
    expect(r.note).toBe(`${brand}, Luhn valid`);
  });

  it.each([
    '4111 1111 1111 1111',
    '4242424242424242',
    '5555-5555-5555-4444',
    '3782 822463 10005',
    '378282246310005',
    '4012888888881881',
    '5105105105105100',
    '6011111111111117',
    '371449635398431',
  ])('scores down the public test number %s', (v) => {
    expect(check('credit-card', v)).toEqual({ valid: true, adjust: -0.5, note: 'public test card number' });
  });

  it.each([
    ['4539148803436468', 'Luhn fails'],
    ['4111 1111 1111 1112', 'Luhn fails'],
    ['4539 1488-0343 6467', 'mixed separators'],
    ['3566 0020 2036 0514', 'JCB, Luhn fails'],
    ['4539.1488.0343.6467', 'dots are not card separators'],
    ['45391 48803 43646 7', 'groups of five'],
    ['453914 880343 6467', 'Amex grouping on a 16-digit number'],
    ['1234567812345670', 'no known IIN (Luhn valid)'],
    ['9999999999999995', 'no known IIN'],
    ['541234567890125', 'Mastercard with 15 digits'],
    ['37144963539849', 'Amex with 14 digits (Luhn valid)'],
    ['45391488034364', 'Visa with 14 digits (Luhn valid)'],
    ['453914880343', 'Visa with 12 digits (too short)'],
    ['123456789007', '12 digits without a Maestro IIN (Luhn valid)'],
    ['50180000000', '11 digits'],
    ['1100000000000007', 'UATP with 16 digits (Luhn valid)'],
    ['2131000000000000000', 'JCB 2131 with 19 digits'],
    ['5019717010103', 'Dankort with 13 digits'],
    ['45391488034364670000', 'too long'],
    ['4539 1488 0343 6467 ', 'trailing separator'],
    ['card 4539148803436467', 'not only digits'],
  ])('rejects %s (%s)', (v) => expect(isValid('credit-card', v)).toBe(false));

  it('never puts the number in the note', () => {
    const v = '4539148803436467';
    expect(check('credit-card', v).note).not.toContain(v);
  });
});
