import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { scanBytes, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

const ssn = (text: string, sizes?: number[]) =>
  scanBytes(rules, Buffer.from(text), sizes).filter((f) => f.entity === 'US_SSN').map((f) => f.suppressed ?? null);

describe('inline suppression', () => {
  it('applies on the same line and the line before, with an optional reason', () => {
    expect(ssn('test SSN 536-22-4391 // pii-scan:allow')).toEqual([{}]);
    expect(ssn('# pii-scan:allow -- synthetic fixture\nSSN 536-22-4391')).toEqual([{ reason: 'synthetic fixture' }]);
    expect(ssn('<!-- pii-scan:allow US_SSN -- sample -->\nSSN 536-22-4391')).toEqual([{ reason: 'sample' }]);
    expect(ssn('SSN 536-22-4391 /* pii-scan:allow test data */')).toEqual([{ reason: 'test data' }]);
  });

  it('does not reach further than the line before, or past the line after', () => {
    expect(ssn('# pii-scan:allow\n\nSSN 536-22-4391')).toEqual([null]);
    expect(ssn('SSN 536-22-4391\n# pii-scan:allow')).toEqual([null]);
  });

  it('limits itself to the entities or rule ids it names', () => {
    expect(ssn('SSN 536-22-4391 # pii-scan:allow PHONE_NUMBER')).toEqual([null]);
    expect(ssn('SSN 536-22-4391 # pii-scan:allow PHONE_NUMBER,us-ssn')).toEqual([{}]);
  });

  it('is not fooled by a longer word', () => {
    expect(ssn('SSN 536-22-4391 # pii-scan:allowed')).toEqual([null]);
  });

  it('gives the same answer for any chunking', () => {
    const text = `${'x'.repeat(300)}\n# pii-scan:allow US_SSN -- fixture\n${'y '.repeat(150)}SSN 536-22-4391 ${'z'.repeat(500)}`;
    const whole = ssn(text);
    expect(whole).toEqual([{ reason: 'fixture' }]);
    for (const size of [1, 7, 64, 333]) expect(ssn(text, [size])).toEqual(whole);
  });
});
