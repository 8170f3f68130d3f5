import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { testRuleExamples } from '../../src/engine/rule-examples.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';
import { SETTINGS } from '../helpers/rules.js';

/** The entity names are part of the public output: renaming one breaks users' configs and dashboards. */
const ENTITIES = [
  'US_SSN', 'US_ITIN', 'LICENSE_PLATE', 'US_DRIVER_LICENSE', 'A_NUMBER', 'VIN', 'DOCUMENT_MARKING', 'PHONE_NUMBER',
  'EMAIL_ADDRESS', 'CREDIT_CARD', 'DATE_OF_BIRTH', 'IP_ADDRESS', 'IBAN_CODE', 'US_PASSPORT', 'US_BANK_ROUTING', 'GEO_COORDINATE',
];

const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);

describe('shipped rules', () => {
  it('cover every documented entity', () => {
    expect(new Set(defs.map((d) => d.entity))).toEqual(new Set(ENTITIES));
  });

  describe.each(defs.map((d) => [d.id, d] as const))('%s', (_id, def) => {
    it('has at least 3 match and 3 nomatch examples', () => {
      expect(def.examples.match.length).toBeGreaterThanOrEqual(3);
      expect(def.examples.nomatch.length).toBeGreaterThanOrEqual(3);
    });

    it('passes its own examples at the default threshold', () => {
      expect(testRuleExamples(def, SETTINGS, DEFAULT_MIN_CONFIDENCE)).toEqual([]);
    });
  });
});
