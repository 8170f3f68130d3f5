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
const BOX = /^(?:p\.?\s?o\.?\s?box|post office box|rr|r\.r\.|rural route|hcr?|highway contract|route\s?\d{1,3},?\s?box)(?![a-z])/i;
/** A box or drawer with no PO before it (`Box 344`, `Caller Box 5001`, `Drawer 9`): only with a city, state and ZIP. */
const BARE_BOX = /^(?:(?:caller\s)?box|drawer)\s#?\d/i;
/** A building on a base (`Bldg 220, Rm 12`): only with a city, state and ZIP that agree. */
const BUILDING = /^(?:bldg|building)\.?\s\d/i;
/** Words of a Puerto Rico address: urbanización, condominio, residencial, barrio, carretera, kilómetro, calle. */
const PR_WORDS = /(?:^|[\s,])(?:urb|urbanizaci[oó]n|cond|condominio|res|residencial|bo|barrio|carr|carretera|km|calle|avenida|ave|parc|parcelas|sector|ext|edif|edificio|apto|hc)\.?(?=\s)/i;
/** Puerto Rico with no ZIP: a street type first and the number after the name (`Calle Sol 214`, `CALLE ESTRELLA 19`). */
const NUMBER_AFTER_NAME = /^(?:calle|avenida)\s.*\s(?:[A-Z]-?)?\d{1,5}[A-Z]?$/i;
/** A kilometre on a carretera (`Carr. 2 Km 10.5`, `Km 7.1 Carr 156`). */
const KM_ON_CARRETERA = /^(?:carr(?:etera)?\.?\s#?\d{1,4},?\skm\.?\s\d|km\.?\s\d{1,3}(?:\.\d{1,2})?,?\scarr)/i;
/** A housing complex's building or unit (`Res. Las Gladiolas Edif 7 Apt 114`, `Cond. Torres del Mar, Apt 9C`). */
const COMPLEX = /^(?:res|residencial|cond|condominio)\.?\s.*\s(?:edif|edificio|apt|apto)\.?\s[A-Za-z0-9-]{1,6}$/i;
/** A tribal route (`Navajo Route 12`), surer with the mile along it. */
const TRIBAL_ROUTE = /^(?:navajo|bia|indian|tribal)\s(?:route|rte|road|rd)\s\d{1,4}/i;
/** Military mail (`PSC 1234 Box 567`, `Unit 2050 Box 44`, `USS Nimitz`), before `APO AE` and its ZIP. */
const MILITARY = /^(?:(?:psc|cmr|unit)\s\d{1,5},?\s?box\s\d{1,5},?\s|us(?:s|ns|cgc)\s[^,]+,?\s)(?:apo|fpo|dpo)$/i;
const MILITARY_BOX = /^(?:psc|cmr)\s\d{1,5},?\s?box\s\d{1,5}$/i;
const GENERAL_DELIVERY = /^general delivery,?\s[^\d]+$/i;
const ROUTE = /^\S+\s(?:[nsew]{1,2}\.?\s|(?:north|south)(?:east|west)?\s|east\s|west\s)?(?:(?:(?:state|us|county|farm to market|navajo|bia|indian|tribal)\s)?(?:route|rte|highway|hwy|road|rd|sr|cr|fm)\s#?\d|(?:us|sr)-\d)/i;
/** Wisconsin's lettered county roads (`County Road JJ`): the letters in capitals. */
const COUNTY_LETTERS = /^\S+\s(?:[NSEW]{1,2}\.?\s)?(?:County|COUNTY)\s(?:Road|ROAD|Rd|RD|Highway|HIGHWAY|Hwy|HWY|Trunk|TRUNK)\s[A-Z]{1,2}(?:$|[\s,])/;
/** Utah's grid: `1450 E 900 S`, the street a block number with a direction either side. */
const GRID = /^\S+\s(?:[NSEW]|North|South|East|West)\.?\s[1-9]\d{1,3}0\s(?:[NSEW]|North|South|East|West)\.?(?:$|[\s,])/;
const DIRECTION = /^(?:[NSEWnsew]{1,2}|(?:North|South|NORTH|SOUTH|north|south)(?:east|west|EAST|WEST)?|East|West|EAST|WEST|east|west)\.?$/;
/** USPS Publication 28, Appendix C2: the secondary unit designators, and `#`. */
const UNIT =
  /(?:^|[\s,])(?:apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|lot|spc|space|trlr|trailer|bsmt|basement|frnt|front|rear|dept|ofc|office|ph|penthouse|pier|slip|hngr|hangar|lbby|lobby|lowr|lower|uppr|upper|side)\.?(?:\s|#|$)|#\s?[A-Za-z0-9]/i;
/** A house number: digits with an optional letter, a Queens hyphen (72-15), a Wisconsin grid number (N8123, W231S5678). */
const HOUSE_NUMBER = /^(?:\d{1,6}(?:[A-Za-z]|-[A-Za-z]|-\d{2,4})?|[NSEWnsew]\d{2,6}(?:[NSEWnsew]\d{2,6})?)$/;
/** A hyphenated number whose second part has 3–4 digits: a range (`2210-2214`) or Hawaii's zone and lot (`94-1221`). */
const LONG_HYPHEN = /^(\d{1,6})-(\d{3,4})$/;
/** Hawaii named near the address: its state code or its name. */
const HAWAII = /(?:^|[^A-Za-z])(?:HI|Hawai[i'\u02bb]+|HAWAII|Honolulu|HONOLULU)(?![A-Za-z])/;
/** A house number as OCR misread it: a letter O, l or I among its digits (2O5, l17, 4I0). */
const OCR_HOUSE_NUMBER = /^[\dOolI]{2,6}$/;
/** A name word as streets are written: capitalised, in capitals, or a numbered street (5th, 42nd). */
const NAME_WORD = /^(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)\.?)$/;
const SUFFIX_CASE = /^(?:[A-Z][a-z]*|[A-Z]+)\.?,?$/;
/** The same in an address written all in lower case (a chat). */
const LOWER_NAME_WORD = /^(?:[a-z][a-z'.-]*|\d{1,3}(?:st|nd|rd|th)\.?)$/;
const LOWER_SUFFIX_CASE = /^[a-z]+\.?,?$/;
/**
 * Words of prose, never of a street name: in lower case they tell "3 blocks down the street" and
 * "at 5 on main st" from a street.
 */
const PROSE_WORDS: ReadonlySet<string> = new Set(
  ('the a an of and or to on in at by for with from down up over off out my your our his her their its this that these those is are was were ' +
    'be been it we you i he she they them me us then than but so if not no more most some any all each every other another next last few ' +
    'many much one two three four five six seven eight nine ten am pm min mins minutes hour hours hrs day days week weeks month months ' +
    'year years yrs times blocks block miles mile feet ft yards mi km steps doors houses floors people ppl guys kids things ways dollars bucks ' +
    "i'm im i'll ill we're you're he's she's it's there here where when what who how why just still also only very really noon midnight tonight today tomorrow").split(' '),
);
/** Street types written before the name: Spanish ones, and the Avenue of the Americas form. */
const PREFIX_TYPES: ReadonlySet<string> = new Set(['camino', 'calle', 'avenida', 'via', 'paseo', 'avenue']);
const CONNECTORS: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'of', 'the']);
/** `via` is also a preposition ("3 Via FedEx"): a carrier or channel after it is not a street's name. */
const NOT_AFTER_VIA: ReadonlySet<string> = new Set(
  'email e-mail mail post fax phone text courier fedex ups usps dhl ssh http https api slack zoom teams sms chat web ftp vpn git'.split(' '),
);
/** A word before the value that tells a lower-case run is an address: at, to, moved, address … */
const LOWER_CUE = /(?:^|[^a-z'])(?:at|to|on|outside|near|@|address|addr|adr|addy|moved|moving|move|lives?|living|located|staying|stay|resides?|residing|deliver(?:ed|y)?|ship(?:ped)?|send|sent|mail(?:ed)?|from|(?:place|house|apartment|apt|home|address|addy)\s+is)\s*:?\s*$/i;

interface Street {
  /** The suffix's or type's full name. */
  suffix: string;
  /** Whether the type stands before the name (Calle Sol). */
  before?: boolean;
  /** Whether the name is a direction and a numbered street (`e 71st st`), as only addresses are written. */
  numbered?: boolean;
  rest: string;
}

/** The tokens of `head` with a fraction after the house number (`1214 1/2`) dropped. */
function tokensOf(head: string): string[] {
  const tokens = head.split(/\s+/);
  if (tokens[1] === '1/2') tokens.splice(1, 1);
  return tokens;
}

/** The street suffix of `head` ("1423 N Elm St Apt 3B, Springfield") and what follows it. */
function findStreet(tokens: readonly string[], lower: boolean): Street | undefined {
  const nameWord = lower ? LOWER_NAME_WORD : NAME_WORD;
  const suffixCase = lower ? LOWER_SUFFIX_CASE : SUFFIX_CASE;
  let first = 1;
  if (tokens.length > 2 && DIRECTION.test(tokens[1]!)) first = 2;
  let found = -1;
  // The suffix that ends the street: followed by the end, a comma, a unit or a direction; else the first one.
  // The first name word is never the suffix: "22 Dr Carter G Woodson Ave" is named after someone.
  for (let i = first + 1; i < Math.min(tokens.length, first + 6); i++) {
    const t = tokens[i]!;
    const key = t.replace(/[.,]+$/, '').toLowerCase();
    if (!STREET_SUFFIXES.has(key) || !suffixCase.test(t)) continue;
    const next = tokens[i + 1];
    const ends = next === undefined || t.endsWith(',') || UNIT.test(` ${next}`) || DIRECTION.test(next);
    if (found < 0 || ends) found = i;
    if (ends) break;
  }
  if (found < 0) return undefined;
  for (let i = first; i < found; i++) {
    const word = tokens[i]!.replace(/,$/, '');
    if (!nameWord.test(word) || (lower && PROSE_WORDS.has(word))) return undefined;
  }
  const numbered = first === 2 && found === 3 && /^\d{1,3}(?:st|nd|rd|th)$/i.test(tokens[2]!);
  return { suffix: STREET_SUFFIXES.get(tokens[found]!.replace(/[.,]+$/, '').toLowerCase())!, numbered, rest: tokens.slice(found + 1).join(' ') };
}

/** A street whose type comes first ("880 Camino del Rio", "301 Avenida Las Palmas", "1200 Avenue of the Pines"). */
function findPrefixed(tokens: readonly string[], lower: boolean): Street | undefined {
  const first = tokens.length > 2 && DIRECTION.test(tokens[1]!) ? 2 : 1;
  const type = tokens[first];
  const kind = type?.toLowerCase();
  if (!kind || !PREFIX_TYPES.has(kind) || !(lower ? LOWER_SUFFIX_CASE : SUFFIX_CASE).test(type!)) return undefined;
  let i = first + 1;
  // "Avenue" alone is a suffix; before the name only as "Avenue of the …".
  if (kind === 'avenue' && !(tokens[i]?.toLowerCase() === 'of' && tokens[i + 1]?.toLowerCase() === 'the')) return undefined;
  const nameWord = lower ? LOWER_NAME_WORD : NAME_WORD;
  let names = 0;
  for (; i < tokens.length && names < 3; i++) {
    const word = tokens[i]!.replace(/,$/, '');
    if (CONNECTORS.has(word.toLowerCase())) continue;
    if (UNIT.test(` ${word} `) || !nameWord.test(word) || (lower && PROSE_WORDS.has(word))) break;
    if (kind === 'via' && (NOT_AFTER_VIA.has(word.toLowerCase()) || (!lower && /^[A-Z]{2,}$/.test(word) && /[a-z]/.test(type!)))) return undefined;
    names++;
    if (tokens[i]!.endsWith(',')) {
      i++;
      break;
    }
  }
  if (names === 0) return undefined;
  return { suffix: kind, before: true, rest: tokens.slice(i).join(' ') };
}

/** Whether one to four capitalised name words after the house number and direction are followed by a unit. */
function unitAfterName(tokens: readonly string[]): boolean {
  const first = tokens.length > 2 && DIRECTION.test(tokens[1]!) ? 2 : 1;
  for (let i = first; i < Math.min(tokens.length, first + 5); i++) {
    if (i > first && UNIT.test(` ${tokens.slice(i, i + 2).join(' ')}`)) return true;
    if (!NAME_WORD.test(tokens[i]!)) return false;
  }
  return false;
}

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
function findListed(tokens: readonly string[], listed: ReadonlySet<string>): string | undefined {
  const first = tokens.length > 2 && DIRECTION.test(tokens[1]!) ? 2 : 1;
  // The longest listed name that starts there.
  for (let end = tokens.length; end > first; end--) {
    if (listed.has(tokens.slice(first, end).join(' ').replace(/,$/, '').toLowerCase())) return tokens.slice(end).join(' ');
  }
  return undefined;
}

/** Whether a word right before the value (at `at` in `around`) says a lower-case run is an address ("im at 77 n main st"). */
function cuedBefore(around: string, at: number): boolean {
  return LOWER_CUE.test(around.slice(Math.max(0, at - 30), at));
}

/**
 * A US street address, PO box or rural route: how sure it is. A city, state and ZIP whose prefix is
 * the state's raise it (one whose prefix is another state's, or no state's, does not); a unit raises it; a
 * suffix that is also an everyday word (Park, View, Way) with neither needs a label (rule context).
 * Name words must be capitalised or in capitals, so prose ("3 blocks down the street") is not one; an
 * address all in lower case (a chat) is one only with a unit, a city, state and ZIP that agree, or a
 * word before it that says so (`at`, `to`, `moved`: readsAround), and no word of prose in its name.
 */
function validate({ value, options, around, at }: ValidatorInput): ValidatorResult {
  const notes: string[] = [];
  const lower = !/[A-Z]/.test(value);
  let adjust = 0;
  let head = value;
  let zipAgrees = false;
  const tail = CITY_TAIL.exec(value);
  if (tail) {
    const [, written, zip] = tail;
    const state = lower ? written!.toUpperCase() : written!;
    if (!STATE_CODES.has(state)) return false;
    head = value.slice(0, tail.index);
    const states = statesOfZipPrefix(Number(zip!.slice(0, 3)));
    // A ZIP that does not fit leaves the street as sure as a bare one: a typo must not hide it.
    if (!states) notes.push(`ZIP ${zip!.slice(0, 3)}xx is no state's`);
    else if (states.includes(state)) {
      adjust += 0.4;
      zipAgrees = true;
      notes.push(`ZIP prefix is ${state}'s`);
    } else notes.push(`ZIP prefix is ${states.join('/')}'s, not ${state}'s`);
  }
  if (BOX.test(head) || (tail && BARE_BOX.test(head))) return { valid: true, adjust, note: ['PO box or rural route', ...notes].join('; ') };
  if (BUILDING.test(head)) return zipAgrees ? { valid: true, adjust, note: ['building', ...notes].join('; ') } : false;
  if (KM_ON_CARRETERA.test(head) || COMPLEX.test(head) || (!tail && NUMBER_AFTER_NAME.test(head))) {
    return { valid: true, adjust, note: ['Puerto Rico street or complex', ...notes].join('; ') };
  }
  // A Puerto Rico city and ZIP vouch for what is before them when it reads as a Puerto Rico address.
  if (zipAgrees && tail![1]!.toUpperCase() === 'PR' && PR_WORDS.test(head)) return { valid: true, adjust, note: ['Puerto Rico address', ...notes].join('; ') };
  if (TRIBAL_ROUTE.test(head)) {
    if (!/\smile\s/i.test(head)) adjust -= 0.1;
    return { valid: true, adjust, note: ['tribal route', ...notes].join('; ') };
  }
  if (MILITARY.test(head) || (MILITARY_BOX.test(head) && !tail)) return { valid: true, adjust, note: ['military mail', ...notes].join('; ') };
  if (tail && GENERAL_DELIVERY.test(head)) return { valid: true, adjust, note: ['general delivery', ...notes].join('; ') };
  if (ROUTE.test(head) || COUNTY_LETTERS.test(head)) {
    if (UNIT.test(head)) adjust += 0.1;
    return { valid: true, adjust, note: ['numbered route', ...notes].join('; ') };
  }
  if (GRID.test(head)) {
    if (UNIT.test(head)) adjust += 0.1;
    return { valid: true, adjust, note: ['grid street', ...notes].join('; ') };
  }
  const tokens = tokensOf(head);
  const house = tokens[0]!;
  const ocr = !HOUSE_NUMBER.test(house);
  // Look-alike letters only in a number that is mostly digits, before a street with a suffix.
  if (ocr && !(OCR_HOUSE_NUMBER.test(house) && house.replace(/\D/g, '').length >= 2)) return false;
  const hyphen = LONG_HYPHEN.exec(house);
  if (hyphen) {
    const [, a, b] = hyphen;
    // A building over a few house numbers of one block, not two numbers that only look alike.
    const range = a!.length === b!.length && Number(b) > Number(a) && Number(b) - Number(a) <= 50;
    const hawaii = a!.length <= 2 && (tail ? tail[1]!.toUpperCase() === 'HI' : around !== undefined && HAWAII.test(around));
    if (!range && !hawaii) return false;
  }
  const street = findStreet(tokens, lower) ?? (ocr ? undefined : findPrefixed(tokens, lower));
  if (!street) {
    // A street the user's own list names (a `street-names` dictionary): no suffix needed.
    const listed = listedStreets(options);
    const rest = listed && !ocr ? findListed(tokens, listed) : undefined;
    if (rest !== undefined) {
      if (UNIT.test(rest)) adjust += 0.1;
      return { valid: true, adjust, note: ['a listed street', ...notes].join('; ') };
    }
    // "332 Grand Concourse Apt 6F, Bronx, NY 10451": a unit and a ZIP that is the state's vouch for a
    // street with no suffix, less than a suffix or a listed street would.
    if (zipAgrees && unitAfterName(tokens)) {
      return { valid: true, adjust: adjust - 0.2, note: ['a street with no suffix before a unit', ...notes].join('; ') };
    }
    return false;
  }
  const unit = UNIT.test(street.rest);
  const city = tail || unit ? '' : street.rest.replace(/^[NSEWnsew]{1,2}\.?(?:\s|$)/, '');
  if (city !== '') {
    // A city (and state) with no ZIP after the street (`at 1520 n vine st hollywood`): only in a chat's
    // lower case, after a word for a place, and no word of prose or unknown state among them.
    const words = city.replace(/,/g, '').split(/\s+/);
    const state = words.length > 1 && words[words.length - 1]!.length === 2 ? words[words.length - 1]!.toUpperCase() : undefined;
    if (!lower || words.some((w) => PROSE_WORDS.has(w)) || (state !== undefined && !STATE_CODES.has(state))) return false;
    notes.push('with a city and no ZIP');
  }
  if (lower && !unit && !zipAgrees) {
    // Refused on its own words, a lower-case run is an address only where a word before it says so,
    // or where a house number of two digits or more, a direction and a numbered street end it (`1830 e
    // 71st st`), which prose never is.
    if (street.numbered && city === '' && /^\d{2,}/.test(house) && !AMBIGUOUS_SUFFIXES.has(street.suffix)) notes.push('in lower case, a direction and a numbered street');
    else if (around === undefined || at === undefined || AMBIGUOUS_SUFFIXES.has(street.suffix) || !cuedBefore(around, at)) return false;
    else notes.push('in lower case after a word for a place');
  } else if (lower) notes.push('in lower case');
  if (ocr) {
    if (AMBIGUOUS_SUFFIXES.has(street.suffix)) return false;
    notes.push('house number with OCR look-alikes');
  }
  if (unit) {
    adjust += 0.1;
    notes.push('with a unit');
  }
  // "2016 Iain Lane" in a copyright list: a year and a name, unless a unit, a city or a street type before the name says otherwise.
  if (!unit && !tail && !street.before && /^(?:19[7-9]\d|20[0-3]\d)(?:-\d{2}|-(?:19|20)\d{2})?\s/.test(head)) {
    adjust -= 0.1;
    notes.push('house number is a year');
  }
  if (AMBIGUOUS_SUFFIXES.has(street.suffix) && !unit && !tail) {
    adjust -= 0.3;
    notes.push(`'${street.suffix}' is also an everyday word`);
  }
  return { valid: true, adjust, note: [`street ${street.before ? 'type' : 'suffix'} ${street.suffix}`, ...notes].join('; ') };
}

export const streetAddress: Validator = {
  name: 'street-address',
  description: 'A US street address: capitalised street name words and a USPS suffix (Publication 28) or a street type before them (Calle, Camino), a route, a grid street, a Puerto Rico address, or a PO box or military box; a city, state and ZIP raise it (more when the ZIP prefix is the state\'s), a unit raises it, an everyday-word suffix alone lowers it; in lower case only with a unit, an agreeing ZIP or a word before it for a place',
  readsAround: true,
  validate,
};
