/** Labels in locations masked like values (src/masking/mask-labels.ts), and control characters escaped (src/report/escape.ts). */
import type { FindingLocation } from '../../src/model/location.js';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { escapeControls, escapeJsonText } from '../../src/report/escape.js';
import { labelMasker, type LabelMasker } from '../../src/masking/mask-labels.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
let labels: LabelMasker;
beforeAll(async () => {
  rules = await shippedRules();
  labels = labelMasker(rules, SETTINGS, 0.5);
});

describe('labelMasker', () => {
  it("masks what the rules find in a label with the rule's own style, and nothing else", () => {
    expect(labels.text('536-22-4391')).toBe('***-**-4391');
    expect(labels.text('r.lopez@agency-mail.gov')).toBe('*.*****@******-****.***');
    expect(labels.text('owner 536-22-4391 (r.lopez@agency-mail.gov)')).toBe('owner ***-**-4391 (*.*****@******-****.***)');
    for (const plain of ['ssn', 'Date of birth', 'B100000', 'C7', '$.people[2].ssn', 'Sheet1']) expect(labels.text(plain)).toBe(plain);
  });

  it('judges a label as a value is: below the threshold it stays (a cell reference is not a licence number)', () => {
    expect(labels.text('D1234567')).toBe('D1234567');
    expect(labels.text("Driver's License D1234567")).not.toContain('1234567');
  });

  it('masks every string of a location, the containers in its chain too (.zip reads as the address\'s last label), and keeps the object when nothing is a value', () => {
    const loc: FindingLocation = {
      kind: 'csv',
      row: 3,
      column: 2,
      cell: 'B3',
      header: '536-22-4391',
      chain: [{ kind: 'eml', part: 'attachment', name: 'r.lopez@agency-mail.gov.zip' }, { kind: 'zip', entry: 'exports/536-22-4391.csv' }],
    };
    expect(labels.location(loc)).toEqual({
      kind: 'csv',
      row: 3,
      column: 2,
      cell: 'B3',
      header: '***-**-4391',
      chain: [{ kind: 'eml', part: 'attachment', name: '*.*****@******-****.***.***' }, { kind: 'zip', entry: 'exports/***-**-4391.csv' }],
    });
    const plain: FindingLocation = { kind: 'json', path: '$.people[2].ssn' };
    expect(labels.location(plain)).toBe(plain);
    expect(labels.location(loc)).toBe(labels.location(loc)); // worked out once per location
  });

  it('masks a JSON key path and a sheet name', () => {
    expect(labels.location({ kind: 'json', path: '$["536-22-4391"].note' })).toEqual({ kind: 'json', path: '$["***-**-4391"].note' });
    expect(labels.location({ kind: 'xlsx', sheet: 'Visa 4929 1234 5678 9015', cell: 'A1' })).toEqual({ kind: 'xlsx', sheet: 'Visa **** **** **** 9015', cell: 'A1' });
  });
});

describe('escapeControls and escapeJsonText', () => {
  it('show C0, C1, DEL and bidi controls as escapes in text, and leave everything else', () => {
    expect(escapeControls('a\u001b[2Kb\nc\td\u007f\u009b\u202e\u2066é→')).toBe('a\\x1b[2Kb\\x0ac\\x09d\\x7f\\x9b\\u202e\\u2066é→');
    const plain = 'report.docx [comment by J. Doe, paragraph 3]:1:14';
    expect(escapeControls(plain)).toBe(plain);
  });

  it('write what JSON.stringify leaves raw as \\u escapes, and the text parses to the same value', () => {
    const value = { name: 'a\u001b\u007f\u0085\u202e\u2069b', n: 1 };
    const text = escapeJsonText(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
