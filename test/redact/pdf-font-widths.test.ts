/** Characters' advances from the fonts pdfjs exports: simple and CID fonts, ligatures, and what is not known. */
import { describe, expect, it } from '@jest/globals';
import { FontWidths } from '../../src/redact/pdf/font-widths.js';

const unicode = (...texts: (string | undefined)[]) => ({ _map: texts });

describe('FontWidths', () => {
  it('a simple font: each character by its code', () => {
    const fonts = new FontWidths(() => ({ toUnicode: unicode(undefined, 'W', 'i', '5'), widths: { 1: 944, 2: 222, 3: 556 }, fontMatrix: [0.001, 0, 0, 0.001, 0, 0] }));
    expect(fonts.advances('F1', 'Wi5')).toEqual([944, 222, 556]);
  });

  it('a CID font with Identity-H (a CMap that maps nothing): codes are CIDs', () => {
    const fonts = new FontWidths(() => ({ composite: true, cMap: { name: '', _map: [] }, toUnicode: unicode(undefined, 'Ω', 'α'), widths: [0, 743, 523] }));
    expect(fonts.advances('F2', 'αΩ')).toEqual([523, 743]);
  });

  it('a CID font with a CMap: widths by the CID a code maps to', () => {
    const fonts = new FontWidths(() => ({ composite: true, cMap: { _map: [undefined, 7, 8] }, toUnicode: unicode(undefined, 'a', 'b'), widths: { 7: 500, 8: 600 } }));
    expect(fonts.advances('F3', 'ba')).toEqual([600, 500]);
  });

  it('a ligature shares its width between its letters; a space with no glyph is a quarter em', () => {
    const fonts = new FontWidths(() => ({ toUnicode: unicode(undefined, 'fi', 'x'), widths: { 1: 600, 2: 500 } }));
    expect(fonts.advances('F4', 'fi x')).toEqual([300, 300, 250, 500]);
  });

  it('a character with no glyph, an unknown font, or a Type 3 font: not known (the caller covers the whole item)', () => {
    const fonts = new FontWidths((name) => (name === 'T3' ? { toUnicode: unicode('a'), widths: { 0: 1 }, fontMatrix: [0.01, 0, 0, 0.01, 0, 0] } : name === 'F5' ? { toUnicode: unicode('a'), widths: { 0: 500 } } : undefined));
    expect(fonts.advances('F5', 'ab')).toBeUndefined();
    expect(fonts.advances('missing', 'a')).toBeUndefined();
    expect(fonts.advances(undefined, 'a')).toBeUndefined();
    expect(fonts.advances('T3', 'a')).toBeUndefined();
  });
});
