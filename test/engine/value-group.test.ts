/**
 * A `(?<value>…)` group narrows a finding to part of its match; a pattern that is its value group
 * and nothing more reports the match itself, and its regex is compiled without indices.
 */
import { expect, it } from '@jest/globals';
import { parseRuleFile } from '../../src/config/rule-parser.js';
import { compileRules } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scanner.js';
import { parseRegex } from '../../src/engine/regex-ast.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

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

it('finds where the value group closes past escaped parentheses and classes holding them', () => {
  const whole = ['(?<value>\\([A-Z][a-z]{1,20}\\))', '(?<value>[(][A-Z][a-z]{1,20}[)])', '(?<value>[^)]{1,9}[\\])])', '(?<value>(?:[]a|b)[^])'];
  const narrower = ['(?<value>[(][A-Z][a-z]{1,20}[)])x', '(?<value>\\)[)]){1,3}', '(?<value>[)\\]]a)|b', '(?<value>a)(b)'];
  for (const regex of whole) expect(rules(regex).patterns[0]!.re.flags.includes('d')).toBe(false);
  for (const regex of narrower) expect(rules(regex).patterns[0]!.re.flags.includes('d')).toBe(true);
});

it('compiles each shipped pattern without indices exactly when its tree is its value group alone', async () => {
  for (const p of (await shippedRules()).patterns) {
    const tree = parseRegex(p.def.regex);
    const alone = tree.type === 'seq' && tree.items.length === 1 && tree.items[0]!.type === 'group';
    expect({ regex: p.def.regex, indices: p.re.flags.includes('d') }).toEqual({ regex: p.def.regex, indices: p.def.regex.includes('(?<value>') && !(p.def.regex.startsWith('(?<value>') && alone) });
  }
});
