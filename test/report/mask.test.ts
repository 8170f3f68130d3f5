/** Masking: every letter and digit hidden, the shape (separators, length) kept, the last four only when asked. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { maskShape, maskValue } from '../../src/masking/mask.js';

/** The definition, by code points and Unicode classes: what the fast ASCII path must equal. */
function reference(value: string, keepLast4: boolean): string {
  const chars = [...value];
  const alnum = (ch: string) => /[\p{L}\p{N}]/u.test(ch);
  let keep = keepLast4 && chars.filter(alnum).length >= 9 ? 4 : 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!alnum(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

describe('maskShape', () => {
  it('masks examples of each shape', () => {
    expect(maskShape('536-22-4391', false)).toBe('***-**-****');
    expect(maskShape('4111 1111 1111 1111', true)).toBe('**** **** **** 1111');
    expect(maskShape('7ABC123', true)).toBe('*******');
    expect(maskShape('jane.doe@example.org', false)).toBe('****.***@*******.***');
    expect(maskShape('Ünïcødé 12', false)).toBe('******* **');
  });

  it('equals the code-point definition on ASCII and non-ASCII text alike', () => {
    const piece = fc.constantFrom('a', 'Z', '0', '9', '-', ' ', '.', '@', '/', '_', '`', '{', '[', '@', 'é', 'ß', '٣', '😀', '\u0000', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (parts, keep) => {
        const value = parts.join('');
        expect(maskShape(value, keep)).toBe(reference(value, keep));
      }),
      { numRuns: 3000 },
    );
  });

  it('shows at most 80 characters on one line', () => {
    expect(maskValue(`${'a'.repeat(100)}`, 'none')).toBe(`${'a'.repeat(80)}…`);
    expect(maskValue('😀'.repeat(50), 'none')).toBe('😀'.repeat(50));
    expect(maskValue('ab\n\tcd', 'full')).toBe('** **');
  });
});
