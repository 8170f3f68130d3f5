import { isEmail } from '../libraries.js';
import type { Validator, ValidatorInput, ValidatorResult } from '../types.js';

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

function tldOk(tld: string): boolean {
  if (tld.length < 2 || tld.length > 24) return false;
  for (let i = 0; i < tld.length; i++) {
    const c = tld.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
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
  description: "E-mail address (validator's isEmail) with an alphabetic 2–24 letter TLD; reserved example domains scored down",
  validate,
};
