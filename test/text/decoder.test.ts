/**
 * Encodings without a label: UTF-16 without a byte-order mark (database and bcp exports), text
 * with stray NUL bytes, EBCDIC; and the well-known binaries that stay skipped. Bytes come from
 * iconv, the producer real exports go through, where it is installed.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { scanStream } from '../../src/run/scan-stream.js';
import { CP037 } from '../../src/text/cp037.js';
import { encodeEbcdic037, sniff } from '../../src/text/decoder.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

const hasIconv = spawnSync('iconv', ['--version']).status === 0;

/** `text` through `iconv -f utf-8 -t <to>`; without iconv, Node's own encoder for the UTF-16 forms. */
function iconv(text: string, to: string): Buffer {
  if (hasIconv) {
    const r = spawnSync('iconv', ['-f', 'utf-8', '-t', to], { input: text });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    return r.stdout;
  }
  if (to === 'UTF-16LE') return Buffer.from(text, 'utf16le');
  if (to === 'UTF-16BE') return Buffer.from(text, 'utf16le').swap16();
  if (to === 'IBM037') return encodeEbcdic037(text);
  throw new Error(`no encoder for ${to}`);
}

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

/** Scan `bytes` through the streaming path, cut into pieces of `size` (sniffing waits for 8000 bytes). */
async function scan(bytes: Buffer, size = bytes.length || 1) {
  const found: Finding[] = [];
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  };
  // The names in these exports (PERSON, at any confidence here) are not what the decoder is tested on.
  const result = await scanStream(chunks(), rules, SETTINGS, (f) => {
    if (f.entity !== 'PERSON') found.push(f);
  });
  return { result, found: found.map((f) => ({ value: f.value, line: f.line, column: f.column, offset: f.offset, length: f.length })) };
}

const export_ = 'id,name,ssn\r\n1,Jane Roe,536-22-4391\r\n2,Ann Poe,none\r\n';

describe('UTF-16 without a byte-order mark', () => {
  it.each([
    ['UTF-16LE', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
  ])('%s (iconv, no BOM): decoded; lines, columns and byte offsets exact', async (to, label) => {
    const bytes = iconv(export_, to);
    expect(bytes[0] === 0xff || bytes[0] === 0xfe).toBe(false);
    const { result, found } = await scan(bytes);
    expect(result).toMatchObject({ status: 'scanned', encoding: label });
    // 'id,name,ssn\r\n' is 13 code units, '1,Jane Roe,' 11: 24 units, 48 bytes before the value.
    expect(found).toEqual([{ value: '536-22-4391', line: 2, column: 12, offset: 48, length: 22 }]);
  });

  it('a long file split across chunk boundaries (odd sizes, a code unit cut in two) gives the same findings', async () => {
    const text = `${'Société, row of filler text é ü\r\n'.repeat(400)}SSN 536-22-4391\r\n${'more filler\r\n'.repeat(300)}SSN 671-03-2298\r\n`;
    for (const to of ['UTF-16LE', 'UTF-16BE']) {
      const bytes = iconv(text, to);
      const whole = await scan(bytes);
      expect(whole.found.map((f) => f.value)).toEqual(['536-22-4391', '671-03-2298']);
      for (const size of [1, 7, 999, 8001, 65_536]) expect(await scan(bytes, size)).toEqual(whole);
    }
  });

  it('non-Latin UTF-16 (few zero bytes) and 16-bit binary numbers are not taken for it', () => {
    const numbers = Buffer.alloc(4000);
    for (let i = 0; i < numbers.length; i += 2) numbers[i] = (i * 37) % 256 || 1; // small little-endian integers
    expect(sniff(numbers)).not.toMatchObject({ kind: 'text', decoder: { encoding: 'utf16' } });
  });
});

describe('stray NUL bytes', () => {
  it('a text file with three leading NULs is scanned as text, offsets counting them', async () => {
    const bytes = Buffer.concat([Buffer.alloc(3), Buffer.from('SSN: 536-22-4391\n')]);
    const { result, found } = await scan(bytes);
    expect(result.status).toBe('scanned');
    expect(found).toEqual([{ value: '536-22-4391', line: 1, column: 9, offset: 8, length: 11 }]);
  });

  it('a log padded with a block of NULs (a crash mid-write) and a few NULs scattered: text', () => {
    const log = Buffer.from('2024-05-01 login ok\n'.repeat(100));
    expect(sniff(Buffer.concat([log, Buffer.alloc(3000), log])).kind).toBe('text');
    const scattered = Buffer.from(log);
    for (const at of [5, 300, 900, 1500]) scattered[at] = 0;
    expect(sniff(scattered).kind).toBe('text');
  });

  it('NULs spread through the bytes (binary structures, UTF-32) stay binary', () => {
    const records = Buffer.alloc(4000);
    for (let i = 0; i < records.length; i += 8) records.write('rec', i); // 3 bytes of text, 5 of zero, over and over
    expect(sniff(records).kind).toBe('binary');
    expect(sniff(Buffer.from(new Uint32Array([...'Jane Roe 536-22-4391\n'.repeat(50)].map((c) => c.charCodeAt(0))).buffer)).kind).toBe('binary');
    expect(sniff(Buffer.alloc(100)).kind).toBe('binary');
  });
});

describe('UTF-32', () => {
  it.each(['UTF-32LE', 'UTF-32BE', 'UTF-32'])('%s (iconv): recognised, noted as an encoding not decoded, never misread as UTF-16', (to) => {
    if (!hasIconv) return;
    const bytes = iconv('SSN: 536-22-4391\n'.repeat(20), to);
    expect(sniff(bytes)).toMatchObject({ kind: 'binary', reason: expect.stringMatching(/^unknown encoding \(UTF-32[LB]E text is not decoded\)$/) });
  });
});

describe('EBCDIC', () => {
  it('code page 037 (iconv -t IBM037): decoded, a byte a character, NL and LF end lines', async () => {
    const bytes = iconv('Name: Jane Roe\nSSN: 536-22-4391\n', 'IBM037');
    const { result, found } = await scan(bytes);
    expect(result).toMatchObject({ status: 'scanned', encoding: 'ibm037' });
    expect(found).toEqual([{ value: '536-22-4391', line: 2, column: 6, offset: 20, length: 11 }]);
    // Mainframe records end with NL (0x15) rather than LF (0x25).
    const nl = Buffer.from(bytes.map((b) => (b === 0x25 ? 0x15 : b)));
    expect((await scan(nl)).found).toEqual(found);
  });

  it('accented letters in EBCDIC keep byte offsets at one per character', async () => {
    const bytes = iconv('Société Générale, café\nSSN: 536-22-4391\n', 'IBM037');
    expect((await scan(bytes)).found).toEqual([{ value: '536-22-4391', line: 2, column: 6, offset: 28, length: 11 }]);
  });

  it('the table is code page 037 (the byte for each letter and digit) and round-trips', () => {
    expect(CP037.length).toBe(256);
    expect(new Set(CP037).size).toBe(256);
    expect([CP037[0x40], CP037[0x81], CP037[0xc1], CP037[0xf0], CP037[0x25]]).toEqual([' ', 'a', 'A', '0', '\n']);
    expect(encodeEbcdic037('SSN ***-**-4391')).toEqual(iconv('SSN ***-**-4391', 'IBM037'));
  });

  it('Latin-1 and ASCII text are not taken for EBCDIC', () => {
    expect(sniff(Buffer.from('Société générale, café crème. '.repeat(100), 'latin1'))).toMatchObject({ kind: 'text', decoder: { label: 'utf-8' } });
    expect(sniff(Buffer.from('plain words\n'.repeat(100)))).toMatchObject({ kind: 'text', decoder: { label: 'utf-8' } });
  });
});

describe('well-known binaries are named by their magic number', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), randomBytes(200)]);
  it.each([
    ['PNG image', png],
    ['JPEG image', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)])],
    ['GIF image', Buffer.concat([Buffer.from('GIF89a'), randomBytes(200)])],
    ['gzip compressed data', gzipSync(Buffer.from('SSN 536-22-4391\n'.repeat(50)))],
    ['ELF executable', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(9), Buffer.from('text '.repeat(1000))])],
    ['WOFF2 font', Buffer.concat([Buffer.from('wOF2'), Buffer.from([0, 1, 0, 0]), randomBytes(200)])],
    ['TrueType font', Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 0x0c, 0, 0x80]), randomBytes(200)])],
  ])('%s', (name, bytes) => {
    expect(sniff(bytes)).toEqual({ kind: 'binary', reason: `binary file (${name})`, format: name });
  });

  it('a text file that happens to start with a printable magic ("GIF89a", "OTTO") is still text', () => {
    expect(sniff(Buffer.from('GIF89a is the version we use.\n')).kind).toBe('text');
    expect(sniff(Buffer.from('OTTO: 536-22-4391\n')).kind).toBe('text');
  });
});

