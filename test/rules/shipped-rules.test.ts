import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { testRuleExamples } from '../../src/engine/rule-examples.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';
import { SETTINGS } from '../helpers/rules.js';

/** The entity names are part of the public output: renaming one breaks users' configs and dashboards. */
const ENTITIES = [
  'US_SSN', 'US_ITIN', 'LICENSE_PLATE', 'US_DRIVER_LICENSE', 'A_NUMBER', 'VIN', 'DOCUMENT_MARKING', 'PHONE_NUMBER',
  'EMAIL_ADDRESS', 'CREDIT_CARD', 'DATE_OF_BIRTH', 'IP_ADDRESS', 'IBAN_CODE', 'US_PASSPORT', 'US_BANK_ROUTING', 'GEO_COORDINATE',
  'STREET_ADDRESS', 'PERSON', 'PROFILE', 'WATCHLIST_MATCH',
];

const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);

describe('shipped rules', () => {
  it('cover every documented entity', () => {
    expect(new Set(defs.map((d) => d.entity))).toEqual(new Set(ENTITIES));
  });

  // Derived rules (PROFILE, WATCHLIST_MATCH) match nothing themselves: test/filters tests them.
  describe.each(defs.filter((d) => !d.derived).map((d) => [d.id, d] as const))('%s', (_id, def) => {
    it('has at least 3 match and 3 nomatch examples', () => {
      expect(def.examples.match.length).toBeGreaterThanOrEqual(3);
      expect(def.examples.nomatch.length).toBeGreaterThanOrEqual(3);
    });

    it('passes its own examples at the default threshold', () => {
      expect(testRuleExamples(def, SETTINGS, DEFAULT_MIN_CONFIDENCE)).toEqual([]);
    });
  });
});

describe('the build snapshot of the shipped rules', () => {
  it('loads the same definitions as parsing the YAML (npm test builds first)', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = "const m = await import('./dist/config/load.js'); process.stdout.write(JSON.stringify(await m.loadBuiltinRules()));";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(defs)));
  });

  it('holds exactly the parsed definitions, with file names relative to rules/', async () => {
    const { readFileSync } = await import('node:fs');
    const { basename } = await import('node:path');
    const snap = JSON.parse(readFileSync('dist/builtin-rules.json', 'utf8')) as { defs: unknown[] };
    const relative = defs.map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
    expect(snap.defs).toEqual(JSON.parse(JSON.stringify(relative)));
  });
});
