/**
 * The JSON reader behind JSON documents (src/documents/json.ts): it accepts exactly what JSON.parse
 * accepts, and gives every string and number leaf in document order with its path and key,
 * including what a parsed object loses (the first of two equal keys, digits past 2^53).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { jsonSyntaxError, readJson } from '../../src/documents/json.js';
import { allowSet } from '../../src/filters/filters.js';
import { collectInput } from '../../src/run/scan-input.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

type Leaf = [value: string, path: string, key: string | undefined];

function leaves(text: string): Leaf[] | undefined {
  const out: Leaf[] = [];
  return readJson(text, (v, p, k, _written, name) => void (name || out.push([v, p, k]))) ? out : undefined;
}

/** Member names as the reader gives them, each with its member's path. */
function names(text: string): Leaf[] {
  const out: Leaf[] = [];
  readJson(text, (v, p, k, _written, name) => void (name && out.push([v, p, k])));
  return out;
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The leaves of a parsed value, walked in insertion order (document order when no key repeats or looks like an index). */
function walk(value: unknown, path = '$', key?: string, out: Leaf[] = []): Leaf[] {
  if (typeof value === 'string') out.push([value, path, key]);
  else if (typeof value === 'number') out.push([JSON.stringify(value), path, key]);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, key, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const words = k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.\s]+/g, ' ').trim();
      walk(v, path + (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`), words, out);
    }
  }
  return out;
}

// Keys that JSON.parse keeps in document order: not index-like.
const keyArb = fc.oneof(fc.string({ maxLength: 8 }).map((s) => `k${s}`), fc.constantFrom('ssn', 'dateOfBirth', 'bank routing', 'a.b', 'é', '"q"', '\\'));
const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: fc.oneof(fc.constantFrom('\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '"', '\\', '/', '\u2028', '\ud83d', '😀'), fc.string({ minLength: 1, maxLength: 1 })) }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(keyArb, tie('v')), { maxLength: 4, selector: ([k]) => k }).map((entries) => Object.fromEntries(entries)),
  ),
})).v;

describe('readJson', () => {
  it('gives the leaves of the parsed value, in order, with paths and keys (property)', () => {
    fc.assert(
      fc.property(valueArb, fc.constantFrom(undefined, 0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(leaves(text)).toEqual(walk(JSON.parse(text)));
      }),
      { seed: 5, numRuns: 600 },
    );
  });

  it('accepts exactly what JSON.parse accepts, on damaged JSON and on odd text (property)', () => {
    const damaged = fc
      .tuple(valueArb, fc.nat(), fc.constantFrom('', '"', ',', '}', ']', '{', '[', ':', '\\', '\n', ' ', 'x', '0', '-', '.', 'e', '\u0001', '\u001f', '\t', 'true', 'nul'), fc.boolean())
      .map(([value, at, piece, replace]) => {
        const text = JSON.stringify(value);
        const i = at % (text.length + 1);
        return text.slice(0, i) + piece + text.slice(replace ? i + 1 : i);
      });
    const odd = fc.constantFrom('', ' ', '1', '-', '-0', '01', '1.', '.5', '1e', '1e+', '1E-2', '"\\u12"', '"\\u00e9"', '"\\x"', '"a\tb"', '[1,]', '{"a":1,}', '{,}', '[]  ', ' {} ', '{}{}', 'tru', 'nulll', '\ufeff{}', '"\\/"', '[[[[]]]]', '{"a" 1}');
    fc.assert(
      fc.property(fc.oneof(damaged, odd, fc.string({ maxLength: 12 })), (text) => {
        expect(leaves(text) !== undefined).toBe(parses(text));
      }),
      { seed: 6, numRuns: 3000 },
    );
  });

  it('keeps what a parsed object loses: both of two equal keys, every digit of a long number, document order', () => {
    expect(leaves('{"ssn": "536-22-4391", "ssn": "", "2": "b", "1": "a", "n": 12345678901234567890, "e": 1.50}')).toEqual([
      ['536-22-4391', '$.ssn', 'ssn'],
      ['', '$.ssn', 'ssn'],
      ['b', '$["2"]', '2'],
      ['a', '$["1"]', '1'],
      ['12345678901234567890', '$.n', 'n'],
      ['1.50', '$.e', 'e'],
    ]);
  });

  it('reads nesting far deeper than the call stack allows', () => {
    const depth = 200_000;
    expect(leaves(`${'['.repeat(depth)}"deep"${']'.repeat(depth)}`)).toEqual([['deep', `$${'[0]'.repeat(depth)}`, undefined]]);
  });
});

describe('a JSON file with a repeated key', () => {
  it('reports the value JSON.parse would have dropped', async () => {
    const ctx = { ruleSet: await shippedRules(), settings: SETTINGS, minConfidence: 0.5, allow: allowSet([]), structured: 'all' as const };
    const text = Buffer.from('{"ssn": "536-22-4391", "ssn": "pending"}\n');
    const r = await collectInput({ kind: 'file', path: 'dup.json', display: 'dup.json' }, [text], ctx);
    expect(r.findings.map((f) => [f.entity, f.location])).toEqual([['US_SSN', { kind: 'json', path: '$.ssn' }]]);
  });
});

describe('member names', () => {
  it('are given too, located at their member (a key can hold a value)', () => {
    expect(names('{"536-22-4391": {"note": "x"}, "people": [{"r.lopez@agency-mail.gov": 1}]}')).toEqual([
      ['536-22-4391', '$["536-22-4391"]', undefined],
      ['note', '$["536-22-4391"].note', undefined],
      ['people', '$.people', undefined],
      ['r.lopez@agency-mail.gov', '$.people[0]["r.lopez@agency-mail.gov"]', undefined],
    ]);
  });
});

describe('jsonSyntaxError', () => {
  it.each([
    ['{"note": "SSN 536-22-4391', 'unexpected end of the text at line 1, column 26 (byte offset 25)'],
    ['"SSN 536-22-4391"x', 'unexpected character at line 1, column 18 (byte offset 17)'],
    ['SSN 536-22-4391', 'unexpected character at line 1, column 1 (byte offset 0)'],
    ['{\n  "é": 1,\n  "b": 536-22\n}', 'unexpected character at line 3, column 11 (byte offset 23)'],
  ])('%j: where, never what', (text, message) => {
    expect(parses(text)).toBe(false);
    expect(jsonSyntaxError(text)).toBe(message);
  });

  it('never quotes the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (text) => {
        fc.pre(!parses(text));
        expect(jsonSyntaxError(text)).toMatch(/^unexpected (end of the text|character) at line \d+, column \d+ \(byte offset \d+\)$/);
      }),
    );
  });
});
