/** isSpace: `\s` by character code, with no regex for ASCII or the scripts below U+1680. */
import { describe, expect, it } from '@jest/globals';
import { isSpace } from '../../src/text/space.js';

describe('isSpace', () => {
  it('agrees with /\\s/ on every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});
