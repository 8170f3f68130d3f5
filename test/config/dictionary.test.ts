/** Rules as data: `dictionary:` word lists next to a rule file, for code names and a team's own names, without code. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadRuleDefs } from '../../src/config/load.js';
import { findAmbiguity } from '../../src/engine/regex-ambiguity.js';
import { compileRules } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scanner.js';
import { SETTINGS } from '../helpers/rules.js';
import { tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const CODE_NAMES = 'id: code-names\nentity: CODE_NAME\nseverity: high\nmask: full\ndictionary:\n  - lists/code-names.txt\n';
const TEAM = [
  'id: team-names',
  'entity: PERSON',
  'severity: low',
  'mask: full',
  'patterns:',
  "  - { regex: '(?<=[Aa]gent )[A-Z][a-z]{1,20} [A-Z][a-z]{1,20}', score: 0.15 }",
  'validators: [person-name]',
  'dictionary:',
  '  - { file: surnames.txt, use: surnames }',
  '  - { file: given.txt, use: given-names }',
  '',
].join('\n');

const STREETS = 'id: local-streets\nentity: STREET_ADDRESS\nseverity: medium\nmask: full\nvalidators: [street-address]\ndictionary:\n  - { file: streets.txt, use: street-names }\n';

describe('dictionary: in rule files', () => {
  it('a street-names list makes its streets addresses without a USPS suffix, with a house number', async () => {
    const dir = writeTree(dirs.make(), { 'streets.yaml': STREETS, 'streets.txt': '# streets of our county\nEl Camino Real\nCalle Ocho\nBroadway\n' });
    const defs = await loadRuleDefs([join(dir, 'streets.yaml')]);
    expect(defs[0]!.patterns.every((p) => !findAmbiguity(p.regex, p.ignoreCase))).toBe(true);
    const text = 'Moved to 1423 El Camino Real Apt 4, Palo Alto, CA 94306. Meet at 88 calle ocho. The Broadway show; El Camino Real is busy; 12 Broadwayne';
    const found = scanText(compileRules(defs), text, SETTINGS).filter((f) => f.confidence >= 0.5);
    expect(found.map((f) => f.value)).toEqual(['1423 El Camino Real Apt 4, Palo Alto, CA 94306', '88 calle ocho']);
    expect(found[0]!.confidence).toBeGreaterThan(found[1]!.confidence);
    expect(found[0]!.why).toMatch(/listed street/);
  });


  it('a match list finds each listed word or phrase, whole, in any case', async () => {
    const dir = writeTree(dirs.make(), { 'code.yaml': CODE_NAMES, 'lists/code-names.txt': '# operation names\nBlue Heron\nNightjar\nNight\n' });
    const defs = await loadRuleDefs([join(dir, 'code.yaml')]);
    expect(defs[0]!.patterns.every((p) => !findAmbiguity(p.regex, p.ignoreCase))).toBe(true);
    const found = scanText(compileRules(defs), 'Moving BLUE HERON to Friday; nightjar cancelled; Nightjars fly; nightly', SETTINGS).map((f) => f.value);
    expect(found).toEqual(['BLUE HERON', 'nightjar']);
  });

  it('given-names and surnames lists are handed to the person-name validator', async () => {
    const dir = writeTree(dirs.make(), { 'team.yaml': TEAM, 'surnames.txt': 'Qorvath\n', 'given.txt': 'Zelmira\n' });
    const defs = await loadRuleDefs([join(dir, 'team.yaml')]);
    const found = scanText(compileRules(defs), 'Agent Zelmira Qorvath arrived; Agent Tomas Qwill left', SETTINGS).filter((f) => f.confidence >= 0.5);
    expect(found.map((f) => f.value)).toEqual(['Zelmira Qorvath']);
  });

  it('a missing or empty list is an error naming the rule file and field', async () => {
    const dir = writeTree(dirs.make(), { 'code.yaml': CODE_NAMES, 'empty.yaml': CODE_NAMES.replace('lists/code-names.txt', 'empty.txt'), 'empty.txt': '# nothing\n' });
    await expect(loadRuleDefs([join(dir, 'code.yaml')])).rejects.toThrow(/code\.yaml:6: dictionary\[0\]\.file: cannot read word list/);
    await expect(loadRuleDefs([join(dir, 'empty.yaml')])).rejects.toThrow(/the word list is empty/);
  });
});
