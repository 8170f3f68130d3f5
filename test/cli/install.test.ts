/**
 * Installing as the README says, each into a clean prefix: from the packed tarball and from a git
 * URL (a local clone of this working tree). Needs the npm registry for the dependencies and takes
 * minutes (the git install builds in npm's clone), so it runs only with PII_SCAN_INSTALL_TEST=1
 * (.ci/run sets it), and in the bundle project only: it installs and runs the package, the same under
 * either target.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, TARGET, tempDirs } from './helpers.js';

const enabled = process.env['PII_SCAN_INSTALL_TEST'] === '1' && TARGET === 'bundle';
const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const npmEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete npmEnv['CI'];

/** The installed pii-scan scans a draft, masking the value, and exits 1. */
function expectWorks(prefix: string): void {
  const draft = join(prefix, 'draft.txt');
  writeFileSync(draft, 'Subject SSN 536-90-4412\n');
  const r = spawnSync(join(prefix, 'bin', 'pii-scan'), ['scan', '--no-config', draft], { encoding: 'utf8', env: npmEnv });
  expect(r.stdout).toContain('***-**-4412');
  expect(r.status).toBe(1);
}

(enabled ? describe : describe.skip)('install (PII_SCAN_INSTALL_TEST=1)', () => {
  let tarball: string;
  beforeAll(() => {
    const out = dirs.make('pii-scan-install-');
    const name = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8', env: npmEnv }).trim();
    tarball = join(out, name);
  });

  test("the build writes nothing to stdout (npm pack's and npm i git+…'s stdout is read by tools)", () => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  }, 120_000);

  test('npm i -g ./pii-scan-X.tgz into a clean prefix; PDFs are read without the optional canvas', () => {
    const prefix = dirs.make('pii-scan-prefix-');
    const r = spawnSync('npm', ['i', '-g', '--prefix', prefix, tarball], { encoding: 'utf8', env: npmEnv });
    expect(r.stderr).not.toMatch(/npm error/);
    expect(r.status).toBe(0);
    expectWorks(prefix);
    // pdf.js names @napi-rs/canvas optional; pii-scan only reads text, so a PDF reads the same without it.
    const installed = join(prefix, 'lib', 'node_modules', 'pii-scan');
    const pdf = join(ROOT, 'fixtures', 'documents', 'report.pdf');
    const scanPdf = () => spawnSync(join(prefix, 'bin', 'pii-scan'), ['scan', '--no-config', '-f', 'json', pdf], { encoding: 'utf8', env: npmEnv });
    const before = scanPdf();
    rmSync(join(installed, 'node_modules', '@napi-rs'), { recursive: true, force: true });
    // pdf.js then warns that it cannot load the canvas: on stderr, never inside the report on stdout.
    const after = scanPdf();
    expect(after.stdout.startsWith('{')).toBe(true);
    expect(JSON.parse(after.stdout).findings.length).toBeGreaterThan(0);
    expect(JSON.parse(after.stdout).findings).toEqual(JSON.parse(before.stdout).findings);
  }, 300_000);

  test('npm i -g --install-links git+file://CLONE into a clean prefix (npm builds it in its own clone)', () => {
    const base = dirs.make('pii-scan-git-');
    const clone = join(base, 'clone');
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      cpSync(join(ROOT, f), join(clone, f));
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, env: { ...npmEnv, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'snapshot');
    const prefix = join(base, 'prefix');
    const r = spawnSync('npm', ['i', '-g', '--install-links', '--prefix', prefix, `git+file://${clone}`], { encoding: 'utf8', env: npmEnv });
    expect(r.stderr).not.toMatch(/npm error/);
    expect(r.status).toBe(0);
    expectWorks(prefix);
  }, 600_000);
});
