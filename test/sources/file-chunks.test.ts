/** Reading a file for the scan: every byte once, in order, in chunks no larger than the scanner's. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks, READ_CHUNK } from '../../src/sources/file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'pii-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileChunks', () => {
  it.each([0, 1, READ_CHUNK - 1, READ_CHUNK, READ_CHUNK + 1, 17 * READ_CHUNK + 3, 40 * READ_CHUNK])('reads a file of %i bytes whole, in chunks of at most one READ_CHUNK', (size) => {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 11)) & 0xff;
    const path = join(dir, `f${size}`);
    writeFileSync(path, bytes);
    for (const reuse of [false, true]) {
      // Copied as they come: with `reuse`, a chunk's memory is read into again after the next is asked for.
      const chunks = [...fileChunks(path, reuse)].map((c) => Buffer.from(c));
      expect(chunks.every((c) => c.length > 0 && c.length <= READ_CHUNK)).toBe(true);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    }
  });
});
