import type { CountryCode } from 'libphonenumber-js/max';
import { phoneLib } from '../libraries.js';
import { regionsNamedIn, type NamedRegion } from './phone-regions.js';
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

/** The rule's `region` option, else every region of the run (`--region US,MX`), the default first. */
function regionsOf(input: ValidatorInput): readonly string[] {
  const opt = input.options['region'];
  if (typeof opt === 'string' && opt.length > 0) return [opt.toUpperCase()];
  // A list given as the default region alone (a library caller's 'US,MX') reads the same.
  return input.settings.regions ?? input.settings.defaultRegion.toUpperCase().split(',');
}

/**
 * A calendar date (2023-10-05, 05.10.2023, 5/10/2023), or one with the hour of a time after it
 * (2024-04-18 07:53 reads up to the colon), is a valid number in regions with open numbering plans;
 * written without a country code it is taken for the date it looks like.
 */
const DATE = /^(?:(?:19|20)\d\d([-./ ])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])([-./ ])(?:0?[1-9]|1[0-2])\2(?:19|20)\d\d)(?:[ T]\d{1,4})?$/;

/** A range of years (2001-2023, the copyright line's) is a valid number in a few regions. */
const YEARS = /^(?:19|20)\d\d\s?[-\u2013/]\s?(?:19|20)\d\d$/;

/** Fewer digits than this without a country code could be any count, code or amount. */
const MIN_NATIONAL_DIGITS = 7;

const digitsOf = (value: string): string => value.replace(/\D/g, '');
const digitCount = (value: string): number => digitsOf(value).length;

/** A dotted IPv4 address (73.162.44.201) parses as a ten-digit number; it is the address it looks like. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function parse(value: string, region: string) {
  try {
    return phoneLib().parsePhoneNumberFromString(value, { defaultCountry: region as CountryCode, extract: false });
  } catch {
    return undefined;
  }
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
  const international = value.trimStart().startsWith('+');
  if (!international && (digitCount(value) < MIN_NATIONAL_DIGITS || DATE.test(value) || YEARS.test(value) || IPV4.test(value))) return false;
  // A + number names its country; a national one is tried in each region until one accepts it.
  const regions = international ? regionsOf(input).slice(0, 1) : regionsOf(input);
  let parsed;
  for (const region of regions) {
    const p = parse(value, region);
    if (p === undefined) continue;
    parsed ??= p;
    if (p.isValid()) {
      parsed = p;
      break;
    }
  }
  if (parsed === undefined) return false;
  const national = parsed.nationalNumber as string;
  if (isFictional(parsed.countryCallingCode as string, national)) {
    // A well-formed NANP number: area code N XX (N = 2–9).
    const a = national.charCodeAt(0);
    if (a < 50 || a > 57 || !parsed.isPossible()) return false;
    return { valid: true, adjust: -0.5, note: 'reserved fictional number' };
  }
  if (!parsed.isValid()) return input.around !== undefined && !international ? validInNamedRegion(value, input.around, regions) : false;
  const country = parsed.country;
  return { valid: true, note: country ? `valid ${country} number` : 'valid phone number' };
}

/**
 * A national number no configured region accepts, tried in the regions the text around it names
 * (`Israeli mobile 09-7625400`, a +972 number beside it); `why` says what named the region.
 */
function validInNamedRegion(value: string, around: string, tried: readonly string[]): ValidatorResult {
  const named: NamedRegion[] = regionsNamedIn(around);
  for (const { region, by } of named) {
    if (tried.includes(region)) continue;
    const p = parse(value, region);
    // Written as the country writes its numbers at home, trunk prefix included (a bare timestamp is not a GB number).
    if (p?.isValid() && digitsOf(p.formatNational()) === digitsOf(value) && !isFictional(p.countryCallingCode as string, p.nationalNumber as string)) {
      return { valid: true, note: `valid ${p.country ?? region} number (region from '${by}' nearby)` };
    }
  }
  return false;
}

/** What is wrong with a region list such as `US,MX,GT`, if anything (--region and the config's defaultRegion). */
export function regionListProblem(value: string): string | undefined {
  for (const region of value.toUpperCase().replace(/\s+/g, '').split(',')) {
    if (!/^[A-Z]{2}$/.test(region)) return 'expected two-letter region codes such as US or US,MX,GT';
    // libphonenumber-js knows which regions have a numbering plan; any other code would read no number.
    if (!phoneLib().isSupportedCountry(region)) return `unknown region '${region}': expected an ISO 3166 code with a phone numbering plan, such as US or GB`;
  }
  return undefined;
}

export const phone: Validator = {
  name: 'phone',
  costly: true,
  readsAround: true,
  description: 'Phone number valid for its region (libphonenumber-js full metadata; option `region`, else each region of --region in turn, then each region the text around it names); calendar dates refused, 555-01xx fiction scored down',
  schema: {
    region: { type: 'string', pattern: '[A-Za-z]{2}', hint: 'an ISO 3166 region code such as GB', description: 'region of numbers written without a country code (default: --region)' },
  },
  validate,
};
