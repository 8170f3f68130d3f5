/** `scan --since REF`: the files a pull request changes (merge-base semantics), read from the working tree. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs } from '../cli/helpers.js';
import { commitAll, makeRepo, SSN_A, SSN_B, SSN_C, type Repo } from './helpers.js';

const dirs = tempDirs();
let r: Repo;

/**
 * main: README, old.txt (an old SSN)
 * feature (from main): adds exports/new.txt (an SSN), edits notes.txt, deletes gone.txt
 * main moves on after the branch point: adds main-only.txt (an SSN) — not part of the branch's changes.
 */
beforeAll(() => {
  const home = dirs.make('pii-scan-home-');
  r = makeRepo(join(home, 'repo'), home);
  r.write({ 'README.md': '# project\n', 'old.txt': `SSN ${SSN_A}\n`, 'gone.txt': 'bye\n', 'notes.txt': 'notes\n' });
  commitAll(r, 'init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write({ 'exports/new.txt': `Export\nSSN ${SSN_B}\n`, 'notes.txt': 'notes\nmore notes\n' });
  r.git('rm', '-q', 'gone.txt');
  commitAll(r, 'feature work');
  r.git('checkout', '-q', 'main');
  r.write({ 'main-only.txt': `SSN ${SSN_C}\n` });
  commitAll(r, 'main moves on');
  r.git('checkout', '-q', 'feature');
});
afterAll(() => dirs.cleanup());

const scan = (argv: string[]) => runCli(['scan', ...argv], { cwd: r.dir, env: r.env });

describe('scan --since', () => {
  it('scans only what the branch changed since it left main (merge base), whole files', async () => {
    const res = await scan(['--since', 'main', '-f', 'json']);
    expect(res.code).toBe(1);
    const report = parseJson(res.stdout);
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['exports/new.txt:2']);
    expect(report.summary.filesScanned).toBe(2); // exports/new.txt and notes.txt; not old.txt, main-only.txt or gone.txt
    const mergeBase = r.git('merge-base', 'main', 'HEAD').trim();
    expect(report.summary['git']).toEqual({ mode: 'since', ref: 'main', mergeBase, files: 2 });
  });

  it('says what it compared in the text summary', async () => {
    const res = await scan(['--since', 'main']);
    const mergeBase = r.git('merge-base', 'main', 'HEAD').trim();
    expect(res.stdout).toContain(`  changed since main (merge base ${mergeBase.slice(0, 12)}): 2 files\n`);
  });

  it('paths narrow it', async () => {
    const res = await scan(['--since', 'main', '-f', 'json', 'notes.txt']);
    expect(res.code).toBe(0);
    expect(parseJson(res.stdout).summary.filesScanned).toBe(1);
  });

  it('a path outside the repository is skipped with a note, and does not widen the scan', async () => {
    const res = await scan(['--since', 'main', '-f', 'json', '../elsewhere.txt']);
    expect(res.code).toBe(0);
    const report = parseJson(res.stdout);
    expect(report.summary.filesScanned).toBe(0);
    expect(report.diagnostics).toEqual([{ path: '../elsewhere.txt', level: 'skipped', message: 'outside the repository' }]);
  });

  it('a changed file missing from the working tree is skipped with a note', async () => {
    rmSync(join(r.dir, 'notes.txt'));
    try {
      const res = await scan(['--since', 'main', '-f', 'json']);
      expect(parseJson(res.stdout).diagnostics).toEqual([{ path: 'notes.txt', level: 'skipped', message: 'not in the working tree' }]);
      expect(res.code).toBe(1);
    } finally {
      r.git('checkout', '-q', '--', 'notes.txt');
    }
  });

  it('an unknown ref is an error that says how to fetch it', async () => {
    const res = await scan(['--since', 'origin/nope']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--since: unknown revision 'origin/nope'");
    expect(res.stderr).toContain('fetch-depth: 0');
    const dash = await scan(['--since', '--help-me']);
    expect(dash.code).toBe(2);
  });
});
