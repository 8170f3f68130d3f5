/**
 * The detection cases of openredaction's test suite (github.com/sam247/openredaction,
 * packages/core/tests/*.test.ts) as bench/yardsticks/openredaction.json for `npm run yardstick`.
 *
 *   node scripts/yardsticks/extract-openredaction.mjs <openredaction checkout or git dir> [commit]
 *
 * openredaction's tests are written as code (`detect(text)` then assertions on the types and values
 * found, validator calls on a value, `isFalsePositive(value, type, context)`), not as tables, so the
 * cases are transcribed below by hand: the text, the type the test checks and the values it expects
 * (none: the test expects no detection of that type). This script checks each transcription against
 * the checkout (the text must be a string literal of that file; its line is recorded) and computes
 * the expected spans, so a case cannot drift from its source. Only tests of types pii-scan has an
 * entity for are transcribed; tests of a type only, with no expectation (`may or may not detect`),
 * or of options, timing and placeholders are not detection tests.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DIR = 'packages/core/tests/';

/**
 * [file, type, text, expected values, test name when the text is also in an earlier test]; the
 * test's name is read from the file. `type` is openredaction's (PHONE stands for its
 * PHONE_* types: the tests check `type.includes("PHONE")`). A value is expected once per listing,
 * in order of its occurrences.
 */
export const TRANSCRIBED = [
  // detect(text) with assertions on what is found
  ['detector.test.ts', 'EMAIL', 'Contact john@example.com for info', ['john@example.com']],
  ['detector.test.ts', 'EMAIL', 'Email john@example.com or call 07700900123', ['john@example.com']],
  ['detector.test.ts', 'PHONE', 'Email john@example.com or call 07700900123', ['07700900123']],
  ['detector.test.ts', 'CREDIT_CARD', 'Card: 4532015112830366', ['4532015112830366']],
  ['detector.test.ts', 'CREDIT_CARD', 'Card: 1234567890123456', []],
  ['detector.test.ts', 'EMAIL', 'Email john@example.com or jane@example.com', ['john@example.com', 'jane@example.com']],
  ['detector.test.ts', 'ANY', 'This is a simple text without any personal details', []],
  ['detector.test.ts', 'EMAIL', 'Email: john+tag@example.com!!!', ['john+tag@example.com']],
  ['context-analysis.test.ts', 'CREDIT_CARD', 'メールは taro@example.com でカード番号は 4111-1111-1111-1111 です。', ['4111-1111-1111-1111'], 'should detect CREDIT_CARD in Japanese text'],
  ['multipass-detection.test.ts', 'EMAIL', 'API Key: AKIA1234567890ABCDEF, Email: user@company.com', ['user@company.com']],
  ['multipass-detection.test.ts', 'ANY', 'This is plain text with no PII', []],
  ['streaming.test.ts', 'EMAIL', 'For inquiries: user@business.co.uk or call 07700900123', ['user@business.co.uk']],
  ['explain.test.ts', 'ANY', 'This is plain text with no personal details', []],
  ['explain.test.ts', 'EMAIL', 'Info: not-an-email', []],
  ['false-positive-filter.test.ts', 'PHONE', 'App version 1.2.3 released', []],
  ['false-positive-filter.test.ts', 'EMAIL', 'Contact test@example.com for support', []],
  ['false-positive-filter.test.ts', 'PHONE', 'Born on 01-02-1990', []],
  ['false-positive-filter.test.ts', 'PHONE', 'Call John at 07700-900-123 for details', ['07700-900-123']],
  // isFalsePositive(value, type, context): the context is the text; a false positive expects nothing
  ['false-positive-filter.test.ts', 'PHONE', 'version 1.2.3 released', []],
  ['false-positive-filter.test.ts', 'PHONE', 'v2.0.1 changelog', []],
  ['false-positive-filter.test.ts', 'PHONE', 'build 10.15.7', []],
  ['false-positive-filter.test.ts', 'PHONE', 'Date: 01-02-2024', []],
  ['false-positive-filter.test.ts', 'PHONE', 'born 12/25/1990', []],
  ['false-positive-filter.test.ts', 'PHONE', 'created on 2024-01-15', []],
  ['false-positive-filter.test.ts', 'PHONE', 'server at 192.168.1.1', []],
  ['false-positive-filter.test.ts', 'PHONE', 'height 150 cm', []],
  ['false-positive-filter.test.ts', 'PHONE', 'width: 1920 px', []],
  ['false-positive-filter.test.ts', 'PHONE', 'in 2024', []],
  ['false-positive-filter.test.ts', 'PHONE', 'listening on port 8080', []],
  ['false-positive-filter.test.ts', 'PHONE', 'accuracy at 99.5 percent ', []],
  ['false-positive-filter.test.ts', 'PHONE', 'example: 000-000-0000', []],
  ['false-positive-filter.test.ts', 'PHONE', 'timestamp: 1234567890', []],
  ['false-positive-filter.test.ts', 'PHONE', 'Call me at 07700 900123', ['07700 900123']],
  ['false-positive-filter.test.ts', 'EMAIL', 'email: test@example.com', []],
  ['false-positive-filter.test.ts', 'EMAIL', 'contact: test@example.com', []],
  ['false-positive-filter.test.ts', 'EMAIL', 'user: johndoe@test.com', []],
  ['false-positive-filter.test.ts', 'EMAIL', 'Email: john.smith@company.co.uk', ['john.smith@company.co.uk']],
  ['false-positive-filter.test.ts', 'NAME', 'function foo() {', []],
  ['false-positive-filter.test.ts', 'NAME', '// John Smith wrote this', []],
  ['false-positive-filter.test.ts', 'NAME', 'a Function', []],
  ['false-positive-filter.test.ts', 'NAME', 'const Class = ', []],
  ['false-positive-filter.test.ts', 'CREDIT_CARD', 'card: 1111111111', []],
  // validator(value): the value is the whole text
  ['validators.test.ts', 'CREDIT_CARD', '4532015112830366', ['4532015112830366']],
  ['validators.test.ts', 'CREDIT_CARD', '5425233430109903', ['5425233430109903']],
  ['validators.test.ts', 'CREDIT_CARD', '374245455400126', ['374245455400126']],
  ['validators.test.ts', 'CREDIT_CARD', '4532 0151 1283 0366', ['4532 0151 1283 0366']],
  ['validators.test.ts', 'CREDIT_CARD', '4532-0151-1283-0366', ['4532-0151-1283-0366']],
  ['validators.test.ts', 'CREDIT_CARD', '1234567890123456', []],
  ['validators.test.ts', 'CREDIT_CARD', '4532015112830367', []],
  ['validators.test.ts', 'CREDIT_CARD', 'abcd-efgh-ijkl-mnop', []],
  ['validators.test.ts', 'CREDIT_CARD', '123456789012', []],
  ['validators.test.ts', 'IBAN', 'GB82 WEST 1234 5698 7654 32', ['GB82 WEST 1234 5698 7654 32']],
  ['validators.test.ts', 'IBAN', 'DE89370400440532013000', ['DE89370400440532013000']],
  ['validators.test.ts', 'IBAN', 'FR1420041010050500013M02606', ['FR1420041010050500013M02606']],
  ['validators.test.ts', 'IBAN', 'GB82 WEST 1234 5698 7654 33', []],
  ['validators.test.ts', 'IBAN', 'XX82WEST12345698765432', []],
  ['validators.test.ts', 'IBAN', 'GB82WEST123456987654', []],
  ['validators.test.ts', 'SSN', '123-45-6789', ['123-45-6789']],
  ['validators.test.ts', 'SSN', '123 45 6789', ['123 45 6789']],
  ['validators.test.ts', 'SSN', '123456789', ['123456789']],
  ['validators.test.ts', 'SSN', '000-45-6789', []],
  ['validators.test.ts', 'SSN', '666-45-6789', []],
  ['validators.test.ts', 'SSN', '900-45-6789', []],
  ['validators.test.ts', 'SSN', '123-00-6789', []],
  ['validators.test.ts', 'SSN', '123-45-0000', []],
  ['validators.test.ts', 'SSN', '111-11-1111', []],
  ['validators.test.ts', 'EMAIL', 'test@example.com', ['test@example.com']],
  ['validators.test.ts', 'EMAIL', 'user.name+tag@example.co.uk', ['user.name+tag@example.co.uk']],
  ['validators.test.ts', 'EMAIL', 'test_email@test-domain.com', ['test_email@test-domain.com']],
  ['validators.test.ts', 'EMAIL', 'invalid', []],
  ['validators.test.ts', 'EMAIL', '@example.com', []],
  ['validators.test.ts', 'EMAIL', 'test@', []],
  ['validators.test.ts', 'EMAIL', 'test@domain', []],
  // validateName(value, context): the context is the text
  ['validators.test.ts', 'NAME', 'Contact John Smith for details', ['John Smith']],
  ['validators.test.ts', 'NAME', 'Mary Jane will attend', ['Mary Jane']],
  ['validators.test.ts', 'NAME', 'Contact Company Limited', []],
  ['validators.test.ts', 'NAME', 'Meeting on Monday', []],
  ['validators.test.ts', 'NAME', 'Starting in January', []],
  ['validators.test.ts', 'NAME', 'Point A to B', []],
  ['validators.test.ts', 'NAME', 'The ABC company', []],
  ['validators.test.ts', 'NAME', 'Company Smith Corp', []],
];

/** Tests that look like detection tests and are not transcribed, with why. */
export const LEFT_OUT = [
  ['detector.test.ts', 'should handle very long text', 'the text is built by an expression (`"Some text. ".repeat(1000)`)'],
  ['detector.test.ts', 'should categorize by severity', 'asserts only that some finding is high severity'],
  ['context-analysis.test.ts', 'should pass high-confidence detections', 'asserts only that something is found, of no named type'],
  ['context-analysis.test.ts', 'should filter low-confidence detections when enabled', 'no expectation ("may or may not detect")'],
  ['multipass-detection.test.ts', 'should handle mixed priority patterns correctly', 'asserts only the AWS key (not a pii-scan entity) and a count'],
  ['document-processors.test.ts', 'detects email in nested JSON string values', 'a JavaScript object, not text'],
];

/** The source line of `text` written as a string literal in `src`, after `from` if it occurs again. */
function literalLine(src, text, from) {
  for (const quote of ['"', "'", '`']) {
    const written = quote + JSON.stringify(text).slice(1, -1).replace(/\\"/g, quote === '"' ? '\\"' : '"') + quote;
    let at = src.indexOf(written, from);
    if (at === -1) at = src.indexOf(written);
    if (at !== -1) return { line: src.slice(0, at).split('\n').length, at };
  }
  return undefined;
}

function main(argv) {
  const [repo, commit = 'HEAD'] = argv;
  if (!repo) {
    console.error('usage: node scripts/yardsticks/extract-openredaction.mjs <openredaction checkout or git dir> [commit]');
    process.exit(2);
  }
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  const sha = git('rev-parse', commit).trim();
  const sources = new Map();
  const read = (file) => {
    if (!sources.has(file)) sources.set(file, git('show', `${sha}:${DIR}${file}`));
    return sources.get(file);
  };
  const cases = [];
  const after = new Map();
  let previous;
  for (const [file, type, text, values, inTest] of TRANSCRIBED) {
    const src = read(file);
    // The same text checked for a second type is the same literal.
    const from = inTest ? src.indexOf(inTest) : previous?.file === file && previous.text === text ? previous.at : after.get(file) ?? 0;
    const found = literalLine(src, text, from);
    if (!found) throw new Error(`${file}: no string literal ${JSON.stringify(text)}`);
    const test = testAt(src, found.at);
    after.set(file, found.at + 1);
    previous = { file, text, at: found.at };
    const expected = [];
    let next = 0;
    for (const v of values) {
      const start = text.indexOf(v, next);
      if (start === -1) throw new Error(`${file}:${found.line}: ${JSON.stringify(v)} is not in its text`);
      expected.push({ start, end: start + v.length });
      next = start + v.length;
    }
    cases.push({ id: `${type}:${file.replace('.test.ts', '')}:${found.line}`, suite: type, entity: type, text, expectedCount: expected.length, expected, source: { file: DIR + file, line: found.line, test } });
  }
  for (const [file, test] of LEFT_OUT) if (!read(file).includes(test)) throw new Error(`${file}: no test named ${JSON.stringify(test)}`);
  const data = {
    yardstick: "openredaction's detection tests",
    source: { repository: 'https://github.com/sam247/openredaction', commit: sha, files: [...sources.keys()].map((f) => DIR + f) },
    licence: 'The test values below are data from openredaction (https://github.com/sam247/openredaction), MIT licence, Copyright (c) 2025 OpenRedaction contributors. Only the test data is copied, no code.',
    licenceText: git('show', `${sha}:LICENSE`).split('\n'),
    offsets: 'start and end are JavaScript string indexes (UTF-16 units), end exclusive',
    generatedBy: 'node scripts/yardsticks/extract-openredaction.mjs <openredaction checkout>',
    cases,
    skipped: LEFT_OUT.map(([file, test, reason]) => ({ file: DIR + file, line: lineOfTest(read(file), test), test, reason })),
  };
  writeFileSync(join(root, 'bench', 'yardsticks', 'openredaction.json'), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`${cases.length} cases, ${data.skipped.length} left out`);
}

/** The name of the `it(...)` test that holds the offset `at`. */
function testAt(src, at) {
  const names = [...src.slice(0, at).matchAll(/\bit\(\s*(["'`])((?:(?!\1).)*)\1/g)];
  return names.length ? names[names.length - 1][2] : '';
}

const lineOfTest = (src, test) => src.slice(0, src.indexOf(test)).split('\n').length;

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
