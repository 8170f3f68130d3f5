import { describe, expect, it } from '@jest/globals';
import { createWatchList, kindOf, normalise, parseWatchList, WatchList, WatchListError } from '../../src/filters/watchlist.js';

/** A cheap cost keeps the tests fast; the default is much slower by design. */
const cost = { N: 1 << 10, r: 8, p: 1 };
const list = (values: { value: string; kind: 'name' | 'number' | 'address' }[], passphrase?: string) =>
  createWatchList(values, { cost, ...(passphrase ? { passphrase } : {}) });

describe('watch lists', () => {
  it('normalise names in either order, numbers without separators, addresses spelt one way', () => {
    expect(normalise('BROOKS, DAVID', 'name')).toBe(normalise('David Brooks', 'name'));
    expect(normalise('José  Hernández', 'name')).toBe(normalise('HERNANDEZ, JOSE', 'name'));
    expect(normalise('536-22-4391', 'number')).toBe('536224391');
    expect(normalise('1423 North Elm Street, Apartment 3B', 'address')).toBe(normalise('1423 N Elm St Apt 3B', 'address'));
  });

  it('hold no value, and find a finding of one in any formatting', () => {
    const { text } = list([{ value: 'BROOKS, DAVID', kind: 'name' }, { value: '536-22-4391', kind: 'number' }]);
    expect(text).not.toMatch(/BROOKS|DAVID|536|4391/i);
    const w = new WatchList(parseWatchList(text));
    expect(w.matches({ entity: 'PERSON', value: 'David Brooks' })).toBe(true);
    expect(w.matches({ entity: 'US_SSN', value: '536 22 4391' })).toBe(true);
    expect(w.matches({ entity: 'US_SSN', value: '536-22-4392' })).toBe(false);
    expect(w.matches({ entity: 'PERSON', value: 'David Brook' })).toBe(false);
  });

  it('the same values give other hashes in another file (a salt each)', () => {
    const a = list([{ value: 'David Brooks', kind: 'name' }]).text.split('\n').slice(4);
    const b = list([{ value: 'David Brooks', kind: 'name' }]).text.split('\n').slice(4);
    expect(a).not.toEqual(b);
  });

  it('a keyed list needs its passphrase, and the wrong one matches nothing', () => {
    const { text } = list([{ value: 'David Brooks', kind: 'name' }], 'correct horse');
    expect(() => new WatchList(parseWatchList(text))).toThrow(WatchListError);
    expect(new WatchList(parseWatchList(text), 'wrong').matches({ entity: 'PERSON', value: 'David Brooks' })).toBe(false);
    expect(new WatchList(parseWatchList(text), 'correct horse').matches({ entity: 'PERSON', value: 'David Brooks' })).toBe(true);
  });

  it('refuses a damaged file without quoting it', () => {
    expect(() => parseWatchList('David Brooks\n')).toThrow(/not a watch list/);
    const { text } = list([{ value: 'David Brooks', kind: 'name' }]);
    expect(() => parseWatchList(`${text}not-a-hash\n`)).toThrow(/entry 2 is not a hash/);
  });

  it('tells a cell\'s kind from its header, else its shape', () => {
    expect(kindOf('7ABC123', 'plate')).toBe('number');
    expect(kindOf('Maria Garcia', 'resident name')).toBe('name');
    expect(kindOf('12 Oak St')).toBe('address');
    expect(kindOf('(202) 555-0143')).toBe('number');
  });
});
