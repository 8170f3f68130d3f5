/**
 * Masking, done once at the sink. A DLP report must not re-leak what it found,
 * so every format shows values masked unless the user asked for --show-values.
 */
import type { MaskStyle } from '../model/rule.js';

/** Values shorter than this (in letters and digits) are masked whole: their last 4 would be most of them. */
const KEEP_LAST4_FROM = 9;
const MAX_SHOWN = 80;
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The value with every letter and digit replaced by `*`, keeping the last four when the style
 * asks for it and the value is long enough; separators and length are kept, so the shape shows.
 */
export function maskShape(value: string, keepLast4: boolean): string {
  if (ASCII.test(value)) return maskAscii(value, keepLast4);
  const chars = [...value];
  let alnum = 0;
  for (const ch of chars) if (ALNUM.test(ch)) alnum++;
  let keep = keepLast4 && alnum >= KEEP_LAST4_FROM ? 4 : 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!ALNUM.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

const ASCII = /^[\x00-\x7f]*$/;
const isAsciiAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);

/**
 * maskShape for ASCII text (nearly every value), by character code: no code point array, no
 * Unicode regex. Runs of separators are copied and runs of letters and digits become stars, a run
 * at a time.
 */
function maskAscii(value: string, keepLast4: boolean): string {
  let alnum = 0;
  for (let i = 0; i < value.length; i++) if (isAsciiAlnum(value.charCodeAt(i))) alnum++;
  // Letters and digits past this many stay visible.
  let masked = keepLast4 && alnum >= KEEP_LAST4_FROM ? alnum - 4 : alnum;
  let out = '';
  let i = 0;
  while (masked > 0) {
    let j = i;
    while (!isAsciiAlnum(value.charCodeAt(j))) j++;
    let k = j;
    while (masked > 0 && k < value.length && isAsciiAlnum(value.charCodeAt(k))) {
      k++;
      masked--;
    }
    out += value.slice(i, j) + stars(k - j);
    i = k;
  }
  return out + value.slice(i);
}

const STARS = '*'.repeat(64);
const stars = (n: number): string => (n <= STARS.length ? STARS.slice(0, n) : '*'.repeat(n));

/** The value as a report line shows it: masked by the rule's style, on one line, at most 80 characters. */
export function maskValue(value: string, style: MaskStyle): string {
  const shown = style === 'none' ? value : maskShape(value, style === 'last4');
  // A string of at most MAX_SHOWN code units has at most MAX_SHOWN code points.
  const short = shown.length > MAX_SHOWN && [...shown].length > MAX_SHOWN ? `${[...shown].slice(0, MAX_SHOWN).join('')}…` : shown;
  return short.replace(/\s+/g, ' ');
}
