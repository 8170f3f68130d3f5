import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sniff } from '../../src/text/decoder.js';

const text = Buffer.from('Team, staging at 0500. SSN 536-22-4391 for the form.\n'.repeat(100));

describe('binary or text', () => {
  it('keeps text with a few stray control bytes and a stray NUL', () => {
    const t = Buffer.from(text);
    t[10] = 0x01;
    t[200] = 0x00;
    t[400] = 0x07;
    expect(sniff(t).kind).toBe('text');
  });

  it('keeps Latin-1 text (some invalid UTF-8) as text', () => {
    expect(sniff(Buffer.from('Société générale, café crème, naïve. '.repeat(100), 'latin1')).kind).toBe('text');
  });

  it('skips NUL-heavy data, executables, compressed and random data', () => {
    expect(sniff(Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(64), text])).kind).toBe('binary');
    expect(sniff(gzipSync(randomBytes(20000))).kind).toBe('binary');
    expect(sniff(randomBytes(8000)).kind).toBe('binary');
  });

  it('reads UTF-16 without a BOM (a database export) as text', () => {
    expect(sniff(Buffer.from(text.toString('utf8'), 'utf16le'))).toMatchObject({ kind: 'text', decoder: { label: 'utf-16le' } });
  });

  it('reads UTF-16 with a BOM as text', () => {
    expect(sniff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')])).kind).toBe('text');
  });
});
