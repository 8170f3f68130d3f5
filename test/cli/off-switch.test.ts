/**
 * No silent off-switches: nothing a sender, a data file or a stray file in a parent folder writes
 * can turn the checks off without saying so.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { BIN, parseJson, ROOT, runCli, tempDirs, writeTree, type CliResult } from './helpers.js';

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

/** The built CLI in a child process, stopped after a while: a hang fails the test instead of the run. */
function spawnBounded(argv: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, input: '', encoding: 'utf8', timeout: 15_000, env: { PATH: process.env['PATH'] ?? '' } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('config, rule, baseline, roster and key files: regular files of bounded size only', () => {
  const cwd = writeTree(dirs.make(), { 'a.txt': `SSN ${SSN}\n`, 'folder/x': '' });
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
  spawnSync('mkfifo', [join(cwd, 'fifo')]);
  const send = ['check-message', '--channel', 'signal', '--to', LOPEZ, 'a.txt'];

  it.each([
    ['--config FIFO', ['--config', 'fifo', 'a.txt'], /config file: not a regular file \(a FIFO\)/],
    ['--rules FIFO', ['--rules', 'fifo', 'a.txt'], /neither a file nor a folder/],
    ['--baseline FIFO', ['--baseline', 'fifo', 'a.txt'], /baseline: not a regular file \(a FIFO\)/],
    ['--roster FIFO', [...send, '--roster', 'fifo'], /roster: not a regular file \(a FIFO\)/],
    ['--key-file FIFO', ['redact', '--style', 'hash', '--key-file', 'fifo', 'a.txt'], /key file fifo: not a regular file \(a FIFO\)/],
  ])('%s: refused at once, exit 2', (_what, argv, message) => {
    const r = spawnBounded(argv, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['--config /dev/zero', ['--config', '/dev/zero', 'a.txt'], /not a regular file \(a device\)/],
    ['--baseline /dev/zero', ['--baseline', '/dev/zero', 'a.txt'], /baseline: not a regular file \(a device\)/],
    ['--key-file /dev/zero', ['redact', '--style', 'hash', '--key-file', '/dev/zero', 'a.txt'], /not a regular file \(a device\)/],
    ['--roster /dev/zero', [...send, '--roster', '/dev/zero'], /roster: not a regular file \(a device\)/],
    ['--config a folder', ['--config', 'folder', 'a.txt'], /not a regular file \(a folder\)/],
    ['--baseline a folder', ['--baseline', 'folder', 'a.txt'], /not a regular file \(a folder\)/],
  ])('%s: refused, exit 2', async (_what, argv, message) => {
    const r = await runCli(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('files past their size cap are refused before they are parsed', async () => {
    writeTree(cwd, {
      'big.yaml': `# ${'x'.repeat(1024 * 1024)}\n`,
      'big.key': 'k'.repeat(4097),
      'big-roster.yaml': `recipients:\n${'  - {name: p, emails: [p@x.example.gov]}\n'.repeat(30_000)}`,
    });
    expect((await runCli(['--config', 'big.yaml', 'a.txt'], { cwd })).stderr).toMatch(/config file: larger than the 1 MB a config file may be/);
    expect((await runCli(['redact', '--style', 'hash', '--key-file', 'big.key', 'a.txt'], { cwd })).stderr).toMatch(/larger than the 4 KB a key file may be/);
    const roster = await runCli([...send, '--roster', 'big-roster.yaml'], { cwd });
    expect(roster.code).toBe(2);
    expect(roster.stderr).toMatch(/roster: larger than the 1 MB a roster file may be/);
  });

  it('a roster with more recipients than the cap is refused', async () => {
    const people = Array.from({ length: 10_001 }, (_, i) => `- {name: p${i}, emails: [p${i}@x.gov]}`).join('\n');
    writeTree(cwd, { 'many.yaml': `recipients:\n${people.replace(/^/gm, '  ')}\n` });
    const r = await runCli([...send, '--roster', 'many.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/10001 recipients is more than the limit of 10000/);
  });
});
