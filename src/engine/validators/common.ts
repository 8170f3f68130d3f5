/**
 * Small allocation-free helpers shared by the validators. Nothing here does I/O,
 * and no regular expression is compiled per call.
 */

/** Separator kinds: 0 = none, or the canonical character code of the kind. */
export const SEP_NONE = 0;
export const SEP_SPACE = 32;
export const SEP_DASH = 45;
export const SEP_DOT = 46;
export const SEP_SLASH = 47;

/**
 * The kind of separator a character is, or -1 if it is not one. Spaces and
 * no-break spaces are one kind, the ASCII and Unicode hyphens/dashes another.
 */
export function separatorKind(code: number): number {
  switch (code) {
    case 32: // space
    case 0xa0: // no-break space
    case 0x202f: // narrow no-break space
      return SEP_SPACE;
    case 45: // hyphen-minus
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
      return SEP_DASH;
    case 46:
      return SEP_DOT;
    case 47:
      return SEP_SLASH;
    default:
      return -1;
  }
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The digits of `value` when every other character is a separator (space, dash,
 * dot, slash); `null` when anything else appears.
 */
export function digitsOnly(value: string): string | null {
  let out = '';
  let sawSeparator = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (separatorKind(c) < 0) return null;
    sawSeparator = true;
  }
  if (!sawSeparator) return value;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += value[i];
  }
  return out;
}

/** Digits split into groups by one consistent kind of separator. */
export interface DigitGroups {
  digits: string;
  /** Length of each digit group, in order. */
  groups: number[];
  /** Separator kind (SEP_*), SEP_NONE when the value is one run of digits. */
  sep: number;
}

/**
 * Split `value` into digit groups. Returns `null` when the value holds anything
 * but digits and separators, mixes separator kinds, starts or ends with a
 * separator, or has two separators in a row.
 */
export function digitGroups(value: string): DigitGroups | null {
  const groups: number[] = [];
  let sep = SEP_NONE;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      continue;
    }
    const kind = separatorKind(c);
    if (kind < 0 || run === 0) return null;
    if (sep === SEP_NONE) sep = kind;
    else if (sep !== kind) return null;
    groups.push(run);
    run = 0;
  }
  if (run === 0) return null;
  groups.push(run);
  return { digits: sep === SEP_NONE ? value : digitsOnly(value) ?? '', groups, sep };
}

/** Luhn (mod 10) over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Normalised position of an alphanumeric character: digits 0–9, letters 100–125; -1 otherwise. */
function alnumOrdinal(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 65 + 100;
  if (code >= 97 && code <= 122) return code - 97 + 100;
  return -1;
}

/** Step from one ordinal to the next: +1, -1 (digits wrap 9→0 and 0→9) or 0 for anything else. */
function stepBetween(a: number, b: number): number {
  if (b === a + 1) return 1;
  if (b === a - 1) return -1;
  if (a === 9 && b === 0) return 1;
  if (a === 0 && b === 9) return -1;
  return 0;
}

/**
 * True when the alphanumerics of `value` (case-insensitive, everything else
 * ignored) are one repeated character, or a straight ascending or descending
 * run (`123456789`, `234567890`, `987654321`, `abcdef`). Values without any
 * alphanumeric count as repeated.
 */
export function isRepeatedOrSequential(value: string): boolean {
  let first = -1;
  let prev = -1;
  let count = 0;
  let allSame = true;
  let direction = 0; // 0 unknown, 1 up, -1 down, 2 broken
  for (let i = 0; i < value.length; i++) {
    const o = alnumOrdinal(value.charCodeAt(i));
    if (o < 0) continue;
    if (count === 0) {
      first = o;
    } else {
      if (o !== first) allSame = false;
      if (direction !== 2) {
        const step = stepBetween(prev, o);
        if (step === 0 || (direction !== 0 && step !== direction)) direction = 2;
        else direction = step;
      }
      if (!allSame && direction === 2) return false;
    }
    prev = o;
    count++;
  }
  return count === 0 || allSame || direction !== 2;
}
