import { describe, expect, it } from '@jest/globals';
import { IBAN_LENGTHS } from '../../../src/engine/validators/iban-mod97.js';
import { scanText } from '../../../src/engine/scanner.js';
import { SETTINGS, shippedRules } from '../../helpers/rules.js';

const rules = await shippedRules();

/** A valid IBAN of `country`'s registered length: a digit BBAN and the check digits that make it pass. */
function syntheticIban(country: string, seed: number): string {
  const length = IBAN_LENGTHS.get(country)!;
  let bban = '';
  for (let i = 0; bban.length < length - 4; i++) bban += String((seed * 7 + i * 3) % 10);
  const digits = `${bban}${[...country].map((c) => c.charCodeAt(0) - 55).join('')}00`;
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % 97;
  return `${country}${String(98 - r).padStart(2, '0')}${bban}`;
}

const grouped = (iban: string, sep: string): string => iban.match(/.{1,4}/g)!.join(sep);

function ibansIn(text: string): string[] {
  return scanText(rules, text, SETTINGS)
    .filter((f) => f.entity === 'IBAN_CODE')
    .map((f) => f.value);
}

/** The rule's patterns are cut from the registry's lengths: every country, every written form, a token after it. */
describe('IBAN rule against the length table', () => {
  const countries = [...IBAN_LENGTHS.keys()];
  it.each(countries)('%s: compact, spaced and dashed, with a token after', (cc) => {
    const iban = syntheticIban(cc, cc.charCodeAt(0) + cc.charCodeAt(1));
    for (const written of [iban, grouped(iban, ' '), grouped(iban, '-')]) {
      for (const after of ['', ' EUR', ' X', ' PAID IN FULL', ', 120.00']) {
        expect(ibansIn(`IBAN ${written}${after}`)).toEqual([written]);
      }
    }
  });

  it.each(countries)('%s: a longer number is not cut into an IBAN', (cc) => {
    const iban = syntheticIban(cc, 3);
    expect(ibansIn(`IBAN ${iban}7`)).toEqual([]);
    expect(ibansIn(`IBAN ${grouped(iban, '-')}-7`)).toEqual([]);
    expect(ibansIn(`IBAN ${grouped(`${iban}1234`, ' ')}`)).toEqual([]);
  });
});
