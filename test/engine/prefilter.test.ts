/**
 * The prefilter is an optimisation only: with it, every input must give exactly the findings of
 * running each pattern over all text. Checked on the shipped rules over realistic text and the
 * fixture corpora, and on random patterns (look-arounds, anchors, back-references, case folding)
 * over random text, with the DFA cache both roomy and tiny.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { compileRules, type RuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/scanner.js';
import { Prefilter } from '../../src/engine/prefilter.js';
import { regexShape } from '../../src/engine/regex-shape.js';
import type { RuleDef } from '../../src/model/rule.js';
import type { Finding } from '../../src/model/finding.js';
import { scanBytes, SETTINGS } from '../helpers/rules.js';

let defs: RuleDef[];
let fast: RuleSet;
let reference: RuleSet;
beforeAll(async () => {
  defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
  fast = compileRules(defs, { prefilterAfter: 0 });
  reference = compileRules(defs, { prefilter: false });
});

const key = (fs: Finding[]): string[] => fs.map((f) => JSON.stringify(f));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('prefilter (shipped rules)', () => {
  it('watches every shipped pattern', () => {
    expect(fast.prefilter!.forScanner(1)!.covers.every(Boolean)).toBe(true);
  });

  it('is built only once text is long enough to repay it', () => {
    const lazy = compileRules(defs).prefilter!;
    expect(lazy.forScanner(1000)).toBeUndefined(); // a draft
    expect(lazy.forScanner(64 * 1024)).toBeDefined(); // a large file
    expect(lazy.forScanner(10)).toBeDefined(); // built: every later scanner uses it
  });

  it('gives the same findings as the full scan on every corpus fixture', () => {
    const texts = [...files('fixtures/corpus'), ...files('fixtures/holdout')].filter((f) => /\.(txt|md|log|eml|csv|json|html)$/.test(f));
    expect(texts.length).toBeGreaterThan(20);
    let findings = 0;
    for (const file of texts) {
      const text = readFileSync(file, 'utf8');
      const got = scanText(fast, text, SETTINGS);
      expect(key(got)).toEqual(key(scanText(reference, text, SETTINGS)));
      findings += got.length;
    }
    expect(findings).toBeGreaterThan(300);
  });

  const FRAGMENTS = [
    'SSN 536-22-4391', '536224391', 'DOB 04/12/1981', '12 March 1981', 'plate 7ABC123', 'ABC-1234', 'VIN 1HGCM82633A004352',
    'A# 012 345 678', 'A-Number: 201555987', '(U//FOUO)', 'SECRET//NOFORN', 'FIELD OPERATIONS WORKSHEET', 'Form I-213',
    'CUI', '(213) 621-0002', '+44 20 7946 0958', 'r.lopez@agency-mail.gov', '4929 1234 5678 9015', 'DE89 3704 0044 0532 0130 00',
    '021000021', '73.162.44.201', 'fe80::1ff:fe23:4567:890a', '34.05223, -118.24368', "34°03'08\"N 118°14'37\"W", 'DL D1234567',
    'DAQ D1234567', 'DBB19810412', '2024-06-05T12:34:56Z', 'v1.2.3', 'x', '9', 'A', '-', '.', '/', ':', '@', '#', ' ', '\n', '\r\n',
    '\t', 'é', '中', '😀', '\u00a0', '°',
  ];
  const textArb = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 300, size: 'max' }).map((p) => p.join(''));

  it('gives the same findings as the full scan on random text, in random chunks (property)', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }), (text, sizes) => {
        const bytes = utf8(text);
        expect(key(scanBytes(fast, bytes, sizes))).toEqual(key(scanBytes(reference, bytes)));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  // Runs of capitalised words are a possible end of a name at nearly every letter: the prefilter's
  // ends come in long runs, across chunks and round limits, next to prose it must not search.
  const NAMES = [
    'Maria', 'Garcia', 'Ana', 'Sørensen', 'Nguyen', 'Van', 'Minh', 'Ørsted', 'Łukasz', "O'Brien", 'Al-Sayed', 'de', 'la', 'Cruz',
    'Update', 'Vcs', 'UTF-8', 'J.', 'R.', 'SMITH,', 'JOHN', 'Name:', 'Driver:', 'Dear', 'said', 'told', 'met', 'the', 'leak', 'patch',
    'crème', ' ', ' ', ' ', '  ', ', ', '.', '\n', '<a@b.org>', 'Mr.', 'Sgt.', 'May', 'Will', 'Größe', 'x'.repeat(30),
  ];
  const namesArb = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 400, size: 'max' }).map((p) => p.join(''));

  it('gives the same findings as the full scan on runs of capitalised words, in random chunks (property)', () => {
    fc.assert(
      fc.property(namesArb, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }), (text, sizes) => {
        const bytes = utf8(text);
        expect(key(scanBytes(fast, bytes, sizes))).toEqual(key(scanBytes(reference, bytes)));
      }),
      { seed: 13, numRuns: 150 },
    );
  });

  it('settles short texts where it sees no possible match without a scanner, with the same findings (property)', () => {
    const cells = compileRules(defs, { prefilterAfter: 0 });
    const filter = cells.prefilter!.forScanner(1)!; // built: scanText now asks it first
    let clear = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }), (parts) => {
        const text = parts.join(' ');
        const expected = key(scanText(reference, text, SETTINGS));
        expect(key(scanText(cells, text, SETTINGS))).toEqual(expected);
        if (!filter.mayMatch(text)) {
          clear++;
          expect(expected).toEqual([]);
        }
      }),
      { seed: 11, numRuns: 1500 },
    );
    expect(clear).toBeGreaterThan(100);
  });

  it('walks the same in JavaScript as in WebAssembly, across chunks and characters of every width (property)', () => {
    const js = compileRules(defs, { prefilterAfter: 0, prefilterKernel: 'js' });
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 40 }), (text, chunk) => {
        expect(key(scanBytes(js, utf8(text), [chunk]))).toEqual(key(scanBytes(fast, utf8(text), [chunk + 3])));
      }),
      { seed: 9, numRuns: 100 },
    );
  });

  it('stays exact over long text: many kernel buffers, a full hit buffer, astral characters at the seams', () => {
    const parts: string[] = [];
    for (let i = 0; parts.join('').length < 100_000; i++) {
      parts.push(i % 7 === 0 ? '😀' : '', `SSN ${100 + (i % 800)}-${10 + (i % 89)}-${1000 + i}`, i % 5 === 0 ? ' é中 ' : ' ', `${536224391 + i} `, i % 3 === 0 ? '\n' : '');
    }
    // Dense candidates fill the kernel's hit buffer many times over; long ones (e-mail addresses of
    // 60–110 characters, markings) cross the middle of the kernel's pieces, where two walks meet.
    const long = Array.from(
      { length: 1500 },
      (_, i) => `mail ${'first.middle.last'.repeat(1 + (i % 3))}${i}@division-${i % 7}.agency-mail.gov; UNCLASSIFIED//FOR OFFICIAL USE ONLY LAW ENFORCEMENT SENS ${i}`,
    );
    const text = parts.join('') + '123456789 (213) 621-0002 '.repeat(2000) + long.join('\nCONTROLLED UNCLASSIFIED INFORMATION\n');
    const expected = key(scanBytes(reference, utf8(text)));
    // A roomy cache walks long pieces as two stretches at once; a small one drops states during those walks.
    const small = compileRules(defs, { prefilterAfter: 0, prefilterStates: 300 });
    for (const [rules, sizes] of [[fast, [text.length * 3]], [fast, [32 * 1024 - 1, 65_536]], [small, [65_536]]] as const) {
      const got = key(scanBytes(rules, utf8(text), sizes));
      expect(got.length).toBeGreaterThan(1000);
      expect(got).toEqual(expected);
    }
  });

  it('stays exact where mostly-ASCII pieces are walked as three stretches at once: stray wide characters, full hit buffers, a cache dropped mid-walk (property)', () => {
    // Long pieces with at most 1/64 bytes outside ASCII take the three-stretch ASCII kernel;
    // a character outside ASCII stops it wherever it falls, seams between stretches included.
    const ascii = FRAGMENTS.filter((f) => /^[\x00-\x7f]+$/.test(f));
    const wide = ['é', '中', '😀', '\u00a0', '°', 'ß'];
    const small = compileRules(defs, { prefilterAfter: 0, prefilterStates: 300 });
    const wasmFilter = compileRules(defs, { prefilterAfter: 0 }).prefilter!.forScanner(1)!;
    const jsFilter = compileRules(defs, { prefilterAfter: 0, prefilterKernel: 'js' }).prefilter!.forScanner(1)!;
    const hits = (filter: Prefilter, text: string): number[] => {
      const out: number[] = [];
      filter.scan(text, 0, filter.newCursor(), out);
      return out;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 400 }), (seed, wideEvery) => {
        let x = seed;
        const next = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
        const parts: string[] = [];
        let length = 0;
        while (length < 70_000) {
          const part = wideEvery > 0 && next(wideEvery) === 0 ? wide[next(wide.length)]! : ascii[next(ascii.length)]!;
          parts.push(part);
          length += part.length;
        }
        const text = parts.join('');
        const bytes = utf8(text);
        const expected = key(scanBytes(reference, bytes));
        expect(key(scanBytes(fast, bytes, [bytes.length]))).toEqual(expected);
        expect(key(scanBytes(small, bytes, [40_000]))).toEqual(expected);
        // The possible match ends themselves, in order, as the JavaScript walk finds them (no match
        // here is longer than a stretch's lead, so a walk started late misses none).
        expect(hits(wasmFilter, text)).toEqual(hits(jsFilter, text));
      }),
      { seed: 12, numRuns: 12 },
    );
  });

  it('stays exact when its DFA cache is dropped every few states, and when it then gives up', () => {
    let gaveUp = 0;
    fc.assert(
      fc.property(textArb, (text) => {
        const tiny = compileRules(defs, { prefilterStates: 4, prefilterAfter: 0 });
        expect(key(scanBytes(tiny, utf8(text), [13]))).toEqual(key(scanBytes(reference, utf8(text))));
        if (tiny.prefilter!.forScanner(1) === undefined) gaveUp++;
      }),
      { seed: 8, numRuns: 60 },
    );
    expect(gaveUp).toBeGreaterThan(0); // thrashing was met, and the scan went on without the prefilter
  });

  it('gives up on a cache that thrashes and goes on with the full scan, exactly', () => {
    const thrashing = compileRules(defs, { prefilterStates: 16, prefilterAfter: 0 });
    const text = readFileSync('fixtures/corpus/positive/' + readdirSync('fixtures/corpus/positive')[0], 'utf8').repeat(20);
    expect(key(scanText(thrashing, text, SETTINGS))).toEqual(key(scanText(reference, text, SETTINGS)));
    expect(thrashing.prefilter!.forScanner(1)).toBeUndefined();
  });
});

/** A user's rule around one pattern, with nothing that could hide a difference (no validators, no context). */
function ruleFor(regex: string, ignoreCase: boolean, i: number): RuleDef {
  return {
    id: `r${i}`,
    entity: `E${i}`,
    severity: 'high',
    name: `r${i}`,
    description: '',
    mask: 'none',
    patterns: [{ name: 'p', regex, score: 0.9, ignoreCase, line: 1, shape: regexShape(regex) }],
    validators: [],
    context: [],
    deny: [],
    examples: { match: [], nomatch: [] },
    source: { file: 'test', line: 1 },
  };
}

// Random bounded patterns over a small alphabet, so matches (and near misses) are frequent: a body
// of pieces (nesting, repetition, alternation, back-references) between the edge conditions the
// prefilter reads (look-behind, look-ahead, anchors, word boundaries).
const atomArb = fc.constantFrom('a', 'b', '1', '-', ' ', '\\d', '\\w', '\\s', '[ab1]', '[^a]', '.', '[a-c]', '\\.', 'é');
const pieceArb: fc.Arbitrary<string> = fc.letrec<{ piece: string }>((tie) => ({
  piece: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atomArb,
    atomArb,
    fc.tuple(atomArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 })).map(([a, lo, extra]) => `${a}{${lo},${lo + extra}}`),
    fc.tuple(tie('piece'), tie('piece')).map(([a, b]) => `(?:${a}|${b})`),
    fc.tuple(tie('piece'), tie('piece')).map(([a, b]) => `(?:${a}${b}){1,3}`),
    tie('piece').map((a) => `(?:${a})?`),
    tie('piece').map((a) => `(${a})-?\\1`),
  ),
})).piece;
const leadArb = fc.constantFrom('', '', '(?<![\\w-])', '(?<![ab]|1 )', '(?<=[ab])', '(?<![\\d.]|-\\d)', '^', '\\b', '(?<!a)(?<![-])');
const tailArb = fc.constantFrom('', '', '(?![\\w.])', '(?![ab]|-\\d)', '(?=\\d)', '(?!b)(?![1])', '$', '\\b', '(?![-.]\\d|a)');
const patternArb = fc
  .tuple(leadArb, fc.array(pieceArb, { minLength: 1, maxLength: 4 }), tailArb)
  .map(([lead, body, tail]) => lead + body.join('') + tail)
  .filter((src) => {
    try {
      new RegExp(src);
      const shape = regexShape(src);
      return Number.isFinite(shape.maxLength) && shape.minLength > 0;
    } catch {
      return false;
    }
  });

describe('prefilter: where a match ending at a possible end can start', () => {
  const earliest = (source: string, text: string): number => new Prefilter([{ source, ignoreCase: false }]).earliestStart(0, text, 0, text.length);

  it('at a character a match can start with, not at the prose before it', () => {
    const name = '[A-Z][a-z]{0,40}(?: [A-Z][a-z]{0,40}){1,3}';
    expect(earliest(name, 'the leak was patched by Maria Garcia')).toBe('the leak was patched by '.length);
    expect(earliest(name, 'x, an Maria Garcia')).toBe('x, an '.length);
    // No capital since the last character no match holds: no match ends there.
    expect(earliest(name, 'Maria: garcia lopez')).toBe('Maria: garcia lopez'.length);
  });

  it('anywhere in the run when a match may consume nothing at all', () => {
    expect(earliest('(?:[A-Z][a-z]{0,40})?(?: [a-z]{1,40}){1,3}', 'ab cd ef')).toBe(2); // a capital or the space
    expect(earliest('[A-Z]{0,3}(?:[a-z ]{0,80}|x[0-9]{1,80})', 'x123')).toBe(0);
    expect(earliest('[A-Z]{0,3}(?:[a-z ]{0,80}|x[0-9]{1,80})', '123')).toBe(0); // an empty match ends anywhere
  });
});

describe('prefilter (random user patterns)', () => {
  it('never misses a match the full scan finds, nor adds one (property)', () => {
    let found = 0;
    let clear = 0;
    const textArb = fc.array(fc.constantFrom('a', 'b', 'c', '1', '2', '-', ' ', '.', '\n', 'é', '😀', 'ab', '11-1', 'a-a', 'ab ab', '\r\n', '\r', '\u2028'), { maxLength: 300, size: 'max' }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(patternArb, fc.boolean()), { minLength: 1, maxLength: 4 }), textArb, fc.integer({ min: 1, max: 50 }), (patterns, text, chunk) => {
        const userDefs = patterns.map(([p, ic], i) => ruleFor(p, ic, i));
        const withPrefilter = compileRules(userDefs, { prefilterStates: 16, prefilterAfter: 0 });
        const inJs = compileRules(userDefs, { prefilterStates: 16, prefilterAfter: 0, prefilterKernel: 'js' });
        const without = compileRules(userDefs, { prefilter: false });
        const expected = key(scanBytes(without, utf8(text)));
        found += expected.length;
        expect(key(scanBytes(withPrefilter, utf8(text), [chunk]))).toEqual(expected);
        expect(key(scanBytes(inJs, utf8(text), [chunk]))).toEqual(expected);
        // Where the DFA sees no possible match in a text taken alone, there is none.
        const filter = withPrefilter.prefilter!.built();
        if (filter?.coversAll && !filter.mayMatch(text)) {
          clear++;
          expect(key(scanText(without, text, SETTINGS))).toEqual([]);
        }
      }),
      { seed: 20261126, numRuns: 400 },
    );
    expect(found).toBeGreaterThan(2000); // the patterns do match: a vacuous property proves nothing
    expect(clear).toBeGreaterThan(10);
  });
});
