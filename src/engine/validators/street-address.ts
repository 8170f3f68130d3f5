import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { AMBIGUOUS_SUFFIXES, STREET_SUFFIXES } from './street-suffixes.js';
import { ZIP_PREFIX_RANGES } from './zip-prefixes.js';

/** The state codes the ZIP ranges name for a 3-digit prefix, or undefined when no state has it. */
export function statesOfZipPrefix(prefix: number): readonly string[] | undefined {
  let lo = 0;
  let hi = ZIP_PREFIX_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b, states] = ZIP_PREFIX_RANGES[mid]!;
    if (prefix < a) hi = mid - 1;
    else if (prefix > b) lo = mid + 1;
    else return states.split(' ');
  }
  return undefined;
}

const STATE_CODES: ReadonlySet<string> = new Set(ZIP_PREFIX_RANGES.flatMap(([, , s]) => s.split(' ')));

/** `, IL 62704` or `, MA 02110-1301` at the end. */
const CITY_TAIL = /,?\s{1,2}([A-Za-z]{2})\.?\s{1,2}(\d{5})(?:-\d{4})?$/;
const BOX = /^(?:p\.?\s?o\.?\s?box|post office box|rr|r\.r\.|rural route|hc|highway contract)(?![a-z])/i;
const ROUTE = /^\d{1,6}[a-z]?\s(?:[nsew]{1,2}\.?\s|(?:north|south)(?:east|west)?\s|east\s|west\s)?(?:(?:state|us|county|farm to market)\s)?(?:route|rte|highway|hwy|road|rd|sr|cr|fm)\s#?\d/i;
const DIRECTION = /^(?:[NSEWnsew]{1,2}|(?:North|South|NORTH|SOUTH)(?:east|west|EAST|WEST)?|East|West|EAST|WEST)\.?$/;
const UNIT = /(?:^|[\s,])(?:apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg)\.?(?:\s|#|$)|#\s?[A-Za-z0-9]/i;
/** A name word as streets are written: capitalised, in capitals, or a numbered street (5th, 42nd). */
const NAME_WORD = /^(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)\.?)$/;
const SUFFIX_CASE = /^(?:[A-Z][a-z]*|[A-Z]+)\.?,?$/;

interface Street {
  suffix: string;
  rest: string;
}

/** The street suffix of `head` ("1423 N Elm St Apt 3B, Springfield") and what follows it. */
function findStreet(head: string): Street | undefined {
  const tokens = head.split(/\s+/);
  let first = 1;
  if (tokens.length > 2 && DIRECTION.test(tokens[1]!)) first = 2;
  let found = -1;
  // The suffix that ends the street: followed by the end, a comma, a unit or a direction; else the first one.
  for (let i = first + 1; i < Math.min(tokens.length, first + 5); i++) {
    const t = tokens[i]!;
    const key = t.replace(/[.,]+$/, '').toLowerCase();
    if (!STREET_SUFFIXES.has(key) || !SUFFIX_CASE.test(t)) continue;
    const next = tokens[i + 1];
    const ends = next === undefined || t.endsWith(',') || UNIT.test(` ${next}`) || DIRECTION.test(next);
    if (found < 0 || ends) found = i;
    if (ends) break;
  }
  if (found < 0) return undefined;
  for (let i = first; i < found; i++) if (!NAME_WORD.test(tokens[i]!.replace(/,$/, ''))) return undefined;
  return { suffix: STREET_SUFFIXES.get(tokens[found]!.replace(/[.,]+$/, '').toLowerCase())!, rest: tokens.slice(found + 1).join(' ') };
}

/**
 * A US street address, PO box or rural route: how sure it is. A city, state and ZIP whose prefix is
 * the state's raise it (one whose prefix is another state's, or no state's, does not); a unit raises it; a
 * suffix that is also an everyday word (Park, View, Way) with neither needs a label (rule context).
 * Name words must be capitalised or in capitals, so prose ("3 blocks down the street") is not one.
 */
/** A rule's `street-names` lists, as lower-case names with single spaces. */
const listedCache = new WeakMap<object, ReadonlySet<string>>();
function listedStreets(options: Readonly<Record<string, unknown>>): ReadonlySet<string> | undefined {
  const lists = options['dictionaries'] as Record<string, string[]> | undefined;
  const words = lists?.['street-names'];
  if (!words) return undefined;
  let set = listedCache.get(words);
  if (!set) listedCache.set(words, (set = new Set(words.map((w) => w.toLowerCase().replace(/\s+/g, ' ')))));
  return set;
}

/** A listed street after the house number and direction ("1423 El Camino Real Apt 4"): what follows it. */
function findListed(head: string, listed: ReadonlySet<string>): string | undefined {
  const tokens = head.split(/\s+/);
  const first = tokens.length > 2 && DIRECTION.test(tokens[1]!) ? 2 : 1;
  // The longest listed name that starts there.
  for (let end = tokens.length; end > first; end--) {
    if (listed.has(tokens.slice(first, end).join(' ').replace(/,$/, '').toLowerCase())) return tokens.slice(end).join(' ');
  }
  return undefined;
}

function validate({ value, options }: ValidatorInput): ValidatorResult {
  const notes: string[] = [];
  let adjust = 0;
  let head = value;
  const tail = CITY_TAIL.exec(value);
  if (tail) {
    const [, state, zip] = tail;
    if (!STATE_CODES.has(state!)) return false;
    head = value.slice(0, tail.index);
    const states = statesOfZipPrefix(Number(zip!.slice(0, 3)));
    // A ZIP that does not fit leaves the street as sure as a bare one: a typo must not hide it.
    if (!states) notes.push(`ZIP ${zip!.slice(0, 3)}xx is no state's`);
    else if (states.includes(state!)) {
      adjust += 0.4;
      notes.push(`ZIP prefix is ${state}'s`);
    } else notes.push(`ZIP prefix is ${states.join('/')}'s, not ${state}'s`);
  }
  if (BOX.test(head)) return { valid: true, adjust, note: ['PO box or rural route', ...notes].join('; ') };
  if (ROUTE.test(head)) {
    if (UNIT.test(head)) adjust += 0.1;
    return { valid: true, adjust, note: ['numbered route', ...notes].join('; ') };
  }
  const street = findStreet(head);
  if (!street) {
    // A street the user's own list names (a `street-names` dictionary): no suffix needed.
    const listed = listedStreets(options);
    const rest = listed && findListed(head, listed);
    if (rest === undefined) return false;
    if (UNIT.test(rest)) adjust += 0.1;
    return { valid: true, adjust, note: ['a listed street', ...notes].join('; ') };
  }
  const unit = UNIT.test(street.rest);
  if (unit) {
    adjust += 0.1;
    notes.push('with a unit');
  }
  // "2016 Iain Lane" in a copyright list: a year and a name, unless a unit or a city says otherwise.
  if (!unit && !tail && /^(?:19[7-9]\d|20[0-3]\d)\s/.test(head)) {
    adjust -= 0.1;
    notes.push('house number is a year');
  }
  if (AMBIGUOUS_SUFFIXES.has(street.suffix) && !unit && !tail) {
    adjust -= 0.3;
    notes.push(`'${street.suffix}' is also an everyday word`);
  }
  return { valid: true, adjust, note: [`street suffix ${street.suffix}`, ...notes].join('; ') };
}

export const streetAddress: Validator = {
  name: 'street-address',
  description: 'A US street address: capitalised street name words and a USPS suffix (Publication 28), a route, or a PO box; a city, state and ZIP raise it (more when the ZIP prefix is the state\'s), a unit raises it, an everyday-word suffix alone lowers it',
  validate,
};
