/** Byte offsets in reports come from counting UTF-8 lengths of decoded spans, often short ones. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { utf8Length } from '../../src/text/positions.js';

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
