/**
 * Property and fuzz tests with a fixed seed and a small budget in CI; FUZZ_RUNS=N runs longer
 * (e.g. FUZZ_RUNS=5000 npm test -- test/fuzz).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteScanner } from '../../src/engine/byte-scanner.js';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { allowSet } from '../../src/filters/filters.js';
import { realFs, redactInto, type RedactJob } from '../../src/redact/redact-file.js';
import { collectInput } from '../../src/run/scan-input.js';
import { fileChunks } from '../../src/sources/file-chunks.js';
import { Utf8Decoder } from '../../src/text/decoder.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 0);
const runs = (ci: number) => (RUNS > 0 ? RUNS : ci);

let rules: RuleSet;
let dir: string;
beforeAll(async () => {
  rules = await shippedRules();
  dir = mkdtempSync(join(tmpdir(), 'pii-scan-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('random bytes', () => {
  it('never crash the decoder or the scanner, and every finding points inside the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000, size: 'max' }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }), (bytes, sizes) => {
        const scanner = new ByteScanner(rules, new Utf8Decoder(), SETTINGS);
        const found = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const n = sizes[k % sizes.length]!;
          found.push(...scanner.feed(bytes.subarray(at, at + n), false));
          at += n;
        }
        found.push(...scanner.feed(new Uint8Array(0), true));
        for (const f of found) {
          expect(f.offset).toBeGreaterThanOrEqual(0);
          expect(f.offset + f.length).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { seed: 1126, numRuns: runs(300) },
    );
  });
});

const FRAGMENTS = [
  'SSN 536-22-4391', 'soc sec 536224391', 'DOB 04/12/1981', 'plate 7ABC123', 'CA 8XYZ221', 'VIN 1HGCM82633A004352',
  'A# 012 345 678', '(U//FOUO)', 'call (213) 621-0002', 'r.lopez@agency-mail.gov', 'card 4929 1234 5678 9015',
  'routing 021000021', 'passport 488839667', 'host 73.162.44.201', '34.05223, -118.24368', ' ', '\n', '\r\n', 'é', '😀',
  'then 412779025', 'order 12345', 'x',
];

describe('redaction', () => {
  it.each(['mask', 'placeholder', 'remove'] as const)('%s: output rescans clean and a second pass changes nothing (property)', async (style) => {
    const job: RedactJob = {
      ctx: { ruleSet: rules, settings: SETTINGS, minConfidence: 0.5, allow: allowSet([]) },
      replacementFor: (f) => ({ entity: f.entity, style, mask: 'last4' }),
      fs: realFs,
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 40, size: 'max' }), async (parts) => {
        const src = join(dir, `${style}-in-${n}.txt`);
        const once = join(dir, `${style}-once-${n}.txt`);
        const twice = join(dir, `${style}-twice-${n++}.txt`);
        writeFileSync(src, parts.join(' '));
        const first = await redactInto(src, 'in', once, 0o600, job);
        const out1 = first.status === 'done' && first.changed ? once : src;
        const rescan = await collectInput({ kind: 'file', path: out1, display: 'x' }, fileChunks(out1), job.ctx);
        expect(rescan.findings).toEqual([]);
        const second = await redactInto(out1, 'x', twice, 0o600, job);
        expect(second.status === 'done' && second.changed).toBe(false);
      }),
      { seed: 7, numRuns: runs(40) },
    );
  });
});
