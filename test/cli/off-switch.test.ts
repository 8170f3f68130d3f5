/**
 * No silent off-switches: nothing a sender, a data file or a stray file in a parent folder writes
 * can turn the checks off without saying so.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
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

  it('the same with worker threads (--jobs 2)', async () => {
    const r = await runCli(['-f', 'json', '--jobs', '2', 'source.txt', 'people.csv', 'brief.docx'], { cwd });
    const report = parseJson(r.stdout);
    const ssns = new Set(report.findings.filter((f) => f.entity === 'US_SSN').map((f) => f.path));
    expect([...ssns].sort()).toEqual(['brief.docx', 'people.csv']);
    expect(report.summary['suppressed']).toBe(1);
  });

  it('redact reads a .json file as its text, but it is still data: the marker does not keep a value in', async () => {
    const r = await runCli(['redact', '--dry-run', 'record.json'], { cwd });
    expect(r.stdout + r.stderr).toMatch(/US_SSN/);
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
    ['--from-eml FIFO', ['check-message', '--roster', 'team.yaml', '--from-eml', 'fifo'], /cannot read fifo: not a regular file \(a FIFO\)/],
    ['merge FIFO', ['merge', 'fifo'], /cannot read fifo: not a regular file \(a FIFO\)/],
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

describe('config discovery stays within what the user owns, and a config that switches checks off says so', () => {
  const OFF = 'builtinRules: false\n';

  it('a config in a world-writable parent (a shared temp folder) is not used', async () => {
    const shared = dirs.make();
    chmodSync(shared, 0o1777);
    writeTree(shared, { '.pii-scan.yaml': OFF, 'proj/a.txt': `SSN ${SSN}\n` });
    const r = await runCli(['-f', 'json', 'a.txt'], { cwd: join(shared, 'proj') });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => f.entity)).toEqual(['US_SSN']);
  });

  it('the search stops at the repository root', async () => {
    const root = writeTree(dirs.make(), { '.pii-scan.yaml': OFF, 'repo/sub/a.txt': `SSN ${SSN}\n` });
    mkdirSync(join(root, 'repo', '.git'));
    const r = await runCli(['-f', 'json', 'a.txt'], { cwd: join(root, 'repo', 'sub') });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).summary['config']).toBeUndefined();
  });

  it('outside a repository the search stops at the home folder', async () => {
    const root = writeTree(dirs.make(), { '.pii-scan.yaml': OFF, 'home/proj/a.txt': `SSN ${SSN}\n` });
    const r = await runCli(['-f', 'json', 'a.txt'], { cwd: join(root, 'home', 'proj'), env: { HOME: join(root, 'home') } });
    expect(r.code).toBe(1);
    // In the home folder itself it is found.
    writeTree(root, { 'home/.pii-scan.yaml': 'failOn: critical\n' });
    const inHome = await runCli(['-f', 'json', 'a.txt'], { cwd: join(root, 'home', 'proj'), env: { HOME: join(root, 'home') } });
    expect(parseJson(inHome.stdout).summary['config']).toBe('../.pii-scan.yaml');
  });

  it('the summary and --stats name the config used', async () => {
    const cwd = writeTree(dirs.make(), { '.pii-scan.yaml': 'failOn: high\n', 'sub/a.txt': `SSN ${SSN}\n` });
    const json = await runCli(['-f', 'json', 'a.txt'], { cwd: join(cwd, 'sub') });
    expect(parseJson(json.stdout).summary['config']).toBe('../.pii-scan.yaml');
    const text = await runCli(['--stats', 'a.txt'], { cwd: join(cwd, 'sub') });
    expect(text.stdout).toContain('  config: ../.pii-scan.yaml\n');
    expect(text.stderr).toMatch(/stats: .*; config \.\.\/\.pii-scan\.yaml\n/);
    const none = await runCli(['--no-config', '--stats', 'a.txt'], { cwd: join(cwd, 'sub') });
    expect(none.stdout).not.toContain('config:');
    expect(none.stderr).toMatch(/; config none\n/);
  });

  it.each([
    ['builtinRules: false', OFF, /\.pii-scan\.yaml:1: builtinRules: turns the shipped rules off and adds none: no rule is enabled/],
    ['every rule disabled', 'disable: [US_SSN]\n', undefined],
    ["exclude: ['**']", "exclude: ['**']\n", /\.pii-scan\.yaml:1: exclude: excludes every file, so nothing is scanned/],
    ["exclude: ['*']", "exclude: ['*']\n", /exclude: excludes every file/],
  ])('%s: a warning on stderr; with CI set, an error (exit 2)', async (_what, config, message) => {
    const files: Record<string, string> = { '.pii-scan.yaml': config, 'a.txt': `SSN ${SSN}\n` };
    if (config.startsWith('disable')) {
      files['mine.yaml'] = 'id: mine\nentity: MINE\nseverity: low\npatterns:\n  - regex: MINE-\\d{6}\n';
      files['.pii-scan.yaml'] = 'builtinRules: false\nrules: [mine.yaml]\ndisable: [mine]\n';
    }
    const cwd = writeTree(dirs.make(), files);
    const warned = await runCli(['a.txt'], { cwd });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^pii-scan: warning: /);
    expect(warned.stderr).toMatch(message ?? /\.pii-scan\.yaml:3: disable: disables every rule loaded: no rule is enabled/);
    const ci = await runCli(['a.txt'], { cwd, env: { CI: 'true' } });
    expect(ci.code).toBe(2);
    expect(ci.stdout).toBe('');
    expect(ci.stderr).toMatch(/\(an error because CI is set\)/);
  });

  it('a user rule with an ambiguous repetition is refused before anything is scanned', async () => {
    const cwd = writeTree(dirs.make(), {
      '.pii-scan.yaml': 'rules: [evil.yaml]\n',
      'evil.yaml': "id: evil\nentity: EVIL\nseverity: low\npatterns:\n  - regex: '(?:a|ab|b){1,40}c(?!x)'\n",
      'a.txt': `${'ab'.repeat(650)}c${'x'}\n`,
    });
    const r = await runCli(['a.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/evil\.yaml:5: patterns\[0\]\.regex: rule 'evil': regex can backtrack catastrophically: '\(\?:a\|ab\|b\)\{1,40\}'/);
  });
});
