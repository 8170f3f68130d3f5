import { isEmail } from '../libraries.js';
import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

const NO_TLD_REQUIRED = { require_tld: false } as const;

/** RFC 2606 / RFC 6761 names: never a real mailbox. */
const RESERVED_TLDS: ReadonlySet<string> = new Set(['example', 'test', 'invalid', 'localhost']);
const RESERVED_DOMAINS: readonly string[] = ['example.com', 'example.org', 'example.net'];

const RESERVED = Object.freeze({ valid: true, adjust: -0.4, note: 'reserved example domain' });

function isReservedDomain(domain: string, tld: string): boolean {
  if (RESERVED_TLDS.has(tld)) return true;
  for (const r of RESERVED_DOMAINS) {
    if (domain === r || (domain.endsWith(r) && domain.charCodeAt(domain.length - r.length - 1) === 46)) return true;
  }
  return false;
}

/**
 * An alphabetic TLD of 2–24 letters, an internationalised one in its own script (рф, 中国), or its
 * punycode form (xn--p1ai).
 */
function tldOk(tld: string): boolean {
  if (tld.startsWith('xn--')) return tld.length >= 5 && tld.length <= 63 && /^xn--[a-z0-9]+$/.test(tld);
  if (tld.length < 2 || tld.length > 24) return false;
  let ascii = 0;
  for (let i = 0; i < tld.length; i++) {
    const c = tld.charCodeAt(i);
    if (c >= 97 && c <= 122) ascii++;
    else if (c < 0xc0) return false;
  }
  return ascii === 0 || ascii === tld.length;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1) return false;
  const domain = value.slice(at + 1).toLowerCase();
  if (domain === 'localhost') return isEmail()(value, NO_TLD_REQUIRED) ? RESERVED : false;
  if (!isEmail()(value)) return false;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!tldOk(tld)) return false;
  if (isReservedDomain(domain, tld)) return RESERVED;
  return true;
}

export const email: Validator = {
  name: 'email',
  costly: true,
  description: "E-mail address (validator's isEmail) with an alphabetic 2–24 letter TLD, internationalised ones too (рф, xn--p1ai); reserved example domains scored down",
  validate,
};
