import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldChar, mayNeedFolding, normalisedView } from '../../src/text/normalised-view.js';

/** Characters people and tools put inside values: removed, or folded to a space, a dash or a digit. */
const REMOVED = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const SPACES = ['\u00a0', '\u2009', '\u202f', '\u3000', '\ufffd'];
const DASHES = ['\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\uff0d', '\ufe63'];

/** Independent check of the map: each folded character comes from the original characters it points at. */
function checkMap(input: string): void {
  const v = normalisedView(input);
  if (v.identity) {
    expect(v.text).toBe(input);
    return;
  }
  const { starts, ends } = v;
  expect(starts!.length).toBe(v.text.length);
  let rebuilt = '';
  for (let i = 0; i < v.text.length; i++) {
    expect(starts![i]).toBeLessThan(ends![i]!);
    if (i > 0) expect(starts![i]).toBeGreaterThanOrEqual(starts![i - 1]!);
    if (i === 0 || starts![i] !== starts![i - 1]) rebuilt += foldChar(input.slice(starts![i], ends![i]));
  }
  expect(rebuilt).toBe(v.text);
}

describe('normalised view', () => {
  it('is the text itself, unmapped, when nothing folds', () => {
    const v = normalisedView('SSN 536-22-4391, naïve café 😀\r\n');
    expect(v).toEqual({ text: 'SSN 536-22-4391, naïve café 😀\r\n', identity: true, consumed: 32 });
    expect(mayNeedFolding('plain ASCII 536-22-4391\n')).toBe(false);
  });

  it('removes format characters, folds spaces, dashes and digits of other scripts', () => {
    expect(normalisedView('536\u200b-22\u00ad-4391').text).toBe('536-22-4391');
    expect(normalisedView('536\u00a022\u202f4391').text).toBe('536 22 4391');
    expect(normalisedView('536\u201322\u22124391').text).toBe('536-22-4391');
    expect(normalisedView('\uff15\uff13\uff16-\u0662\u0662-\u096a\u096e\u06f7\u0967').text).toBe('536-22-4871');
    expect(normalisedView('\u0e51\u09e8\u0ae9').text).toBe('123'); // Thai, Bengali, Gujarati
    expect(normalisedView('Ｓ\uff33\uff2e').text).toBe('SSN');
  });

  it('joins a value wrapped at its separator, and only there', () => {
    expect(normalisedView('536-22-\r\n4391').text).toBe('536-22-4391');
    expect(normalisedView('536-22\u2013\n4391').text).toBe('536-22-4391');
    expect(normalisedView('item -\n4 apples').text).toBe('item -\n4 apples');
    expect(normalisedView('2019\n2020').text).toBe('2019\n2020');
    // The break's digit-dash may stand in the previous chunk.
    expect(normalisedView('\n4391', { before: '2-' }).text).toBe('4391');
  });

  it('holds back an undecided end when more text follows', () => {
    expect(normalisedView('536-22-\r\n', { more: true }).consumed).toBe(7);
    expect(normalisedView('536-22-\r', { more: true }).consumed).toBe(7);
    expect(normalisedView('a\ud83d', { more: true }).consumed).toBe(1);
    expect(normalisedView('536-22-\r\n').consumed).toBe(9);
  });

  it('maps every folded character back to the characters it came from (property)', () => {
    const piece = fc.constantFrom('536', '-', ' ', '22', '4391', 'é', '😀', '\r\n', '\n', '½', 'ﬁ', '①', '²', ...REMOVED, ...SPACES, ...DASHES, '\uff15', '\u0663', '\u096a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => checkMap(parts.join(''))),
      { seed: 2020, numRuns: 300 },
    );
  });

  it('folds the same whatever is inserted where (property)', () => {
    // Inserting removable characters anywhere changes nothing in the view.
    const base = fc.array(fc.constantFrom('SSN ', '536-22-4391', ' card ', '4532 0151 1283 0366', 'é', '\n'), { minLength: 1, maxLength: 10 }).map((p) => p.join(''));
    fc.assert(
      fc.property(base, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...REMOVED)), { maxLength: 8 }), (text, inserts) => {
        let t = text;
        for (const [at, ch] of inserts) {
          const i = at % (t.length + 1);
          if (/[\ud800-\udbff]/.test(t[i - 1] ?? '')) continue;
          t = t.slice(0, i) + ch + t.slice(i);
        }
        expect(normalisedView(t).text).toBe(normalisedView(text).text);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
