import type { Validator, ValidatorInput, ValidatorResult } from '../types.js';

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

/** `first` is the month unless it cannot be one (> 12), then the two swap. */
function eitherOrder(y: string | undefined, first: number, second: number): ParsedDate {
  return first > 12 && second <= 12 ? make(y, second, first) : make(y, first, second);
}

function make(y: string | undefined, m: number, d: number): ParsedDate {
  return { year: num(y), month: m, day: d, twoDigitYear: y !== undefined && y.length === 2 };
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

/**
 * The all-numeric forms, read by character code (most dates a scan meets: log timestamps, forms);
 * undefined when `s` holds anything but digits and the separators `/ - .`. Month-first for slashes
 * and dashes (US), day-first for dots (Europe); when that reading has no such month, the other
 * order is the only possible one.
 */
function parseNumeric(s: string): ParsedDate | null | undefined {
  const groups: number[] = []; // start, end of each digit run
  const seps: number[] = [];
  for (let i = 0; i < s.length; ) {
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return undefined; // a separator first, or two in a row: not for this reader
    groups.push(start, i);
    if (i === s.length) break;
    const c = s.charCodeAt(i);
    if (c !== 0x2f && c !== 0x2d && c !== 0x2e) return undefined;
    seps.push(c);
    i++;
    if (i === s.length) return undefined;
  }
  const len = (g: number) => groups[2 * g + 1]! - groups[2 * g]!;
  const text = (g: number) => s.slice(groups[2 * g]!, groups[2 * g + 1]!);
  const int = (g: number) => Number(text(g));
  if (seps.length === 0) {
    if (s.length !== 8) return null;
    // YYYYMMDD, or MMDDYYYY (AAMVA, NCIC) when that is not a real date.
    const ymd = make(s.slice(0, 4), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
    return isRealDate(ymd.year, ymd.month, ymd.day) && ymd.year >= 1900 ? ymd : make(s.slice(4), Number(s.slice(0, 2)), Number(s.slice(2, 4)));
  }
  if (seps.length !== 2 || seps[0] !== seps[1]) return null;
  const sep = seps[0]!;
  const short = (g: number) => len(g) >= 1 && len(g) <= 2;
  const year = len(2) === 4 || len(2) === 2;
  // MM/DD/YYYY, MM-DD-YYYY (month first unless it cannot be one), DD.MM.YYYY (day first).
  if (short(0) && short(1) && year) return sep === 0x2e ? eitherOrder(text(2), int(1), int(0)) : eitherOrder(text(2), int(0), int(1));
  // YYYY-MM-DD, YYYY/MM/DD.
  if (sep !== 0x2e && len(0) === 4 && short(1) && short(2)) return make(text(0), int(1), int(2));
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
