/**
 * Email in multi-byte charsets other than UTF-8 (ISO-2022-JP, Shift_JIS, EUC-KR, GB2312, Big5) is
 * redacted, not refused: Node reads them but has no encoder, so a rewritten part is declared
 * UTF-8 (7bit becomes base64, which can carry it) and the run notes it. A value split over two
 * adjacent encoded words in a header is rewritten. postal-mime reads every copy, with the value
 * gone and the rest of the text as it was.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES } from '../documents/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const CHARSETS = ['iso-2022-jp', 'shift-jis', 'euc-kr', 'gb2312', 'big5'];
const masked = (s: string | undefined) => (s ?? '').replaceAll('536-22-4391', '***-**-4391');

async function redactEml(name: string, bytes: Uint8Array) {
  const cwd = writeTree(dirs.make(), { [`in/${name}`]: bytes });
  const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
  return { ...r, copy: readFileSync(join(cwd, 'safe', name)) };
}

describe.each(CHARSETS)('%s', (charset) => {
  it('subject and body are redacted; the body is declared UTF-8 and says so; postal-mime reads the same text around the mask', async () => {
    const original = readFileSync(join(FIXTURES, 'email/charsets', `${charset}.eml`));
    const r = await redactEml(`${charset}.eml`, original);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`note: in/${charset}\\.eml: the text body was in ${charset.replace('-', '[-_]')}, .*declared charset=utf-8`));
    const before = await PostalMime.parse(original);
    const after = await PostalMime.parse(r.copy);
    expect(before.text).toContain('536-22-4391');
    expect(after.subject).toBe(masked(before.subject));
    expect(after.text).toBe(masked(before.text));
    expect(r.copy.toString('latin1')).toMatch(/Content-Type: text\/plain; charset="?utf-8"?/i);
    // 7bit cannot carry UTF-8: the part is base64 now.
    expect(r.copy.toString('latin1')).toContain('Content-Transfer-Encoding: base64');
  });
});

it('a part in ISO-2022-JP without a transfer encoding header gets one (base64) with its new charset; the other part is kept as written', async () => {
  const jis = readFileSync(join(FIXTURES, 'email/charsets/iso-2022-jp.eml'), 'latin1');
  const body = jis.slice(jis.indexOf('\n\n') + 2);
  const other = 'Content-Type: text/plain; charset=us-ascii\n\nNothing here.\n';
  const message = `From: hr@example.org\nSubject: check\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=ISO-2022-JP\n\n${body}--b1\n${other}--b1--\n`;
  const r = await redactEml('m.eml', Buffer.from(message, 'latin1'));
  expect(r.code).toBe(0);
  const raw = r.copy.toString('latin1');
  expect(raw).toContain('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n');
  expect(raw).toContain(`--b1\n${other}--b1--\n`);
  const after = await PostalMime.parse(r.copy);
  expect(after.text).toContain('SSN ***-**-4391 を確認してください。');
});

it('a value split over two adjacent encoded words in the subject is rewritten (the space between words is not text)', async () => {
  const original = readFileSync(join(FIXTURES, 'email/charsets/split-words.eml'));
  const r = await redactEml('split-words.eml', original);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const after = await PostalMime.parse(r.copy);
  expect(after.subject).toBe('Revisión del empleado SSN ***-**-4391 – urgente');
  // Each encoded word stays within RFC 2047's 75 characters.
  const subject = /^Subject:(.*)$/m.exec(r.copy.toString('latin1'))![1]!;
  for (const word of subject.trim().split(' ')) expect(word.length).toBeLessThanOrEqual(75);
});
