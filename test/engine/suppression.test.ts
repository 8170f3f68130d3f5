import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { SUPPRESS_WINDOW, suppressionWindow } from '../../src/engine/suppression.js';
import type { Finding } from '../../src/model/finding.js';
import { scanText } from '../../src/engine/scanner.js';
import { SETTINGS, scanBytes, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

/** Scan as a plain-text source file is scanned (suppression on), in pieces of the given sizes. */
function scanSource(bytes: Uint8Array, sizes: readonly number[] = [bytes.length || 1], inlineAllow = true): Finding[] {
  return scanBytes(rules, bytes, sizes, inlineAllow);
}

const ssn = (text: string, sizes?: number[]) =>
  scanSource(Buffer.from(text), sizes).filter((f) => f.entity === 'US_SSN').map((f) => f.suppressed ?? null);

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

describe('suppression is an option of the scan', () => {
  it('is off unless asked for: in data the marker is text like any other', () => {
    const text = 'SSN 536-22-4391 // pii-scan:allow';
    expect(scanSource(Buffer.from(text), undefined, false).map((f) => f.suppressed ?? null)).toEqual([null]);
    expect(scanText(rules, text, SETTINGS).map((f) => f.suppressed ?? null)).toEqual([null]);
  });
});

describe('suppressionWindow', () => {
  /** The definition: the line before and the finding's line, found by searching to the real line ends, cut to SUPPRESS_WINDOW. */
  function reference(text: string, start: number, end: number) {
    const lineStart = text.slice(0, start).lastIndexOf('\n') + 1;
    const prevStart = lineStart > 0 ? text.slice(0, lineStart - 1).lastIndexOf('\n') + 1 : 0;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = text.length;
    return { from: Math.max(prevStart, start - SUPPRESS_WINDOW), to: Math.min(lineEnd, end + SUPPRESS_WINDOW) };
  }

  it('reads no further than the window, with the same bounds as searching to the line ends (property)', () => {
    const piece = fc.constantFrom('x', 'word ', '\n', '\n\n', 'y'.repeat(150), 'z'.repeat(390), 'w'.repeat(401));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(20), (pieces, a, len) => {
        const text = pieces.join('');
        const start = text.length === 0 ? 0 : a % (text.length + 1);
        const end = Math.min(text.length, start + len);
        expect(suppressionWindow(text, start, end)).toEqual(reference(text, start, end));
      }),
      { numRuns: 5000 },
    );
  });
});
