/** Reports gathered into large writes: the bytes written are exactly the text's UTF-8, in order. */
import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import { batched } from '../../src/fs/write-report.js';

it('writes the UTF-8 of everything written, in batches of at most 64 KB but for a single larger piece, never reusing a batch it handed on (property)', () => {
  const piece = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', '\ud800', '\n', '"'), maxLength: 300 }),
    fc.constantFrom('x'.repeat(70_000), 'é'.repeat(30_000)),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 400 }), (pieces) => {
      const batches: Uint8Array[] = [];
      const out = batched((bytes) => batches.push(bytes));
      for (const p of pieces) out.write(p);
      out.flush();
      // Compared only now: a batch must still hold what it held when handed on (a pipe writes later).
      expect(Buffer.concat(batches).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
      for (const b of batches) expect(b.length <= 64 * 1024 || pieces.some((p) => Buffer.byteLength(p) === b.length)).toBe(true);
    }),
    { numRuns: 200 },
  );
});

it('starts a new batch where a piece of wide characters would not fit the current one', () => {
  const batches: Uint8Array[] = [];
  const out = batched((bytes) => batches.push(bytes));
  const pieces = ['a'.repeat(65_400), '中'.repeat(100), '😀'];
  for (const p of pieces) out.write(p);
  out.flush();
  expect(Buffer.concat(batches).toString('utf8')).toBe(pieces.join(''));
});

it('with a sink done with each batch when it returns, writes the same bytes through one reused buffer', () => {
  const copies: Buffer[] = [];
  const seen = new Set<ArrayBufferLike>();
  const out = batched((bytes) => {
    copies.push(Buffer.from(bytes)); // what a synchronous write takes
    seen.add(bytes.buffer);
  }, true);
  const pieces = Array.from({ length: 3000 }, (_, i) => `{"n": ${i}, "why": "é中😀"}\n`);
  for (const p of pieces) out.write(p);
  out.flush();
  expect(Buffer.concat(copies).toString('utf8')).toBe(pieces.join(''));
  expect(copies.length).toBeGreaterThan(1);
  expect(seen.size).toBe(1);
});
