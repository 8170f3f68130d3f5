/**
 * OCR look-alikes: an identifier OCR misread (412-55-719O) is still found in text OCR read, and
 * reported as read, at its own place; words and text not read by OCR are left as they are.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { scanSegment } from '../../src/documents/scan-document.js';
import { foldOcrLookAlikes } from '../../src/text/ocr-fold.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

const scan = (text: string, ocr: boolean, context?: string) => {
  const found: Finding[] = [];
  scanSegment({ text, ...(context ? { context } : {}), ...(ocr ? { ocr: { words: [] } } : {}) }, rules, SETTINGS, (f) => found.push(f));
  return found;
};

describe('folding OCR look-alikes', () => {
  it.each([
    ['SSN 412-55-719O', '412-55-719O'],
    ['SSN 4l2-55-7I90', '4l2-55-7I90'],
    ['SSN 536—22—4391', '536—22—4391'],
    ['SSN 5B6-22-439|', '5B6-22-439|'],
  ])('%s is an SSN, reported as read', (text, value) => {
    const ssn = scan(text, true).find((f) => f.entity === 'US_SSN');
    expect(ssn?.value).toBe(value);
    expect(ssn?.index).toBe(text.indexOf(value));
    expect(ssn?.offset).toBe(Buffer.byteLength(text.slice(0, text.indexOf(value))));
    expect(ssn?.length).toBe(Buffer.byteLength(value));
    // Dash look-alikes are the normalised view's (every text's); letters for digits the OCR fold's.
    expect(ssn?.why).toMatch(/look-alike|normalised view/);
  });

  it('a date of birth with an O for a zero, under its label', () => {
    const dob = scan('O4/12/1981', true, 'Date of birth (DOB)').find((f) => f.entity === 'DATE_OF_BIRTH');
    expect(dob?.value).toBe('O4/12/1981');
    expect(dob?.index).toBe(0);
  });

  it('text not read by OCR is not folded', () => {
    expect(scan('SSN 412-55-719O', false).filter((f) => f.entity === 'US_SSN')).toEqual([]);
  });

  it('a value found as read is reported once', () => {
    expect(scan('SSN 536-22-4391', true).filter((f) => f.entity === 'US_SSN')).toHaveLength(1);
  });

  it('keeps the length and leaves words and plates alone', () => {
    for (const text of ['Inspector Dana Whitfield, SSN and DOB below', 'Plate 7XKD482 (CA)', 'BOSS 2024 SOLD', 'a 😀 then 412-55-719O']) {
      const folded = foldOcrLookAlikes(text);
      expect(folded.length).toBe(text.length);
      if (!text.includes('719O')) expect(folded).toBe(text);
    }
    expect(foldOcrLookAlikes('a 😀 then 412-55-719O')).toBe('a 😀 then 412-55-7190');
  });
});
