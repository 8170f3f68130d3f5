import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { testRuleExamples } from '../../src/engine/rule-examples.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';
import { SETTINGS } from '../helpers/rules.js';

const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);

describe('shipped rules', () => {
  // Entity names are public output (configs and dashboards name them); docs/rules.md, generated
  // from these files and checked by test/rules/rules-docs.test.ts, shows a rename in review.
  it('each file holds rules with unique ids and UPPER_SNAKE entity names', () => {
    expect(defs.length).toBeGreaterThan(0);
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    for (const d of defs) expect(d.entity).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
  });

  // Derived rules (PROFILE, WATCHLIST_MATCH) match nothing themselves: test/filters tests them.
  describe.each(defs.filter((d) => !d.derived).map((d) => [d.id, d] as const))('%s', (_id, def) => {
    it('has at least 3 match and 3 nomatch examples', () => {
      expect(def.examples.match.length).toBeGreaterThanOrEqual(3);
      expect(def.examples.nomatch.length).toBeGreaterThanOrEqual(3);
    });

    it('gives the value of a match example (the tests plant it: test/cli/helpers.ts PLANTED)', () => {
      expect(def.examples.match.some((e) => e.value !== undefined && e.value !== '')).toBe(true);
    });

    it('passes its own examples at the default threshold', () => {
      expect(testRuleExamples(def, SETTINGS, DEFAULT_MIN_CONFIDENCE)).toEqual([]);
    });
  });
});
