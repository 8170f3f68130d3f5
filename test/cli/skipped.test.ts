/**
 * Inputs that were not scanned are visible to a gate: a note in every report format, and with
 * --fail-on-skipped (the default with --staged and in CI) exit 2. What was left out on purpose
 * (excluded, a link not followed) is noted but does not fail the run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from './helpers.js';
import { commitAll, makeRepo } from '../git/helpers.js';
import { encodeEbcdic037 } from '../../src/text/decoder.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN_TEXT = 'Name: Jane Roe\r\nSSN: 536-22-4391\r\n';

/** iconv's bytes where it is installed (the producer real exports go through), else our own. */
function iconv(text: string, to: 'UTF-16LE' | 'UTF-16BE' | 'IBM037'): Buffer {
  const r = spawnSync('iconv', ['-f', 'utf-8', '-t', to], { input: text });
  if (r.status === 0) return r.stdout;
  if (to === 'IBM037') return encodeEbcdic037(text);
  const le = Buffer.from(text, 'utf16le');
  return to === 'UTF-16LE' ? le : le.swap16();
}

/** A valid 1×1 PNG: what a screenshot of a worksheet starts as (too small to read). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

describe('exports that used to pass as binary are scanned', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = writeTree(dirs.make(), {
      'bcp-le.txt': iconv(SSN_TEXT, 'UTF-16LE'),
      'bcp-be.txt': iconv(SSN_TEXT, 'UTF-16BE'),
      'nul-lead.txt': Buffer.concat([Buffer.alloc(3), Buffer.from(SSN_TEXT)]),
      'mainframe.txt': iconv(SSN_TEXT, 'IBM037'),
    });
  });

  it.each(['bcp-le.txt', 'bcp-be.txt', 'nul-lead.txt', 'mainframe.txt'])('%s: the SSN is found (exit 1), nothing skipped', async (file) => {
    const r = await runCli(['-f', 'json', file], { cwd });
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => [f.entity, f.line, f.column])).toEqual([['US_SSN', 2, 6]]);
    expect(report.diagnostics).toEqual([]);
  });

  it('byte offsets: two per code unit in UTF-16, one per byte in EBCDIC, the NULs counted', async () => {
    const r = await runCli(['-f', 'json', 'bcp-le.txt', 'mainframe.txt', 'nul-lead.txt'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => [f.path, f.offset, f.length])).toEqual([
      ['bcp-le.txt', 42, 22],
      ['mainframe.txt', 21, 11],
      ['nul-lead.txt', 24, 11],
    ]);
  });
});

describe('redaction writes these exports back in their own encoding', () => {
  it.each(['UTF-16LE', 'IBM037'] as const)('%s without a BOM: only the value changes', async (to) => {
    const cwd = writeTree(dirs.make(), { 'export.txt': iconv(SSN_TEXT, to) });
    const r = await runCli(['redact', 'export.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdoutBytes).toEqual(iconv(SSN_TEXT.replace('536-22-4391', '***-**-4391'), to));
  });
});

describe('a skipped input is visible, and fails a gate', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = writeTree(dirs.make(), {
      'notes.txt': 'nothing here\n',
      'scan/worksheet.png': PNG,
      'lib/app.bin': Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(64)]),
      '.pii-scan.yaml': 'exclude:\n  - "lib/"\n',
    });
  });

  it('without the flag: exit 0, a note on stderr and in the text summary', async () => {
    const r = await runCli(['.'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('pii-scan: skipped: scan/worksheet.png: image too small to read (1 px wide, under 500); not scanned\n');
    expect(r.stdout).toContain('not scanned: 1 input or document part');
  });

  it('--fail-on-skipped: exit 2, with how to go on; an excluded file does not count', async () => {
    const r = await runCli(['--fail-on-skipped', '.'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('skipped: lib/app.bin: excluded by configuration');
    expect(r.stderr).toContain('1 input or part was not scanned');
    expect(r.stderr).toContain("exclude: in .pii-scan.yaml (e.g. '*.png')");
    expect(r.stderr).toContain('--no-fail-on-skipped');
  });

  it('on by default when CI is set; --no-fail-on-skipped turns it off; CI=false does not count', async () => {
    expect((await runCli(['.'], { cwd, env: { CI: 'true' } })).code).toBe(2);
    expect((await runCli(['--no-fail-on-skipped', '.'], { cwd, env: { CI: 'true' } })).code).toBe(0);
    expect((await runCli(['.'], { cwd, env: { CI: 'false' } })).code).toBe(0);
  });

  it('an error still exits 2; findings and a skipped input together exit 2 (the scan is incomplete)', async () => {
    writeTree(cwd, { 'ssn.txt': 'SSN: 536-22-4391\n' });
    try {
      const r = await runCli(['--fail-on-skipped', '.'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('US_SSN');
    } finally {
      writeTree(cwd, { 'ssn.txt': '' });
    }
  });

  it('JSON: the diagnostic says notScanned, and the summary counts it', async () => {
    const r = await runCli(['-f', 'json', '.'], { cwd });
    const report = parseJson(r.stdout);
    expect(report.diagnostics).toEqual([
      { path: 'lib/app.bin', level: 'skipped', message: 'excluded by configuration' },
      { path: 'scan/worksheet.png', level: 'skipped', message: 'image too small to read (1 px wide, under 500); not scanned', notScanned: true },
    ]);
    expect(report.summary).toMatchObject({ skipped: 2, notScanned: 1 });
  });

  it('SARIF: a warning notification for the input not scanned, a note for the excluded one', async () => {
    const r = await runCli(['-f', 'sarif', '.'], { cwd });
    const sarif = JSON.parse(r.stdout) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<Record<string, unknown>> }> }> };
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: 'note', message: { text: 'lib/app.bin: excluded by configuration' } },
      {
        level: 'warning',
        message: { text: 'scan/worksheet.png: image too small to read (1 px wide, under 500); not scanned' },
        descriptor: { id: 'not-scanned' },
        properties: { notScanned: true },
      },
    ]);
  });

  it('GitHub: a warning annotation on the file not scanned', async () => {
    const r = await runCli(['-f', 'github', '.'], { cwd });
    expect(r.stdout).toContain('::warning file=scan/worksheet.png,title=pii-scan%3A not scanned::image too small to read (1 px wide, under 500); not scanned\n');
    expect(r.stdout).not.toContain('file=lib/app.bin');
  });

  it('with worker threads (--jobs 2) the same notes and exit code', async () => {
    const r = await runCli(['--jobs', '2', '--fail-on-skipped', '-f', 'json', '.'], { cwd });
    expect(r.code).toBe(2);
    expect(parseJson(r.stdout).summary).toMatchObject({ notScanned: 1 });
  });

  it('a binary from standard input counts too', async () => {
    const r = await runCli(['--fail-on-skipped', '-'], { cwd, stdin: PNG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('skipped: -: image too small to read (1 px wide, under 500); not scanned');
  });
});

describe('folder scans in a git work tree', () => {
  it('a tracked file that a nested .gitignore matches is still scanned; untracked ignored files are not', async () => {
    const home = dirs.make('pii-scan-home-');
    const repo = makeRepo(join(home, 'repo'), home);
    repo.write({ 'logs/app.log': 'SSN: 536-22-4391\n', 'build/keep/report.txt': 'SSN: 671-03-2298\n', 'README.md': '# r\n' });
    commitAll(repo, 'init');
    // Ignore rules written after the files were committed: git keeps tracking (and committing) them.
    repo.write({
      'logs/.gitignore': '*.log\n',
      '.gitignore': 'build/\n',
      'logs/new.log': 'SSN: 212-44-1234\n',
      'build/keep/new.txt': 'SSN: 212-44-1234\n',
    });
    const scanned = async (args: string[]) => {
      const r = await runCli(['-f', 'json', ...args], { cwd: repo.dir, env: repo.env });
      return parseJson(r.stdout).findings.map((f) => f.path);
    };
    expect(await scanned(['.'])).toEqual(['build/keep/report.txt', 'logs/app.log']);
    expect(await scanned(['logs'])).toEqual(['logs/app.log']);
    expect(await scanned(['--no-gitignore', '.'])).toEqual(['build/keep/new.txt', 'build/keep/report.txt', 'logs/app.log', 'logs/new.log']);
  });

  it('outside a work tree .gitignore is honoured as before', async () => {
    const cwd = writeTree(dirs.make(), { '.gitignore': '*.log\n', 'a.log': 'SSN: 536-22-4391\n', 'b.txt': 'SSN: 671-03-2298\n' });
    const r = await runCli(['-f', 'json', '.'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['b.txt']);
  });
});
