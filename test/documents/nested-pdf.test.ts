import { afterAll, describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import type { Located } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const pdf = readFileSync(join(ROOT, 'fixtures', 'documents', 'report.pdf'));

describe('a PDF inside a container', () => {
  it('is read after the container, with the container in its location', async () => {
    const cwd = dirs.make();
    writeTree(cwd, { 'bundle.zip': Buffer.from(zipSync({ 'exports/report.pdf': new Uint8Array(pdf), 'notes.txt': new TextEncoder().encode('SSN 536-22-4391\n') })) });
    const r = await runCli(['scan', '--no-config', '--format', 'json', 'bundle.zip'], { cwd });
    const findings = JSON.parse(r.stdout).findings as Located[];
    const ssns = findings.filter((f) => f.entity === 'US_SSN').map((f) => f.location?.description);
    expect(ssns).toEqual(expect.arrayContaining(['entry notes.txt', expect.stringMatching(/^entry exports\/report\.pdf → page \d+$/)]));
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });

  it('is read when attached to an email', async () => {
    const cwd = dirs.make();
    const b64 = pdf.toString('base64').replace(/.{76}/g, '$&\r\n');
    const eml = [
      'From: a@agency-mail.gov',
      'To: b@agency-mail.gov',
      'Subject: report',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b1',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1--',
      '',
    ].join('\r\n');
    writeTree(cwd, { 'mail.eml': eml });
    const r = await runCli(['scan', '--no-config', '--format', 'json', 'mail.eml'], { cwd });
    const descriptions = (JSON.parse(r.stdout).findings as Located[]).filter((f) => f.entity === 'US_SSN').map((f) => f.location?.description);
    expect(descriptions.some((d) => /attachment report\.pdf → page \d+/.test(d ?? ''))).toBe(true);
  });
});
