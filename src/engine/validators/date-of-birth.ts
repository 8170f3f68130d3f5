import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRealDate, parseDate } from './date.js';

/** Today's local date, read again once a minute: a Date and its time-zone arithmetic per candidate cost more than the rest of the check. */
let today = { minute: -1, year: 0, month: 0, day: 0 };
function localToday(): typeof today {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== today.minute) {
    const now = new Date();
    today = { minute, year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  }
  return today;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const p = parseDate(value);
  if (p === null) return false;
  const { year: ty, month: tm, day: td } = localToday();
  // Two-digit years: the most recent year that is not in the future.
  let year = p.year;
  if (p.twoDigitYear) year = 2000 + p.year <= ty ? 2000 + p.year : 1900 + p.year;
  if (year < 1900 || year > ty) return false;
  if (!isRealDate(year, p.month, p.day)) return false;
  // Born at least one year ago: (year + 1, month, day) must not be after today.
  const ny = year + 1;
  if (ny > ty || (ny === ty && (p.month > tm || (p.month === tm && p.day > td)))) return false;
  return true;
}

export const dateOfBirth: Validator = {
  name: 'date-of-birth',
  description: 'A plausible birth date: a real calendar date from 1900 up to one year before today',
  validate,
};
