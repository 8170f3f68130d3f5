/** Flags for CI logs: --fail-on never, --quiet / --verbose, the summary line with -o, empty standard input, --region checked. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runCli, spawnCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'ssn.txt': 'SSN: 536-22-4391\n',
    'img/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    'img/photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  });
});
afterAll(() => dirs.cleanup());
const scan = (args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) =>
  runCli(['scan', '--no-config', ...args], { cwd, ...(opts.env ? { env: opts.env } : {}), ...(opts.stdin !== undefined ? { stdin: opts.stdin, stdinIsTTY: false } : {}) });

describe('--fail-on never', () => {
  it('reports and exits 0 on a critical finding', async () => {
    const r = await scan(['--fail-on', 'never', 'ssn.txt']);
    expect(r.stdout).toContain('US_SSN');
    expect(r.code).toBe(0);
  });

  it('still exits 2 on an error or an input not scanned', async () => {
    expect((await scan(['--fail-on', 'never', 'ssn.txt', 'missing.txt'])).code).toBe(2);
    expect((await scan(['--fail-on', 'never', '--fail-on-skipped', 'ssn.txt', 'img'])).code).toBe(2);
  });

  it('merge takes it too', async () => {
    expect((await scan(['-f', 'json', '-o', 'a.json', 'ssn.txt'])).code).toBe(1);
    expect((await runCli(['merge', '--no-config', '--fail-on', 'never', 'a.json'], { cwd })).code).toBe(0);
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet: no note per skipped input, one count; the failure hint still explains', async () => {
    const loud = await scan(['--fail-on-skipped', 'img']);
    expect(loud.stderr).toContain('img/logo.png');
    const r = await scan(['--quiet', '--fail-on-skipped', 'img']);
    expect(r.stderr).not.toContain('logo.png');
    expect(r.stderr).toContain('pii-scan: 2 inputs or parts skipped (2 not scanned); without --quiet each is named');
    expect(r.code).toBe(2);
  });

  it('--quiet still lists errors', async () => {
    const r = await scan(['--quiet', 'missing.txt']);
    expect(r.stderr).toContain('missing.txt');
    expect(r.code).toBe(2);
  });

  it('with -o the summary line and the duration go to stderr; --verbose prints them with the report on stdout', async () => {
    const toFile = await scan(['-o', 'report.json', '-f', 'json', 'ssn.txt']);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toMatch(/^pii-scan: 1 finding \(1 critical\) in 1 of 1 input scanned; \d+\.\d\d s; report in report\.json\n$/);
    const plain = await scan(['ssn.txt']);
    expect(plain.stderr).toBe('');
    const verbose = await scan(['--verbose', 'ssn.txt']);
    expect(verbose.stderr).toMatch(/^pii-scan: 1 finding \(1 critical\) in 1 of 1 input scanned; \d+\.\d\d s\n$/);
    expect((await scan(['--quiet', '-o', 'r2.json', 'ssn.txt'])).stderr).toBe('');
  });

  it('refuses both', async () => {
    expect((await scan(['--quiet', '--verbose', 'ssn.txt'])).code).toBe(2);
  });
});

describe('empty standard input', () => {
  it('says it read 0 bytes; exit 0 outside CI, 2 when CI is set (a step that scans nothing must not look green)', async () => {
    const local = await scan([], { stdin: '' });
    expect(local.stderr).toContain('pii-scan: read 0 bytes from standard input: nothing was scanned');
    expect(local.code).toBe(0);
    const ci = await scan([], { stdin: '', env: { CI: 'true' } });
    expect(ci.stderr).toContain('read 0 bytes from standard input');
    expect(ci.code).toBe(2);
    expect((await scan(['-'], { stdin: 'hello\n', env: { CI: 'true' } })).code).toBe(0);
  });

  it('from the binary, < /dev/null under CI', () => {
    const r = spawnCli(['scan', '--no-config'], { cwd, input: '', env: { CI: 'true' } });
    expect(r.stderr).toContain('read 0 bytes from standard input');
    expect(r.code).toBe(2);
  });
});

describe('--region', () => {
  it('an unknown region is refused (libphonenumber-js knows the regions); a known one in any case is taken', async () => {
    const r = await scan(['--region', 'XX', 'ssn.txt']);
    expect(r.stderr).toContain("unknown region 'XX'");
    expect(r.code).toBe(2);
    expect((await scan(['--region', 'gb', join(cwd, 'ssn.txt')])).code).toBe(1);
  });
});
