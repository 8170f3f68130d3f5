/** Line, column and byte offset of findings: what reports and redaction rely on. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PositionTracker, Utf8Counter, utf8Length, type Place } from '../../src/text/positions.js';

describe('utf8Length', () => {
  it('equals Buffer.byteLength of the slice, surrogate pairs and lone halves included', () => {
    const unit = fc.constantFrom('a', '\u0000', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '€', '\uffff', '\ud83d', '\ude00', '😀', '\ud800', '\udfff');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 300 }), fc.nat(), fc.nat(), (units, a, b) => {
        const text = units.join('');
        const from = text.length === 0 ? 0 : a % (text.length + 1);
        const to = from + (text.length === 0 ? 0 : b % (text.length - from + 1));
        expect(utf8Length(text, from, to)).toBe(Buffer.byteLength(text.slice(from, to), 'utf8'));
      }),
      { numRuns: 3000 },
    );
  });
});

/** The definition: count over the whole text before the index. */
function place(text: string, index: number): Place {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, byte: Buffer.byteLength(text.slice(0, index)) };
}

describe('PositionTracker', () => {
  it('places spans exactly, with the text arriving and being dropped as the scanner does it, its ASCII chunks declared so (property)', () => {
    const piece = fc.constantFrom('a', 'bc ', '\n', '\n\n', 'é', '😀', 'x'.repeat(40), '\r\n');
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(12), fc.nat(12)), { maxLength: 30 }),
        fc.integer({ min: 1, max: 50 }),
        (pieces, hops, chunk) => {
          const text = pieces.join('');
          // Matches start and end between characters, not inside a surrogate pair.
          const edge = (i: number) => (i > 0 && i < text.length && /[\ud800-\udbff]/.test(text[i - 1]!) ? i + 1 : i);
          const counter = new Utf8Counter();
          const tracker = new PositionTracker(counter);
          // The buffer holds text from bufStart to `held`; it grows a chunk at a time and drops what the tracker passed.
          // A chunk of ASCII only is declared, as the decoder does: its bytes are then not counted.
          let bufStart = 0;
          let held = 0;
          const grow = () => {
            const next = Math.min(text.length, held + chunk);
            if (/^[\x00-\x7f]*$/.test(text.slice(held, next))) counter.addAscii(held, next);
            held = next;
          };
          grow();
          let at = 0;
          for (const [hop, gap, len] of hops) {
            const start = edge(Math.min(text.length, at + hop));
            const valueStart = edge(Math.min(text.length, start + gap));
            const valueEnd = edge(Math.min(text.length, valueStart + len));
            while (held < valueEnd) grow();
            const buf = text.slice(bufStart, held);
            const s = tracker.moveTo(buf, bufStart, start);
            expect(s).toEqual(place(text, start));
            const vs = tracker.placeOf(buf, bufStart, s, start, valueStart);
            expect(vs).toEqual(place(text, valueStart));
            expect(tracker.placeOf(buf, bufStart, vs, valueStart, valueEnd)).toEqual(place(text, valueEnd));
            at = start;
            bufStart = Math.max(bufStart, at - 3); // dropped text, as trim does (never past the tracker)
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
