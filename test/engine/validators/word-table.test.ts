/** The name tables' lookup (word-table.ts) answers as a Set, or a Map of each entry's number, of `list.split(' ')` would. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { nameTables } from '../../../src/engine/validators/person-names.js';
import { COMMON_GIVEN_NAMES, GIVEN_NAMES, PLACES, SURNAMES, WORDS } from '../../../src/engine/validators/person-names-table.js';
import { WordTable } from '../../../src/engine/validators/word-table.js';

const asMap = (list: string): Map<string, number> => {
  const map = new Map<string, number>();
  list.split(' ').forEach((w, i) => map.set(w, i));
  return map;
};

/** Words near the entries that are not always entries: cut, grown, changed in one character, in the other case, two joined. */
const near = (entries: string[]): string[] =>
  entries.flatMap((w, i) => [w.slice(1), w.slice(0, -1), `${w}S`, `S${w}`, w.toLowerCase(), w.toUpperCase(), `${w.slice(0, -1)}${String.fromCharCode(w.charCodeAt(w.length - 1) + 1)}`, `${w} ${entries[(i + 1) % entries.length]}`, `${w}\u00e9`]);

const same = (list: string, words: Iterable<string>): void => {
  const table = new WordTable(list);
  const map = asMap(list);
  let differ = 0;
  for (const w of words) if (table.get(w) !== map.get(w) || table.has(w) !== map.has(w)) differ++;
  expect(differ).toBe(0);
};

describe('word table', () => {
  it.each([
    ['given names', GIVEN_NAMES],
    ['common given names', COMMON_GIVEN_NAMES],
    ['surnames', SURNAMES],
    ['places', PLACES],
    ['words', WORDS],
  ])('finds every entry of the %s at its place, and nothing else', (_, list) => {
    const entries = list.split(' ');
    same(list, entries);
    same(list, near(entries));
    same(list, ['', ' ', 'A', 'a', 'Z', 'ZZZZZZZZZZZZZZ', 'Ÿ', '😀']);
  });

  it('serves the name tables', () => {
    const tables = nameTables();
    expect(tables.given.has('MARIA')).toBe(true);
    expect(tables.given.has('maria')).toBe(false);
    expect(tables.surnameRank.get('SMITH')).toBe(0);
    expect(tables.surnameRank.get('JOHNSON')).toBe(1);
    expect(tables.surnameRank.get('QWXZ')).toBeUndefined();
    expect(tables.words.has('report')).toBe(true);
  });

  it('answers as a Map of split(" ") on any list: empty entries, repeats (the last counts), any characters (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', '😀', '-', "'"), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (entries, others) => {
        const list = entries.join(' ');
        same(list, [...entries, ...others, ...near(entries.filter(Boolean))]);
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});
