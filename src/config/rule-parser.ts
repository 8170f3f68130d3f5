/**
 * Rule files: YAML text in, validated rule definitions out. Pure (the caller reads
 * the file). Every problem is a ConfigError naming file, line and field; a file
 * either loads whole or not at all.
 */
import { ConfigError, Fields, YamlSource, type FieldPath } from './yaml-source.js';
import { regexShape, RegexShapeError } from '../engine/regex-shape.js';
import { requiredLiterals } from '../engine/required-literals.js';
import {
  DEFAULT_BOOST,
  DEFAULT_SCORE,
  DEFAULT_WINDOW,
  REDACT_STYLES,
  type ContextDef,
  type ExampleDef,
  type MaskStyle,
  type PatternDef,
  type RegexShape,
  type RuleDef,
  type ValidatorRef,
} from '../model/rule.js';
import { SEVERITIES } from '../model/finding.js';
import { getValidator, VALIDATORS } from '../engine/validators/index.js';
import { checkValidatorOptions } from './validator-options.js';
import { trieRegex } from '../engine/word-trie.js';

const RULE_FIELDS = [
  'id', 'entity', 'severity', 'name', 'description', 'mask', 'redact',
  'patterns', 'validators', 'context', 'labels', 'deny', 'examples', 'derived', 'dictionary',
] as const;
const DICTIONARY_FIELDS = ['file', 'use', 'score', 'caseSensitive'];
/**
 * What a word list is for: `match` makes each word or phrase a finding; `street-names` makes a
 * house number before a listed street an address (and is handed to the street-address validator);
 * the others are handed to the rule's validators under that name (the person-name validator reads
 * extra given names and surnames).
 */
export const DICTIONARY_USES = ['match', 'given-names', 'surnames', 'street-names'] as const;
/** A word list's bounds: a list this long is still one small regex, and the rule file stays its own size. */
const MAX_DICTIONARY_WORDS = 20_000;
const MAX_DICTIONARY_WORD = 64;

/** Reads a rule's word list, named relative to the rule file; the caller does the I/O (and bounds it). */
export type ReadWordList = (file: string) => string;
const PATTERN_FIELDS = ['name', 'regex', 'score', 'ignoreCase'];
const CONTEXT_FIELDS = ['words', 'labelsOf', 'regex', 'window', 'boost', 'caseSensitive', 'nearest', 'side'];
const SIDES = ['before', 'after', 'both'] as const;
const MASKS: readonly MaskStyle[] = ['last4', 'full', 'none'];
/** Longest match a pattern may produce; keeps the scanner's look-back buffer small. */
export const MAX_PATTERN_LENGTH = 512;
const MAX_WINDOW = 1000;

export function parseRuleFile(file: string, text: string, readWordList?: ReadWordList): RuleDef[] {
  const src = YamlSource.parse(file, text);
  const value = src.value();
  if (value === null || value === undefined) throw new ConfigError(file, 1, '', 'the file holds no rule');
  const root = Fields.root(src, value);
  if ('rules' in root.obj) {
    root.onlyKnown(['rules']);
    const list = root.list('rules', true)!;
    return list.map((_, i) => parseRule(root.child('rules', i), readWordList));
  }
  return [parseRule(root, readWordList)];
}

function parseRule(f: Fields, readWordList?: ReadWordList): RuleDef {
  f.onlyKnown(RULE_FIELDS);
  const id = f.string('id', { required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, hint: 'use letters, digits, . _ -' });
  const entity = f.string('entity', {
    required: true,
    pattern: /^[A-Z][A-Z0-9_]*$/,
    hint: 'entity names are UPPER_SNAKE_CASE, e.g. US_SSN',
  });
  const severity = f.oneOf('severity', SEVERITIES, true)!;
  const name = f.string('name') ?? entity;
  // A derived rule (PROFILE) is made from other findings after the scan: it has no patterns.
  const derived = f.boolean('derived') ?? false;
  if (derived && f.has('patterns')) throw f.src.error(f.at('patterns'), 'a derived rule has no patterns');
  const lists = parseDictionaries(f, readWordList);
  const matched = lists.filter((d) => d.use === 'match');
  const streets = lists.filter((d) => d.use === 'street-names');
  const listed = [...matched.map((d) => dictionaryPattern(f, d)), ...streets.map((d) => streetNamePattern(f, d))];
  const patterns = [...(f.list('patterns', !derived && listed.length === 0) ?? []).map((p, i) => parsePattern(f, i, p)), ...listed];
  const handed = lists.filter((d) => d.use !== 'match');
  const dictionaries = handed.length > 0 ? Object.fromEntries(handed.map((d) => [d.use, d.words])) : undefined;
  const redact = f.oneOf('redact', REDACT_STYLES);
  return {
    id,
    entity,
    severity,
    name,
    description: f.string('description') ?? '',
    mask: f.oneOf('mask', MASKS) ?? 'last4',
    ...(redact !== undefined ? { redact } : {}),
    ...(derived ? { derived: true as const } : {}),
    patterns,
    validators: (f.list('validators') ?? []).map((v, i) => parseValidator(f, id, i, v)).map((v) => (dictionaries ? { ...v, options: { ...v.options, dictionaries } } : v)),
    context: parseContext(f),
    ...(f.stringList('labels').length > 0 ? { labels: f.stringList('labels') } : {}),
    deny: f.stringList('deny'),
    examples: parseExamples(f),
    source: { file: f.src.file, line: f.src.lineOf(f.path) },
  };
}

interface WordList {
  file: string;
  use: (typeof DICTIONARY_USES)[number];
  words: string[];
  score: number;
  caseSensitive: boolean;
  path: FieldPath;
}

/** `dictionary:` entries: word-list files (one word or phrase a line, `#` comments), read through `readWordList`. */
function parseDictionaries(rule: Fields, readWordList: ReadWordList | undefined): WordList[] {
  const items = rule.list('dictionary') ?? [];
  return items.map((item, i) => {
    const d = typeof item === 'string' ? new Fields(rule.src, [...rule.at('dictionary'), i], { file: item }) : rule.child('dictionary', i);
    d.onlyKnown(DICTIONARY_FIELDS);
    const file = d.string('file', { required: true });
    const use = d.oneOf('use', DICTIONARY_USES) ?? 'match';
    const caseSensitive = d.boolean('caseSensitive') ?? false;
    if (!readWordList) throw rule.src.error(d.at('file'), 'word lists are read only from rule files on disk');
    let text: string;
    try {
      text = readWordList(file);
    } catch (e) {
      throw rule.src.error(d.at('file'), `cannot read word list: ${(e as Error).message}`);
    }
    const words = [...new Set(text.split(/\r?\n/).map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '' && !l.startsWith('#')))];
    if (words.length === 0) throw rule.src.error(d.at('file'), 'the word list is empty');
    if (words.length > MAX_DICTIONARY_WORDS) throw rule.src.error(d.at('file'), `the word list has more than ${MAX_DICTIONARY_WORDS} entries`);
    const long = words.findIndex((w) => w.length > MAX_DICTIONARY_WORD);
    if (long >= 0) throw rule.src.error(d.at('file'), `entry ${long + 1} of the word list is longer than ${MAX_DICTIONARY_WORD} characters`);
    // A listed street is as sure as a street with a USPS suffix: its city, state and ZIP raise it.
    const score = d.number('score', 0, 1) ?? (use === 'street-names' ? STREET_SCORE : 0.8);
    return { file, use, words, score, caseSensitive, path: d.path };
  });
}

/** Letters (Latin, with accents) and digits: a listed word must not be part of a longer one. */
const WORD_CHARS = 'A-Za-zÀ-ɏ0-9_';

/** A `match` word list as a pattern: any listed word or phrase, whole (no letter or digit either side). */
function dictionaryPattern(rule: Fields, d: WordList): PatternDef {
  const words = d.caseSensitive ? d.words : d.words.map((w) => w.toLowerCase());
  const regex = `(?<![${WORD_CHARS}])${trieRegex(words)}(?![${WORD_CHARS}])`;
  const shape = checkRegex(rule.src, [...d.path, 'file'], regex, !d.caseSensitive);
  return withLiterals({ name: `word list ${d.file}`, regex, score: d.score, ignoreCase: !d.caseSensitive, line: rule.src.lineOf(d.path), shape });
}

const STREET_SCORE = 0.55;
/** A house number (1423, 12B, 7-A, 10 1/2) and an optional direction, before a listed street. */
const HOUSE = '(?<![\\w\\-.#/$:])\\d{1,6}(?:[a-z](?![a-z])|-[a-z]|[ ]1/2)?[ ](?:(?:[nsew]{1,2}|(?:north|south)(?:east|west)?|east|west)\\.?[ ])?';
/** What may follow the street: a direction, a unit, and a city, state and ZIP. */
const STREET_TAIL =
  '(?:[ ][nsew]{1,2}\\.?(?![a-z]))?(?:,?[ ](?:apt|unit|suite|ste|fl|rm|bldg|#)\\.?[ ]?#?[a-z0-9-]{1,6}(?![a-z0-9]))?(?:,?[ ]{1,2}[a-z][a-z.\' -]{1,30},?[ ][a-z]{2}\\.?[ ]{1,2}\\d{5}(?:-\\d{4})?(?!\\d))?';

/** A `street-names` list as a pattern: a house number, a listed street, whole, and an optional unit and city. */
function streetNamePattern(rule: Fields, d: WordList): PatternDef {
  const words = d.caseSensitive ? d.words : d.words.map((w) => w.toLowerCase());
  const regex = `${HOUSE}${trieRegex(words)}(?![${WORD_CHARS}])${STREET_TAIL}`;
  const shape = checkRegex(rule.src, [...d.path, 'file'], regex, !d.caseSensitive);
  return withLiterals({ name: `street list ${d.file}`, regex, score: d.score, ignoreCase: !d.caseSensitive, line: rule.src.lineOf(d.path), shape });
}

function parsePattern(rule: Fields, i: number, value: unknown): PatternDef {
  const path = [...rule.at('patterns'), i];
  const p = typeof value === 'string' ? new Fields(rule.src, path, { regex: value }) : rule.child('patterns', i);
  p.onlyKnown(PATTERN_FIELDS);
  const regex = p.string('regex', { required: true });
  const ignoreCase = p.boolean('ignoreCase') ?? false;
  const shape = checkRegex(rule.src, p.at('regex'), regex, ignoreCase);
  return withLiterals({
    name: p.string('name') ?? `pattern ${i + 1}`,
    regex,
    score: p.number('score', 0, 1) ?? DEFAULT_SCORE,
    ignoreCase,
    line: rule.src.lineOf(p.at('regex')),
    shape,
  });
}

/** The pattern with the literals its matches contain, worked out once here (kept with the build's snapshot). */
function withLiterals(def: PatternDef): PatternDef {
  const literals = requiredLiterals(def.regex);
  return literals ? { ...def, literals } : def;
}

/** V8's complaint without the regex it quotes (`Invalid regular expression: /…/gm: Unterminated group`): the field says which. */
const regexProblem = (e: unknown): string => (e as Error).message.replace(/^Invalid regular expression: \/[^]*\/[a-z]*: /, '');

/** Compile once to catch syntax errors, then check the bounds the streaming scanner relies on; returns them. */
function checkRegex(src: YamlSource, path: FieldPath, regex: string, ignoreCase: boolean): RegexShape {
  try {
    new RegExp(regex, ignoreCase ? 'gmi' : 'gm');
  } catch (e) {
    throw src.error(path, `bad regex: ${regexProblem(e)}`);
  }
  let shape;
  try {
    shape = regexShape(regex);
  } catch (e) {
    if (e instanceof RegexShapeError) throw src.error(path, `bad regex: ${e.message}`);
    throw e;
  }
  if (shape.minLength === 0) throw src.error(path, 'regex can match empty text; every match must consume at least one character');
  if (!Number.isFinite(shape.maxLength) || shape.maxLength > MAX_PATTERN_LENGTH) {
    throw src.error(
      path,
      `regex can match more than ${MAX_PATTERN_LENGTH} characters; bound its quantifiers (e.g. {1,64} instead of + or *) ` +
        'so matches stay short and the streaming scan stays exact',
    );
  }
  if (!Number.isFinite(shape.behind) || shape.behind > MAX_PATTERN_LENGTH) {
    throw src.error(path, 'regex look-behind is unbounded; bound its quantifiers');
  }
  return shape;
}

function parseValidator(rule: Fields, ruleId: string, i: number, value: unknown): ValidatorRef {
  const path = [...rule.at('validators'), i];
  const v = typeof value === 'string' ? new Fields(rule.src, path, { name: value }) : rule.child('validators', i);
  const name = v.string('name', { required: true });
  const validator = getValidator(name);
  if (!validator) {
    throw rule.src.error(path, `unknown validator '${name}'; known validators: ${[...VALIDATORS.keys()].join(', ')}`);
  }
  return { name, options: checkValidatorOptions(ruleId, validator, v) };
}

function parseContext(rule: Fields): ContextDef[] {
  const items = rule.list('context') ?? [];
  if (items.length === 0) return [];
  // Shorthand: a plain list of words is one group with default window and boost.
  if (items.every((w) => typeof w === 'string')) {
    return [{ words: items as string[], window: DEFAULT_WINDOW, boost: DEFAULT_BOOST, caseSensitive: false, nearest: false, side: 'both' }];
  }
  return items.map((_, i) => {
    const g = rule.child('context', i);
    g.onlyKnown(CONTEXT_FIELDS);
    const words = g.stringList('words');
    const labelsOf = g.stringList('labelsOf');
    for (const [k, entity] of labelsOf.entries()) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(entity)) throw rule.src.error([...g.at('labelsOf'), k], 'expected an entity name such as US_SSN');
    }
    const regex = g.string('regex');
    const caseSensitive = g.boolean('caseSensitive') ?? false;
    if (words.length === 0 && labelsOf.length === 0 && regex === undefined) throw rule.src.error(g.path, 'a context group needs words, labelsOf or a regex');
    if (regex !== undefined) {
      try {
        new RegExp(regex, 'g');
      } catch (e) {
        throw rule.src.error(g.at('regex'), `bad regex: ${regexProblem(e)}`);
      }
    }
    return {
      words,
      ...(labelsOf.length > 0 ? { labelsOf } : {}),
      ...(regex !== undefined ? { regex } : {}),
      window: g.number('window', 0, MAX_WINDOW) ?? DEFAULT_WINDOW,
      boost: g.number('boost', -1, 1) ?? DEFAULT_BOOST,
      caseSensitive,
      nearest: g.boolean('nearest') ?? false,
      side: g.oneOf('side', SIDES) ?? 'both',
    };
  });
}

function parseExamples(rule: Fields): { match: ExampleDef[]; nomatch: ExampleDef[] } {
  if (!rule.has('examples')) return { match: [], nomatch: [] };
  const ex = rule.child('examples');
  ex.onlyKnown(['match', 'nomatch']);
  const read = (key: string): ExampleDef[] =>
    (ex.list(key) ?? []).map((item, i) => {
      if (typeof item === 'string') return { text: item };
      const one = ex.child(key, i);
      one.onlyKnown(['text', 'value', 'region']);
      const text = one.string('text', { required: true });
      const value = one.string('value');
      const region = one.string('region', { pattern: /^[A-Z]{2}(?:,[A-Z]{2})*$/, hint: 'region codes such as GB or US,MX' });
      if (value !== undefined && !text.includes(value)) throw ex.src.error(one.at('value'), 'value does not occur in text');
      return { text, ...(value !== undefined ? { value } : {}), ...(region !== undefined ? { region } : {}) };
    });
  return { match: read('match'), nomatch: read('nomatch') };
}
