import { describe, expect, it } from '@jest/globals';
import { checkBacktracking } from '../../src/config/check-backtracking.js';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { parseRuleFile } from '../../src/engine/rule-parser.js';
import { ConfigError } from '../../src/config/yaml-source.js';

const rule = (regex: string) =>
  parseRuleFile('/rules/mine.yaml', `id: mine\nentity: MINE\nseverity: low\npatterns:\n  - regex: 'x'\n  - regex: '${regex}'\n`);

describe('catastrophic backtracking', () => {
  it.each(['(a{1,20}){1,20}$', '(\\w{1,20}\\s?){1,20}$', '(?:[a-z]{1,10}|[a-z0-9]{1,10}){1,20}!'])(
    'refuses %s, naming file, line and field',
    async (regex) => {
      const err = await checkBacktracking(rule(regex), 100).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/^\/rules\/mine\.yaml:6: patterns\[1\]\.regex: regex backtracks catastrophically/);
    },
    20_000,
  );

  it('accepts ordinary bounded patterns', async () => {
    await expect(checkBacktracking(rule('(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])'))).resolves.toBeUndefined();
  });

  it('accepts every shipped pattern with a wide margin', async () => {
    await expect(checkBacktracking(await loadRuleDefs([BUILTIN_RULES_DIR]), 30)).resolves.toBeUndefined();
  });
});
