/**
 * Phone message exports read as threads: every planted SSN in the SMS backup and the WhatsApp
 * chats (fixtures/documents/exports, from scripts/fixtures/exports.mjs) is found at its message —
 * time, thread or sender, part — pictures are notes, and continuation lines stay with their message.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES, scanJson, type Located } from './helpers.js';

const EXPORTS = join(FIXTURES, 'exports');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Findings of an entity as `last four digits → location`, the address and sender left out of the description (they may be masked). */
function byValue(findings: Located[], entity: string) {
  return findings.filter((f) => f.entity === entity).map((f) => ({ last4: f.value.slice(-4), location: f.location, description: f.location?.description }));
}

describe('SMS Backup & Restore XML', () => {
  it('finds each planted SSN at its message: body, MMS text part, and the DOCX, PDF and text file an MMS carries', async () => {
    // --show-values: the addresses are labels that hold values, masked by default (see no-leak-labels).
    const { code, report } = await scanJson(['sms-backup.xml'], EXPORTS, ['--show-values']);
    expect(code).toBe(1);
    const ssns = byValue(report.findings, 'US_SSN');
    expect(ssns.map((s) => s.last4)).toEqual(['4391', '2298', '7719', '5092', '8873']);
    const [body, text, docx, file, pdf] = ssns;
    expect(body!.location).toMatchObject({ kind: 'sms', message: 2, date: '2023-12-30T21:39:35Z', address: '+12136210002' });
    expect(body!.location).not.toHaveProperty('part');
    expect(text!.location).toMatchObject({ kind: 'sms', message: 4, date: '2023-12-30T21:48:00Z', address: '+12136210002~+14155552671', part: 2, name: 'text_0.txt' });
    expect(docx!.location).toMatchObject({ kind: 'docx', paragraph: 1, chain: [{ kind: 'sms', message: 4, part: 4, name: 'intake.docx' }] });
    expect(file!.location).toMatchObject({ kind: 'sms', message: 5, part: 2, name: 'notes.txt' });
    expect(pdf!.location).toMatchObject({ kind: 'pdf', page: 1, chain: [{ kind: 'sms', message: 5, date: '2023-12-30T21:53:00Z', part: 3, name: 'release.pdf' }] });
    expect(body!.description).toMatch(/^message 2 \(2023-12-30T21:39:35Z, .+\)$/);
    expect(docx!.description).toMatch(/^message 4 \(2023-12-30T21:48:00Z, .+\), MMS part 4 intake\.docx → paragraph 1$/);
    // The second line of the body (`&#10;` in the XML): line and column within the message.
    expect(body).toBeDefined();
    expect(report.findings.find((f) => f.entity === 'US_SSN')).toMatchObject({ line: 2, column: 5 });
  });

  it('scans the thread addresses and the other parties of a group MMS, each number once', async () => {
    const { report } = await scanJson(['sms-backup.xml'], EXPORTS);
    const phones = report.findings.filter((f) => f.entity === 'PHONE_NUMBER').map((f) => ({ last4: f.value.slice(-4), message: f.location?.['message'], field: f.location?.['field'] }));
    expect(phones).toEqual([
      { last4: '0002', message: 1, field: 'address' },
      { last4: '2671', message: 4, field: 'address' },
    ]);
  });

  it('notes the picture an MMS carries, without the thread address, and nothing else', async () => {
    const { report } = await scanJson(['sms-backup.xml'], EXPORTS);
    expect(report.diagnostics).toEqual([{ path: 'sms-backup.xml', level: 'skipped', message: 'message 4 (2023-12-30T21:48:00Z), MMS part 3 image000000.jpg: image OCR could not read; not scanned', notScanned: true }]);
  });

  it('is read inside a zip, its PDF parts after the rest', async () => {
    const cwd = writeTree(dirs.make(), { 'phone.zip': Buffer.from(zipSync({ 'Backups/sms-20231231214500.xml': new Uint8Array(readFileSync(join(EXPORTS, 'sms-backup.xml'))) })) });
    const { report } = await scanJson(['phone.zip'], cwd);
    const ssns = byValue(report.findings, 'US_SSN');
    expect(ssns.map((s) => s.last4)).toEqual(['4391', '2298', '7719', '5092', '8873']);
    expect(ssns[0]!.location).toMatchObject({ kind: 'sms', message: 2, chain: [{ kind: 'zip', entry: 'Backups/sms-20231231214500.xml' }] });
    expect(ssns[4]!.description).toMatch(/^entry Backups\/sms-20231231214500\.xml → message 5 \(.+\), MMS part 3 release\.pdf → page 1$/);
    expect(report.diagnostics.map((d) => d.message)).toEqual(['entry Backups/sms-20231231214500.xml → message 4 (2023-12-30T21:48:00Z), MMS part 3 image000000.jpg: image OCR could not read; not scanned']);
  });

  it('a corrupt attachment fails the backup after the rest is read', async () => {
    // The DOCX cut short: its zip directory gone.
    const xml = readFileSync(join(EXPORTS, 'sms-backup.xml'), 'utf8').replace(/(cl="intake\.docx" [^/]*data="[^"]*?)[^"]{400}"/, '$1"');
    const cwd = writeTree(dirs.make(), { 'sms.xml': xml });
    const { code, report } = await scanJson(['sms.xml'], cwd);
    expect(code).toBe(2);
    expect(byValue(report.findings, 'US_SSN').map((s) => s.last4)).toEqual(['4391', '2298', '5092', '8873']);
    expect(report.diagnostics).toContainEqual({ path: 'sms.xml', level: 'error', message: expect.stringMatching(/^message 4 \(2023-12-30T21:48:00Z\), MMS part 4 intake\.docx: .+; the rest of the backup was read$/) });
  });
});

describe('WhatsApp chat export', () => {
  const chats = [
    ['whatsapp-ios.txt', '2023-12-31T21:40:15', '2023-12-31T21:44:51', '+1 (415) 555-2671'],
    ['whatsapp-android.txt', '2023-12-31T21:40', '2023-12-31T21:44', '+1 415-555-2671'],
    ['whatsapp-android-24h.txt', '2023-12-31T21:40', '2023-12-31T21:44', '+1 415-555-2671'],
  ] as const;

  it.each(chats)('%s: each SSN at its message, with its time and sender, placed in the file', async (name, first, later, unsaved) => {
    const { code, report } = await scanJson([name], EXPORTS, ['--show-values']);
    expect(code).toBe(1);
    const ssns = report.findings.filter((f) => f.entity === 'US_SSN');
    expect(ssns.map((f) => f.location)).toEqual([
      // On the message's continuation line: it belongs to Dana Reyes's message 3, not to the line's own.
      expect.objectContaining({ kind: 'chat', message: 3, date: first, sender: 'Dana Reyes' }),
      expect.objectContaining({ kind: 'chat', message: 6, date: later, sender: unsaved }),
    ]);
    expect(ssns[0]).toMatchObject({ line: 4, column: 5 });
    expect(ssns[1]).toMatchObject({ line: 8 });
    // The unsaved number that sent message 6 is data too.
    const phone = report.findings.find((f) => f.entity === 'PHONE_NUMBER' && f.location?.['field'] === 'sender');
    expect(phone?.location).toMatchObject({ kind: 'chat', message: 6, field: 'sender' });
  });

  it.each(chats.map(([name]) => name))('%s: the attached and the omitted media are notes', async (name) => {
    const { report } = await scanJson([name], EXPORTS);
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      '1 file the messages attach (message 4) not in this text; not scanned (scan the exported zip, which holds them)',
      '1 media file left out of the export (message 5); not scanned',
    ]);
  });

  it('the exported zip: the chat by message, the attached PDF read, the photo a note', async () => {
    const { report } = await scanJson(['whatsapp-ios.zip'], EXPORTS);
    const ssns = byValue(report.findings, 'US_SSN');
    expect(ssns.map((s) => s.last4)).toEqual(['4391', '2298', '8873']);
    expect(ssns[0]!.location).toMatchObject({ kind: 'chat', message: 3, date: '2023-12-31T21:40:15', sender: '**** *****', chain: [{ kind: 'zip', entry: '_chat.txt' }] });
    expect(ssns[2]!.description).toBe('entry 00000013-release.pdf → page 1');
    expect(report.diagnostics.map((d) => d.message)).toEqual(['entry 00000012-PHOTO-2023-12-31-21-41-07.jpg: image OCR could not read; not scanned']);
  });

  it('a text file that only looks like a chat by its name is plain text', async () => {
    const cwd = writeTree(dirs.make(), { 'WhatsApp Chat with Dana.txt': 'notes from the call\nSSN 536-22-4391\n' });
    const { report } = await scanJson(['WhatsApp Chat with Dana.txt'], cwd);
    expect(report.findings.map((f) => f.location)).toEqual([undefined]);
  });

  it('redaction reads a chat as the text it is', async () => {
    const cwd = writeTree(dirs.make(), { 'chat.txt': readFileSync(join(EXPORTS, 'whatsapp-android.txt')) });
    const r = await runCli(['redact', '--in-place', 'chat.txt'], { cwd });
    expect(r.code).toBe(0);
    const out = readFileSync(join(cwd, 'chat.txt'), 'utf8');
    expect(out).not.toContain('536-22-4391');
    // The sender's name is a PERSON too (the line's own text), masked with the rest.
    expect(out).toContain('**** *****: Here are the details for the file\nSSN ***-**-4391\n');
  });
});

describe('fixture generator', () => {
  it('regenerates the committed export fixtures byte for byte', () => {
    const out = dirs.make();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fixtures', 'exports.mjs'), out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const names = readdirSync(EXPORTS);
    expect(names.length).toBe(5);
    for (const name of names) expect(readFileSync(join(out, name)).equals(readFileSync(join(EXPORTS, name)))).toBe(true);
  });
});
