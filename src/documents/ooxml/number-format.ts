/**
 * A number as a spreadsheet shows it under a number format made of digit placeholders and
 * literals (536224391 under `000-00-0000` is shown, and read, as 536-22-4391), or a date format.
 * Formats this does not model (fractions, scientific, text, elapsed time) give undefined: the
 * raw number stands.
 */
import { formatDate, isDateFormat } from './date-format.js';

/** The built-in formats (no numFmt of their own in styles.xml) that show a date or time, as en-US shows them. */
export const BUILTIN_DATE_FORMATS: Readonly<Record<string, string>> = {
  14: 'm/d/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yyyy h:mm',
  45: 'mm:ss',
};

type Token = { digit: '0' | '#' | '?' } | { literal: string } | { point: true } | { comma: true } | { percent: true };

/** `value` under the format `code` (dates counted from 1904 in a `date1904` workbook), or undefined when it is not modelled. */
export function formatNumber(value: number, code: string, date1904 = false): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const sections = splitSections(code);
  let section = sections[0] ?? '';
  let sign = value < 0 ? '-' : '';
  if (value < 0 && sections.length >= 2) [section, sign] = [sections[1]!, ''];
  else if (value === 0 && sections.length >= 3) section = sections[2]!;
  if (isDateFormat(section)) return formatDate(value, section, date1904);
  const tokens = tokenize(section);
  if (!tokens || !tokens.some((t) => 'digit' in t)) return undefined;
  return sign + layout(Math.abs(value), tokens);
}

function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (c === '\\') {
      cur += code.slice(i, i + 2);
      i++;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function tokenize(section: string): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ literal: section.slice(i + 1, stop) });
      i = stop;
    } else if (c === '\\') out.push({ literal: section[++i] ?? '' });
    else if (c === '_') {
      out.push({ literal: ' ' }); // a space the width of the next character
      i++;
    }
    else if (c === '*') i++; // fill with the next character: no width of its own in text
    else if (c === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return undefined;
      const inside = section.slice(i + 1, end);
      if (/^[hms]+$/i.test(inside)) return undefined; // elapsed time
      const currency = /^\$([^-]*)/.exec(inside);
      if (currency) out.push({ literal: currency[1]! });
      i = end; // colours and conditions show nothing
    } else if (c === '0' || c === '#' || c === '?') out.push({ digit: c });
    else if (c === '.') {
      if (out.some((t) => 'point' in t)) return undefined;
      out.push({ point: true });
    } else if (c === ',') out.push({ comma: true });
    else if (c === '%') out.push({ percent: true });
    else if (c === '/' || c === '@' || /[a-z]/i.test(c)) return undefined; // fractions, text, dates, times, exponents, General
    else out.push({ literal: c });
  }
  return out;
}

function layout(value: number, tokens: Token[]): string | undefined {
  const point = tokens.findIndex((t) => 'point' in t);
  const intPart = point < 0 ? tokens : tokens.slice(0, point);
  const fracPart = point < 0 ? [] : tokens.slice(point + 1);
  const isDigit = (t: Token): t is { digit: '0' | '#' | '?' } => 'digit' in t;
  // A comma between digit placeholders groups thousands; one after the last placeholder divides by 1000.
  const lastDigit = lastIndex(intPart, isDigit);
  const firstDigit = intPart.findIndex(isDigit);
  let grouped = false;
  let scale = 0;
  const ints: Token[] = [];
  intPart.forEach((t, i) => {
    if (!('comma' in t)) ints.push(t);
    else if (i > firstDigit && i < lastDigit && firstDigit >= 0) grouped = true;
    else if (i > lastDigit && lastDigit >= 0) scale++;
    else ints.push({ literal: ',' });
  });
  const percents = tokens.filter((t) => 'percent' in t).length;
  const scaled = (value * 100 ** percents) / 1000 ** scale;
  const fracDigits = fracPart.filter(isDigit).length;
  const fixed = scaled.toFixed(fracDigits);
  if (fixed.includes('e')) return undefined;
  const [whole = '', frac = ''] = fixed.split('.');
  let digits = whole === '0' ? '' : whole;
  const placeholders = ints.filter(isDigit);
  if (grouped) {
    const minimum = placeholders.length - placeholders.findIndex((t) => t.digit === '0');
    digits = digits.padStart(placeholders.some((t) => t.digit === '0') ? minimum : 0, '0').replace(/\B(?=(\d{3})+$)/g, ',');
    const before = ints.slice(0, ints.findIndex(isDigit));
    const after = ints.slice(lastIndex(ints, isDigit) + 1);
    if (ints.slice(before.length, ints.length - after.length).some((t) => !isDigit(t))) return undefined;
    return text(before) + digits + text(after) + fraction(fracPart, frac, point >= 0);
  }
  // Digits fill the placeholders from the right; the first placeholder takes any left over.
  const filled: string[] = [];
  let left = digits;
  for (let i = ints.length - 1; i >= 0; i--) {
    const t = ints[i]!;
    if (!isDigit(t)) {
      filled.unshift('literal' in t ? t.literal : '%');
      continue;
    }
    const first = placeholders[0] === t;
    const take = first ? left : left.slice(-1);
    left = first ? '' : left.slice(0, -1);
    filled.unshift(take !== '' ? take : t.digit === '0' ? '0' : t.digit === '?' ? ' ' : '');
  }
  return filled.join('') + fraction(fracPart, frac, point >= 0);
}

function fraction(tokens: Token[], digits: string, hasPoint: boolean): string {
  if (!hasPoint) return '';
  const shown = [...digits];
  const places = tokens.filter((t) => 'digit' in t) as Array<{ digit: string }>;
  // Trailing zeros under # are dropped and under ? become spaces.
  for (let i = shown.length - 1; i >= 0 && shown[i] === '0' && places[i]!.digit !== '0'; i--) shown[i] = places[i]!.digit === '?' ? ' ' : '';
  let k = 0;
  return `.${tokens.map((t) => ('digit' in t ? shown[k++] : 'literal' in t ? t.literal : 'percent' in t ? '%' : '')).join('')}`;
}

function text(tokens: Token[]): string {
  return tokens.map((t) => ('literal' in t ? t.literal : 'percent' in t ? '%' : '')).join('');
}

function lastIndex<T>(list: T[], test: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}
