import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { nameShape } from './person-name-shape.js';
import { nameTables, type NameTables } from './person-names.js';
import { listsPlaces, namesAFirm, namesAPlace } from './person-orgs.js';

/**
 * Words that are given names only sometimes: months, weekdays, modal verbs, virtues, flowers and
 * gems ("May", "Will", "Grace", "Rose"). As a first name they add little; the rule's context,
 * a title or a label has to say it is a person.
 */
const SOMETIMES_NAMES: ReadonlySet<string> = new Set(
  (
    'JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER ' +
    'MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY ' +
    'WILL CAN MIGHT SHALL MUST ' +
    'HOPE FAITH GRACE CHARITY PATIENCE JOY HONOR HONOUR JUSTICE MERCY PRUDENCE CONSTANCE VERITY TEMPERANCE CHASTITY TRUTH ' +
    'HARMONY FELICITY DESTINY TRINITY LIBERTY UNITY SERENITY ' +
    'ROSE LILY DAISY VIOLET IRIS IVY POPPY JASMINE HOLLY HEATHER DAHLIA CAMELLIA AZALEA MAGNOLIA PETUNIA BLOSSOM FERN ' +
    'HAZEL LAUREL OLIVE WILLOW AUTUMN SUMMER WINTER DAWN STORM SKY RAIN SUNNY ' +
    'RUBY PEARL JADE AMBER CRYSTAL OPAL GARNET CORAL JEWEL EMERALD'
  ).split(' '),
);

/** Lower-case name particles: "de la Cruz", "van der Berg", "bin Rashid". */
const PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'van', 'der', 'den', 'von', 'bin', 'binti', 'bint', 'ibn', 'al', 'el', 'di', 'du', 'le', 'y', 'e', 'ter', 'ten', 'st']);
/** Street suffixes that are no surnames: a name run ending in one is a street. */
const STREET_ENDS: ReadonlySet<string> = new Set(['st', 'ave', 'av', 'blvd', 'rd', 'dr', 'ln', 'ct', 'pl', 'pkwy', 'hwy', 'ter', 'cir', 'trl', 'sq', 'avenue', 'boulevard', 'road', 'parkway', 'highway', 'terrace']);

/** Words a Spanish or Portuguese street's name comes after ("Calle Rosa Maria"): no name starts with one. */
const STREET_STARTS: ReadonlySet<string> = new Set(['CALLE', 'AVENIDA', 'CAMINO', 'PASEO', 'RUA', 'RUE', 'VIA', 'CALZADA', 'CARRETERA']);
/** Words that end the name of a place or an institution, and are surnames too (after three names only). */
const PLACE_ENDS: ReadonlySet<string> = new Set(['bank', 'park', 'hall', 'church', 'chapel', 'field', 'fields', 'tower', 'towers', 'square', 'garden', 'center', 'centre', 'house', 'school']);
/** Words that end the name of a place or an institution and are hardly ever a person's surname: a landmark after any name ("Grant Fountain", "Lincoln Tunnel"). */
const LANDMARK_ENDS: ReadonlySet<string> = new Set(['fountain', 'bridge', 'tunnel', 'memorial', 'stadium', 'arena', 'plaza', 'library', 'college', 'museum', 'airport', 'hospital', 'university', 'institute', 'parish', 'county', 'cathedral', 'gardens', 'station', 'monument', 'expressway', 'turnpike', 'zoo', 'aquarium', 'mall']);

/** Titles and ranks stand before a name, never in it (some are surnames too: Officer, Major); so do a DMV return's field names. */
const TITLES: ReadonlySet<string> = new Set(
  'MR MRS MS MX DR PROF REV SGT CPL PVT LT CAPT DET OFC INSP TPR ATTY ATTORNEY HON HONORABLE HONOURABLE OFFICER DETECTIVE SERGEANT LIEUTENANT CAPTAIN CORPORAL TROOPER INSPECTOR DEPUTY AGENT JUDGE JUSTICE SENATOR GOVERNOR MAYOR PROFESSOR DOCTOR IMAM RABBI PASTOR SHEIKH COLONEL GENERAL ADMIRAL COMMANDER CHIEF PRIVATE SIR DAME LORD LADY MADAME MONSIEUR HERR FRAU LNAME FNAME MNAME LNAM FNAM MNAM'.split(' '),
);
/** Greetings and closings open a line before a name, never a name's first word ("Hi Sunita", "Thanks Deepa"). */
const GREETINGS: ReadonlySet<string> = new Set('HI HEY HELLO DEAR YO THANKS THANK THX CHEERS REGARDS SINCERELY WARMLY LOVE MORNING'.split(' '));
/** Verbs that take a person, starting a sentence before a name ("Call John", "Tell Fatima"): never a name's first word. */
const LEADING_VERBS: ReadonlySet<string> = new Set('CALL TELL ASK TEXT EMAIL E-MAIL PHONE PING MEET THANK CONTACT MESSAGE INVITE REMIND WELCOME CONGRATULATE INFORM NOTIFY'.split(' '));
const SUFFIXES: ReadonlySet<string> = new Set(['JR', 'SR', 'II', 'III', 'IV', 'ESQ']);
/** Inner capitals are a name's only after these (McDonald, DeShawn, LaToya, O'Brien); elsewhere (GitHub, JavaScript) a product's. */
const INNER_CAPITAL = /^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O'|O’|D'|D’|N'|Al-|El-)\p{Lu}\p{Ll}+$/u;

/** The key a word is looked up by: accents folded, apostrophes dropped, upper case (as scripts/make-name-tables.mjs writes them). */
export function foldName(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) ascii = false;
  const folded = ascii
    ? word
    : word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[łŁ]/g, 'L').replace(/[đĐ]/g, 'D').replace(/ß/g, 'SS').replace(/[øØ]/g, 'O');
  return folded.replace(/['’]/g, '').toUpperCase();
}

type Case = 'capitalised' | 'capitals' | 'initial' | 'particle' | 'lower' | 'other';

const ASCII_CAPITALISED = /^[A-Z][a-z']*(?:-[A-Za-z][a-z']*)*$/;
const ASCII_CAPITALS = /^[A-Z][A-Z'-]+$/;

/** An Arabic article joined to a surname in lower case ("al-Masri", "el-Sayed"): the surname's case is the name's. */
const ARTICLE = /^(?:al|el)-(?=\p{Lu})/u;

function caseOf(token: string): Case {
  if (ARTICLE.test(token)) return caseOf(token.slice(3));
  // Most names are ASCII: two plain regexes before the Unicode ones.
  if (ASCII_CAPITALISED.test(token)) return token.length === 1 ? 'initial' : 'capitalised';
  if (ASCII_CAPITALS.test(token)) return 'capitals';
  if (/^\p{Lu}\.?$/u.test(token)) return 'initial';
  if (PARTICLES.has(token)) return 'particle';
  if (/^\p{Lu}[\p{Lu}'’-]+$/u.test(token)) return 'capitals';
  if (/^\p{Lu}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}'’]*)*$/u.test(token) || INNER_CAPITAL.test(token)) return 'capitalised';
  if (/^\p{Ll}[\p{Ll}'’-]*$/u.test(token)) return 'lower';
  return 'other';
}

/** How much a word says it is a given name (or a surname): none, a little (also a word or a place), or much. */
interface Weights {
  given: number;
  surname: number;
  /** An everyday word that is no name at all ("Report", "Support"): a name it is not. */
  notName: boolean;
}

const STRONG = 0.2;
const COMMON_WORD_NAME = 0.15;
const WEAK = 0.05;

/** An English word, or one of its plain inflections (the dictionary lists stems: "command", not "commands"). */
function isWord(tables: NameTables, w: string): boolean {
  const { words } = tables;
  if (words.has(w)) return true;
  if (w.length < 5) return false;
  if (w.endsWith('s') && (words.has(w.slice(0, -1)) || (w.endsWith('es') && words.has(w.slice(0, -2))) || (w.endsWith('ies') && words.has(`${w.slice(0, -3)}y`)))) return true;
  if (w.endsWith('ed') && (words.has(w.slice(0, -2)) || words.has(w.slice(0, -1)))) return true;
  if (w.endsWith('ing') && (words.has(w.slice(0, -3)) || words.has(`${w.slice(0, -3)}e`))) return true;
  if (w.endsWith('ly') && words.has(w.slice(0, -2))) return true;
  return false;
}

/** A rule's own word lists (`dictionary:` with `use: given-names` or `surnames`), folded. */
interface ExtraNames {
  given: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}
const NO_EXTRA: ExtraNames = { given: new Set(), surnames: new Set() };
const extraCache = new WeakMap<object, ExtraNames>();

function extraNames(options: Readonly<Record<string, unknown>>): ExtraNames {
  const lists = options['dictionaries'] as Record<string, string[]> | undefined;
  if (!lists) return NO_EXTRA;
  let extra = extraCache.get(lists);
  if (!extra) {
    const fold = (words: string[] | undefined) => new Set((words ?? []).flatMap((w) => w.split(/\s+/)).map(foldName));
    extraCache.set(lists, (extra = { given: fold(lists['given-names']), surnames: fold(lists['surnames']) }));
  }
  return extra;
}

/**
 * Endings that make a word a surname in the languages whose surnames the lists under-count
 * (Ukrainian -enko, -chuk; Polish -ski, -cka, -czyk; Russian -ova, -ovich; South Slavic -ić; Greek
 * -opoulos, -akis; Russian and Central Asian -ov, -ev; Armenian -yan; Romanian -escu; Turkish -oğlu; Georgian -shvili, -dze).
 */
const SURNAME_ENDING = /^[A-Z]{2,}(?:ENKO|CHUK|CZUK|CZYK|OWSKI|EWSKI|OWSKA|EWSKA|SKI|SKA|CKI|CKA|DZKI|DZKA|SKY|SKAYA|OVA|EVA|OVNA|EVNA|OVICH|EVICH|OVIC|EVIC|VIC|OPOULOS|OPOULOU|AKIS|IADIS|YAN|ESCU|EANU|OGLU|SHVILI|DZE|OV|EV)$/;

function weigh(tables: NameTables, token: string, extra: ExtraNames = NO_EXTRA): Weights {
  // A hyphenated name (Garcia-Lopez, Jean-Luc, Al-Sayed) is as known as its best-known part.
  if (token.includes('-')) {
    const parts = token.split('-').filter((p) => p.length > 1 && !PARTICLES.has(p.toLowerCase()));
    const ws = parts.map((p) => weigh(tables, p, extra));
    if (ws.length === 0) return { given: 0, surname: 0, notName: false };
    return { given: Math.max(...ws.map((w) => w.given)), surname: Math.max(...ws.map((w) => w.surname)), notName: ws.every((w) => w.notName) };
  }
  // "Montoya's truck": the possessive is not part of the name.
  const key = foldName(token.replace(/\.$/, '').replace(/['’]s$/i, ''));
  // A user's own list says it is a name, whatever else the word is.
  if (extra.given.has(key) || extra.surnames.has(key)) return { given: extra.given.has(key) ? STRONG : 0, surname: extra.surnames.has(key) ? STRONG : 0, notName: false };
  const word = isWord(tables, key.toLowerCase());
  const place = tables.places.has(key);
  const sometimes = SOMETIMES_NAMES.has(key);
  let given = 0;
  if (tables.given.has(key)) {
    if (sometimes || place) given = WEAK;
    else if (!word) given = STRONG;
    else given = tables.commonGiven.has(key) ? COMMON_WORD_NAME : WEAK / 2;
  }
  let surname = 0;
  const rank = tables.surnameRank.get(key);
  if (rank !== undefined) {
    if (SOMETIMES_NAMES.has(key)) surname = WEAK;
    else if (!word && !place) surname = STRONG;
    else surname = rank < tables.commonSurnames ? COMMON_WORD_NAME : WEAK;
  } else if (!word && !place && key.length >= 6 && SURNAME_ENDING.test(key)) surname = COMMON_WORD_NAME;
  return { given, surname, notName: word && given === 0 && surname === 0 };
}

/**
 * A person's name: how sure its words make it. Each word is looked up in the given-name and
 * surname tables (1990 Census, Moby, and hand lists for the names the Census under-counts); a word
 * that is also an everyday word, a month or a place counts for little, and an everyday word that is
 * no name refuses the span. Given name then surname ("Maria Garcia"), surname then given name ("Nguyen Thi
 * Lan"), or `LAST, FIRST M` are read. Capitals must be a name's (GitHub and iPhone are not).
 * The pattern's score says how much the place says (a label, a title, or nothing).
 */
function validate({ value, options, around, at }: ValidatorInput): ValidatorResult {
  // Refused on its own words, a run may still be a name its place vouches for (readsAround).
  if (around !== undefined) return afterStrongLabel(value, around, at ?? around.indexOf(value)) ? judge(value, options, true) : false;
  return judge(value, options, false);
}

/**
 * Labels after which two or three capitalised words are a person's even when a word is also a rare
 * everyday word ("Driver: Amadou Bah": amadou is a tinder) or short in capitals ("OPERATOR: KHOURY, RAMI").
 * Only labels that name a person, not ones a team or a product may fill (Owner, Contact, Subject).
 */
const STRONG_LABEL = /(?:^|[^A-Za-z])(?:(?:full |legal |patient |driver |client |customer |employee |student |applicant |account |contact )?name|patient|driver|operator|registered owner|suspect|victim|witness|defendant|plaintiff|decedent|next of kin|emergency contact|spouse|guardian|cardholder|name on card|account holder|policyholder|insured|beneficiary|applicant|nam|nm|r\/o|susp|drv)[ \t]?[:=][ \t]{0,8}$/i;

/** Whether `value`, at `at` in `around` (the candidate's window), stands right after a strong label. */
function afterStrongLabel(value: string, around: string, at: number): boolean {
  if (at <= 0) return false;
  const words = value.split(/[\s,]+/).filter(Boolean).length;
  return words >= 2 && words <= 3 && STRONG_LABEL.test(around.slice(Math.max(0, at - 40), at));
}

function judge(value: string, options: Readonly<Record<string, unknown>>, labelled: boolean): ValidatorResult {
  if (OCR_CONFUSED.test(value)) return ocrRead(value, options, labelled);
  // A vCard's N: field writes LAST;FIRST.
  const comma = value.search(/[,;]/);
  const lastFirst = comma > 0 && !/,\s*(?:Jr|Sr|II|III|IV|JR|SR|Esq)\.?$/.test(value);
  // Initials glued together ("R.K. Sharma") are initials each.
  const tokens = value.replace(/[,;]/g, ' ').replace(/(\p{Lu}\.)(?=\p{Lu}\.)/gu, '$1 ').split(/\s+/).filter(Boolean);
  const tables = nameTables();
  const extra = extraNames(options);
  if (tokens.every((t) => caseOf(t) === 'lower' && !PARTICLES.has(t))) return lowerCase(tables, tokens, extra);
  const names: string[] = [];
  let capitals = 0;
  /** Initials before the first name ("J. R. Smith"), and initials after LAST, ("Smith, J."). */
  let initialsBefore = 0;
  let initialsAfterComma = 0;
  /** Initials right after the first word ("Driver J. R. Smith", "John F. Kennedy"). */
  let initialsAfterFirst = 0;
  for (const t of tokens) {
    const c = caseOf(t);
    if (c === 'other' || TITLES.has(foldName(t.replace(/\.$/, '')))) return false;
    if (c === 'particle') continue;
    if (c === 'initial') {
      if (names.length === 0) initialsBefore++;
      else if (lastFirst && names.length === 1) initialsAfterComma++;
      else if (names.length === 1) initialsAfterFirst++;
      continue;
    }
    // A greeting before a name: the span is refused, so the name after it is read on its own.
    // So does a verb that takes a person ("Call John"): redaction masks the span, and the verb must stay.
    if (names.length === 0 && tokens.length > 1 && (GREETINGS.has(t.replace(/[,!]$/, '').toUpperCase()) || LEADING_VERBS.has(t.toUpperCase()))) return false;
    // A suffix ends a name, never starts one ("Daniel Roth, Esq.": the Esq is no second name).
    if (SUFFIXES.has(t.replace(/\.$/, '').toUpperCase())) {
      if (names.length === 0) return false;
      continue;
    }
    // A small word that is no particle ("and", "of"): two names, or a name and prose, not one name.
    if (c === 'lower') return false;
    if (c === 'capitals') capitals++;
    names.push(t);
  }
  if (names.length === 0 || names.length > 5) return false;
  const ws = names.map((t) => weigh(tables, t, extra));
  for (let i = 0; i < names.length; i++) {
    if (caseOf(names[i]!) !== 'capitals') continue;
    const w = ws[i]!;
    // In capitals a short word is an acronym (IP, CVE, NAT) unless it stands with other names, and one unknown word alone is a constant;
    // after a strong label a record's LAST, FIRST may hold a short given name no list knows (KHOURY, RAMI).
    if (labelled && lastFirst && names.length > 1 && /^[A-Z]{3,4}$/.test(names[i]!) && /[AEIOUY]/.test(names[i]!) && !/[^AEIOUY]{3}/.test(names[i]!)) continue;
    if ((w.given + w.surname === 0 || (names.length === 1 && Math.max(w.given, w.surname) < STRONG)) && names[i]!.replace(/[^A-Z]/g, '').length <= 4) return false;
    if (w.given + w.surname === 0 && names.length === 1) return false;
    // Headings are in capitals: a name there that is also a word ("READ", "HOPE") says little.
    if (Math.max(w.given, w.surname) < COMMON_WORD_NAME) ws[i] = { given: Math.min(w.given, WEAK / 2), surname: Math.min(w.surname, WEAK / 2), notName: w.notName };
  }
  // Legal text in capitals ("THE AUTHOR MARC-ANDRE LEMBURG DISCLAIMS ALL"): a run of three or more
  // words in capitals with a word no list knows and an everyday word among them is prose, not a name.
  if (capitals === names.length && names.length >= 3 && ws.some((w) => w.given + w.surname === 0) && names.some((t) => isWord(tables, foldName(t).toLowerCase()))) return false;
  // An everyday word that is no name ("Yesterday", "Report", "Bakery") is not part of a name: the
  // span is refused (not just scored low), so the name inside it ("Yesterday Maria Garcia") is tried.
  // After a strong label, a rare word among known names is a name too ("Driver: Amadou Bah"); an all-word
  // run ("Driver: Realtek Audio") is not, nor one whose name is a name only sometimes ("Driver: Summer Audio").
  if (ws.some((w) => w.notName) && !(labelled && ws.some((w) => w.given + w.surname > 0) && !names.some((t) => SOMETIMES_NAMES.has(foldName(t))))) return false;
  let adjust = 0;
  const notes: string[] = [];
  const last = names[names.length - 1]!;
  // A run that ends in a street suffix is a street named after someone (Jefferson Ave, King Jr Blvd).
  if (STREET_ENDS.has(last.replace(/\.$/, '').toLowerCase())) return false;
  // Three names and a place's or an institution's word that is a surname too (Hall, Park, Bank): a place
  // named after someone ("Martin Luther King Park", "Warren Buffett Hall"), or a firm ("Morgan Stanley Bank").
  if (names.length >= 3 && PLACE_ENDS.has(last.toLowerCase())) return false;
  if (names.length >= 2 && LANDMARK_ENDS.has(last.toLowerCase())) return false;
  if (names.length > 1 && STREET_STARTS.has(foldName(names[0]!))) return false;
  // A place's name ("Santa Monica", "Beverly Hills") or a list of places ("Jackson, Madison"; in capitals it
  // is a record's LAST, FIRST) is no person's unless a label says so; a firm's or a brand's ("Charles Schwab")
  // counts for no more than its place says.
  const keys = names.map((t) => foldName(t.replace(/\.$/, '').replace(/['’]s$/i, '')));
  const placeList = lastFirst && keys.length === 2 && capitals < 2 && listsPlaces(tables, keys[0]!, keys[1]!);
  if (!labelled && (namesAPlace(keys) || placeList)) return false;
  const firm = namesAFirm(tables, keys);
  // A sentence that starts with an everyday word before a name ("Tell Dmitri Volkov"): the name is the rest.
  // So does a label or a word before initials ("Driver J. R. Smith"): the initials start the name.
  const firstIsWord = ws[0]!.given < COMMON_WORD_NAME && isWord(tables, foldName(names[0]!).toLowerCase());
  if (firstIsWord && (initialsAfterFirst > 1 || (names.length >= 3 && ws[0]!.surname < COMMON_WORD_NAME))) return false;
  let known: number;
  if (initialsBefore > 0) {
    // Initials stand for given names: the surname (the best-known later word) must be a known one.
    known = Math.max(...ws.map((w) => w.surname));
    if (known < COMMON_WORD_NAME) return false;
    adjust += initialsBefore > 1 ? 0.15 : 0.1;
    notes.push('initials and a known surname');
  } else if (names.length === 1 && initialsAfterComma > 0) {
    // "Smith, J.": a record's surname and initial; a place before the comma is an address ("Washington, D.C.").
    const key = foldName(names[0]!);
    if (tables.places.has(key)) return false;
    known = ws[0]!.surname;
    if (known === 0) return false;
    adjust += STRONG;
    notes.push('LAST, initial order');
  } else if (names.length === 1) {
    known = Math.max(ws[0]!.given, ws[0]!.surname);
    // One word that is an everyday word and a rare name ("Dr Pepper") needs more than a title.
    if (known < COMMON_WORD_NAME && isWord(tables, foldName(names[0]!).toLowerCase())) adjust -= 0.2;
    // One word no name list knows, after a label ("Subject: Hoja de operaciones"): a capitalised word, not yet a name.
    else if (known === 0) adjust -= 0.1;
    notes.push(known >= STRONG ? 'a known name' : known > 0 ? 'a name that is also a word' : 'not in the name lists');
  } else if (lastFirst) {
    const before = value.slice(0, comma).trim().split(/\s+/).filter((t) => !PARTICLES.has(t));
    // "Paul Eggert, David" is a list; two surnames before the comma are a record's (GARCIA LOPEZ, MARIA).
    if (before.length > 1 && !before.every((t) => caseOf(t) === 'capitals')) return false;
    const commaToken = before.length;
    const surnames = ws.slice(0, commaToken);
    const given = ws.slice(commaToken);
    // After the comma come given names: "Eggert, David MacKenzie" is a list of two people, not one.
    if (given.length > 1 && given[1]!.given === 0 && given[1]!.surname > 0) return false;
    known = Math.max(...surnames.map((w) => w.surname)) + Math.max(0, ...given.map((w) => w.given));
    notes.push('LAST, FIRST order');
    if (capitals === names.length) {
      adjust += 0.1;
      notes.push('in capitals, as records write it');
    }
  } else {
    const first = ws[0]!;
    const laterSurname = Math.max(...ws.slice(1).map((w) => w.surname));
    // A given name that is a name only sometimes (a month, a modal verb, a virtue) or a place counts when a
    // surname that is no word follows ("Will Okafor", "May Thu", "Georgia Okoro"); other words that are
    // rare names ("In", "Sun") do not.
    const key = foldName(names[0]!);
    const sometimes = SOMETIMES_NAMES.has(key) || tables.places.has(key);
    const given = sometimes && first.given > 0 && laterSurname >= STRONG ? Math.max(first.given, COMMON_WORD_NAME) : first.given;
    // The surname is the best known of the later words: "Ana María Rodríguez de la Fuente".
    const givenFirst = given + laterSurname;
    // Surname first (Vietnamese, Chinese, Korean, Hungarian): the second word is the given name.
    const surnameFirst = first.surname + Math.max(...ws.slice(1).map((w) => w.given));
    known = Math.max(givenFirst, surnameFirst);
    if (surnameFirst > givenFirst) notes.push('surname first');
    if (known === 0 && unknownNameShaped(tables, names)) {
      adjust += UNKNOWN_SHAPED;
      notes.push('name-shaped words no list knows');
    }
  }
  adjust += firm ? 0 : known;
  if (firm) notes.push('the name of a firm or a brand');
  else if (names.length > 1) notes.push(known >= 2 * STRONG ? 'known given name and surname' : known >= STRONG ? 'one word a known name' : known > 0 ? 'names that are also words' : 'not in the name lists');
  return { valid: true, adjust: Math.round(adjust * 100) / 100, note: notes.join('; ') };
}

/** A digit or a bar where a scanned form's letter was ("Wi11iams", "R0SA", "0kafor"): only the OCR pattern's values hold one. */
const OCR_CONFUSED = /[015|]/;
const AS_CAPITAL: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '|': 'I', '5': 'S' };
const IN_CAPITALS: Readonly<Record<string, string>> = { ...AS_CAPITAL, l: 'I' };
const AS_LOWER: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '|': 'l', '5': 's' };

/**
 * A name as OCR reads a form, its letters swapped for look-alikes: 0 for O, 1 or | for l or I, 5 for S,
 * and l for I in capitals ("DlAZ, R0SA"). Each word is read back (a word with more than two swaps, or
 * other digits, is a number), and the name judged as written; it must hold a known name, and counts a
 * little less.
 */
function ocrRead(value: string, options: Readonly<Record<string, unknown>>, labelled: boolean): ValidatorResult {
  let swaps = 0;
  let bad = false;
  const read = value.replace(/[\p{L}015|'’-]+/gu, (w) => {
    const n = (w.match(/[015|]/g) ?? []).length;
    if (n > 2 || n === w.length) bad = true;
    swaps += n;
    // A word in capitals reads its look-alikes as capitals; otherwise, after the first letter, as lower case.
    const others = w.replace(/[^\p{L}]|l/gu, '');
    const caps = /\p{Lu}/u.test(others) && others === others.toUpperCase();
    return [...w].map((c, i) => (caps ? IN_CAPITALS : i === 0 ? AS_CAPITAL : AS_LOWER)[c] ?? c).join('');
  });
  if (bad || swaps === 0 || /\d/.test(read)) return false;
  const r = judge(read, options, labelled);
  if (typeof r !== 'object' || !r.valid || (r.adjust ?? 0) < STRONG) return false;
  return { valid: true, adjust: Math.round(((r.adjust ?? 0) - 0.1) * 100) / 100, note: `read through OCR's look-alike letters; ${r.note}` };
}

/** What two or three name-shaped words no list knows add: with a person's context nearby, a name in running text. */
const UNKNOWN_SHAPED = 0.15;

/**
 * Two or three capitalised words that no name list, no dictionary and no place list holds, that
 * read as names rather than English coinages ("Behrouz Farahani", not "Snapchat Stories"): the
 * names the lists under-count. Never enough alone; a person's context must say the rest.
 */
function unknownNameShaped(tables: NameTables, names: readonly string[]): boolean {
  if (names.length > 3) return false;
  let shape = 0;
  for (const t of names) {
    if (caseOf(t) !== 'capitalised' || t.length < 3) return false;
    const key = foldName(t.replace(/['’]s$/i, ''));
    if (tables.places.has(key) || isWord(tables, key.toLowerCase()) || !/[AEIOUY]/.test(key)) return false;
    const s = nameShape(key);
    if (s < MIN_WORD_SHAPE) return false;
    shape += s;
  }
  return shape / names.length >= MIN_SHAPE;
}
/** Mean trigram log-odds: each word at least no clear English word, all together leaning to a name. */
const MIN_WORD_SHAPE = -0.3;
const MIN_SHAPE = 0.1;

/**
 * A name in lower case ("talked to maria lopez", "kwame said"): chats write them so, and so does
 * prose, so every word must be a known name (a given name first) and one at least no English word.
 */
function lowerCase(tables: NameTables, tokens: readonly string[], extra: ExtraNames): ValidatorResult {
  if (tokens.length > 3) return false;
  const ws = tokens.map((t) => weigh(tables, t, extra));
  // One word must be a name and no word ("svetlana"); with a surname after it, a common given name
  // may be a word as well ("maria lopez", "mark brown").
  if (tokens.length === 1 && ws[0]!.given < STRONG) return false;
  if (ws[0]!.given < COMMON_WORD_NAME || !ws.some((w) => Math.max(w.given, w.surname) >= STRONG)) return false;
  const rest = ws.slice(1).map((w) => Math.max(w.surname, w.given));
  if (rest.some((k) => k < COMMON_WORD_NAME)) return false;
  const known = ws[0]!.given + Math.max(0, ...rest);
  return { valid: true, adjust: known, note: 'a known name written in lower case' };
}

export const personName: Validator = {
  name: 'person-name',
  description: "A person's name: words looked up in given-name and surname tables (1990 Census, Moby, hand lists), weaker when a word is also an everyday word, a month or a place; LAST, FIRST and surname-first orders",
  validate,
  readsAround: true,
  // Names come back (a maintainer in every changelog entry): the scanner keeps recent results.
  costly: true,
};
