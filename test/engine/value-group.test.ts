/**
 * A `(?<value>…)` group narrows a finding to part of its match; a pattern that is its value group
 * and nothing more reports the match itself, and its regex is compiled without indices.
 */
import { expect, it } from '@jest/globals';
import { parseRuleFile } from '../../src/config/rule-parser.js';
import { compileRules } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scanner.js';
import { SETTINGS } from '../helpers/rules.js';

const rules = (regex: string) =>
  compileRules(parseRuleFile('t.yaml', `id: t\nentity: T\nseverity: low\nname: T\ndescription: t\npatterns:\n  - name: p\n    regex: '${regex}'\n    score: 0.9\n`));

it('reports the value group where it narrows the match, and the match where it is the whole pattern', () => {
  const cases: [string, boolean, string[]][] = [
    ['(?<value>[A-Z][a-z]{1,20} [A-Z][a-z]{1,20})', false, ['Maria Garcia', 'Ana Lopez']],
    ['(?<value>[A-Z][a-z]{1,20})(?= [A-Z])', true, ['Maria', 'Ana']],
    ['Name: (?<value>[A-Z][a-z]{1,20})', true, ['Maria']],
    ['(?<value>[A-Z][a-z]{1,20}) [A-Z][a-z]{1,20}', true, ['Maria', 'Ana']],
    ['(?<value>Maria)|Ana Lopez', true, ['Maria', 'Ana Lopez']],
  ];
  for (const [regex, indices, values] of cases) {
    const set = rules(regex);
    expect(set.patterns[0]!.re.flags.includes('d')).toBe(indices);
    const found = scanText(set, 'Name: Maria Garcia met Ana Lopez.', SETTINGS).map((f) => f.value);
    expect(found).toEqual(values);
  }
});
