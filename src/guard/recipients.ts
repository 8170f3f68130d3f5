/**
 * Recipients as typed (a phone number in any common format, an email address, `group:NAME`)
 * → one normalised form each, so that `(202) 555-0143`, `202.555.0143` and `+12025550143`
 * compare equal. Pure.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { isEmail, phoneLib } from '../engine/libraries.js';

export type AddressKind = 'phone' | 'email';

export interface Address {
  kind: AddressKind;
  /** E.164 (`+12025550143`) for phones, lower case for emails: the form compared with the roster. */
  normalized: string;
  /** How reports show it: `+1 202 555 0143`, or the address. */
  display: string;
  /** Phones only: libphonenumber-js finds it a valid number for its region. */
  valid?: boolean;
}

/** Phone punctuation only, 7 to 15 digits (E.164's maximum), an optional leading +. */
const PHONE_SHAPE = /^\+?[\d\s().\-/]+$/;

/**
 * A phone number as E.164. A number that is not valid for its region is still normalised
 * (its country code prefixed), because a mistyped number with a dropped or extra digit is
 * exactly what near-miss detection must see.
 */
export function normalizePhone(input: string, region: string): Address | undefined {
  const text = input.trim();
  if (!PHONE_SHAPE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return undefined;
  const phone = phoneLib().parsePhoneNumberFromString(text, region as CountryCode);
  if (!phone) return undefined;
  const valid = phone.isValid();
  return { kind: 'phone', normalized: phone.number, display: valid ? phone.formatInternational() : text, valid };
}

/** An email address in lower case (mail systems treat the local part case-insensitively in practice). */
export function normalizeEmail(input: string): Address | undefined {
  const text = input.trim().replace(/^mailto:/i, '');
  if (!text.includes('@') || !isEmail()(text, { allow_display_name: false, require_tld: true })) return undefined;
  const normalized = text.toLowerCase();
  return { kind: 'email', normalized, display: normalized };
}

/** A phone number or an email address; undefined for anything else. */
export function parseAddress(input: string, region: string): Address | undefined {
  return input.includes('@') ? normalizeEmail(input) : normalizePhone(input, region);
}

/** `--to` may repeat and may hold a comma-separated list. */
export function splitRecipientArgs(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
