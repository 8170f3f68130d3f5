import type { CountryCode } from 'libphonenumber-js/max';
import { phoneLib } from '../libraries.js';
import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

/** E.164 allows at most 15 digits. Digits after the first letter or `#` (an extension) are not counted. */
function tooManyDigits(value: string): boolean {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++n > 15) return true;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35) {
      break;
    }
  }
  return false;
}

function regionOf(input: ValidatorInput): CountryCode {
  const opt = input.options['region'];
  const raw = typeof opt === 'string' && opt.length > 0 ? opt : input.settings.defaultRegion;
  return raw.toUpperCase() as CountryCode;
}

/** NANP 555-0100 … 555-0199: reserved for fiction in every area code. */
function isFictional(countryCallingCode: string, national: string): boolean {
  return (
    countryCallingCode === '1' &&
    national.length === 10 &&
    national.charCodeAt(3) === 53 &&
    national.charCodeAt(4) === 53 &&
    national.charCodeAt(5) === 53 &&
    national.charCodeAt(6) === 48 &&
    national.charCodeAt(7) === 49
  );
}

function validate(input: ValidatorInput): ValidatorResult {
  const { value } = input;
  if (value.length < 3 || tooManyDigits(value)) return false;
  let parsed;
  try {
    parsed = phoneLib().parsePhoneNumberFromString(value, { defaultCountry: regionOf(input), extract: false });
  } catch {
    return false;
  }
  if (parsed === undefined) return false;
  const national = parsed.nationalNumber as string;
  if (isFictional(parsed.countryCallingCode as string, national)) {
    // A well-formed NANP number: area code N XX (N = 2–9).
    const a = national.charCodeAt(0);
    if (a < 50 || a > 57 || !parsed.isPossible()) return false;
    return { valid: true, adjust: -0.5, note: 'reserved fictional number' };
  }
  if (!parsed.isValid()) return false;
  const country = parsed.country;
  return { valid: true, note: country ? `valid ${country} number` : 'valid phone number' };
}

export const phone: Validator = {
  name: 'phone',
  costly: true,
  description: 'Phone number valid for its region (libphonenumber-js full metadata; option `region`, else the default region); 555-01xx fiction scored down',
  schema: {
    region: { type: 'string', pattern: '[A-Za-z]{2}', hint: 'an ISO 3166 region code such as GB', description: 'region of numbers written without a country code (default: --region)' },
  },
  validate,
};
