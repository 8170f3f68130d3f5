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

  describe.each(defs.map((d) => [d.id, d] as const))('%s', (_id, def) => {
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
    const { readSaved } = await import('../../src/config/build-stamp.js');
    const saved = readFileSync('dist/builtin-rules.json');
    const header = JSON.parse(saved.toString('utf8', 0, saved.indexOf(10)).replace(/^[^{]*/, '')) as { code: string };
    const snap = readSaved(saved, { code: header.code });
    expect(Object.keys(snap)).toEqual(['body']);
    const relative = defs.map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
    expect(JSON.parse((snap as { body: Buffer }).body.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(relative)));
  });
});
