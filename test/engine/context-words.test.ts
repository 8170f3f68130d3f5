/** Context words compile to one alternation whose neighbours share their edge checks: the matches must not change. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compileContext, contextWordAlternatives } from '../../src/engine/ruleset.js';
import { shippedRules } from '../helpers/rules.js';

/** The plain form: each word with its own edge checks, longest first. */
function plain(words: string[]): string {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const body = w.trim().split(/\s+/).map(esc).join('[\\s_-]{1,3}');
      const head = /^[A-Za-z0-9]/.test(w) ? '(?<![A-Za-z0-9])' : '';
      const tail = /[A-Za-z]$/.test(w) ? '(?:e?s)?(?![A-Za-z])' : /\d$/.test(w) ? '(?!\\d)' : '';
      return head + body + tail;
    })
    .join('|');
}

function matches(source: string, flags: string, text: string): string[] {
  const re = new RegExp(source, flags);
  return [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
}

describe('context word alternation', () => {
  it('shares edge checks between neighbours', () => {
    expect(contextWordAlternatives(['plate', 'tag', 'i-213', 'lic#', 'lpr'])).toEqual([
      '(?<![A-Za-z0-9])plate(?:e?s)?(?![A-Za-z])',
      '(?<![A-Za-z0-9])i-213(?!\\d)',
      '(?<![A-Za-z0-9])lic#',
      '(?<![A-Za-z0-9])(?:tag|lpr)(?:e?s)?(?![A-Za-z])',
    ]);
  });

  it('keeps the longest word first where words of different edges overlap', () => {
    // Merging 'lic' into the group of 'lic plate' (same edges) past 'lic#' would find "lic" in "lic#".
    const words = ['lic plate', 'lic#', 'lic'];
    for (const text of ['lic# 7ABC123', 'LIC PLATE 7ABC123', 'lic: 7ABC123', 'f-150 f150 f1500']) {
      expect(matches(contextWordAlternatives(words).join('|'), 'gi', text)).toEqual(matches(plain(words), 'gi', text));
    }
    expect(matches(contextWordAlternatives(words).join('|'), 'gi', 'lic# 7ABC123')).toEqual(['0:lic#']);
  });

  it('finds the same words at the same places as one alternative per word', () => {
    const word = fc.constantFrom('dob', 'd.o.b', 'date of birth', 'born', 'lic', 'lic plate', 'lic#', 'i-213', 'f150', 'f-150', 'a#', 'ssn', 'ss#', '#id', 'tag', 'tags', 'plate', 'reg to');
    const piece = fc.constantFrom('dob', 'DOB', 'd.o.b.', 'date', ' of ', 'birth', 'born', 'lic', ' plate', 'plates', '#', 'i-213', '2134', 'f150', 'f-150', 'a#', 'ss', 'n', 'tag', 's', 'es', 'reg', ' to', ' ', '_', '-', '\n', 'x', '9', ':');
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 10 }), fc.array(piece, { maxLength: 30 }), fc.boolean(), (words, parts, caseSensitive) => {
        const text = parts.join('');
        const flags = caseSensitive ? 'g' : 'gi';
        expect(matches(contextWordAlternatives(words).join('|'), flags, text)).toEqual(matches(plain(words), flags, text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a rule's context groups", () => {
  it('compile when first asked, once, as compileContext compiles them, with the bounds worked out from the definitions', async () => {
    const rules = await shippedRules();
    for (const rule of rules.rules) {
      const eager = rule.def.context.map(compileContext);
      expect(rule.nearest).toBe(eager.some((g) => g.nearest));
      expect(rule.liftFrom).toEqual(eager.map((_, i) => eager.slice(i).reduce((sum, g) => sum + Math.max(0, g.boost), 0)));
      const first = rule.context;
      expect(rule.context).toBe(first);
      expect(first.map((g) => [g.re.source, g.re.flags, g.word?.source, g.window, g.boost, g.nearest, g.side])).toEqual(
        eager.map((g) => [g.re.source, g.re.flags, g.word?.source, g.window, g.boost, g.nearest, g.side]),
      );
    }
  });
});
