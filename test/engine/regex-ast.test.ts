/**
 * The regex parser's character sets must contain every character the engine would match: the
 * prefilter's soundness rests on it. Checked against JavaScript's own engine, one atom at a time,
 * with and without the `i` flag.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseRegex, type CharSet, type RegexNode } from '../../src/engine/regex-ast.js';
import { regexShape } from '../../src/engine/regex-shape.js';

function atomSet(node: RegexNode): CharSet {
  const atom = node.type === 'seq' && node.items.length === 1 ? node.items[0]! : node;
  if (atom.type !== 'char') throw new Error(`not one character: ${atom.type}`);
  return atom.set;
}

const contains = (set: CharSet, ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return c < 128 ? set.ascii[c] === 1 : set.nonAscii;
};

const ATOMS = [
  'a', 'Z', '5', '\\.', '\\-', '\\/', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '.', '\\t', '\\n', '\\x41', '\\x7e', '\\u00e9', '\\u0041',
  '\\cJ', '\\0', 'é', '[abc]', '[a-f]', '[^a-f]', '[\\d-x]', '[-a]', '[a-]', '[\\w.-]', '[^\\w]', '[A-HJ-NPR-Z0-9]', '[\\s\\S]', '[]', '[^]',
  '[\\b]', '[\\]]', '[a\\-z]', '[\\x20-\\x2f]', '[é-ü]', '[\\u0041-\\u0043]', '[.]', '[$^]',
];
// Every ASCII character, some others, and the line terminators JavaScript knows.
const SAMPLES = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), 'é', 'ü', 'ſ', 'K', '\u00a0', '\u2028', '\ufeff', '中'];

describe('regex-ast character sets', () => {
  it.each([false, true])('contain every character JavaScript matches (ignoreCase %s)', (ignoreCase) => {
    for (const src of ATOMS) {
      const set = atomSet(parseRegex(src, ignoreCase));
      const re = new RegExp(`^(?:${src})$`, ignoreCase ? 'i' : '');
      for (const ch of SAMPLES) {
        if (re.test(ch)) expect({ src, ch, inSet: contains(set, ch) }).toEqual({ src, ch, inSet: true });
      }
    }
  });

  it('keeps ASCII sets exact where it can (a prefilter gains nothing from a loose \\d)', () => {
    const digits = atomSet(parseRegex('\\d'));
    expect([...digits.ascii].reduce((a, b) => a + b, 0)).toBe(10);
    expect(digits.nonAscii).toBe(false);
    expect(atomSet(parseRegex('[^a]')).nonAscii).toBe(true);
  });

  it('holds for random classes (property)', () => {
    const member = fc.constantFrom('a', 'q', 'Z', '0', '9', '_', '-', '.', ' ', '\\d', '\\w', '\\s', '\\W', '\\.', 'é', '\\x41', '\\u00e9');
    const range = fc.constantFrom('a-f', 'A-Z', '0-5', ' -/', '\\x30-\\x39', 'a-a');
    const classArb = fc
      .tuple(fc.boolean(), fc.array(fc.oneof(member, range), { minLength: 1, maxLength: 5 }))
      .map(([neg, parts]) => `[${neg ? '^' : ''}${parts.join('')}]`)
      .filter((src) => {
        try {
          new RegExp(src);
          return true;
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(classArb, fc.boolean(), (src, ignoreCase) => {
        const set = atomSet(parseRegex(src, ignoreCase));
        const re = new RegExp(`^${src}$`, ignoreCase ? 'i' : '');
        for (const ch of SAMPLES) if (re.test(ch)) expect(contains(set, ch)).toBe(true);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('reads groups, look-arounds and back-references into the tree the shape walker measures', () => {
    expect(regexShape('(?<y>\\d{4})-\\k<y>')).toMatchObject({ minLength: 5, maxLength: 9 });
    expect(regexShape('(?<![\\w.])\\d{3}(?!\\d)')).toMatchObject({ minLength: 3, maxLength: 3, behind: 1, reach: 4 });
    expect(regexShape('^a|b$')).toMatchObject({ maxLength: 1, behind: 1, reach: 2 });
    expect(regexShape('\\d+').maxLength).toBe(Infinity);
  });
});
