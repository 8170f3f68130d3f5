import { isIP } from 'node:net';
import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

const LOOPBACK = Object.freeze({ valid: true, adjust: -0.3, note: 'loopback address' });
const UNSPECIFIED = Object.freeze({ valid: true, adjust: -0.3, note: 'unspecified address' });
/** RFC 5737 and RFC 3849 reserve these for documentation, as example.com is for names. */
const DOCUMENTATION = Object.freeze({ valid: true, adjust: -0.4, note: 'documentation address range' });
const DOC_V4_PREFIXES = [0xc00002, 0xc63364, 0xcb0071]; // 192.0.2, 198.51.100, 203.0.113

/**
 * Parse a dotted-quad IPv4 address strictly (four decimal octets 0–255, no
 * leading zeros, nothing else) into a 32-bit number; -1 when it is not one.
 */
export function parseIPv4(s: string, start = 0, end = s.length): number {
  let octets = 0;
  let acc = 0;
  let digits = 0;
  let firstDigit = 0;
  let result = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (digits === 0) firstDigit = c;
      else if (firstDigit === 48) return -1; // leading zero: "01"
      if (++digits > 3) return -1;
      acc = acc * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || acc > 255 || ++octets > 4) return -1;
      result = result * 256 + acc;
      acc = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  return octets === 4 ? result : -1;
}

/** The eight 16-bit groups of a well-formed IPv6 address (already checked by `isIP`). */
function ipv6Groups(s: string): number[] {
  const pct = s.indexOf('%');
  const addr = pct >= 0 ? s.slice(0, pct) : s;
  const dbl = addr.indexOf('::');
  const head = dbl >= 0 ? addr.slice(0, dbl) : addr;
  const tail = dbl >= 0 ? addr.slice(dbl + 2) : '';
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const p of part.split(':')) {
      if (p.includes('.')) {
        const v4 = parseIPv4(p);
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const h = parse(head);
  const t = parse(tail);
  const zeros = dbl >= 0 ? 8 - h.length - t.length : 0;
  const groups = h;
  for (let i = 0; i < zeros; i++) groups.push(0);
  for (const g of t) groups.push(g);
  return groups;
}

function classifyV4(n: number): ValidatorResult {
  if (n === 0) return false; // 0.0.0.0
  if (Math.floor(n / 16777216) === 127) return LOOPBACK;
  if (DOC_V4_PREFIXES.includes(Math.floor(n / 256))) return DOCUMENTATION;
  return true;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  if (value.indexOf(':') < 0) {
    const n = parseIPv4(value);
    return n < 0 ? false : classifyV4(n);
  }
  if (isIP(value) !== 6) return false;
  const g = ipv6Groups(value);
  let zeroPrefix = true; // first five groups zero
  for (let i = 0; i < 5; i++) if (g[i] !== 0) zeroPrefix = false;
  if (zeroPrefix) {
    const g5 = g[5] ?? 0;
    const g6 = g[6] ?? 0;
    const g7 = g[7] ?? 0;
    if (g5 === 0 && g6 === 0 && g7 === 0) return UNSPECIFIED; // ::
    if (g5 === 0 && g6 === 0 && g7 === 1) return LOOPBACK; // ::1
    if (g5 === 0xffff) {
      // IPv4-mapped: judge the embedded IPv4 address
      const v4 = g6 * 65536 + g7;
      return v4 === 0 ? UNSPECIFIED : classifyV4(v4);
    }
  }
  if (g[0] === 0x2001 && g[1] === 0x0db8) return DOCUMENTATION; // 2001:db8::/32
  return true;
}

export const ip: Validator = {
  name: 'ip',
  description: 'IPv4 (octets 0–255, no leading zeros) or IPv6 address; 0.0.0.0 rejected; loopback, unspecified and documentation ranges scored down',
  validate,
};
