/**
 * Named validators that rule files refer to (`validators: [ssn]`,
 * `validators: [{ name: phone, region: GB }]`).
 */
import type { Validator } from '../types.js';
import { abaChecksum } from './aba-checksum.js';
import { aNumber } from './a-number.js';
import { creditCard } from './credit-card.js';
import { date } from './date.js';
import { dateOfBirth } from './date-of-birth.js';
import { email } from './email.js';
import { geoCoordinate } from './geo-coordinate.js';
import { ibanMod97 } from './iban-mod97.js';
import { ip } from './ip.js';
import { itin } from './itin.js';
import { luhn } from './luhn.js';
import { notRepeated } from './not-repeated.js';
import { personName } from './person-name.js';
import { phone } from './phone.js';
import { plate } from './plate.js';
import { ssn } from './ssn.js';
import { streetAddress } from './street-address.js';
import { vinCheckDigit } from './vin-check-digit.js';
import { vinShape } from './vin-shape.js';

const ALL: readonly Validator[] = [
  ssn,
  itin,
  luhn,
  creditCard,
  vinCheckDigit,
  vinShape,
  abaChecksum,
  ibanMod97,
  phone,
  email,
  ip,
  date,
  dateOfBirth,
  geoCoordinate,
  aNumber,
  notRepeated,
  plate,
  streetAddress,
  personName,
];

export const VALIDATORS: ReadonlyMap<string, Validator> = new Map(ALL.map((v) => [v.name, v] as const));

/** The validator registered under `name` (exact, then case-insensitive), or undefined. */
export function getValidator(name: string): Validator | undefined {
  return VALIDATORS.get(name) ?? VALIDATORS.get(name.trim().toLowerCase());
}

export {
  abaChecksum,
  aNumber,
  creditCard,
  date,
  dateOfBirth,
  email,
  geoCoordinate,
  ibanMod97,
  ip,
  itin,
  luhn,
  notRepeated,
  personName,
  phone,
  ssn,
  streetAddress,
  vinCheckDigit,
  vinShape,
};
export { isRepeatedOrSequential, luhnValid } from './common.js';
export { cardBrand } from './credit-card.js';
export { IBAN_LENGTHS } from './iban-mod97.js';
