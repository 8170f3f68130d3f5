/**
 * No silent off-switches: nothing a sender, a data file or a stray file in a parent folder writes
 * can turn the checks off without saying so.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseJson, ROOT, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN = '536-22-4391';
const MARKED = `SSN ${SSN} # pii-scan:allow -- not really`;
const LOPEZ = '+1 (202) 555-0143';

/** brief.docx with its body replaced by one paragraph: `visible`, then `hidden` in a hidden (w:vanish) run. */
function docxWith(visible: string, hidden: string): Uint8Array {
  const parts = unzipSync(readFileSync(join(ROOT, 'fixtures/documents/brief.docx')));
  const doc = strFromU8(parts['word/document.xml']!);
  const body =
    `<w:body><w:p><w:r><w:t xml:space="preserve">${visible}</w:t></w:r>` +
    `<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">${hidden}</w:t></w:r></w:p></w:body>`;
  parts['word/document.xml'] = strToU8(doc.replace(/<w:body>[\s\S]*<\/w:body>/, body));
  return zipSync(parts);
}

describe('pii-scan:allow is honoured only in plain-text source files', () => {
  const cwd = writeTree(dirs.make(), {
    'source.txt': `${MARKED}\n`,
    'people.csv': `name,ssn\nLopez,"${SSN} pii-scan:allow"\n`,
    'record.json': JSON.stringify({ note: `SSN ${SSN} pii-scan:allow` }),
    'page.html': `<html><body><p>SSN ${SSN} pii-scan:allow</p><!-- pii-scan:allow --></body></html>`,
    'brief.docx': docxWith(`SSN ${SSN}`, ' pii-scan:allow'),
  });
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));

  it('a source file read as text: the marker suppresses (and is counted)', async () => {
    const r = await runCli(['-f', 'json', 'source.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout).summary['suppressed']).toBe(1);
  });

  it.each(['people.csv', 'record.json', 'page.html', 'brief.docx'])('%s: data, the marker is ignored', async (file) => {
    const r = await runCli(['-f', 'json', file], { cwd });
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => f.entity)).toContain('US_SSN');
    expect(report.summary['suppressed']).toBe(0);
  });

  it('scan - (standard input): the marker is ignored', async () => {
    const r = await runCli(['-f', 'json', '-'], { cwd, stdin: `${MARKED}\n`, stdinIsTTY: false });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => f.entity)).toContain('US_SSN');
  });

  it('check-message: a marker typed into the body does not switch the guard off', async () => {
    for (const args of [['-'], ['source.txt'], ['--attach', 'brief.docx', '--attach', 'people.csv']]) {
      const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'signal', '--to', LOPEZ, '-f', 'json', ...args], {
        cwd,
        stdin: `${MARKED}\n`,
        stdinIsTTY: false,
      });
      const out = JSON.parse(r.stdout) as { findings: Array<{ entity: string }> };
      expect(out.findings.map((f) => f.entity)).toContain('US_SSN');
      expect(r.stdout).not.toContain('nothing sensitive');
    }
  });
});
