/**
 * Bytes on disk → the right line, column (UTF-16 code units, 1-based) and byte offset,
 * whatever the encoding, line endings or size of the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseJson, runCli, tempDirs, writeTree, type JsonFinding } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const where = (f: JsonFinding) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, offset: f.offset, length: f.length });

async function findings(cwd: string, file: string): Promise<JsonFinding[]> {
  const r = await runCli(['-f', 'json', '--show-values', file], { cwd });
  expect(r.stderr).toBe('');
  return parseJson(r.stdout).findings;
}

describe('encodings and line endings', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = writeTree(dirs.make(), {
      // 'ab', two invalid bytes, then the SSN: each bad byte is one U+FFFD and one byte.
      'invalid.txt': Buffer.concat([Buffer.from('ab'), Buffer.from([0xff, 0xfe]), Buffer.from('SSN: 536-22-4391\n')]),
      'invalid-2.txt': Buffer.concat([Buffer.from('x\nSSN '), Buffer.from([0xc3]), Buffer.from('536-22-4391 '), Buffer.from([0x80, 0xe2, 0x82]), Buffer.from('\n')]),
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SSN: 536-22-4391\n')]),
      'crlf.txt': 'first line\r\nsecond\r\nSSN: 536-22-4391\r\ncall me at (213) 621-0002\r\n',
      'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo 😀\r\nSSN: 536-22-4391\r\n', 'utf16le')]),
      'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hi\nSSN: 536-22-4391\n', 'utf16le').swap16()]),
      'multibyte.txt': 'é SSN: 536-22-4391 😀 SSN: 671-03-2298\n',
      // 40 000 two-byte characters push the SSN past the 64 KB read chunk.
      'far.txt': `${'é'.repeat(40_000)} SSN: 536-22-4391\n`,
    });
  });

  it('invalid UTF-8 bytes next to an SSN: still found, columns count each bad byte once, offset in bytes', async () => {
    const [f, ...rest] = await findings(cwd, 'invalid.txt');
    expect(rest).toEqual([]);
    expect(f!.value).toBe('536-22-4391');
    expect(where(f!)).toEqual({ line: 1, column: 10, endLine: 1, endColumn: 21, offset: 9, length: 11 });
  });

  it('a truncated sequence right before the SSN and a stray continuation byte after it', async () => {
    const [f] = await findings(cwd, 'invalid-2.txt');
    expect(f?.value).toBe('536-22-4391');
    expect(where(f!)).toEqual({ line: 2, column: 6, endLine: 2, endColumn: 17, offset: 7, length: 11 });
  });

  it('a UTF-8 BOM: columns ignore it, the byte offset counts it', async () => {
    const [f] = await findings(cwd, 'bom.txt');
    expect(where(f!)).toEqual({ line: 1, column: 6, endLine: 1, endColumn: 17, offset: 8, length: 11 });
  });

  it('CRLF line endings: lines and columns as an editor shows them, offsets count the CR', async () => {
    const fs = await findings(cwd, 'crlf.txt');
    expect(fs.map((f) => [f.entity, where(f)])).toEqual([
      ['US_SSN', { line: 3, column: 6, endLine: 3, endColumn: 17, offset: 25, length: 11 }],
      ['PHONE_NUMBER', { line: 4, column: 12, endLine: 4, endColumn: 26, offset: 49, length: 14 }],
    ]);
  });

  it('UTF-16LE with a BOM: decoded, offsets and lengths in bytes (2 per code unit), BOM counted', async () => {
    const [f, ...rest] = await findings(cwd, 'utf16le.txt');
    expect(rest).toEqual([]);
    expect(f!.value).toBe('536-22-4391');
    // 'héllo 😀\r\n' is 10 code units; 'SSN: ' 5 more: (2 + 15 * 2) bytes before the value.
    expect(where(f!)).toEqual({ line: 2, column: 6, endLine: 2, endColumn: 17, offset: 32, length: 22 });
  });

  it('UTF-16BE with a BOM', async () => {
    const [f] = await findings(cwd, 'utf16be.txt');
    expect(where(f!)).toEqual({ line: 2, column: 6, endLine: 2, endColumn: 17, offset: 18, length: 22 });
  });

  it('multi-byte and astral characters: columns in UTF-16 code units, offsets in UTF-8 bytes', async () => {
    const fs = await findings(cwd, 'multibyte.txt');
    expect(fs.map((f) => [f.value, where(f)])).toEqual([
      ['536-22-4391', { line: 1, column: 8, endLine: 1, endColumn: 19, offset: 8, length: 11 }],
      ['671-03-2298', { line: 1, column: 28, endLine: 1, endColumn: 39, offset: 30, length: 11 }],
    ]);
  });

  it('byte offsets stay exact past the read-chunk boundary', async () => {
    const [f] = await findings(cwd, 'far.txt');
    expect(where(f!)).toEqual({ line: 1, column: 40_007, endLine: 1, endColumn: 40_018, offset: 80_006, length: 11 });
  });
});

describe('a single 50 MB line', () => {
  it('finds the SSN at the very end, with exact position', async () => {
    const cwd = dirs.make();
    const file = join(cwd, 'huge.txt');
    const filler = Buffer.from('lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(1170)); // ~65 KB, no digits
    const target = 50 * 1024 * 1024;
    const out = createWriteStream(file);
    let written = 0;
    while (written < target) {
      if (!out.write(filler)) await once(out, 'drain');
      written += filler.length;
    }
    const tail = ' SSN: 536-22-4391';
    out.end(tail);
    await once(out, 'finish');

    const started = Date.now();
    const r = await runCli(['-f', 'json', 'huge.txt'], { cwd });
    const elapsed = Date.now() - started;
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.summary.bytesScanned).toBe(written + tail.length);
    expect(report.findings.map(where)).toEqual([
      { line: 1, column: written + 7, endLine: 1, endColumn: written + 18, offset: written + 6, length: 11 },
    ]);
    expect(report.findings[0]!.entity).toBe('US_SSN');
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);
});
