/** The small caches of labels and keys: same answers, bounded, and holding no scanned text alive. */
import { expect, it } from '@jest/globals';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { remembered } from '../../src/text/remembered.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('gives what the function gives, working each distinct string out once until the limit', () => {
  let calls = 0;
  const upper = remembered((s) => (calls++, s.toUpperCase()), 3);
  expect(['ab', 'cd', 'ab', 'ab'].map(upper)).toEqual(['AB', 'CD', 'AB', 'AB']);
  expect(calls).toBe(2);
  ['x', 'y', 'z'].forEach(upper); // past the limit: starts afresh
  expect(upper('ab')).toBe('AB');
  expect(calls).toBe(6);
});

it('keeps its keys as copies, not as cuts of the text they came from', () => {
  const label = remembered((s) => s.length);
  gc();
  const before = getHeapStatistics().used_heap_size;
  (() => {
    const text = `Date of birth of the subject, ${'-'.repeat(30_000_000)}`;
    label(text.slice(0, 20)); // a header label cut from a chunk of a spreadsheet
  })();
  /x/.exec('x'); // V8 keeps the last subject a regular expression searched: make it this one
  gc();
  expect(getHeapStatistics().used_heap_size - before).toBeLessThan(8 * 1024 * 1024);
});
