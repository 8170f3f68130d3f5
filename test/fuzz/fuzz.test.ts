/**
 * Property and fuzz tests with a fixed seed and a small budget in CI; FUZZ_RUNS=N runs longer
 * (e.g. FUZZ_RUNS=5000 npm test -- test/fuzz).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { ROOT } from '../cli/helpers.js';

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

describe('mutated documents', () => {
  const ctx = () => ({ ruleSet: rules, settings: SETTINGS, minConfidence: 0.5, allow: allowSet([]) });
  const samples = [
    'brief.docx', 'roster.xlsx', 'deck.pptx', 'bundle.zip', 'mail.eml', 'notes.xlsx', 'review.pptx', 'linked.docx', 'form.pdf',
    'producers/stores.docx', 'producers/stores.xlsx', 'producers/libreoffice.xlsx',
  ].map((name) => [name.replace('/', '-'), readFileSync(join(ROOT, 'fixtures', 'documents', name))] as const);

  it.each(samples)('%s: the unmutated document is extracted and has findings', async (name, original) => {
    const path = join(dir, `orig-${name}`);
    writeFileSync(path, original);
    const r = await collectInput({ kind: 'file', path, display: name }, fileChunks(path), ctx());
    expect(r.status).toBe('scanned');
    expect(r.findings.length).toBeGreaterThan(0);
  });

  it.each(samples)('%s: random byte changes and truncations give findings or a clear error, never a crash or a hang', async (name, original) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat(original.length), { nil: undefined }),
        async (edits, cut) => {
          const bytes = Buffer.from(original);
          for (const [at, b] of edits) bytes[at] = b;
          const mutated = cut === undefined ? bytes : bytes.subarray(0, cut);
          const path = join(dir, `mut-${name}`);
          writeFileSync(path, mutated);
          const started = Date.now();
          const r = await collectInput({ kind: 'file', path, display: name }, fileChunks(path), ctx());
          expect(['scanned', 'binary', 'error']).toContain(r.status);
          if (r.status === 'error') expect(r.message).toMatch(/\S/);
          expect(Date.now() - started).toBeLessThan(10_000);
        },
      ),
      { seed: 99, numRuns: runs(40) },
    );
  }, 120_000);
});
