import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

/** A calendar date as written; `twoDigitYear` when the year had only two digits. */
export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  twoDigitYear: boolean;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3],
  ['apr', 4], ['april', 4], ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7],
  ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9], ['september', 9], ['oct', 10],
  ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

// The all-numeric forms (MM/DD/YYYY, M/D/YY, MM-DD-YYYY, YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD,
// DD.MM.YYYY) are read by parseNumeric.
// 14 Mar 1987, 14 March 1987, 14-MAR-1987, 14th Mar. 1987, 14MAR1987 (military, ICAO)
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[ \t-]?([A-Za-z]{3,9})\.?[ \t-]?(\d{4}|\d{2})$/;
// March 14, 1987, Mar 14 1987, Mar. 14th, 1987
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(\d{4})$/;

function num(s: string | undefined): number {
  return s === undefined ? NaN : Number(s);
}

function monthNumber(name: string | undefined): number {
  return name === undefined ? NaN : (MONTHS.get(name.toLowerCase()) ?? NaN);
}

/** A date whose year was written with `digits` digits. */
function dateOf(year: number, digits: number, month: number, day: number): ParsedDate {
  return { year, month, day, twoDigitYear: digits === 2 };
}

function make(y: string | undefined, m: number, d: number): ParsedDate {
  return dateOf(num(y), y?.length ?? 0, m, d);
}

/** `first` is the month unless it cannot be one (> 12), then the two swap. */
function eitherOrder(year: number, digits: number, first: number, second: number): ParsedDate {
  return first > 12 && second <= 12 ? dateOf(year, digits, second, first) : dateOf(year, digits, first, second);
}

/** Parse one of the supported written forms; `null` when the shape matches none. Does not check ranges. */
export function parseDate(value: string): ParsedDate | null {
  const s = value.trim();
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const numeric = parseNumeric(s);
    if (numeric !== undefined) return numeric;
    const m = DAY_MONTH_YEAR.exec(s);
    return m === null ? null : make(m[3], monthNumber(m[2]), num(m[1]));
  }
  const m = MONTH_DAY_YEAR.exec(s);
  return m === null ? null : make(m[3], monthNumber(m[1]), num(m[2]));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The number the digits s[from, to) write. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/**
 * The all-numeric forms, read by character code (most dates a scan meets: log timestamps, forms);
 * undefined when `s` holds anything but digits and the separators `/ - .`. Month-first for slashes
 * and dashes (US), day-first for dots (Europe); when that reading has no such month, the other
 * order is the only possible one. Called for every date-shaped candidate: no arrays, no slices.
 */
function parseNumeric(s: string): ParsedDate | null | undefined {
  // The first three runs of digits (start, end) and the two separators after the first two.
  let runs = 0;
  let s0 = 0, e0 = 0, s1 = 0, e1 = 0, s2 = 0, e2 = 0;
  let sep0 = 0, sep1 = 0;
  for (let i = 0; i < s.length; ) {
    const start = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return undefined; // a separator first, or two in a row: not for this reader
    if (runs === 0) {
      s0 = start;
      e0 = i;
    } else if (runs === 1) {
      s1 = start;
      e1 = i;
    } else if (runs === 2) {
      s2 = start;
      e2 = i;
    }
    runs++;
    if (i === s.length) break;
    const c = s.charCodeAt(i);
    if (c !== 0x2f && c !== 0x2d && c !== 0x2e) return undefined;
    if (runs === 1) sep0 = c;
    else if (runs === 2) sep1 = c;
    i++;
    if (i === s.length) return undefined;
  }
  if (runs === 1) {
    if (s.length !== 8) return null;
    // YYYYMMDD, or MMDDYYYY (AAMVA, NCIC) when that is not a real date.
    const year = digitsAt(s, 0, 4);
    const month = digitsAt(s, 4, 6);
    const day = digitsAt(s, 6, 8);
    return isRealDate(year, month, day) && year >= 1900 ? dateOf(year, 4, month, day) : dateOf(digitsAt(s, 4, 8), 4, digitsAt(s, 0, 2), digitsAt(s, 2, 4));
  }
  if (runs !== 3 || sep0 !== sep1) return null;
  const l0 = e0 - s0;
  const l1 = e1 - s1;
  const l2 = e2 - s2;
  // MM/DD/YYYY, MM-DD-YYYY (month first unless it cannot be one), DD.MM.YYYY (day first).
  if (l0 <= 2 && l1 <= 2 && (l2 === 4 || l2 === 2)) {
    const a = digitsAt(s, s0, e0);
    const b = digitsAt(s, s1, e1);
    const year = digitsAt(s, s2, e2);
    return sep0 === 0x2e ? eitherOrder(year, l2, b, a) : eitherOrder(year, l2, a, b);
  }
  // YYYY-MM-DD, YYYY/MM/DD.
  if (sep0 !== 0x2e && l0 === 4 && l1 <= 2 && l2 <= 2) return dateOf(digitsAt(s, s0, e0), 4, digitsAt(s, s1, e1), digitsAt(s, s2, e2));
  return null;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when year/month/day name a day of the Gregorian calendar. */
export function isRealDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const p = parseDate(value);
  if (p === null) return false;
  // Two-digit years: 69–99 → 19xx, 00–68 → 20xx (the POSIX strptime pivot).
  const year = p.twoDigitYear ? (p.year >= 69 ? 1900 : 2000) + p.year : p.year;
  if (year < 1900 || year > 2100) return false;
  return isRealDate(year, p.month, p.day);
}

export const date: Validator = {
  name: 'date',
  description: 'A real calendar date between 1900 and 2100 (MM/DD/YYYY, YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, 14 Mar 1987, March 14, 1987 …)',
  validate,
};
