/**
 * The scan's file reader hands out chunks of one reused buffer (file-chunks.ts with `reuse`): a
 * chunk holds its bytes only until the next is asked for. Whatever the scan keeps longer (the
 * first bytes it sniffs, a document it gathers, a character split between chunks) it must copy.
 */
import { beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { allowSet } from '../../src/filters/filters.js';
import { collectInput } from '../../src/run/scan-input.js';
import { ROOT } from '../cli/helpers.js';
import { Utf8Decoder } from '../../src/text/decoder.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

/** `bytes` in pieces of the given sizes, each a fresh copy. */
function* fresh(bytes: Buffer, sizes: number[]): Generator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; at += sizes[k++ % sizes.length]!) yield Uint8Array.prototype.slice.call(bytes, at, at + sizes[k % sizes.length]!);
}

/** The same pieces, each written into one buffer that is scribbled over before the next. */
function* reused(bytes: Buffer, sizes: number[]): Generator<Uint8Array> {
  const scratch = Buffer.alloc(Math.max(...sizes));
  for (const piece of fresh(bytes, sizes)) {
    scratch.fill(0xff);
    scratch.set(piece);
    yield scratch.subarray(0, piece.length);
  }
  scratch.fill(0xff);
}

const documents = join(ROOT, 'fixtures', 'documents');
const corpus = join(ROOT, 'fixtures', 'corpus', 'positive');
const samples = [
  ...['brief.docx', 'bundle.zip', 'mail.eml', 'record.json', 'people.csv', 'page.html'].map((name) => join(documents, name)),
  ...readdirSync(corpus).slice(0, 4).map((name) => join(corpus, name)),
];
const made: Record<string, Buffer> = {
  'wide.txt': Buffer.from(`Rückruf an José, DOB 04/12/1981 — SSN 536-22-4391 😀 tag 7ABC123\n`.repeat(40)),
  // Gathered whole before it is read (a document past the first chunks).
  'people.json': Buffer.from(JSON.stringify({ people: Array.from({ length: 400 }, (_, i) => ({ name: `Person ${i}`, ssn: '536-22-4391', phone: '(213) 621-0002' })) })),
};

it.each([...samples.map((p) => [p.slice(ROOT.length + 1), p] as const), ...Object.keys(made).map((name) => [name, name] as const)])(
  '%s: the same findings from reused memory as from fresh chunks',
  async (display, path) => {
    const bytes = made[path] ?? readFileSync(path);
    const ctx = { ruleSet: rules, settings: SETTINGS, minConfidence: 0.5, allow: allowSet([]), structured: 'all' as const };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
        const input = { kind: 'file' as const, path: display, display };
        const want = await collectInput(input, fresh(bytes, sizes), ctx);
        const got = await collectInput(input, reused(bytes, sizes), ctx);
        expect(got).toEqual(want);
        expect(want.status).toBe('scanned');
      }),
      { numRuns: 8, seed: 7 },
    );
  },
  60_000,
);

it('the decoder copies the bytes it holds back for the next chunk', () => {
  const decoder = new Utf8Decoder();
  const first = Buffer.from([0x41, 0xc3]); // "A" and the first byte of é: too short to tell a byte-order mark
  const text = [decoder.decode(first, false).text];
  first.fill(0xff);
  text.push(decoder.decode(Buffer.from([0xa9]), false).text, decoder.decode(new Uint8Array(0), true).text);
  expect(text.join('')).toBe('Aé');
});
