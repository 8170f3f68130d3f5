/**
 * The shipped binary, as a user runs it: real exit codes, real stdin pipes, real
 * environment for colour, and a reader that goes away early. Runs the build (made by `npm test`'s
 * pretest; rebuilt here, as `npm run build` makes it, if what it is made from is newer).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, BIN, childEnv, parseJson, spawnCli, tempDirs, writeTree } from './helpers.js';
// @ts-expect-error plain ESM script, no declarations
import { ensureBuilt } from '../helpers/ensure-built.mjs';

const dirs = tempDirs();
let cwd: string;

beforeAll(() => {
  (ensureBuilt as () => void)();
  cwd = writeTree(dirs.make(), {
    'clean.txt': 'nothing to see\n',
    'ssn.txt': 'SSN: 536-22-4391\n',
    'phone.txt': 'call me at (213) 621-0002\n',
  });
}, 60_000);
afterAll(() => dirs.cleanup());

describe('bin/pii-scan', () => {
  it('exit 0 on clean text', () => {
    const r = spawnCli(['clean.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ no findings; 1 input scanned (15 B)\n');
    expect(r.stderr).toBe('');
  });

  it('exit 1 on a finding, with the masked report on stdout', () => {
    const r = spawnCli(['ssn.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ssn.txt:1:6  critical US_SSN  ***-**-4391');
  });

  it('--fail-on critical with only a phone: exit 0', () => {
    expect(spawnCli(['--fail-on', 'critical', 'phone.txt'], { cwd }).code).toBe(0);
  });

  it('exit 2 on an unknown option, with the error on stderr and nothing on stdout', () => {
    const r = spawnCli(['--nope', 'ssn.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: unknown option '--nope'");
  });

  it('exit 2 on a missing file while the others are still reported', () => {
    const r = spawnCli(['ssn.txt', 'missing.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('US_SSN');
    expect(r.stderr).toBe('pii-scan: error: missing.txt: no such file or folder\n');
  });

  it('reads piped standard input when no path is given', () => {
    const r = spawnCli(['-f', 'json'], { cwd, input: 'line one\nSSN: 536-22-4391\n' });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => [f.path, f.line, f.column])).toEqual([['-', 2, 6]]);
  });

  it('`pii-scan -` reads standard input; clean input exits 0', () => {
    const dirty = spawnCli(['-'], { cwd, input: 'SSN: 536-22-4391' });
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain('-:1:6  critical US_SSN');
    const clean = spawnCli(['-'], { cwd, input: 'hello\n' });
    expect(clean.code).toBe(0);
  });

  it('`pii-scan - file` scans both, stdin first', () => {
    const r = spawnCli(['-f', 'json', '-', 'ssn.txt'], { cwd, input: 'call me at (213) 621-0002\n' });
    expect(parseJson(r.stdout).findings.map((f) => [f.path, f.entity])).toEqual([
      ['-', 'PHONE_NUMBER'],
      ['ssn.txt', 'US_SSN'],
    ]);
  });

  it('no ANSI codes when stdout is a pipe', () => {
    expect(spawnCli(['ssn.txt'], { cwd }).stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=1 colours the report even through a pipe', () => {
    const r = spawnCli(['ssn.txt'], { cwd, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toMatch(ANSI);
    expect(r.code).toBe(1);
  });

  it('NO_COLOR keeps the report plain; FORCE_COLOR=0 too', () => {
    expect(spawnCli(['ssn.txt'], { cwd, env: { NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(spawnCli(['ssn.txt'], { cwd, env: { FORCE_COLOR: '0' } }).stdout).not.toMatch(ANSI);
  });

  it('--output writes the file; diagnostics still go to stderr', () => {
    const r = spawnCli(['-f', 'json', '-o', 'report.json', 'ssn.txt', 'missing.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.txt');
    expect(parseJson(readFileSync(join(cwd, 'report.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('a large report through a pipe arrives whole (exit code set, not process.exit)', () => {
    const lines = Array.from({ length: 3000 }, () => 'SSN: 536-22-4391').join('\n');
    const dir = writeTree(dirs.make(), { 'many.txt': lines });
    const r = spawnCli(['-f', 'json', 'many.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(1_000_000);
    expect(parseJson(r.stdout).findings).toHaveLength(3000);
  });

  it('a reader that stops early (pii-scan | head) gets no stack trace, and the exit code still says findings', () => {
    const lines = Array.from({ length: 3000 }, () => 'SSN: 536-22-4391').join('\n');
    const dir = writeTree(dirs.make(), { 'many.txt': lines });
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" many.txt | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
      cwd: dir,
      env: childEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(r.stdout.trim()).toBe('status=1');
  });
});
