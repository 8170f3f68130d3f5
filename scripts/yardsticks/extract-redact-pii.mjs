/**
 * Extracts the detection cases of redact-pii's test suite (github.com/solvvy/redact-pii,
 * test/redactor.test.ts) into bench/yardsticks/redact-pii.json for `npm run yardstick`.
 *
 *   node scripts/yardsticks/extract-redact-pii.mjs <redact-pii checkout or git dir> [commit]
 *
 * Each `TestCase(description, [[input, expectedOutput, dlpOutput?], ...])` pair says which spans
 * of the input its redactor replaces, and by which placeholder (PHONE_NUMBER, EMAIL_ADDRESS ...):
 * the spans are recovered by aligning the output's literal text with the input. A pair whose
 * output equals its input says nothing is found. The arrays are read by a tokenizer that accepts
 * string literals, brackets, commas and comments only: nothing of the file is run.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const FILE = 'test/redactor.test.ts';
const PLACEHOLDERS = [
  'US_SOCIAL_SECURITY_NUMBER', 'CREDIT_CARD_NUMBER', 'STREET_ADDRESS', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS',
  'PERSON_NAME', 'LAST_NAME', 'CREDENTIALS', 'USERNAME', 'PASSWORD', 'US_STATE', 'LOCATION', 'ZIPCODE', 'DIGITS', 'URL',
];
/** A description's subject, for the cases that expect nothing (`should not replace street words`). */
const SUITE_ENTITY = [
  [/street/i, 'STREET_ADDRESS'], [/credit card/i, 'CREDIT_CARD_NUMBER'], [/ssn/i, 'US_SOCIAL_SECURITY_NUMBER'],
  [/phone/i, 'PHONE_NUMBER'], [/ip address/i, 'IP_ADDRESS'], [/email/i, 'EMAIL_ADDRESS'], [/name/i, 'PERSON_NAME'],
  [/username|password/i, 'CREDENTIALS'], [/digits/i, 'DIGITS'], [/url/i, 'URL'], [/pii/i, 'PERSON_NAME'],
];

/** Tokens of a JavaScript array literal of strings; throws on anything else. */
export function readArray(src, at) {
  let i = at;
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith('//', i)) i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
      else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) + 2;
      else return;
    }
  };
  const string = () => {
    const q = src[i++];
    let out = '';
    while (src[i] !== q) {
      if (i >= src.length) throw new Error('unterminated string');
      if (src[i] === '\\') {
        const e = src[i + 1];
        const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '0': '\0' };
        if (e in simple) { out += simple[e]; i += 2; }
        else if (e === 'u') { out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)); i += 6; }
        else throw new Error(`escape \\${e}`);
      } else out += src[i++];
    }
    i++;
    return out;
  };
  const value = () => {
    skip();
    if (src[i] === '[') {
      i++;
      const items = [];
      for (;;) {
        skip();
        if (src[i] === ']') { i++; return items; }
        items.push(value());
        skip();
        if (src[i] === ',') i++;
        else if (src[i] !== ']') throw new Error(`unexpected '${src[i]}' at ${i}`);
      }
    }
    if (src[i] === "'" || src[i] === '"') return string();
    throw new Error(`not a literal: '${src.slice(i, i + 20)}'`);
  };
  const v = value();
  return { value: v, end: i };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Spans of `input` that `output` replaced, with their placeholders; undefined when they cannot be aligned. */
export function alignSpans(input, output) {
  const re = new RegExp(`\\b(${PLACEHOLDERS.join('|')})\\b`, 'g');
  const parts = output.split(re); // literal, placeholder, literal, ...
  if (parts.length === 1) return output === input ? [] : undefined;
  const pattern = parts.map((p, k) => (k % 2 === 0 ? escape(p) : '([\\s\\S]+?)')).join('');
  const m = new RegExp(`^${pattern}$`, 'd').exec(input);
  if (!m) return undefined;
  const spans = [];
  for (let k = 1; k < parts.length; k += 2) {
    const [start, end] = m.indices[(k + 1) / 2];
    spans.push({ placeholder: parts[k], start, end });
  }
  return spans;
}

function main([repo, commit = 'HEAD']) {
  if (!repo) {
    console.error('usage: extract-redact-pii.mjs <redact-pii checkout or git dir> [commit]');
    process.exit(2);
  }
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  const sha = git('rev-parse', commit).trim();
  const src = git('show', `${sha}:${FILE}`);
  const licence = git('show', `${sha}:LICENSE`).split('\n');
  const cases = [];
  const skipped = [];
  const lineOf = (i) => src.slice(0, i).split('\n').length;
  for (const m of src.matchAll(/TestCase\(\s*'([^']*)',\s*/g)) {
    const description = m[1];
    if (src.slice(m.index - 8, m.index).includes('.only')) continue;
    let tuples;
    try {
      tuples = readArray(src, m.index + m[0].length).value;
    } catch (e) {
      skipped.push({ line: lineOf(m.index), test: description, reason: `not plain literals (${e.message})` });
      continue;
    }
    const subject = SUITE_ENTITY.find(([re]) => re.test(description))?.[1];
    let at = m.index;
    for (const [input, output] of tuples) {
      // The input as written in the source (JSON escapes newlines as the file does), for its line.
      const written = src.indexOf(JSON.stringify(input).slice(1, -1).slice(0, 60), at + 1);
      if (written !== -1) at = written;
      const spans = alignSpans(input, output);
      const line = lineOf(at);
      if (!spans) {
        skipped.push({ line, test: description, reason: 'the expected output does not align with the input' });
        continue;
      }
      // One case per placeholder the pair uses (its spans), or the description's subject when none.
      const kinds = spans.length ? [...new Set(spans.map((s) => s.placeholder))] : subject ? [subject] : [];
      for (const kind of kinds) {
        const expected = spans.filter((s) => s.placeholder === kind).map(({ start, end }) => ({ start, end }));
        cases.push({ id: `${kind}:${line}`, suite: kind, entity: kind, text: input, expectedCount: expected.length, expected, source: { file: FILE, line, test: description } });
      }
    }
  }
  const data = {
    yardstick: "redact-pii's redactor tests",
    source: { repository: 'https://github.com/solvvy/redact-pii', commit: sha, files: [FILE] },
    licence: 'The test values below are data from redact-pii (https://github.com/solvvy/redact-pii), MIT licence, Copyright (c) 2016 Solvvy. Only the test data is copied, no code.',
    licenceText: licence,
    offsets: 'start and end are JavaScript string indexes (UTF-16 units), end exclusive',
    generatedBy: 'node scripts/yardsticks/extract-redact-pii.mjs <redact-pii checkout>',
    cases,
    skipped,
  };
  writeFileSync(join(root, 'bench', 'yardsticks', 'redact-pii.json'), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`${cases.length} cases, ${skipped.length} skipped`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
