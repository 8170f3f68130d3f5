/**
 * Extracts the test cases of Microsoft Presidio's pattern recognizers (MIT licence) into
 * bench/yardsticks/presidio-recognizers.json, a yardstick pii-scan did not write.
 *
 *   node scripts/yardsticks/extract-presidio.mjs <presidio checkout> [--commit <sha>]
 *
 * Reads `presidio-analyzer/tests/test_*_recognizer.py` from a local checkout (nothing is downloaded)
 * and takes the `@pytest.mark.parametrize` lists apart with a small reader of Python literals:
 * only data is kept (text, expected count, expected spans); a case whose values are not plain
 * literals, or that configures its own recogniser, is listed under `skipped` with the reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(root, 'bench', 'yardsticks', 'presidio-recognizers.json');

/** The suites whose entity pii-scan detects, or nearly (US_BANK_NUMBER is kept to show it is not). */
const SUITES = [
  'credit_card', 'us_ssn', 'us_itin', 'email', 'phone', 'iban', 'ip',
  'us_passport', 'aba_routing', 'us_bank', 'us_driver_license',
];

/** Parameters that carry the case's data; any other one configures the recogniser for that case. */
const TEXT_PARAMS = new Set(['text', 'iban']);
const POSITION_PARAMS = new Set(['expected_positions', 'expected_res']);
const SCORE_PARAMS = new Set(['expected_score_ranges', 'expected_scores', 'expected_score', 'score', 'expected_textual_explanations']);

export function main(argv) {
  const args = [...argv];
  const commitAt = args.indexOf('--commit');
  let commit = commitAt >= 0 ? args.splice(commitAt, 2)[1] : undefined;
  const checkout = args[0];
  if (!checkout) {
    console.error('usage: extract-presidio.mjs <presidio checkout> [--commit <sha>]');
    process.exit(2);
  }
  const tests = join(checkout, 'presidio-analyzer', 'tests');
  if (!existsSync(tests)) {
    console.error(`not a Presidio checkout: ${tests} does not exist`);
    process.exit(2);
  }
  commit ??= gitHead(checkout);
  const cases = [];
  const skipped = [];
  for (const suite of SUITES) {
    const file = `presidio-analyzer/tests/test_${suite}_recognizer.py`;
    const source = readFileSync(join(checkout, file), 'utf8');
    const out = extractFile(source, suite, file);
    cases.push(...out.cases);
    skipped.push(...out.skipped);
  }
  const data = {
    yardstick: 'Presidio recognizer tests',
    source: {
      repository: 'https://github.com/microsoft/presidio',
      commit: commit ?? 'unknown',
      files: SUITES.map((s) => `presidio-analyzer/tests/test_${s}_recognizer.py`),
    },
    licence:
      'The test values below are data from Microsoft Presidio (https://github.com/microsoft/presidio), ' +
      'MIT licence, Copyright (c) Presidio Contributors. Only the test data is copied, no code. ' +
      'The MIT licence text: https://github.com/microsoft/presidio/blob/main/LICENSE',
    licenceText: licenceText(checkout),
    offsets: 'start and end are Python string indexes (code points), end exclusive, as in the source',
    generatedBy: 'node scripts/yardsticks/extract-presidio.mjs <presidio checkout>',
    cases,
    skipped,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, serialise(data));
  console.log(`${cases.length} cases, ${skipped.length} skipped → ${OUT}`);
}

/** Pretty at the top, one line per case: a re-extraction diffs case by case. */
function serialise(data) {
  const fields = Object.entries(data).map(([key, value]) => {
    const text = Array.isArray(value)
      ? `[\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
      : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** The MIT licence asks for its notice with every copy: the checkout's own LICENSE, verbatim. */
function licenceText(checkout) {
  const file = join(checkout, 'LICENSE');
  if (!existsSync(file)) {
    console.error(`${file} is missing: the data must carry Presidio's licence notice`);
    process.exit(2);
  }
  return readFileSync(file, 'utf8').trim().split(/\r?\n/);
}

function gitHead(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The cases of every parametrize list in one test file. */
export function extractFile(source, suite, file) {
  const fixtureEntity = /def entities\(\):\s*\n\s*return \[\s*"([A-Z_]+)"/.exec(source)?.[1];
  const cases = [];
  const skipped = [];
  const reader = new PyReader(source);
  const decorator = /@pytest\.mark\.parametrize\(/g;
  for (let m; (m = decorator.exec(source)); ) {
    reader.pos = m.index + m[0].length;
    const names = reader.value();
    if (typeof names !== 'string') continue;
    const params = names.split(',').map((s) => s.trim());
    reader.expect(',');
    const list = reader.entries('[', ']');
    const test = /\bdef (\w+)\(/.exec(source.slice(reader.pos))?.[1] ?? 'unknown';
    decorator.lastIndex = reader.pos;
    const config = params.filter((p) => !TEXT_PARAMS.has(p) && !POSITION_PARAMS.has(p) && !SCORE_PARAMS.has(p) && p !== 'expected_len' && p !== 'entities');
    for (const entry of list) {
      const line = lineOf(source, entry.at);
      const where = { file, line, test };
      if (config.length > 0) {
        skipped.push({ ...where, reason: `the recogniser is configured per case (${config.join(', ')})` });
        continue;
      }
      if (entry.error || !Array.isArray(entry.value)) {
        skipped.push({ ...where, reason: `not a plain literal: ${entry.error ?? 'not a tuple'}` });
        continue;
      }
      const row = Object.fromEntries(params.map((p, i) => [p, entry.value[i]]));
      const text = row[params.find((p) => TEXT_PARAMS.has(p))];
      const positions = row[params.find((p) => POSITION_PARAMS.has(p))] ?? [];
      const count = row.expected_len;
      const entities = Array.isArray(row.entities) ? [...new Set(row.entities)] : [fixtureEntity];
      if (typeof text !== 'string' || typeof count !== 'number' || entities.length !== 1 || !entities[0]) {
        skipped.push({ ...where, reason: 'no text, count or single entity' });
        continue;
      }
      cases.push({
        id: `${suite}:${line}`,
        suite,
        entity: entities[0],
        text,
        expectedCount: count,
        expected: positions.map(([start, end]) => ({ start, end })),
        source: where,
      });
    }
  }
  return { cases, skipped };
}

function lineOf(source, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Reads Python literals (strings, numbers, tuples, lists, True/False/None) from a position.
 * Anything else (a call, a name) is reported as an error for that entry, which is then skipped.
 */
class PyReader {
  constructor(src) {
    this.src = src;
    this.pos = 0;
  }

  skip() {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') this.pos++;
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  expect(ch) {
    this.skip();
    if (this.src[this.pos] !== ch) throw new Error(`expected ${ch} at ${lineOf(this.src, this.pos)}`);
    this.pos++;
  }

  /** The entries of a bracketed list, each `{ at, value }` or `{ at, error }` (then skipped to its end). */
  entries(open, close) {
    this.expect(open);
    const out = [];
    for (;;) {
      this.skip();
      if (this.src[this.pos] === close) {
        this.pos++;
        return out;
      }
      const at = this.pos;
      try {
        out.push({ at, value: this.value() });
      } catch (e) {
        this.pos = at;
        this.skipEntry(close);
        out.push({ at, error: e.message });
      }
      this.skip();
      if (this.src[this.pos] === ',') this.pos++;
    }
  }

  /** Past one entry: to the next comma or closing bracket at this depth. */
  skipEntry(close) {
    let depth = 0;
    for (;;) {
      this.skip();
      const c = this.src[this.pos];
      if (c === undefined) return;
      if (c === '"' || c === "'") {
        this.string();
        continue;
      }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) return;
        depth--;
      } else if (c === ',' && depth === 0) return;
      this.pos++;
    }
  }

  value() {
    this.skip();
    const c = this.src[this.pos];
    if (c === '(') return this.sequence('(', ')');
    if (c === '[') return this.sequence('[', ']');
    if (c === '"' || c === "'" || (/[rRuUbBfF]/.test(c) && /["']/.test(this.src[this.pos + 1] ?? ''))) {
      let s = this.string();
      // Adjacent literals are one string, as Python concatenates them.
      for (this.skip(); /["']/.test(this.src[this.pos] ?? ''); this.skip()) s += this.string();
      return s;
    }
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.src.slice(this.pos, this.pos + 40));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const name = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos, this.pos + 80))?.[0];
    if (name === 'True' || name === 'False' || name === 'None') {
      this.pos += name.length;
      return name === 'True' ? true : name === 'False' ? false : null;
    }
    throw new Error(name ? `uses ${name}` : `unexpected ${JSON.stringify(c)}`);
  }

  sequence(open, close) {
    const items = [];
    for (const entry of this.entries(open, close)) {
      if (entry.error) throw new Error(entry.error);
      items.push(entry.value);
    }
    return items;
  }

  string() {
    let prefix = '';
    while (/[rRuUbBfF]/.test(this.src[this.pos])) prefix += this.src[this.pos++].toLowerCase();
    if (prefix.includes('f')) throw new Error('uses an f-string');
    const q = this.src[this.pos];
    const triple = this.src.startsWith(q.repeat(3), this.pos);
    const end = triple ? q.repeat(3) : q;
    this.pos += end.length;
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) throw new Error('unterminated string');
      if (this.src.startsWith(end, this.pos)) {
        this.pos += end.length;
        return out;
      }
      const c = this.src[this.pos++];
      if (c !== '\\' || prefix.includes('r')) {
        out += c;
        continue;
      }
      const e = this.src[this.pos++];
      const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
      if (e in simple) out += simple[e];
      else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(this.src.slice(this.pos, this.pos + n), 16));
        this.pos += n;
      } else out += `\\${e}`;
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
