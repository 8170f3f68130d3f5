import { describe, expect, it } from '@jest/globals';
import type { LocatedFinding } from '../../src/documents/scan-document.js';
import { rewriteJson } from '../../src/redact/json-rewrite.js';

const finding = (path: string, index: number, value: string): LocatedFinding =>
  ({ entity: 'US_SSN', ruleId: 'us-ssn', severity: 'critical', index, value, offset: 0, length: value.length, location: { kind: 'json', path } }) as LocatedFinding;
const mask = (original: string) => original.replace(/\d/g, '*');
const rewrite = (text: string, findings: LocatedFinding[]) => rewriteJson(text, findings, (f) => ({ entity: f.entity, style: 'mask', mask: 'full' }), mask);

describe('rewriteJson', () => {
  it('rewrites the value at its path and position, unescaped, and writes it back as a string', () => {
    const out = rewrite('{"a": "x \\u0035\\u0033\\u0036 y", "b": [1, 536224391]}', [finding('$.a', 2, '536'), finding('$.b[1]', 0, '536224391')]);
    expect(out).toEqual({ text: '{"a": "x *** y", "b": [1, "*********"]}', unplaced: 0 });
  });

  it('counts a finding whose value is not at its place (another path, another text) as unplaced', () => {
    const out = rewrite('{"a": "536"}', [finding('$.b', 0, '536'), finding('$.a', 1, '536')]);
    expect(out).toEqual({ text: '{"a": "536"}', unplaced: 2 });
  });

  it('counts every finding as unplaced in text that is not JSON', () => {
    expect(rewrite('{"a": 536', [finding('$.a', 0, '536')]).unplaced).toBe(1);
  });
});
