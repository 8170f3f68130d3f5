/**
 * The pre-commit manifest with the pre-commit on PATH (Debian's 3.0.4 here; skipped without one):
 * the manifest validates, pre-commit runs the system hook from this repository (try-repo), and a
 * commit through `pre-commit install` is blocked by a staged SSN and passes when clean.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { BIN, ROOT, tempDirs } from './helpers.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

interface ManifestHook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  stages?: string[];
  minimum_pre_commit_version?: string;
}
const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];

/** A git repository, pre-commit's cache and a PATH whose pii-scan is this checkout's. */
function sandbox(): { repo: string; run(cmd: string, args: string[]): SpawnSyncReturns<string> } {
  const base = dirs.make('pii-scan-pre-commit-');
  const repo = join(base, 'repo');
  const bin = join(base, 'bin');
  mkdirSync(repo);
  mkdirSync(bin);
  symlinkSync(BIN, join(bin, 'pii-scan'));
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
    PRE_COMMIT_HOME: join(base, 'cache'),
    HOME: base,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.invalid',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.invalid',
    CI: '',
  };
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8' });
  expect(run('git', ['init', '-q', '-b', 'main']).status).toBe(0);
  return { repo, run };
}

/** A `repo: local` config holding the manifest's own hook (its entry, language, file passing). */
function localConfig(id: string): string {
  const hook = manifest.find((h) => h.id === id)!;
  return `repos:\n  - repo: local\n    hooks:\n      - ${JSON.stringify({ id: hook.id, name: hook.id, entry: hook.entry, language: hook.language, pass_filenames: hook.pass_filenames ?? true })}\n`;
}

(available ? describe : describe.skip)(`pre-commit (${preCommit.stdout?.trim() || 'not installed'})`, () => {
  test('the manifest validates, and names no stage (3.x and 4.x spell them differently)', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(manifest.filter((h) => h.stages !== undefined)).toEqual([]);
    expect(manifest.map((h) => [h.id, h.language, h.minimum_pre_commit_version])).toEqual([
      ['pii-scan', 'node', '4.6.2'],
      ['pii-scan-staged', 'node', '4.6.2'],
      ['pii-scan-system', 'system', '3.0.0'],
      ['pii-scan-staged-system', 'system', '3.0.0'],
    ]);
  });

  test('try-repo runs the system hook from this repository on the staged files', () => {
    const { repo, run } = sandbox();
    writeFileSync(join(repo, 'notes.txt'), 'Subject SSN 536-90-4412\n');
    run('git', ['add', 'notes.txt']);
    const r = run('pre-commit', ['try-repo', ROOT, 'pii-scan-system']);
    expect(r.stdout).toContain('***-**-4412');
    expect(r.stdout).not.toContain('536-90-4412');
    expect(r.status).toBe(1);
  });

  test.each(['pii-scan-system', 'pii-scan-staged-system'])('%s: a staged SSN blocks the commit, a clean file passes', (id) => {
    const { repo, run } = sandbox();
    writeFileSync(join(repo, '.pre-commit-config.yaml'), localConfig(id));
    expect(run('pre-commit', ['install']).status).toBe(0);
    writeFileSync(join(repo, 'clean.txt'), 'Meeting moved to Thursday.\n');
    run('git', ['add', '.pre-commit-config.yaml', 'clean.txt']);
    const clean = run('git', ['commit', '-q', '-m', 'clean']);
    expect(clean.stdout + clean.stderr).toContain('Passed');
    expect(clean.status).toBe(0);
    writeFileSync(join(repo, 'leak.txt'), 'Subject SSN 536-90-4412\n');
    run('git', ['add', 'leak.txt']);
    const leak = run('git', ['commit', '-q', '-m', 'leak']);
    expect(leak.stdout + leak.stderr).toContain('***-**-4412');
    expect(leak.stdout + leak.stderr).not.toContain('536-90-4412');
    expect(leak.status).not.toBe(0);
    expect(run('git', ['log', '--format=%s']).stdout).toBe('clean\n');
  });
});
