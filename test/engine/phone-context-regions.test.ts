/** Phone regions from the message: a country named near a national number, or a +CC number beside it, lets it be read without --region. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { compileRules, type RuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/folding-scanner.js';
import { regionSettings } from '../../src/model/finding.js';
import { regionsNamedIn } from '../../src/engine/validators/phone-regions.js';
import { scanBytes } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = compileRules((await loadRuleDefs([BUILTIN_RULES_DIR])).filter((d) => d.id === 'phone-number'));
});

const phones = (text: string) => scanText(rules, text, regionSettings('US')).filter((f) => f.confidence >= 0.5);

describe('phone regions named in the message', () => {
  it.each([
    ['Israeli mobile 09-7625400', '09-7625400', 'IL', 'Israeli'],
    ['We are in Israel. Call 09-7625400 after six.', '09-7625400', 'IL', 'Israel'],
    ['UK mobile 020 7946 0958', '020 7946 0958', 'GB', 'UK'],
    ['Ich wohne in Deutschland, Germany. Telefon: 030 1234567', '030 1234567', 'DE', 'Germany'],
    ['Japanese mobile 090-1234-5678', '090-1234-5678', 'JP', 'Japanese'],
    ['My CN mobile 13812345678', '13812345678', 'CN', 'CN'],
    ['Office +972 3 123 4567, or at home, phone 09-7625400', '09-7625400', 'IL', '+972'],
  ])('%j: %s read as a number of %s', (text, value, region, by) => {
    const found = phones(text).find((f) => f.value === value);
    expect(found).toBeDefined();
    expect(found!.why).toContain(`valid ${region} number (region from '${by}' nearby)`);
  });

  it('reads a country named near the number only, whatever the chunks the text came in', () => {
    // The scanner may hold kilobytes before a candidate; a country far back must not count in one
    // chunking and not in another.
    const far = `We are in Israel.\n${'Nothing to see on this line at all.\n'.repeat(20)}Call 09-7625400 after six.\n`;
    const bytes = new TextEncoder().encode(far);
    const sure = (fs: { value: string; confidence: number }[]) => fs.filter((f) => f.confidence >= 0.5).map((f) => f.value);
    expect(sure(scanBytes(rules, bytes))).toEqual([]);
    expect(sure(scanBytes(rules, bytes, [1900, 512]))).toEqual([]);
    expect(phones(far)).toEqual([]);
  });

  it('reads nothing without such a name, as before', () => {
    expect(phones('call 09-7625400')).toEqual([]);
    expect(phones('phone 020 7946 0958')).toEqual([]);
  });

  it('still refuses dates, invoices and short numbers with a country named', () => {
    expect(phones('In Germany, call back on 2023-10-05')).toEqual([]);
    expect(phones('Israel office: invoice 4827361 attached')).toEqual([]);
    expect(phones('Germany: call 30 472')).toEqual([]);
    // ten digits that are a GB number only with its trunk 0 put back: a timestamp, not a phone
    expect(phones('New England time 1483228800 # seconds')).toEqual([]);
  });

  it('names regions by country, people and code before a phone word, not by look-alikes', () => {
    const named = (t: string) => regionsNamedIn(t).map((r) => r.region);
    expect(named('in Israel')).toEqual(['IL']);
    expect(named('my Mexican number')).toEqual(['MX']);
    expect(named('UK mobile')).toEqual(['GB']);
    expect(named('CN number')).toEqual(['CN']);
    // a state after a comma, a code that is a word, a US state named like a country, lower case, a word that only starts with a name
    expect(named('Chicago, IL phone')).toEqual([]);
    expect(named('IN the office, IT support line')).toEqual([]);
    expect(named('Atlanta, Georgia and New Jersey')).toEqual([]);
    expect(named('fine china and turkey')).toEqual([]);
    expect(named('Chinatown, Indiana')).toEqual([]);
  });
});
