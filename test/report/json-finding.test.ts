/** The JSON report writes findings out field by field: it must equal JSON.stringify's own layout. */
import { indent, rulesById } from '../../src/report/reporter.js';
import type { FileFinding } from '../../src/model/scan.js';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findingText, jsonFinding, jsonReporter } from '../../src/report/json.js';
import type { RuleDef } from '../../src/model/rule.js';
import { escapeJsonText } from '../../src/report/escape.js';
import { createReporter } from '../../src/report/format.js';

type JsonFinding = ReturnType<typeof jsonFinding>;

const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\u0000', '\u2028', 'é', '😀', '\ud800', '/', '\u0085', '\u202e', '\u2066') });
const count = fc.oneof(fc.nat(), fc.constant(0), fc.integer({ min: -5, max: 5 }));
const finding: fc.Arbitrary<JsonFinding> = fc.record({
  path: text,
  ruleId: text,
  entity: text,
  severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
  confidence: fc.oneof(fc.constantFrom(0, 1, 0.5, 0.07, -0), fc.double({ min: 0, max: 1, noNaN: true })),
  line: count,
  column: count,
  endLine: count,
  endColumn: count,
  offset: count,
  length: count,
  value: text,
  masked: fc.boolean(),
  why: text,
  contextHash: text,
});

describe('findingText', () => {
  it('writes every field jsonFinding gives, so a field added there cannot go missing from the report', () => {
    const defs = rulesById([{ id: 'us-ssn', entity: 'US_SSN', severity: 'critical', mask: 'last4' } as unknown as RuleDef]);
    const f: FileFinding = {
      path: 'a.csv', ruleId: 'us-ssn', entity: 'US_SSN', severity: 'critical', confidence: 0.95, value: '536-22-4391',
      why: 'dashed SSN', index: 4, line: 2, column: 5, endLine: 2, endColumn: 16, offset: 4, length: 11, contextHash: 'abc',
    };
    for (const opts of [{ showValues: false, color: false }, { showValues: true, color: false }]) {
      for (const finding of [f, { ...f, location: { kind: 'csv' as const, row: 2, column: 1, cell: 'A2', header: 'ssn' } }]) {
        const o = jsonFinding(finding, defs, opts);
        expect(findingText(o)).toBe(escapeJsonText(indent(o, 2)));
      }
    }
  });

  it('the report writes each finding as findingText does, from the finding itself', () => {
    const defs = [{ id: 'us-ssn', entity: 'US_SSN', severity: 'critical', mask: 'last4' } as unknown as RuleDef];
    const f: FileFinding = {
      path: 'a.csv', ruleId: 'us-ssn', entity: 'US_SSN', severity: 'critical', confidence: 0.95, value: '536-22-4391',
      why: 'dashed SSN', index: 4, line: 2, column: 5, endLine: 2, endColumn: 16, offset: 4, length: 11, contextHash: 'abc',
    };
    const located = { ...f, location: { kind: 'csv' as const, row: 2, column: 1, cell: 'A2', header: 'ssn' }, unmaskedLocation: { kind: 'csv' as const, row: 2, column: 1, cell: 'A2', header: 'SSN 1' } };
    for (const opts of [{ showValues: false, color: false }, { showValues: true, color: false }]) {
      for (const finding of [f, located, { ...f, preMasked: true, value: '***-**-4391' }, { ...f, alternatives: [{ entity: 'PHONE', ruleId: 'phone', confidence: 0.4 }] }]) {
        let out = '';
        jsonReporter((s) => (out += s), opts, defs).finding(finding);
        expect(out.slice(out.indexOf('[') + 1)).toBe(`\n    ${findingText(jsonFinding(finding, rulesById(defs), opts))}`);
      }
    }
  });

  it('equals the general indented JSON for any finding', () => {
    fc.assert(
      fc.property(finding, (f) => {
        const written = findingText(f);
        expect(written).toBe(escapeJsonText(indent(f, 2)));
        expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(f)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a location the same way, whatever it holds (property)', () => {
    const location = fc.oneof(
      fc.record({ kind: fc.constant('csv'), row: fc.nat(), column: fc.nat(), cell: text, header: fc.option(text, { nil: undefined }), description: text }),
      fc.record({ kind: fc.constant('zip'), entry: text, inner: fc.record({ kind: fc.constant('json'), path: text }), description: text }),
    );
    fc.assert(
      fc.property(finding, location, (f, loc) => {
        const located = { ...f, location: loc } as unknown as JsonFinding;
        expect(findingText(located)).toBe(escapeJsonText(indent(located, 2)));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the general way for numbers JSON cannot hold', () => {
    const base = fc.sample(finding, { numRuns: 1, seed: 7 })[0]!;
    const odd = { ...base, line: Number.NaN, offset: Infinity };
    expect(findingText(odd)).toBe(escapeJsonText(indent(odd, 2)));
    expect(JSON.parse(findingText(odd))).toMatchObject({ line: null, offset: null });
  });

  it('escapes the controls and bidi characters JSON.stringify leaves raw, as the whole report was before', async () => {
    const defs = [{ id: 'x\u202e', entity: 'X', severity: 'low', mask: 'none' } as unknown as RuleDef];
    const f: FileFinding = {
      path: 'a\u2066b.txt', ruleId: 'x\u202e', entity: 'X', severity: 'low', confidence: 0.5, value: 'v\u0085\u009f',
      why: 'why \u202a', index: 0, line: 1, column: 1, endLine: 1, endColumn: 4, offset: 0, length: 3, contextHash: 'abc',
    };
    const located = { ...f, location: { kind: 'csv' as const, row: 2, column: 1, cell: 'A2', header: 'h\u2069' } };
    for (const finding of [f, located, { ...f, alternatives: [{ entity: 'Y\u202c', ruleId: 'y', confidence: 0.4 }] }]) {
      for (const showValues of [false, true]) {
        let out = '';
        const reporter = await createReporter('json', (s) => (out += s), { showValues, color: false }, defs);
        reporter.finding(finding);
        expect(out).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const raw = `\n    ${indent(jsonFinding(finding, rulesById(defs), { showValues, color: false }), 2)}`;
        expect(out.slice(out.indexOf('[') + 1)).toBe(escapeJsonText(raw));
      }
    }
  });
});
