/** Label sets shared between rules: `labels` names an entity's words, `labelsOf` takes them. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { resolveLabelSets } from '../../src/config/label-sets.js';
import { parseRuleFile } from '../../src/config/rule-parser.js';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const rule = (yaml: string) => parseRuleFile('r.yaml', yaml)[0]!;

describe('label sets', () => {
  it("extends a group's words with the named entities' labels", () => {
    const ssn = rule("id: a\nentity: US_SSN\nseverity: high\nlabels: [ssn, soc sec]\npatterns: ['\\d{9}']\n");
    const other = rule("id: b\nentity: OTHER\nseverity: high\npatterns: ['x\\d']\ncontext:\n  - labelsOf: [US_SSN]\n    words: [order]\n    boost: -0.4\n");
    const [resolved] = resolveLabelSets([other], [ssn]);
    expect(resolved!.context[0]!.words).toEqual(['order', 'ssn', 'soc sec']);
    expect(resolved!.context[0]!.labelsOf).toEqual(['US_SSN']);
  });

  it('refuses a name no rule labels, at the rule that names it', () => {
    const other = rule("id: b\nentity: OTHER\nseverity: high\npatterns: ['x\\d']\ncontext:\n  - labelsOf: [NOPE]\n");
    expect(() => resolveLabelSets([other])).toThrow(/r\.yaml:1: context\.labelsOf: no rule gives labels for NOPE/);
    expect(() => rule("id: b\nentity: OTHER\nseverity: high\npatterns: ['x']\ncontext:\n  - labelsOf: [us_ssn]\n")).toThrow(/entity name/);
  });

  it('the shipped rules name other entities by their label sets, never by copies of their words', async () => {
    const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
    const passport = defs.find((d) => d.id === 'us-passport')!;
    const lowering = passport.context.find((g) => g.boost < 0)!;
    expect(lowering.labelsOf).toEqual(expect.arrayContaining(['US_SSN', 'US_DRIVER_LICENSE', 'A_NUMBER']));
    expect(lowering.words).toEqual(expect.arrayContaining(['ssn', 'soc sec', 'dln', 'a-number']));
  });

  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it("a user's rule takes the built-in rules' labels", async () => {
    const cwd = writeTree(dirs.make(), {
      'r.yaml': "id: badge\nentity: BADGE\nseverity: high\npatterns: [{ regex: 'B\\d{6}', score: 0.7 }]\ncontext:\n  - labelsOf: [US_PASSPORT]\n    boost: -0.5\n    window: 15\n    side: before\n",
      'a.txt': 'badge B123456 ok\npassport B654321 ok\n',
    });
    const r = await runCli(['scan', '--no-config', '--rules', 'r.yaml', '-f', 'json', 'a.txt'], { cwd });
    const found = (parseJson(r.stdout) as unknown as { findings: { entity: string; line: number }[] }).findings.filter((f) => f.entity === 'BADGE');
    expect(found.map((f) => f.line)).toEqual([1]);
  });
});
