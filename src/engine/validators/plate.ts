import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRepeatedOrSequential } from './common.js';
import { isSpace } from '../../text/space.js';
import { PLATE_FORMATS, plateShape, STATES_BY_SHAPE } from './plate-formats.js';

/** State codes (and DC): a code written before a plate ("TX 8XYZ221") is context, not part of it. */
const STATE_CODES: ReadonlySet<string> = new Set(Object.keys(PLATE_FORMATS));

const words = (options: Readonly<Record<string, unknown>>, key: string): string[] => (options[key] as string[] | undefined) ?? [];

/** Each rule's options compiled once: the options object is the rule's own for the whole scan. */
const compiled = new WeakMap<object, RegExp | undefined>();

/**
 * One regex for the technical tokens the options name, with separators removed: a number and a
 * unit (`units`, after an SI prefix: 1080P, 5GB), a code and a number (`codes`: UTF8, SHA256,
 * X86), a standard and its number (`standards`: RFC3986, ISO8601).
 */
function technicalTokens(options: Readonly<Record<string, unknown>>): RegExp | undefined {
  if (compiled.has(options)) return compiled.get(options);
  const [units, codes, standards] = [words(options, 'units'), words(options, 'codes'), words(options, 'standards')];
  const whole = [
    ...(units.length > 0 ? [`\\d+[KMGTP]?(?:${units.join('|')})`] : []),
    ...(codes.length > 0 ? [`(?:${codes.join('|')})\\d{1,4}[A-Z]?`] : []),
  ];
  const parts = [...(whole.length > 0 ? [`(?:${whole.join('|')})$`] : []), ...(standards.length > 0 ? [`(?:${standards.join('|')})\\d`] : [])];
  const re = parts.length > 0 ? new RegExp(`^(?:${parts.join('|')})`, 'i') : undefined;
  compiled.set(options, re);
  return re;
}

/**
 * How the shape moves the score: a state's format of six or more characters is a plate shape
 * (+0.15); a short token (five characters or fewer, a plate or not) is most often something else
 * (-0.15) and needs a plate word right beside it.
 */
function shapeResult(compact: string): ValidatorResult {
  if (compact.length <= 5) return { valid: true, adjust: -0.15, note: 'short token' };
  const states = STATES_BY_SHAPE.get(plateShape(compact));
  if (states) {
    const named = states.length > 4 ? `${states.slice(0, 4).join(', ')} …` : states.join(', ');
    return { valid: true, adjust: 0.15, note: `plate format of ${named}` };
  }
  return true;
}

/**
 * A licence-plate shape: 2–8 letters and digits after separators are removed,
 * with at least one letter and one digit (all-letter vanity plates need a rule of
 * their own with strong context), and not a run like ABC123 or 1111111. A shape
 * some state issues (plate-formats.ts) scores up, a short token down.
 */
function validate({ value, options }: ValidatorInput): ValidatorResult {
  // One pass for what most candidates fail (numbers, words): 2–8 letters and digits once
  // separators are removed, at least one of each.
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
    else if (c !== 0x2d && !isSpace(c)) return false;
  }
  if (letters + digits < 2 || letters + digits > 8 || letters === 0 || digits === 0) return false;
  const s = value.replace(/[\s-]/g, '');
  if (isRepeatedOrSequential(s)) return false;
  // "CA 7ABC123", "TX 8XYZ22": a state code and the plate after it, which is a candidate of its own.
  const gap = value.search(/[\s-]/);
  if (gap === 2 && s.length - 2 >= 5 && STATE_CODES.has(value.slice(0, 2).toUpperCase()) && /\d/.test(value.slice(3))) return false;
  // A word and a number (AARCH64, DWARF5, SPARC64) names a product or architecture, not a plate;
  // four letters and digits only in a state's format (Florida and Virginia print ABCD12).
  if (/^[A-Za-z]{5,}\d{1,4}$/.test(s) || (/^[A-Za-z]{4}\d{1,4}$/.test(s) && !STATES_BY_SHAPE.has(plateShape(s)))) return false;
  // Letters and a bit width (CARD32, INT64, BASE64, UINT16) name a type or an encoding.
  if (/^[A-Za-z]{3,}(?:8|16|32|64|128)$/.test(s)) return false;
  // A model year and a word (2021 JEEP) is a year, not a plate.
  if (/^(?:19|20)\d{2}[\s-][A-Za-z]{1,4}$/.test(value)) return false;
  // Letters and a year (VS2017, SC2006, MSVC2019) name a product edition.
  if (/^[A-Za-z]{1,4}(?:19|20)\d{2}$/.test(s)) return false;
  // Things that look like plates in technical text, named in the rule file: units and encodings
  // (1080P, X86, UTF8, SHA256) and references to standards (RFC 3986, ISO 8601, CVE 2024, PEP 8).
  const technical = technicalTokens(options);
  if (technical !== undefined && technical.test(s)) return false;
  return shapeResult(s);
}

export const plate: Validator = {
  name: 'plate',
  description: 'A plausible plate: 2–8 letters and digits with at least one of each, not a sequence or a technical token; a state format (all 50 states and DC) scores up, a short token in none scores down',
  schema: {
    units: { type: 'string-list', pattern: '[A-Za-z]+', hint: 'letters only', description: 'units written after a number (HZ, GB, P): 1080P, 5GB are not plates' },
    codes: { type: 'string-list', pattern: '[A-Za-z]+', hint: 'letters only', description: 'codes written before a number (UTF, SHA, X): UTF8, SHA256, X86 are not plates' },
    standards: { type: 'string-list', pattern: '[A-Za-z]+', hint: 'letters only', description: 'standards cited with a number (RFC, ISO, CVE): RFC 3986 is not a plate' },
  },
  validate,
};
