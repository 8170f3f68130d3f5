/**
 * Values wrapped across lines in a whole text (a hard wrap at 72-80 columns, a reply's `> ` quote on
 * the next line, CRLF): found after a label, at their exact original span; numbers on adjacent
 * lines with no label before them are not joined. A stream (file, standard input, git content)
 * joins them too, and finds the same whatever its chunk sizes; a join never loses what the
 * unjoined reading finds, in a whole text or a stream.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { FoldingScanner, scanText, type LabelledJoins } from '../../src/engine/folding-scanner.js';
import { scanBytes, SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

/** Labelled values and the separator positions a wrap may take (group boundaries). */
const VALUES: Array<[string, string, string]> = [
  ['CREDIT_CARD', 'Card:', '4532 0151 1283 0366'],
  ['CREDIT_CARD', 'card number', '4532-0151-1283-0366'],
  ['IBAN_CODE', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
  ['IBAN_CODE', 'IBAN:', 'GB82 WEST 1234 5698 7654 32'],
  ['US_SSN', 'SSN:', '536-22-4391'],
  ['US_SSN', 'Social Security', '536 22 4391'],
  ['PHONE_NUMBER', 'Phone:', '(202) 456-1414'],
];

/** How the line break is written, with what the next line starts with. */
const BREAKS: Record<string, string> = {
  LF: '\n',
  CRLF: '\r\n',
  'reply quote': '\n> ',
  'nested reply quote': '\n>> ',
  'spaced nested quote, CRLF': '\r\n> > ',
  'indent': '\n    ',
  'trailing space, then LF': ' \n',
};

/** The value wrapped at its `k`-th separator: a space becomes the break, a dash stays before it. */
function wrapped(value: string, k: number, brk: string): string {
  const seps = [...value.matchAll(/[ -]/g)].map((m) => m.index!);
  const i = seps[k % seps.length]!;
  return value[i] === ' ' ? value.slice(0, i) + brk + value.slice(i + 1) : value.slice(0, i + 1) + brk + value.slice(i + 1);
}

/** A stream's scan (`joins`: how labelled wraps are joined): `text` cut into chunks of the given sizes (cycled), ASCII ones as bytes. */
function joiningStream(text: string, sizes: readonly number[] = [text.length], joins: LabelledJoins = 'windows'): Finding[] {
  const s = new FoldingScanner(rules, { settings: SETTINGS }, false, joins);
  const out: Finding[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const chunk = text.slice(at, at + Math.max(1, sizes[k % sizes.length]!));
    out.push(...(/^[\x00-\x7f]*$/.test(chunk) ? s.pushAscii(Buffer.from(chunk, 'latin1')) : s.push(chunk)));
    at += chunk.length;
  }
  return [...out, ...s.end()];
}

const of = (fs: Finding[], entity: string) => fs.filter((f) => f.entity === entity && f.confidence >= 0.5);

describe('values wrapped across lines after a label', () => {
  for (const [entity, label, value] of VALUES) {
    it.each(Object.entries(BREAKS))(`finds ${entity} '${label}' wrapped with %s, at its original span`, (_name, brk) => {
      const w = wrapped(value, 1, brk);
      const text = `Hello,\n\nas asked, ${label} ${w} thanks.\n`;
      const found = of(scanText(rules, text, SETTINGS), entity);
      expect(found.map((f) => f.value)).toEqual([w]);
      const f = found[0]!;
      expect(f.index).toBe(text.indexOf(w));
      expect(f.offset).toBe(Buffer.byteLength(text.slice(0, f.index)));
      expect(f.length).toBe(Buffer.byteLength(w));
      expect(f.endLine).toBe(f.line + 1);
    });
  }

  it.each([
    ['an NBSP before the break', 'Card: 4532 0151 1283\u00a0\n0366 thanks\n', '4532 0151 1283\u00a0\n0366'],
    ['a value wrapped over three lines', 'IBAN DE89 3704\n0044 0532\n0130 00 thanks\n', 'DE89 3704\n0044 0532\n0130 00'],
  ])('joins a labelled value with %s (the label line is read as folded)', (_name, text, value) => {
    expect(scanText(rules, text, SETTINGS).filter((f) => f.confidence >= 0.5).map((f) => f.value)).toEqual([value]);
  });

  it.each([
    ['numbers in a table', 'Order 12345 6789\n01234 units\n'],
    ['a card-shaped run on two lines with no label', 'Totals 4532 0151 1283\n0366 items\n'],
    ['a label, then prose on the next line', 'Card: 4532 0151\nexpires soon, call us\n'],
    ['a label far back on an earlier line', 'Card: on file\n4532 0151 1283\n0366\n'],
    ['a label and words before the numbers', 'Card: we paid 4532 0151 1283\n0366 times\n'],
    ['a quoted table of amounts', '> IBAN fees 12 30\n> 40 00 EUR\n'],
    ['a value, then the next labelled field', 'card 4532 0151 1283 0366\nSSN 536-22-4391\n'],
  ])('does not join %s', (_name, text) => {
    const found = scanText(rules, text, SETTINGS).filter((f) => f.endLine > f.line);
    expect(found).toEqual([]);
  });

  it('finds a labelled value wrapped at any separator, with any break and quote, at its exact span (property)', () => {
    const breaks = Object.values(BREAKS);
    fc.assert(
      fc.property(fc.nat(VALUES.length - 1), fc.nat(8), fc.nat(breaks.length - 1), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n\d]/g, '')), (v, k, b, prose) => {
        const [entity, label, value] = VALUES[v]!;
        const w = wrapped(value, k, breaks[b]!);
        const text = `${prose}\n${label} ${w} ok\n${prose}`;
        const found = of(scanText(rules, text, SETTINGS), entity).filter((f) => f.value === w);
        expect(found).toHaveLength(1);
        // The span maps back exactly: its bytes are the wrapped value as written.
        expect(Buffer.from(text, 'utf8').subarray(found[0]!.offset, found[0]!.offset + found[0]!.length).toString('utf8')).toBe(w);
      }),
      { seed: 72, numRuns: 120 },
    );
  });

  it('a stream of bytes (file, standard input) finds them as the whole text does, whatever the chunk sizes (property)', () => {
    const breaks = Object.values(BREAKS);
    fc.assert(
      fc.property(fc.nat(VALUES.length - 1), fc.nat(8), fc.nat(breaks.length - 1), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\u00e9t\u00e9 ', '\u200b'), (v, k, b, sizes, extra) => {
        const [entity, label, value] = VALUES[v]!;
        const w = wrapped(value, k, breaks[b]!);
        const text = `Hello${extra},\n\n${'filler line\n'.repeat(k)}as asked, ${label} ${w} thanks.\n2024-06-05T03:20:05Z INFO done\n`;
        const bytes = new TextEncoder().encode(text);
        const whole = scanBytes(rules, bytes);
        expect(of(whole, entity).map((f) => f.value)).toEqual([w]);
        const f = of(whole, entity)[0]!;
        expect(Buffer.from(bytes).subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(w);
        expect([f.line, f.endLine]).toEqual([3 + k, 3 + k + 1]);
        expect(scanBytes(rules, bytes, sizes)).toEqual(whole);
        expect(whole.map((x) => [x.entity, x.offset, x.length, x.confidence])).toEqual(scanText(rules, text, SETTINGS).map((x) => [x.entity, Buffer.byteLength(text.slice(0, x.index)), x.length, x.confidence]));
      }),
      { seed: 74, numRuns: 120 },
    );
  });

  it('a stream never loses what it finds unjoined: the A-number and IP before a labelled SSN, in 1-byte chunks', () => {
    const text = 'A-Number: 201555987 \r\n73.162.44.201SSN 536-22-4391';
    const whole = joiningStream(text);
    expect(joiningStream(text, [1])).toEqual(whole);
    expect(scanBytes(rules, new TextEncoder().encode(text), [1])).toEqual(scanBytes(rules, new TextEncoder().encode(text)));
    // Everything the unjoined reading finds is kept, with its alternatives (a confidence-0 one too).
    const unjoined = joiningStream(text, [text.length], 'off');
    for (const f of unjoined) expect(whole).toContainEqual(f);
  });

  it('with joining on, a stream finds them whatever the chunk sizes, at the same exact bytes (property)', () => {
    const breaks = Object.values(BREAKS);
    fc.assert(
      fc.property(fc.nat(VALUES.length - 1), fc.nat(8), fc.nat(breaks.length - 1), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), (v, k, b, sizes) => {
        const [entity, label, value] = VALUES[v]!;
        const w = wrapped(value, k, breaks[b]!);
        const text = `Hello,\n\nas asked, ${label} ${w} thanks.\n`;
        const whole = joiningStream(text);
        expect(of(whole, entity).map((f) => f.value)).toEqual([w]);
        const f = of(whole, entity)[0]!;
        expect(Buffer.from(text, 'utf8').subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(w);
        expect(joiningStream(text, sizes)).toEqual(whole);
      }),
      { seed: 73, numRuns: 120 },
    );
  });

  it('with joining on, decides a join in a stream cut anywhere as read whole: a label line that ends with an NBSP', () => {
    // The line before the break is read folded (the NBSP a space), whether it came in this chunk or an earlier one.
    const text = 'A-Number: 201555987\u00a0\r\n73.162.44.201SSN 536-22-4391';
    const whole = joiningStream(text);
    for (const sizes of [[1], [2], [3], [7], [20], [21], [22], [5, 1]]) expect(joiningStream(text, sizes)).toEqual(whole);
    // A whole text also keeps what the unjoined reading finds (a join never loses a finding): the same values, perhaps more alternatives.
    const values = (fs: readonly Finding[]) => fs.map((f) => [f.entity, f.offset, f.length]);
    expect(values(scanText(rules, text, SETTINGS))).toEqual(values(whole));
  });

  it('in chunks longer than what a stream keeps, finds them as in small chunks, at the same lines and bytes (property)', () => {
    // Chunks no break cuts are passed without being joined to the text held: lines, columns and bytes must stay exact after them.
    const filler = ['Release 2.4.\n', 'Build 2024-06-05.\n', 'Totals 4532 0151\n', 'Ship it. Then call A.\n', 'caf\u00e9 \u00e0 No\u00ebl 12\n', 'plain prose here\n', '> Quoted 12\n'];
    const breaks = Object.values(BREAKS);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat(filler.length - 1), { minLength: 40, maxLength: 300 }), fc.nat(VALUES.length - 1), fc.nat(8), fc.nat(breaks.length - 1)), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 800, max: 6000 }), { minLength: 1, maxLength: 3 }),
        (parts, sizes) => {
          const wrappedValues: string[] = [];
          let text = '';
          for (const [lines, v, k, b] of parts) {
            const [, label, value] = VALUES[v]!;
            const w = wrapped(value, k, breaks[b]!);
            wrappedValues.push(w);
            text += lines.map((i) => filler[i]!).join('') + `as asked, ${label} ${w} thanks.\n`;
          }
          const small = joiningStream(text, [50]);
          expect(joiningStream(text, sizes)).toEqual(small);
          const bytes = new TextEncoder().encode(text);
          const whole = scanBytes(rules, bytes, [50]);
          expect(scanBytes(rules, bytes, sizes)).toEqual(whole);
          for (const w of wrappedValues) {
            const f = whole.find((x) => x.value === w && x.confidence >= 0.5)!;
            expect(Buffer.from(bytes).subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(w);
            const before = text.slice(0, f.index);
            expect([f.line, f.column]).toEqual([before.split('\n').length, f.index - before.lastIndexOf('\n')]);
          }
        },
      ),
      { seed: 75, numRuns: 40 },
    );
  });

  it('still finds a value complete at its line end when the next line starts with a number (a log timestamp)', () => {
    // Joined, the card is followed by a fifth group of digits, which the card rule rejects.
    const text = 'Card: 4532 0151 1283 0366\n2024-06-05T03:20:05Z INFO start\n';
    expect(of(scanText(rules, text, SETTINGS), 'CREDIT_CARD').map((f) => f.value)).toEqual(['4532 0151 1283 0366']);
  });

  it('never joins numbers on adjacent lines that follow no label (property)', () => {
    const group = fc.stringMatching(/^[0-9]{2,5}$/);
    const line = fc.tuple(fc.constantFrom('Order', 'Total', 'Items', 'Build', 'Page', '>', '> Qty'), fc.array(group, { minLength: 1, maxLength: 4 })).map(([w, gs]) => `${w} ${gs.join(' ')}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\n> '), (lines, brk) => {
        const text = lines.join(brk) + '\n';
        expect(scanText(rules, text, SETTINGS).filter((f) => f.endLine > f.line)).toEqual([]);
      }),
      { seed: 80, numRuns: 150 },
    );
  });
});
