/**
 * Phone regions a message names around a number: a country's name or its people's (`in Israel`,
 * `UK mobile`, `my Mexican number`), a region code in capitals (`My CN number`), or a number written
 * with `+` and its country code. A national number that no configured region accepts is tried in
 * these (see phone.ts), so a message that says where a number is from needs no `--region`.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { phoneLib } from '../libraries.js';

/** What names a region: the text that did (for `why`) and the region code. */
export interface NamedRegion {
  region: string;
  by: string;
}

/**
 * Names that are not the English short name of the region (Intl.DisplayNames gives those):
 * everyday abbreviations and the adjectives for a country's people, which is how people say it
 * (`my Israeli number`). A name that starts with the country's own (Israeli, Japanese) needs no entry.
 */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  GB: ['UK', 'U.K.', 'Britain', 'British', 'Scotland', 'Scottish', 'Wales', 'Welsh', 'England'],
  US: ['USA', 'U.S.', 'U.S.A.', 'America', 'American'],
  CN: ['Chinese', 'PRC'], DE: ['German'], FR: ['French'], MX: ['Mexican'], ES: ['Spanish'], IT: ['Italian'],
  NL: ['Dutch', 'Holland'], CH: ['Swiss'], SE: ['Swedish'], NO: ['Norwegian'], DK: ['Danish'], FI: ['Finnish'],
  PL: ['Polish'], IE: ['Irish'], KR: ['Korean', 'South Korea'], RU: ['Russian'], TR: ['Turkish', 'Türkiye'], GR: ['Greek'],
  PT: ['Portuguese'], BE: ['Belgian'], AR: ['Argentine', 'Argentinian'], CL: ['Chilean'], PE: ['Peruvian'],
  CO: ['Colombian'], GT: ['Guatemalan'], PH: ['Filipino', 'Philippine'], TH: ['Thai'], VN: ['Vietnamese'],
  UA: ['Ukrainian'], CZ: ['Czech'], HU: ['Hungarian'], RO: ['Romanian'], NZ: ['New Zealander', 'Kiwi'],
  AE: ['UAE', 'Emirati'], SA: ['Saudi'], PK: ['Pakistani'], BD: ['Bangladeshi'], EG: ['Egyptian'], IN: ['Indian'],
  BR: ['Brazilian'], CA: ['Canadian'], AU: ['Australian', 'Aussie'], AT: ['Austrian'], JP: ['Japanese'],
};

/**
 * Country names that are as often something else: a US state (Georgia, New Jersey), a given name
 * (Jordan, Chad), an everyday word (Guinea pig).
 */
const AMBIGUOUS = new Set(['georgia', 'jersey', 'jordan', 'chad', 'guinea', 'man']);

/**
 * A two-letter code names a region only right before a phone word (`CN number`, `UK mobile`):
 * alone, codes are also US states (IL, PA, DE), words (IN, IT, NO) and abbreviations.
 */
const PHONE_WORD_AFTER = /^[ ]?(?:number|phone|mobile|cell|tel|telephone|landline|line|fax)\b/i;

/** How a people's adjective grows from a country's name (Israel-i, Japan-ese, Kenya-n, Austria-ns). */
const DEMONYM_TAIL = /^(?:i|n|an|ian|ese|s|ns|ans|ians)$/;

let names: { re: RegExp; regionOf: Map<string, string> } | undefined;

/** One regex of every name (longest first) and the region each stands for, built at first use. */
function nameTable(): { re: RegExp; regionOf: Map<string, string> } {
  if (names) return names;
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  const regionOf = new Map<string, string>();
  const add = (name: string, region: string) => {
    const key = name.toLowerCase();
    if (!regionOf.has(key)) regionOf.set(key, region);
  };
  for (const region of phoneLib().getCountries()) {
    const name = display.of(region);
    // "Hong Kong SAR China", "Congo - Kinshasa", "Myanmar (Burma)": the part before the qualifier.
    if (name && name !== region) add(name.replace(/\s+(?:SAR\b.*|-\s.*|\(.*)$/, ''), region);
    add(region, region);
  }
  for (const [region, list] of Object.entries(OTHER_NAMES)) for (const n of list) add(n, region);
  const escaped = [...regionOf.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A name is a word (Israeli after Israel: a word that starts with a name); a code is in capitals only.
  names = { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{N}])`, 'giu'), regionOf };
  return names;
}

/** `Chicago, IL`: a code after a place and a comma is a state's. */
const afterComma = (text: string, at: number): boolean => /,\s?$/.test(text.slice(Math.max(0, at - 2), at));

/** `+` and a country code with the rest of a number: parsed whole, its country is the region. */
const PLUS_NUMBER = /(?<![\w+])\+\d[\d ().-]{6,18}\d/g;

/** The regions named in `text`, in the order they appear, each once. */
export function regionsNamedIn(text: string): NamedRegion[] {
  const out: NamedRegion[] = [];
  const seen = new Set<string>();
  const push = (region: string, by: string) => {
    if (seen.has(region)) return;
    seen.add(region);
    out.push({ region, by });
  };
  const { re, regionOf } = nameTable();
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[0];
    const code = word.length === 2 && !word.includes('.');
    // A region code only in capitals; a name capitalised (China, CHINA; not china the porcelain).
    if (code ? word !== word.toUpperCase() : word[0] !== word[0]!.toUpperCase()) continue;
    const after = text.slice(m.index + word.length, m.index + word.length + 12);
    const tail = /^\p{L}*/u.exec(after)![0];
    if (code ? tail.length > 0 || !PHONE_WORD_AFTER.test(after) || afterComma(text, m.index) : tail.length > 0 && !DEMONYM_TAIL.test(tail)) continue;
    if (!code && tail.length === 0 && AMBIGUOUS.has(word.toLowerCase())) continue;
    const region = regionOf.get(word.toLowerCase());
    if (region) push(region, word + tail);
  }
  PLUS_NUMBER.lastIndex = 0;
  for (let m = PLUS_NUMBER.exec(text); m !== null; m = PLUS_NUMBER.exec(text)) {
    let country: CountryCode | undefined;
    try {
      country = phoneLib().parsePhoneNumberFromString(m[0], { extract: false })?.country;
    } catch {
      country = undefined;
    }
    if (country) push(country, `+${phoneLib().getCountryCallingCode(country)}`);
  }
  return out;
}
