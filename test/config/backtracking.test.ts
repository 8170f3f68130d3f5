import { describe, expect, it } from '@jest/globals';
import { checkBacktracking } from '../../src/config/check-backtracking.js';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { parseRuleFile } from '../../src/config/rule-parser.js';
import { ConfigError } from '../../src/config/yaml-source.js';
import { findAmbiguity } from '../../src/engine/regex-ambiguity.js';

const rule = (regex: string) =>
  parseRuleFile('/rules/mine.yaml', `id: mine\nentity: MINE\nseverity: low\npatterns:\n  - regex: 'x'\n  - regex: '${regex}'\n`);

const refusal = (regex: string, budgetMs?: number) =>
  checkBacktracking(rule(regex), budgetMs).then(
    () => undefined,
    (e: unknown) => e,
  );

/** Known-evil shapes (bounded, so the rule parser accepts them): each must be refused by the analysis alone. */
const EVIL: Array<[string, string]> = [
  ['(?:a|ab|b){1,40}c(?!x)', '(?:a|ab|b){1,40}'], // hung a scan of a 1.3 KB file for minutes; passed the timing probe
  ['(a{1,20}){1,20}$', '(a{1,20}){1,20}'],
  ['(\\w{1,20}\\s?){1,20}$', '(\\w{1,20}\\s?){1,20}'],
  ['(?:[a-z]{1,10}|[a-z0-9]{1,10}){1,20}!', '(?:[a-z]{1,10}|[a-z0-9]{1,10}){1,20}'],
  ['(?:a|a){1,30}b', '(?:a|a){1,30}'],
  ['(?:\\w|\\d){1,60}!', '(?:\\w|\\d){1,60}'],
  ['x(?:\\d{1,3}\\d{1,3}){1,10}y', '(?:\\d{1,3}\\d{1,3}){1,10}'],
  ['(?:(?:a|a){1,3}b){1,20}', '(?:(?:a|a){1,3}b){1,20}'],
  ['(?:Sep|Sept){1,20}', '(?:Sep|Sept){1,20}'],
  ['(?:[ab]{1,4}[bc]{1,4}){1,16}x', '(?:[ab]{1,4}[bc]{1,4}){1,16}'],
];

/** Unbounded evil shapes: the rule parser refuses them for their length; the analysis must refuse them too. */
const EVIL_UNBOUNDED = ['(a|a)*', '(\\w|\\d)+', '(a+)+b', '\\d+\\d+x', '(x+x+)+y', '(.*a){12}', '((ab)*|a)*c'];

const SAFE = [
  '(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])',
  '(?:\\d{1,3}\\.){3}\\d{1,3}',
  '[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}',
  '(?:Jan|Jun|Jul)(?: \\d{1,2}){1,12}',
  '(?:\\w{1,20}\\s){1,20}',
  '\\w{1,20}(?:\\s\\w{1,20}){0,19}',
  '(?:[A-Za-z0-9-]{0,62}\\.){1,6}[A-Za-z]{2,24}',
  '(?:foo|bar|baz){1,10}',
  '[ab]{1,40}c',
  'a{1,400}',
  '\\d{1,4}[ -]?\\d{1,4}',
  '(?:\\+?1[-. ]?)?\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}',
  'EMP-\\d{6}',
];

describe('catastrophic backtracking: static analysis', () => {
  it.each(EVIL)('refuses %s, naming file, line, field, rule id and the part', async (regex, part) => {
    const err = await refusal(regex);
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect(message).toMatch(/^\/rules\/mine\.yaml:6: patterns\[1\]\.regex: rule 'mine': regex can backtrack catastrophically: /);
    expect(message).toContain(`'${part}' can split one text in`);
    expect(message).toMatch(/; (?:a repetition repeats|the branches of a repeated alternation|adjacent repetitions)/);
  });

  it.each(EVIL_UNBOUNDED)('finds %s ambiguous', (regex) => {
    expect(findAmbiguity(regex)).toBeDefined();
  });

  it.each(SAFE)('accepts %s', async (regex) => {
    expect(findAmbiguity(regex)).toBeUndefined();
    await expect(checkBacktracking(rule(regex))).resolves.toBeUndefined();
  });

  it('accepts every shipped pattern, with the timing probe too', async () => {
    const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
    const flagged = defs.flatMap((d) => d.patterns.filter((p) => findAmbiguity(p.regex, p.ignoreCase)).map((p) => `${d.id}: ${p.regex}`));
    expect(flagged).toEqual([]);
    await expect(checkBacktracking(defs)).resolves.toBeUndefined();
  });

  it('checks context regexes too', async () => {
    const defs = parseRuleFile(
      '/rules/ctx.yaml',
      `id: ctx\nentity: CTX\nseverity: low\npatterns:\n  - regex: 'x\\d{3}'\ncontext:\n  - regex: '(?:a|a){1,40}'\n`,
    );
    await expect(checkBacktracking(defs)).rejects.toThrow(/context\[0\]\.regex: rule 'ctx': regex can backtrack catastrophically/);
  });
});

describe('catastrophic backtracking: the timing probe (backup)', () => {
  it('refuses a pattern that overruns its budget, naming it', async () => {
    // With no budget at all every pattern overruns: this exercises the probe's report, not a timing.
    const err = await refusal('(?<![\\w-])\\d{3}-\\d{2}-\\d{4}', 0);
    expect((err as ConfigError).message).toMatch(/^\/rules\/mine\.yaml:5: patterns\[0\]\.regex: rule 'mine': regex backtracks catastrophically: it took \d+ ms/);
  });
});
