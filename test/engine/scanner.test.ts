import { describe, expect, it, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { scanBytes, SETTINGS, shippedRules } from '../helpers/rules.js';
import { scanText, StreamScanner } from '../../src/engine/scanner.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Pieces of realistic text: values, context words, separators and characters of every UTF-8 width. */
const FRAGMENTS = [
  'SSN 536-22-4391', 'soc sec 536224391', 'DOB 04/12/1981', 'plate 7ABC123', 'CA 8XYZ221', 'tag ABC-1234',
  'VIN 1HGCM82633A004352', 'A# 012 345 678', '(U//FOUO)', 'FIELD OPERATIONS WORKSHEET', 'call (213) 621-0002',
  '+44 20 7946 0958', 'r.lopez@agency-mail.gov', 'card 4929 1234 5678 9015', 'IBAN DE89 3704 0044 0532 0130 00',
  'routing 021000021', 'passport 488839667', 'host 73.162.44.201', '34.05223, -118.24368', "DL# D1234567",
  'order 536224391', 'v1.2.3.4', 'ZIP 20500-0003', 'the', 'and', ' ', '  ', '\n', '\r\n', ', ', '-', ':',
  'é', 'ß', '中文', '€', '😀', '👩‍👩‍👧', '\u00a0', 'naïve café', '\t', '# pii-scan:allow', '// pii-scan:allow US_SSN -- fixture',
];

// Long enough (up to ~6 KB) to span many scanner rounds: the look-ahead horizon is a few hundred characters.
const textArb = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 600, size: 'max' }).map((parts) => parts.join(''));
const sizesArb = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 });

function key(f: Finding): string {
  return JSON.stringify(f);
}

/** Independent, whole-text computation of line/column/byte offset for a character index. */
function expectedPlace(text: string, index: number): { line: number; column: number; offset: number } {
  const before = text.slice(0, index);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: Buffer.byteLength(before) };
}

describe('streaming scanner', () => {
  it('finds the same findings whatever the chunk sizes (property)', () => {
    fc.assert(
      fc.property(textArb, sizesArb, (text, sizes) => {
        const bytes = utf8(text);
        const whole = scanBytes(rules, bytes).map(key);
        expect(scanBytes(rules, bytes, sizes).map(key)).toEqual(whole);
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('finds the same findings when fed one byte at a time (property)', () => {
    // The harshest schedule: every match is decided, and text dropped, as early as possible.
    fc.assert(
      fc.property(textArb, (text) => {
        const bytes = utf8(text);
        expect(scanBytes(rules, bytes, [1]).map(key)).toEqual(scanBytes(rules, bytes).map(key));
      }),
      { seed: 11, numRuns: 15 },
    );
  });

  it('reports exact lines, UTF-16 columns and byte offsets (property)', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const bytes = utf8(text);
        for (const f of scanBytes(rules, bytes, [7])) {
          const start = expectedPlace(text, f.index);
          const end = expectedPlace(text, f.index + f.value.length);
          expect({ line: f.line, column: f.column, offset: f.offset }).toEqual(start);
          expect({ endLine: f.endLine, endColumn: f.endColumn }).toEqual({ endLine: end.line, endColumn: end.column });
          expect(Buffer.from(bytes.subarray(f.offset, f.offset + f.length)).toString('utf8')).toBe(f.value);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('finds a value split across chunk boundaries exactly once, in every split position', () => {
    const text = 'é😀 SSN 536-22-4391 ok';
    const bytes = utf8(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const found = scanBytes(rules, bytes, [cut, bytes.length]).filter((f) => f.entity === 'US_SSN');
      expect(found).toHaveLength(1);
      expect(found[0]!.value).toBe('536-22-4391');
      expect(found[0]!.column).toBe(9); // é(1) 😀(2 code units) space, "SSN ", so the value starts at column 9
      expect(found[0]!.offset).toBe(Buffer.byteLength('é😀 SSN '));
    }
  });

  it('keeps byte offsets exact after invalid UTF-8 and still finds the neighbouring SSN', () => {
    const bytes = Buffer.concat([Buffer.from('x'), Buffer.from([0xff, 0xc3]), Buffer.from('SSN 536-22-4391\n')]);
    for (const size of [1, 2, 3, 64]) {
      const [f] = scanBytes(rules, bytes, [size]).filter((x) => x.entity === 'US_SSN');
      expect(f).toBeDefined();
      expect(f!.offset).toBe(7);
      expect(bytes.subarray(f!.offset, f!.offset + f!.length).toString()).toBe('536-22-4391');
      expect(f!.column).toBe(8); // x, two replacement characters, "SSN "
    }
  });

  it('accounts for a UTF-8 byte-order mark in byte offsets, not in columns', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SSN 536-22-4391')]);
    const [f] = scanBytes(rules, bytes, [2]).filter((x) => x.entity === 'US_SSN');
    expect(f).toMatchObject({ column: 5, offset: 7, length: 11 });
  });

  it('decodes UTF-16LE with a BOM and reports byte offsets in UTF-16 units', () => {
    const body = Buffer.from('line one\r\nSSN 536-22-4391', 'utf16le');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
    for (const size of [1, 3, 1000]) {
      const [f] = scanBytes(rules, bytes, [size]).filter((x) => x.entity === 'US_SSN');
      expect(f).toMatchObject({ value: '536-22-4391', line: 2, column: 5, offset: 2 + 2 * 'line one\r\nSSN '.length, length: 22 });
    }
  });

  it('counts CRLF as one line break and keeps columns right', () => {
    const [f] = scanBytes(rules, utf8('a\r\nb\r\nSSN 536-22-4391')).filter((x) => x.entity === 'US_SSN');
    expect(f).toMatchObject({ line: 3, column: 5, endLine: 3, endColumn: 16 });
  });

  it('does not report a value inside a longer token', () => {
    const found = scanBytes(rules, utf8('INV-536-22-4391 and part 536-22-4391-01')).filter((x) => x.entity === 'US_SSN');
    expect(found).toEqual([]);
  });

  it('scans a long single line with a value at the very end in bounded chunks', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(40_000); // ~1 MB, no newline
    const bytes = utf8(`${filler}SSN 536-22-4391`);
    const found = scanBytes(rules, bytes, [65536]).filter((x) => x.entity === 'US_SSN');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, column: filler.length + 5, offset: filler.length + 4 });
  });

  it('with a threshold, returns exactly the findings at or above it and counts the rest (property)', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom(0.3, 0.5, 0.8), (text, threshold) => {
        const all = scanText(rules, text, SETTINGS);
        const s = new StreamScanner(rules, { settings: SETTINGS, minConfidence: threshold });
        const kept = [...s.push(text), ...s.end()];
        expect(kept.map(key)).toEqual(all.filter((f) => f.confidence >= threshold).map(key));
        expect(s.belowThreshold).toBe(all.filter((f) => f.confidence < threshold).length);
      }),
      { seed: 5, numRuns: 100 },
    );
  });
});
