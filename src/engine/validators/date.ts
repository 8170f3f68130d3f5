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

// MM/DD/YYYY, M/D/YY
const US_SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
// MM-DD-YYYY (and MM-DD-YY)
const US_DASH = /^(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})$/;
// YYYY-MM-DD, YYYY/MM/DD
const ISO = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
// YYYYMMDD
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// DD.MM.YYYY (and DD.MM.YY)
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
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
    let m: RegExpExecArray | null;
    // Month-first is read first for slashes and dashes (US), day-first for dots (Europe);
    // when that reading has no such month, the other order is the only possible one.
    if ((m = US_SLASH.exec(s)) !== null) return eitherOrder(m[3], num(m[1]), num(m[2]));
    if ((m = ISO.exec(s)) !== null) return make(m[1], num(m[3]), num(m[4]));
    if ((m = US_DASH.exec(s)) !== null) return eitherOrder(m[3], num(m[1]), num(m[2]));
    if ((m = COMPACT.exec(s)) !== null) {
      const ymd = make(m[1], num(m[2]), num(m[3]));
      // MMDDYYYY (AAMVA, NCIC) when YYYYMMDD is not a real date.
      return isRealDate(ymd.year, ymd.month, ymd.day) && ymd.year >= 1900 ? ymd : make(s.slice(4), num(s.slice(0, 2)), num(s.slice(2, 4)));
    }
    if ((m = DOTTED.exec(s)) !== null) return eitherOrder(m[3], num(m[2]), num(m[1]));
    if ((m = DAY_MONTH_YEAR.exec(s)) !== null) return make(m[3], monthNumber(m[2]), num(m[1]));
    return null;
  }
  const m = MONTH_DAY_YEAR.exec(s);
  return m === null ? null : make(m[3], monthNumber(m[1]), num(m[2]));
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
