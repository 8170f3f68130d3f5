import { describe, expect, it } from '@jest/globals';
import { getValidator, VALIDATORS } from '../../../src/engine/validators/index.js';

const NAMES = [
  'ssn', 'itin', 'luhn', 'credit-card', 'vin-check-digit', 'vin-shape', 'aba-checksum', 'iban-mod97',
  'phone', 'email', 'ip', 'date', 'date-of-birth', 'geo-coordinate', 'a-number', 'not-repeated', 'person-name', 'plate',
  'street-address',
];

describe('validator registry', () => {
  it('registers every named validator under its own name', () => {
    expect([...VALIDATORS.keys()].sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const v = getValidator(name);
      expect(v).toBeDefined();
      expect(v?.name).toBe(name);
      expect(v?.description.length).toBeGreaterThan(10);
    }
  });

  it('returns undefined for unknown names', () => {
    expect(getValidator('nope')).toBeUndefined();
    expect(getValidator('')).toBeUndefined();
  });

  it('tolerates case and surrounding space in names', () => {
    expect(getValidator(' SSN ')?.name).toBe('ssn');
  });
});
