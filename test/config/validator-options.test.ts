/** A validator's options in a rule file are checked against its schema when the rule loads. */
import { describe, expect, it } from '@jest/globals';
import { parseRuleFile } from '../../src/config/rule-parser.js';
import { VALIDATORS } from '../../src/engine/validators/index.js';

/** A rule file whose `validators:` is the given YAML lines. */
const ruleWith = (...validators: string[]) =>
  ['id: custom-phone', 'entity: CUSTOM_PHONE', 'severity: low', 'patterns:', "  - regex: '\\+?\\d[\\d ]{6,14}\\d'", 'validators:', ...validators.map((v) => `  - ${v}`), ''].join('\n');

const problem = (text: string): string => {
  try {
    parseRuleFile('rules/custom.yaml', text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'loaded';
};

describe('validator options', () => {
  it('refuses a misspelt option, at its line, naming the rule and the option it meant', () => {
    expect(problem(ruleWith('{name: phone, regoin: GB}'))).toBe(
      "rules/custom.yaml:7: validators[0].regoin: rule 'custom-phone': validator 'phone' has no option 'regoin' (did you mean 'region'?); its options: region",
    );
  });

  it('refuses an option given to a validator that takes none', () => {
    expect(problem(ruleWith('ssn', '{name: itin, strict: true}'))).toMatch(/^rules\/custom\.yaml:8: validators\[1\]\.strict: rule 'custom-phone': validator 'itin' has no option 'strict'; it takes no options$/);
  });

  it('refuses a value of the wrong type or shape', () => {
    expect(problem(ruleWith('{name: phone, region: 44}'))).toMatch(/validator 'phone': option 'region' expected text$/);
    expect(problem(ruleWith('{name: phone, region: Britain}'))).toMatch(/option 'region' 'Britain' is not a valid value: an ISO 3166 region code such as GB$/);
    expect(problem(ruleWith('{name: checksum, algorithm: crc32}'))).toMatch(/option 'algorithm' 'crc32' is not one of luhn, mod97, aba, vin$/);
    expect(problem(ruleWith("{name: reject, regex: '(unclosed'}"))).toMatch(/option 'regex' bad regex: Unterminated group$/);
    expect(problem(ruleWith('{name: reject, regex: x, compact: yes please}'))).toMatch(/option 'compact' expected true or false$/);
    expect(problem(ruleWith('{name: plate, units: [GB, 5G]}'))).toMatch(/option 'units' item "5G": '5G' is not a valid value: letters only$/);
  });

  it('refuses a validator without an option it needs, written as a name or as a mapping', () => {
    expect(problem(ruleWith('checksum'))).toMatch(/^rules\/custom\.yaml:7: validators\[0\]: rule 'custom-phone': validator 'checksum' needs option 'algorithm'/);
    expect(problem(ruleWith('{name: reject}'))).toMatch(/validator 'reject' needs option 'regex'/);
  });

  it('keeps the options that are right', () => {
    const [def] = parseRuleFile('rules/custom.yaml', ruleWith('{name: phone, region: GB}', '{name: checksum, algorithm: luhn}'));
    expect(def!.validators).toEqual([
      { name: 'phone', options: { region: 'GB' } },
      { name: 'checksum', options: { algorithm: 'luhn' } },
    ]);
  });

  it('every registered validator describes itself and each of its options', () => {
    for (const v of VALIDATORS.values()) {
      expect(v.description.length).toBeGreaterThan(20);
      for (const spec of Object.values(v.schema ?? {})) expect(spec.description.length).toBeGreaterThan(5);
    }
  });
});
