/** Exit codes a commit hook or CI job relies on: 0 clean, 1 findings at/above --fail-on, 2 cannot trust the result. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseJson, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
let cwd: string;

beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'clean.txt': 'Meeting notes: ship the release on Thursday.\nNothing sensitive here.\n',
    'ssn.txt': 'SSN: 536-22-4391\n',
    'phone.txt': 'call me at (213) 621-0002\n',
    'vin.txt': 'VIN: 1HGCM82633A004352\n',
  });
});
afterAll(() => dirs.cleanup());

describe('exit codes', () => {
  it('exits 0 on clean text and says so', async () => {
    const r = await runCli(['clean.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
    expect(r.stderr).toBe('');
  });

  it('a low finding (a phone number) is reported but exits 0 under the default --fail-on (medium)', async () => {
    const r = await runCli(['phone.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PHONE_NUMBER');
  });

  it('--fail-on low exits 1 on a phone number', async () => {
    expect((await runCli(['--fail-on', 'low', 'phone.txt'], { cwd })).code).toBe(1);
  });

  it("an author's email in package.json or LICENSE does not block by default", async () => {
    const dir = writeTree(dirs.make(), { 'package.json': '{ "name": "x", "author": "R. Lopez <r.lopez@agency-mail.gov>" }\n' });
    const r = await runCli(['package.json'], { cwd: dir });
    expect(r.stdout).toContain('EMAIL');
    expect(r.code).toBe(0);
  });

  it('exits 1 on a critical finding', async () => {
    expect((await runCli(['ssn.txt'], { cwd })).code).toBe(1);
  });

  it('--fail-on critical with only a phone number exits 0 but still reports it', async () => {
    const r = await runCli(['--fail-on', 'critical', 'phone.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PHONE_NUMBER');
  });

  it('--fail-on is inclusive: --fail-on critical with an SSN exits 1', async () => {
    expect((await runCli(['--fail-on', 'critical', 'ssn.txt', 'phone.txt'], { cwd })).code).toBe(1);
  });

  it('--fail-on medium: a medium VIN fails, a low phone does not', async () => {
    expect((await runCli(['--fail-on', 'medium', 'vin.txt'], { cwd })).code).toBe(1);
    expect((await runCli(['--fail-on', 'medium', 'phone.txt'], { cwd })).code).toBe(0);
  });

  it('failOn in .pii-scan.yaml applies, and --fail-on on the command line overrides it', async () => {
    const dir = writeTree(dirs.make(), { '.pii-scan.yaml': 'failOn: critical\n', 'phone.txt': 'call me at (213) 621-0002\n' });
    expect((await runCli(['phone.txt'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['--fail-on', 'low', 'phone.txt'], { cwd: dir })).code).toBe(1);
  });

  it.each([
    [['--bogus', 'clean.txt'], /unknown option '--bogus'/],
    [['--min-confidence', '3', 'clean.txt'], /--min-confidence.*'3' is invalid.*0 to 1/],
    [['--min-confidence', 'abc', 'clean.txt'], /--min-confidence.*invalid/],
    [['--format', 'xml', 'clean.txt'], /'xml' is invalid.*text, json, sarif/],
    [['--fail-on', 'urgent', 'clean.txt'], /'urgent' is invalid/],
    [['--region', 'USA', 'clean.txt'], /two-letter region/],
  ])('exits 2 on a bad flag %j, scanning nothing', async (argv, message) => {
    const r = await runCli(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a missing file, but still scans and reports the other files', async () => {
    const r = await runCli(['-f', 'json', 'ssn.txt', 'no-such-file.txt', 'phone.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pii-scan: error: no-such-file.txt: no such file or folder');
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => [f.path, f.entity])).toEqual([
      ['ssn.txt', 'US_SSN'],
      ['phone.txt', 'PHONE_NUMBER'],
    ]);
    expect(report.summary.errors).toBe(1);
    expect(report.summary.filesScanned).toBe(2);
    expect(report.diagnostics).toEqual([{ path: 'no-such-file.txt', level: 'error', message: 'no such file or folder' }]);
  });

  it('a missing file beats a clean result: exit 2 even when the rest is clean', async () => {
    const r = await runCli(['clean.txt', 'gone.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('1 error');
  });

  it('exits 2 with a usage message when there is nothing to scan and stdin is a terminal', async () => {
    const r = await runCli([], { cwd, stdinIsTTY: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to scan/);
  });

  it('--version and --help exit 0', async () => {
    const v = await runCli(['--version'], { cwd });
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(['--help'], { cwd });
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('scan [options] [paths...]');
    // The top-level help lists commands only; the scan flags are under `scan --help`.
    const s = await runCli(['scan', '--help'], { cwd });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('--fail-on <severity>');
  });
});
