import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain ESM script, no declarations
import { extractFile } from '../../scripts/yardsticks/extract-presidio.mjs';
// @ts-expect-error plain ESM script, no declarations
import { alignSpans, readArray } from '../../scripts/yardsticks/extract-redact-pii.mjs';
// @ts-expect-error plain ESM script, no declarations
import { OPENREDACTION_MAP, REDACT_PII_MAP } from '../../scripts/yardsticks/suites.mjs';

/**
 * docs/yardsticks.md is what scripts/yardsticks/run.mjs writes from the committed Presidio cases
 * (a full run: every case, both thresholds, through the built library), so a change to a rule
 * that moves the figures fails here until the table is regenerated and committed with it.
 */
describe('Presidio yardstick', () => {
  it('the committed table matches a fresh run on the committed data', () => {
    const run = spawnSync(process.execPath, ['scripts/yardsticks/run.mjs', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the committed data carries its source and licence', () => {
    const data = JSON.parse(readFileSync('bench/yardsticks/presidio-recognizers.json', 'utf8'));
    expect(data.licence).toMatch(/MIT licence, Copyright \(c\) Presidio Contributors/);
    expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(data.cases.length).toBeGreaterThan(500);
  });

  it('reads parametrize lists as Python does, and skips what is not a literal', () => {
    const source = [
      '@pytest.fixture(scope="module")',
      'def entities():',
      '    return ["US_SSN"]',
      '',
      '@pytest.mark.parametrize(',
      '    "text, expected_len, expected_positions",',
      '    [',
      '        # ("commented out", 1, ((0, 3),),),',
      '        ("ab" \'c\\u00e9\', 1, ((0, 4),),),  # noqa',
      '        (',
      '            "x",',
      '            0,',
      '            (),',
      '        ),',
      '        (make("y, z"), 1, ((0, 1),)),',
      '    ],',
      ')',
      'def test_it(text, expected_len, expected_positions):',
      '    pass',
    ].join('\n');
    const { cases, skipped } = extractFile(source, 'us_ssn', 't.py');
    expect(cases).toEqual([
      { id: 'us_ssn:9', suite: 'us_ssn', entity: 'US_SSN', text: 'abcé', expectedCount: 1, expected: [{ start: 0, end: 4 }], source: { file: 't.py', line: 9, test: 'test_it' } },
      { id: 'us_ssn:10', suite: 'us_ssn', entity: 'US_SSN', text: 'x', expectedCount: 0, expected: [], source: { file: 't.py', line: 10, test: 'test_it' } },
    ]);
    expect(skipped).toEqual([{ file: 't.py', line: 15, test: 'test_it', reason: 'not a plain literal: uses make' }]);
  });
});

describe('redact-pii yardstick', () => {
  it('the committed data carries its source and licence', () => {
    const data = JSON.parse(readFileSync('bench/yardsticks/redact-pii.json', 'utf8'));
    expect(data.licence).toMatch(/MIT licence, Copyright \(c\) 2016 Solvvy/);
    expect(data.licenceText[0]).toMatch(/MIT License/);
    expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(data.cases.length).toBeGreaterThan(50);
  });

  it("compares redact-pii's names with pii-scan's PERSON findings", () => {
    expect(REDACT_PII_MAP.PERSON_NAME).toBe('PERSON');
    expect(REDACT_PII_MAP.LAST_NAME).toBe('PERSON');
  });

  it('reads the test arrays as literals only, and recovers the replaced spans', () => {
    const src = "[\n  // a comment\n  ['my ip: 10.1.1.235.', 'my ip: IP_ADDRESS.'],\n  [\"a\\nb\", 'a\\nb', 'x'],\n]";
    expect(readArray(src, 0).value).toEqual([['my ip: 10.1.1.235.', 'my ip: IP_ADDRESS.'], ['a\nb', 'a\nb', 'x']]);
    expect(() => readArray('[make("x")]', 0)).toThrow(/not a literal/);
    expect(alignSpans('my ip: 10.1.1.235.', 'my ip: IP_ADDRESS.')).toEqual([{ placeholder: 'IP_ADDRESS', start: 7, end: 17 }]);
    expect(alignSpans('a 1 and b', 'a DIGITS and b')).toEqual([{ placeholder: 'DIGITS', start: 2, end: 3 }]);
    expect(alignSpans('same', 'same')).toEqual([]);
    expect(alignSpans('abc', 'xyz')).toBeUndefined();
  });
});

describe('openredaction yardstick', () => {
  it('the committed data carries its source, licence and each case\'s line', () => {
    const data = JSON.parse(readFileSync('bench/yardsticks/openredaction.json', 'utf8'));
    expect(data.licence).toMatch(/MIT licence, Copyright \(c\) 2025 OpenRedaction contributors/);
    expect(data.licenceText[0]).toMatch(/MIT License/);
    expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(data.cases.length).toBeGreaterThan(50);
    for (const c of data.cases) {
      expect(OPENREDACTION_MAP[c.entity]).toBeDefined();
      expect(c.source.file).toMatch(/^packages\/core\/tests\/.+\.test\.ts$/);
      expect(c.source.line).toBeGreaterThan(0);
      for (const e of c.expected) expect(e.end).toBeGreaterThan(e.start);
    }
  });
});
