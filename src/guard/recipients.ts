/**
 * Recipients as typed (a phone number in any common format, an email address, `group:NAME`)
 * or as a draft's To/Cc/Bcc headers write them → one normalised form each, so that
 * `(202) 555-0143`, `202.555.0143` and `+12025550143` compare equal. Pure.
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

/**
 * An address-list header → the addresses in it. Display names (quoted or not, with commas
 * inside quotes), comments in parentheses and group names are dropped; `Team: a@x, b@y;`
 * yields a@x and b@y. A piece with no `<addr>` is returned as written, so that the caller can
 * refuse what is not an address instead of silently losing a recipient.
 */
export function parseAddressList(value: string): string[] {
  const out: string[] = [];
  let bare = '';
  let angle: string | undefined;
  const flush = (): void => {
    const address = (angle ?? bare).trim();
    if (address !== '') out.push(address);
    bare = '';
    angle = undefined;
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '"') {
      // A quoted display name (or quoted local part): copied whole, commas and all.
      let j = i + 1;
      let quoted = '';
      for (; j < value.length && value[j] !== '"'; j++) quoted += value[j] === '\\' ? (value[++j] ?? '') : value[j];
      bare += `"${quoted}"`;
      i = j;
    } else if (ch === '=' && value[i + 1] === '?') {
      // An encoded word (RFC 2047) is one token: a client that leaves a comma in one must not split the name.
      const end = /^=\?[^?]*\?[BbQq]\?[^?]*\?=/.exec(value.slice(i));
      bare += end ? end[0] : ch;
      i += end ? end[0].length - 1 : 0;
    } else if (ch === '(') {
      const start = i;
      let depth = 1;
      for (i++; i < value.length && depth > 0; i++) {
        if (value[i] === '\\') i++;
        else if (value[i] === '(') depth++;
        else if (value[i] === ')') depth--;
      }
      i--;
      // `(202) 555-0143` written bare is a phone number, not a comment: dropping the area code would invent another number.
      const inner = value.slice(start + 1, i);
      if (/^[\d\s.+-]+$/.test(inner)) bare += `(${inner})`;
    } else if (ch === '<') {
      const end = value.indexOf('>', i);
      angle = value.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? value.length : end;
    } else if (ch === ':' && angle === undefined) {
      bare = ''; // `Group name:` starts a group; the name is not an address
    } else if (ch === ',' || ch === ';') {
      flush();
    } else {
      bare += ch;
    }
  }
  flush();
  return out.map((a) => {
    // MMS drafts address phones as `+12025550143/TYPE=PLMN` (OMA MMS encapsulation).
    const plmn = /^(.*?)\s*\/TYPE=PLMN$/i.exec(a);
    if (plmn) return plmn[1]!.trim();
    // A bare addr-spec has no spaces; a display name without <addr> is kept as typed for the caller to refuse.
    return a.includes('@') && !a.includes('"') ? a.replace(/\s+/g, '') : a;
  });
}
