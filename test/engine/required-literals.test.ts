/**
 * A pattern is skipped on a short text that lacks all its required literals, so every match must
 * hold one of them: checked for hand-written regexes, for every shipped pattern's matches in the
 * fixtures, and for random strings. A draft that holds a value is still searched for it.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { compileRules } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scanner.js';
import { SETTINGS } from '../helpers/rules.js';
import { holdsAny, requiredLiterals } from '../../src/engine/required-literals.js';

const holds = (regex: string, text: string): boolean => {
  const literals = requiredLiterals(regex);
  return literals === undefined || holdsAny(text.toLowerCase(), literals);
};

describe('required literals', () => {
  it('are the words an alternation requires, without case, and nothing for an open class', () => {
    expect(requiredLiterals('(?<![a-z])(?:Dear|Hi)[ ]X')?.sort()).toEqual(['dear x', 'hi x']);
    expect(requiredLiterals('[A-Za-z]{2,8}\\d')).toBeUndefined();
    expect(requiredLiterals('\\d{3}-\\d{2}-\\d{4}')).toEqual(['-']);
    expect(requiredLiterals('a?b')?.sort()).toEqual(['ab', 'b']);
    expect(requiredLiterals('(?=.*@)\\w{1,9}')).toEqual(['@']);
    expect(requiredLiterals('x(?<=@x)')).toEqual(['@x']);
  });

  it('are held by every match of a regex, whatever the text and the case', () => {
    const regexes = ['(?:Mr|Mrs|Dr)\\.?[ ][A-Z]', 'a(?:bc|d)?e', '(?<!x)(?:[Aa]b|c-d){1,2}z', 'p(?=q)q', '(?:foo|ba(?:r|z))\\b', '\\bx[-.]?y'];
    fc.assert(
      fc.property(fc.constantFrom(...regexes), fc.constantFrom('', 'i'), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z', 'x', 'y', '-', '.', ' ', 'M', 'r', 's', 'D', 'p', 'q', 'f', 'o', 'İ', 'K') }), (regex, flags, text) => {
        if (new RegExp(regex, flags).test(text)) expect(holds(regex, text)).toBe(true);
      }),
    );
  });

  it('are held by every match of every shipped pattern in the fixtures', async () => {
    const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
    const dir = 'fixtures/corpus';
    const texts = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), 'latin1'));
    let checked = 0;
    for (const def of defs) {
      for (const p of def.patterns) {
        if (p.literals === undefined) continue;
        const re = new RegExp(p.regex, `gm${p.ignoreCase ? 'i' : ''}`);
        for (const text of texts) {
          for (const m of text.matchAll(re)) {
            checked++;
            expect(holdsAny(m[0].toLowerCase(), p.literals) || holdsAny(text.slice(Math.max(0, m.index - p.shape.behind), m.index + p.shape.reach).toLowerCase(), p.literals)).toBe(true);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('leave a short draft searched for every value it holds', async () => {
    const rules = compileRules(await loadRuleDefs([BUILTIN_RULES_DIR]));
    const draft = 'Dear Maria Lopez, her SSN is 536-22-4391 and mail r.lopez@agency-mail.gov, plate 7ABC123.';
    const found = scanText(rules, draft, SETTINGS).map((f) => f.ruleId);
    expect(found).toEqual(expect.arrayContaining(['us-ssn', 'email-address', 'person']));
  });
});
