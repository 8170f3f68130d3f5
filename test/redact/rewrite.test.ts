import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planSpans, type Span } from '../../src/redact/plan.js';
import { rewrite } from '../../src/redact/rewrite.js';
import type { Finding } from '../../src/model/finding.js';

async function run(bytes: Buffer, spans: Span[], sizes: number[]): Promise<Buffer> {
  async function* chunks() {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = Math.max(1, sizes[k % sizes.length]!);
      yield bytes.subarray(at, at + n);
      at += n;
    }
  }
  const out: Buffer[] = [];
  for await (const piece of rewrite(chunks(), spans, (span, original) => Buffer.from(`<${span.entity}:${original.toString('hex')}>`))) out.push(piece);
  return Buffer.concat(out);
}

/** The same result computed without streaming: splice every span out of the whole buffer. */
function splice(bytes: Buffer, spans: Span[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(bytes.subarray(at, s.start), Buffer.from(`<${s.entity}:${bytes.subarray(s.start, s.end).toString('hex')}>`));
    at = s.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

const finding = (offset: number, length: number, entity = 'X', severity: Finding['severity'] = 'low'): Finding => ({
  ruleId: entity.toLowerCase(), entity, severity, confidence: 1, value: '', why: '', index: offset,
  line: 1, column: 1, endLine: 1, endColumn: 1, offset, length, contextHash: '',
});

describe('rewrite', () => {
  it('gives the same bytes for any chunking, equal to splicing the whole buffer (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(299), fc.integer({ min: 1, max: 20 })), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (raw, cuts, sizes) => {
          const bytes = Buffer.from(raw);
          const findings = cuts.filter(([o, n]) => o + n <= bytes.length).map(([o, n]) => finding(o, n));
          const spans = planSpans(findings, (f) => ({ entity: f.entity, style: 'placeholder', mask: 'full' }));
          const expected = splice(bytes, spans);
          expect((await run(bytes, spans, sizes)).equals(expected)).toBe(true);
          expect((await run(bytes, spans, [1])).equals(expected)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('planSpans', () => {
  it('merges overlapping findings into one span led by the most severe', () => {
    const spans = planSpans([finding(10, 5, 'PHONE_NUMBER', 'low'), finding(4, 20, 'CASE', 'high'), finding(30, 3, 'X', 'low')], (f) => ({
      entity: f.entity,
      style: 'mask',
      mask: 'full',
    }));
    expect(spans.map((s) => [s.start, s.end, s.entity])).toEqual([
      [4, 24, 'CASE'],
      [30, 33, 'X'],
    ]);
  });

  it('extends a span to cover a finding that starts inside and ends beyond it', () => {
    const spans = planSpans([finding(0, 10, 'A', 'medium'), finding(8, 10, 'B', 'critical')], (f) => ({ entity: f.entity, style: 'mask', mask: 'full' }));
    expect(spans.map((s) => [s.start, s.end, s.entity])).toEqual([[0, 18, 'B']]);
  });
});
