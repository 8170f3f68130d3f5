/**
 * An SMS backup is read as it streams: findings leave while the file is still coming in, a large
 * base64 attachment spans many chunks, and one element over the cap stops the read with an error
 * that says where. The reader on its own: emoji as the app writes them, a cut-short file.
 */
import type { Segment } from '../../src/model/location.js';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { nested } from '../../src/documents/extract.js';
import { SmsBackupReader } from '../../src/documents/sms-backup.js';
import { DocumentError, newContext } from '../../src/documents/types.js';
import type { RuleSet } from '../../src/engine/ruleset.js';
import { scanStream } from '../../src/run/scan-stream.js';
import type { LocatedFinding } from '../../src/documents/scan-document.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

const HEAD = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!--File Created By SMS Backup & Restore v10.20.002 on 31/12/2023 21:45:00-->\n<smses count="COUNT" type="full">\n`;
const sms = (i: number, body: string) =>
  `  <sms protocol="0" address="+12136210002" date="${1703972280000 + i * 1000}" type="1" subject="null" body="${body}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="Dec 30, 2023 9:38:00 PM" contact_name="Dana Reyes" />\n`;

/** A backup of `count` messages made as it is read, in chunks of about `chunk` bytes; `sent` counts the bytes handed out so far. */
function* backup(count: number, chunk: number, planted: Record<number, string>, sent: { bytes: number }): Generator<Uint8Array> {
  let pending = HEAD.replace('COUNT', String(count));
  const out = function* (final: boolean) {
    while (pending.length >= chunk || (final && pending.length > 0)) {
      const piece = Buffer.from(pending.slice(0, chunk));
      pending = pending.slice(chunk);
      sent.bytes += piece.length;
      yield piece;
    }
  };
  for (let i = 1; i <= count; i++) {
    pending += sms(i, planted[i] ?? `Message ${i}: see you at the usual place, nothing else to add today.`);
    yield* out(false);
  }
  pending += '</smses>\n';
  yield* out(true);
}

describe('streaming', () => {
  it('a 20 MB backup: findings leave while it is still being read, each at its message', async () => {
    const count = 65_000;
    const sent = { bytes: 0 };
    const seen: { finding: LocatedFinding; sentSoFar: number }[] = [];
    const planted = { 3: 'first SSN 536-22-4391', [count - 1]: 'last SSN 671-03-2298' };
    const result = await scanStream(backup(count, 64 * 1024, planted, sent), rules, SETTINGS, (f) => seen.push({ finding: f, sentSoFar: sent.bytes }), {
      documents: true,
      exports: true,
    });
    expect(sent.bytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(result).toMatchObject({ status: 'scanned', document: 'sms-backup', notes: [] });
    const ssns = seen.filter((s) => s.finding.entity === 'US_SSN');
    expect(ssns.map((s) => s.finding.location)).toEqual([
      expect.objectContaining({ kind: 'sms', message: 3 }),
      expect.objectContaining({ kind: 'sms', message: count - 1 }),
    ]);
    // The first was reported after the first chunk or so, not once the whole file was in.
    expect(ssns[0]!.sentSoFar).toBeLessThanOrEqual(2 * 64 * 1024);
  }, 60_000);

  it('the reader hands out each message as the chunk that completes it arrives', () => {
    const reader = new SmsBackupReader(newContext(), nested);
    const text = HEAD.replace('COUNT', '300') + Array.from({ length: 300 }, (_, i) => sms(i + 1, `body ${i + 1}`)).join('') + '</smses>';
    const perChunk: number[] = [];
    for (let at = 0; at < text.length; at += 4096) perChunk.push(reader.push(text.slice(at, at + 4096)).filter((s) => !('field' in s.location)).length);
    perChunk.push(reader.end().length);
    // Every chunk after the first few completes messages of its own; none is held back to the end.
    expect(perChunk.filter((n) => n > 0).length).toBeGreaterThan(perChunk.length - 3);
    expect(perChunk.reduce((a, b) => a + b, 0)).toBe(300);
    expect(perChunk[perChunk.length - 1]).toBe(0);
  });

  it('an MMS picture of several megabytes, split over many chunks, is a note', async () => {
    const jpeg = Buffer.alloc(3 * 1024 * 1024, 7);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
    const xml = `${HEAD.replace('COUNT', '1')}  <mms date="1703972880000" msg_box="1" address="+12136210002" contact_name="Dana Reyes"><parts><part seq="0" ct="image/jpeg" name="null" cl="IMG_0042.jpg" text="null" data="${jpeg.toString('base64')}" /><part seq="0" ct="text/plain" name="null" cl="text_0.txt" text="SSN 536-22-4391" /></parts></mms>\n</smses>\n`;
    const bytes = Buffer.from(xml);
    const chunks = function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    };
    const found: LocatedFinding[] = [];
    const result = await scanStream(chunks(), rules, SETTINGS, (f) => found.push(f), { documents: true, exports: true });
    expect(result).toMatchObject({ status: 'scanned', notes: ['message 1 (2023-12-30T21:48:00Z), MMS part 1 IMG_0042.jpg: image OCR could not read; not scanned'] });
    expect(found.filter((f) => f.entity === 'US_SSN').map((f) => f.location)).toEqual([expect.objectContaining({ kind: 'sms', message: 1, part: 2 })]);
  });

  it('an element over the cap stops the read, saying after which message', () => {
    const reader = new SmsBackupReader(newContext(), nested, 1024 * 1024);
    const big = `<mms date="1703972880000" msg_box="1" address="+12136210002"><parts><part ct="image/jpeg" data="${'A'.repeat(2 * 1024 * 1024)}" /></parts></mms>`;
    expect(reader.push(HEAD.replace('COUNT', '2') + sms(1, 'hi'))).toHaveLength(3);
    expect(() => {
      for (let at = 0; at < big.length; at += 64 * 1024) reader.push(big.slice(at, at + 64 * 1024));
    }).toThrow(new DocumentError('after message 2: an element larger than 1 MB of text; the backup was read up to it, not past it'));
  });
});

describe('the reader', () => {
  const read = (xml: string) => {
    const ctx = newContext();
    const reader = new SmsBackupReader(ctx, nested);
    const segments: Segment[] = [...reader.push(xml), ...reader.end()];
    return { segments, notes: ctx.notes };
  };

  it('joins an emoji the app writes as two references to surrogates, and reads `&#10;` as a line break', () => {
    const { segments, notes } = read(`${HEAD.replace('COUNT', '1')}${sms(1, 'ok &#55357;&#56832;&#10;SSN 536-22-4391')}</smses>`);
    expect(segments[0]!.text).toBe('ok \u{1F600}\nSSN 536-22-4391');
    expect(notes).toEqual([]);
  });

  it('a file cut short: what it holds is read, and a note says so', () => {
    const { segments, notes } = read(`${HEAD.replace('COUNT', '3')}${sms(1, 'SSN 536-22-4391')}  <sms protocol="0" address="+1213`);
    expect(segments.map((s) => s.location)).toContainEqual(expect.objectContaining({ kind: 'sms', message: 1 }));
    expect(notes).toEqual([expect.stringMatching(/^1 of the 3 messages the backup declares were found; the file may be cut short$/), expect.stringMatching(/^malformed XML \(.+\); what could be parsed was read$/)]);
  });

  it("other writers of the format: a double-quoted declaration, no comment, a byte-order mark, CRLF, `&#13;&#10;`", async () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<smses count="2">\r\n' +
      '  <sms protocol="0" address="+12136210002" date="1703972280000" type="1" body="line one&#13;&#10;SSN 536-22-4391" readable_date="Dec 30, 2023 9:38:00 PM" />\r\n' +
      '  <mms date="1703972880" msg_box="2" address="+12136210002" m_type="128" text_only="1"><parts><part seq="0" ct="text/plain" name="null" chset="106" text="A &amp; B: SSN 671-03-2298" /></parts></mms>\r\n</smses>\r\n';
    const found: LocatedFinding[] = [];
    const result = await scanStream([Buffer.from(xml)], rules, SETTINGS, (f) => found.push(f), { documents: true, exports: true });
    expect(result).toMatchObject({ status: 'scanned', document: 'sms-backup', notes: [] });
    expect(found.filter((f) => f.entity === 'US_SSN').map((f) => f.location)).toEqual([
      { kind: 'sms', message: 1, date: '2023-12-30T21:38:00Z', address: '+12136210002' },
      { kind: 'sms', message: 2, date: '2023-12-30T21:48:00Z', address: '+12136210002', part: 1 },
    ]);
  });

  it('MMS dates in seconds are read as seconds', () => {
    const { segments } = read(`${HEAD.replace('COUNT', '1')}<mms date="1703972880" msg_box="1" address="+12136210002"><parts><part ct="text/plain" text="hi" /></parts></mms></smses>`);
    expect(segments.find((s) => 'part' in s.location)!.location).toMatchObject({ date: '2023-12-30T21:48:00Z' });
  });
});
