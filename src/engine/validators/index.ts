/**
 * The one registry of validators rule files refer to (`validators: [ssn]`,
 * `validators: [{ name: phone, region: GB }]`, `{ name: checksum, algorithm: mod97 }`). A validator
 * is listed here and nowhere else: rule loading, `rules list --validators` and the docs read this.
 */
import type { Validator } from '../../model/finding.js';
import { abaChecksum } from './aba-checksum.js';
import { aNumber } from './a-number.js';
import { checksum } from './checksum.js';
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
import { reject } from './reject.js';
import { ssn } from './ssn.js';
import { streetAddress } from './street-address.js';
import { vinCheckDigit } from './vin-check-digit.js';
import { vinShape } from './vin-shape.js';

const ALL: readonly Validator[] = [
  // Generic: usable by any rule, configured in its file.
  checksum,
  reject,
  // Of one kind of value.
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
