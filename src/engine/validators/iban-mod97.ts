import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

/**
 * IBAN length per country, from the SWIFT IBAN Registry (ISO 13616), release of
 * December 2024. Territories that use a parent's code (Åland → FI, Jersey → GB,
 * French overseas departments → FR …) have no code of their own here.
 */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['AD', 24], ['AE', 23], ['AL', 28], ['AT', 20], ['AZ', 28], ['BA', 20], ['BE', 16], ['BG', 22],
  ['BH', 22], ['BI', 27], ['BR', 29], ['BY', 28], ['CH', 21], ['CR', 22], ['CY', 28], ['CZ', 24],
  ['DE', 22], ['DJ', 27], ['DK', 18], ['DO', 28], ['EE', 20], ['EG', 29], ['ES', 24], ['FI', 18],
  ['FK', 18], ['FO', 18], ['FR', 27], ['GB', 22], ['GE', 22], ['GI', 23], ['GL', 18], ['GR', 27],
  ['GT', 28], ['HN', 28], ['HR', 21], ['HU', 28], ['IE', 22], ['IL', 23], ['IQ', 23], ['IS', 26],
  ['IT', 27], ['JO', 30], ['KW', 30], ['KZ', 20], ['LB', 28], ['LC', 32], ['LI', 21], ['LT', 20],
  ['LU', 20], ['LV', 21], ['LY', 25], ['MC', 27], ['MD', 24], ['ME', 22], ['MK', 19], ['MN', 20],
  ['MR', 27], ['MT', 31], ['MU', 30], ['NI', 28], ['NL', 18], ['NO', 15], ['OM', 23], ['PK', 24],
  ['PL', 28], ['PS', 29], ['PT', 25], ['QA', 29], ['RO', 24], ['RS', 22], ['RU', 33], ['SA', 24],
  ['SC', 31], ['SD', 18], ['SE', 24], ['SI', 19], ['SK', 24], ['SM', 27], ['SO', 23], ['ST', 25],
  ['SV', 28], ['TL', 23], ['TN', 24], ['TR', 26], ['UA', 29], ['VA', 22], ['VG', 24], ['XK', 20],
  ['YE', 30],
]);

/** Group separators: spaces, and the dashes some forms and exports print between groups. */
const SEPARATORS = /[\s\u00a0\u202f\-\u2010\u2011]+/g;

function isUpperLetter(c: number): boolean {
  return c >= 65 && c <= 90;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const s = value.toUpperCase().replace(SEPARATORS, '');
  if (s.length < 15 || s.length > 34) return false;
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  if (!isUpperLetter(c0) || !isUpperLetter(c1)) return false;
  const k2 = s.charCodeAt(2);
  const k3 = s.charCodeAt(3);
  if (k2 < 48 || k2 > 57 || k3 < 48 || k3 > 57) return false;
  if (IBAN_LENGTHS.get(s.slice(0, 2)) !== s.length) return false;
  // Rearranged number (BBAN + country + check digits) mod 97, piecewise.
  let r = 0;
  const n = s.length;
  for (let j = 0; j < n; j++) {
    const c = s.charCodeAt((j + 4) % n);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (isUpperLetter(c)) r = (r * 100 + (c - 55)) % 97;
    else return false;
  }
  return r === 1;
}

export const ibanMod97: Validator = {
  name: 'iban-mod97',
  description: 'IBAN (ISO 13616): registered country code with its exact length, MOD 97-10 check digits',
  validate,
};
