import { describe, expect, it } from '@jest/globals';
import { isValid } from './helpers.js';

describe('ssn', () => {
  it.each(['536-22-4391', '536 22 4391', '536.22.4391', '536224391', '001-01-0001', '772-10-5310', '899-45-1234', '665-12-3456'])(
    'accepts %s',
    (v) => expect(isValid('ssn', v)).toBe(true),
  );

  it.each([
    ['000-12-3456', 'area 000'],
    ['666-12-3456', 'area 666'],
    ['900-12-3456', 'area 9xx'],
    ['999-45-1234', 'area 9xx'],
    ['536-00-4391', 'group 00'],
    ['536-22-0000', 'serial 0000'],
    ['123-45-6789', 'sample'],
    ['987-65-4321', 'descending run'],
    ['111-11-1111', 'repeated digit'],
    ['555555555', 'repeated digit'],
    ['234-56-7890', 'ascending run with wrap'],
    ['345678901', 'ascending run'],
    ['123-45 6789', 'mixed separators'],
    ['536-22.4391', 'mixed separators'],
    ['5362-2-4391', 'wrong grouping'],
    ['536--22-4391', 'double separator'],
    ['536-22-439', 'eight digits'],
    ['536-22-43911', 'ten digits'],
    ['536/22/4391', 'slashes are dates, not SSNs'],
    ['INV-536-22-4391', 'inside a longer token'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('ssn', v)).toBe(false));
});

describe('itin', () => {
  it.each(['912-70-1234', '900-50-4321', '999-88-1234', '912 92 5678', '912945678', '923-65-1111'])('accepts %s', (v) =>
    expect(isValid('itin', v)).toBe(true),
  );

  it.each([
    ['812-70-1234', 'does not start with 9'],
    ['912-93-1234', 'group 93 not used'],
    ['912-89-1234', 'group 89 not used'],
    ['912-49-1234', 'group below 50'],
    ['912-66-1234', 'group 66 not used'],
    ['912-12-3456', 'group 12'],
    ['999-99-9999', 'repeated digit'],
    ['987-65-4321', 'descending run'],
    ['912-70 1234', 'mixed separators'],
    ['91270123', 'eight digits'],
  ])('rejects %s (%s)', (v) => expect(isValid('itin', v)).toBe(false));
});
