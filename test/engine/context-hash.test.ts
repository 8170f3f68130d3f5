/** The context fingerprint: stable across versions (baselines and SARIF alerts depend on it). */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashContext } from '../../src/engine/context-hash.js';

/** The definition, written the slow and obvious way. */
function reference(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 60), start);
  let after = text.slice(end, end + 60);
  if (after.includes('\n')) after = after.slice(0, after.indexOf('\n'));
  const clean = (s: string) => s.replace(/\d/g, '').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${clean(before)}\u0000${clean(after)}`).digest('hex').slice(0, 16);
}

describe('hashContext', () => {
  it('keeps its published value for a known line', () => {
    const line = 'Applicant SSN: 536-22-4391 (verified)';
    expect(hashContext(line, 15, 26)).toBe(reference(line, 15, 26));
    expect(hashContext(line, 15, 26)).toBe('efba45b9466b17a7');
  });

  it('equals the reference on text with digits, every kind of space and line ends', () => {
    const pieces = ['a', 'Z', '7', '0', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', '\u001f', 'é', '😀', 'x1 y2'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 120 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('');
        const start = text.length === 0 ? 0 : a % (text.length + 1);
        const end = start + (text.length === start ? 0 : b % (text.length - start + 1));
        expect(hashContext(text, start, end)).toBe(reference(text, start, end));
        expect(hashContext(text, start, end)).toBe(reference(text, start, end)); // remembered
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart surroundings that differ only where digits, spaces or the value were', () => {
    const lines = ['Name: Ana Lima, SSN 536-22-4391 ok', 'Name: Ana Lima, SSN  536-22-4391 ok', 'Name: Ana Lima,SSN 536-22-4391 ok', 'Name: Ana Lim, SSN 536-22-4391 ok', 'Name: Ana Lima, SSN 536-22-4391 o k', 'Name: Ana Lima, SSN 536-22-4391 ok1'];
    for (let round = 0; round < 2; round++) {
      for (const line of lines) {
        const at = line.indexOf('536');
        expect(hashContext(line, at, at + 11)).toBe(reference(line, at, at + 11));
      }
    }
  });
});
