/**
 * A spreadsheet date as its number format shows it: a date is stored as a day count (29688) and
 * shown by its format (04/12/1981), so a date of birth is only a date to a scanner once formatted.
 */

type Part = { literal: string } | { code: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** The last serial day a spreadsheet shows as a date (9999-12-31). */
const LAST_DAY = 2958465;

/** Whether a format section shows a date or time (letters y m d h s, AM/PM outside quotes and brackets). */
export function isDateFormat(section: string): boolean {
  return /[ymdhs]|AM\/PM|A\/P/i.test(section.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/**
 * Serial day `serial` (1900 date system, or 1904 for `date1904` workbooks) under the date format
 * `section`; undefined for an elapsed-time format ([h]:mm) or a serial outside the calendar.
 */
export function formatDate(serial: number, section: string, date1904 = false): string | undefined {
  if (!(serial >= 0 && serial <= LAST_DAY)) return undefined;
  const parts = parse(section);
  if (!parts) return undefined;
  let days = Math.floor(serial);
  // The 1900 system counts a 29 February 1900 that never was: serials before it are a day off.
  if (!date1904 && days < 60) days++;
  const date = new Date((date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)) + days * 86_400_000);
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  const twelve = parts.some((p) => 'code' in p && /^a/i.test(p.code));
  const hour = Math.floor(seconds / 3600) % 24;
  const values = {
    y: date.getUTCFullYear(),
    m: date.getUTCMonth(),
    d: date.getUTCDate(),
    w: date.getUTCDay(),
    h: twelve ? hour % 12 || 12 : hour,
    n: Math.floor(seconds / 60) % 60,
    s: seconds % 60,
  };
  const two = (n: number) => String(n).padStart(2, '0');
  return parts
    .map((p, i) => {
      if ('literal' in p) return p.literal;
      const c = p.code;
      const len = c.length;
      switch (c[0]!.toLowerCase()) {
        case 'y':
          return len <= 2 ? two(values.y % 100) : String(values.y);
        case 'd':
          return len === 1 ? String(values.d) : len === 2 ? two(values.d) : len === 3 ? DAYS[values.w]!.slice(0, 3) : DAYS[values.w]!;
        case 'h':
          return len === 1 ? String(values.h) : two(values.h);
        case 's':
          return len === 1 ? String(values.s) : two(values.s);
        case 'm': {
          if (isMinutes(parts, i)) return len === 1 ? String(values.n) : two(values.n);
          const name = MONTHS[values.m]!;
          return len === 1 ? String(values.m + 1) : len === 2 ? two(values.m + 1) : len === 3 ? name.slice(0, 3) : len === 4 ? name : name[0]!;
        }
        default: // AM/PM, A/P
          return c.includes('/') && c.length === 3 ? (hour < 12 ? c[0]! : c[2]!) : hour < 12 ? 'AM' : 'PM';
      }
    })
    .join('');
}

/** `m` is minutes right after an hour or right before seconds (literals between are skipped). */
function isMinutes(parts: Part[], at: number): boolean {
  const codes = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < parts.length; i += step) if ('code' in parts[i]!) return (parts[i] as { code: string }).code[0]!.toLowerCase();
    return undefined;
  };
  return codes(at - 1, -1) === 'h' || codes(at + 1, 1) === 's';
}

function parse(section: string): Part[] | undefined {
  const out: Part[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    const rest = section.slice(i);
    const ampm = /^(AM\/PM|A\/P)/i.exec(rest);
    if (ampm) {
      out.push({ code: ampm[0] });
      i += ampm[0].length - 1;
    } else if (/[ymdhs]/i.test(c)) {
      let j = i;
      while (j < section.length && section[j]!.toLowerCase() === c.toLowerCase()) j++;
      out.push({ code: section.slice(i, j) });
      i = j - 1;
    } else if (c === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ literal: section.slice(i + 1, stop) });
      i = stop;
    } else if (c === '\\') out.push({ literal: section[++i] ?? '' });
    else if (c === '[') {
      const end = section.indexOf(']', i);
      if (end < 0 || /^[hms]+$/i.test(section.slice(i + 1, end))) return undefined; // elapsed time
      i = end; // a locale, a colour or a condition shows nothing
    } else if (c === '_') {
      out.push({ literal: ' ' });
      i++;
    } else if (c === '*') i++;
    else if (c === '0' && out.length > 0) continue; // fractions of a second
    else if (/[a-z@#?]/i.test(c)) return undefined;
    else out.push({ literal: c });
  }
  return out;
}
