import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { scanText } from '../../src/engine/folding-scanner.js';
import { normalisedView } from '../../src/text/normalised-view.js';
import { hashContext } from '../../src/engine/context-hash.js';
import { scanBytes, SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

/** A labelled SSN as people, word processors, PDF extractors and mail clients write it. */
const SSN_VARIANTS: Record<string, string> = {
  'zero-width space': '536\u200b-22-4391',
  'zero-width non-joiner': '536-\u200c22-4391',
  'zero-width joiner': '536-22\u200d-4391',
  'word joiner': '536\u2060-22-4391',
  'byte-order mark': '536-22-\ufeff4391',
  'soft hyphen': '536-22\u00ad-4391',
  NBSP: '536\u00a022\u00a04391',
  'thin space': '536\u200922\u20094391',
  'narrow NBSP': '536\u202f22\u202f4391',
  'ideographic space': '536\u300022\u30004391',
  'en dash': '536\u201322\u20134391',
  'em dash': '536\u201422\u20144391',
  'minus sign': '536\u221222\u22124391',
  'hyphen U+2010': '536\u201022\u20104391',
  'non-breaking hyphen': '536\u201122\u20114391',
  'full-width hyphen': '536\uff0d22\uff0d4391',
  'small hyphen-minus': '536\ufe6322\ufe634391',
  'full-width digits': '\uff15\uff13\uff16-\uff12\uff12-\uff14\uff13\uff19\uff11',
  'Arabic-Indic digits': '\u0665\u0663\u0666-\u0662\u0662-\u0664\u0663\u0669\u0661',
  'Persian digits': '\u06f5\u06f3\u06f6-\u06f2\u06f2-\u06f4\u06f3\u06f9\u06f1',
  'Devanagari digits': '\u096b\u0969\u096c-\u0968\u0968-\u096a\u0969\u096f\u0967',
  'CRLF after a separator': '536-22-\r\n4391',
  'line break after a separator': '536-22-\n4391',
  'cp1252 NBSP read as UTF-8': '536\ufffd22\ufffd4391',
  'NBSP and zero-width space together': '536\u00a0\u200b22\u00a04391',
};

const ssns = (fs: Finding[]) => fs.filter((f) => f.entity === 'US_SSN');

describe('scanning the normalised view', () => {
  it.each(Object.entries(SSN_VARIANTS))('finds a labelled SSN written with %s, at its exact original span', (_name, value) => {
    const text = `Patient record\nSSN: ${value} (verified)`;
    const found = ssns(scanText(rules, text, SETTINGS));
    expect(found.map((f) => f.value)).toEqual([value]);
    const f = found[0]!;
    expect(f.index).toBe(text.indexOf(value));
    expect(f.line).toBe(2);
    expect(f.column).toBe('SSN: '.length + 1);
    expect(f.offset).toBe(Buffer.byteLength(text.slice(0, f.index)));
    expect(f.length).toBe(Buffer.byteLength(value));
    expect(f.why).toContain('normalised view');
  });

  it('finds them in a stream, whatever the chunk sizes, at the same exact bytes', () => {
    // Values wrapped across lines are the next test's.
    const text = Object.entries(SSN_VARIANTS)
      .filter(([name]) => !name.includes('after a separator'))
      .map(([, v]) => `Line: SSN ${v} ok`)
      .join('\n');
    const bytes = new TextEncoder().encode(`plain start 536-22-4391 is not labelled\n${text}`);
    const whole = scanBytes(rules, bytes);
    expect(ssns(whole).length).toBeGreaterThanOrEqual(Object.keys(SSN_VARIANTS).length - 2);
    for (const f of ssns(whole)) expect(Buffer.from(bytes.subarray(f.offset, f.offset + f.length)).toString('utf8')).toBe(f.value);
    for (const sizes of [[1], [3, 7], [64], [500]]) expect(scanBytes(rules, bytes, sizes)).toEqual(whole);
  });

  it('places every finding of a folded stream exactly, many to a chunk, values inside their matches too', () => {
    // An em dash first, so every chunk goes through the view; plates' values start after their
    // label (a match starts before its value), and findings of several rules share lines.
    const lines = ['Ünïcödé notes \u2014 from the field'];
    for (let i = 0; i < 400; i++) {
      const n = String(1000 + i);
      lines.push(i % 3 === 0 ? `plate: 7ABC${n.slice(1)} and SSN 536-22-${n} · Zoë <zoe.${n}@example.org>` : `Κώστας <k.${n}@example.gr> ok`);
    }
    const text = lines.join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const whole = scanBytes(rules, bytes);
    expect(whole.length).toBeGreaterThan(500);
    for (const f of whole) {
      expect(text.slice(f.index, f.index + f.value.length)).toBe(f.value);
      const before = text.slice(0, f.index);
      expect(f.line).toBe(before.split('\n').length);
      expect(f.column).toBe(f.index - before.lastIndexOf('\n'));
      expect(f.offset).toBe(Buffer.byteLength(before));
      expect(f.length).toBe(Buffer.byteLength(f.value));
    }
    for (const sizes of [[4096], [333, 1000]]) expect(scanBytes(rules, bytes, sizes)).toEqual(whole);
  });

  it('fingerprints a finding by its original surroundings, so baselines made before keep matching', () => {
    const text = 'Caf\u00e9\u00a0menu \u2013 SSN 536-22-4391 on file';
    const [f] = ssns(scanText(rules, text, SETTINGS));
    expect(f!.contextHash).toBe(hashContext(text, f!.index, f!.index + f!.value.length));
  });

  it('joins a value wrapped after its dash in a whole text (a document segment); in a stream only after its label', () => {
    const text = 'SSN 536-22-\r\n4391 and SSN 536-22-\n4391\nrecord 536-22-\n4391\n';
    expect(ssns(scanText(rules, text, SETTINGS)).map((f) => f.line)).toEqual([1, 2, 4]);
    const bytes = new TextEncoder().encode(text);
    const whole = scanBytes(rules, bytes);
    expect(ssns(whole).map((f) => f.line)).toEqual([1, 2]);
    for (const sizes of [[1], [2], [11], [13], [3, 5]]) expect(scanBytes(rules, bytes, sizes)).toEqual(whole);
  });

  it('leaves text without such characters to the scanner as it is', () => {
    const text = 'SSN 536-22-4391 and card 4532 0151 1283 0366';
    expect(scanText(rules, text, SETTINGS).every((f) => !f.why.includes('normalised view'))).toBe(true);
  });

  it('finds the same values whatever format and space characters are inserted into them (property)', () => {
    const VALUES = ['SSN 536-22-4391', 'card 4532 0151 1283 0366', 'IBAN DE89 3704 0044 0532 0130 00', 'mail r.lopez@agency-mail.gov', 'VIN 1HGCM82633A004352'];
    const INSERTED = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
    const FOLDED_SEPARATORS: Record<string, string[]> = { ' ': ['\u00a0', '\u2009', '\u202f'], '-': ['\u2013', '\u2011', '\u2212', '\uff0d'] };
    const text = fc.array(fc.constantFrom(...VALUES, ' and ', '\n', 'é ', 'the '), { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 });
    const key = (fs: Finding[]) => fs.map((f) => `${f.entity}:${normalisedView(f.value).text}:${f.confidence}`).sort();
    fc.assert(
      fc.property(text, edits, (plain, changes) => {
        let t = plain;
        for (const [at, pick, replace] of changes) {
          const i = at % (t.length + 1);
          const variants = FOLDED_SEPARATORS[t[i] ?? ''];
          if (replace && variants) t = t.slice(0, i) + variants[pick % variants.length] + t.slice(i + 1);
          else t = t.slice(0, i) + INSERTED[pick % INSERTED.length] + t.slice(i);
        }
        const found = scanText(rules, t, SETTINGS);
        expect(key(found)).toEqual(key(scanText(rules, plain, SETTINGS)));
        // Offsets round-trip: each finding's span in the original is its value.
        for (const f of found) expect(t.slice(f.index, f.index + f.value.length)).toBe(f.value);
      }),
      { seed: 20, numRuns: 150 },
    );
  });
});
