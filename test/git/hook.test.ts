/** `pii-scan hook install/uninstall` and real `git commit`s through the installed hook (needs `npm run build`). */
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirs } from '../cli/helpers.js';
import { commitAll, makeRepo, rawForms, SSN_A, SSN_B, type Repo } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

function repo(): Repo {
  const home = dirs.make('pii-scan-home-');
  const r = makeRepo(join(home, 'repo'), home);
  r.write({ 'README.md': '# project\n' });
  commitAll(r, 'init');
  return r;
}

const commits = (r: Repo): number => Number(r.git('rev-list', '--count', 'HEAD').trim());

/** Every entry of a folder (samples aside): name, mode and bytes; null when the folder is missing. */
function snapshot(dir: string): Record<string, { mode: number; bytes: string }> | null {
  if (!existsSync(dir)) return null;
  const out: Record<string, { mode: number; bytes: string }> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.sample')) continue;
    const st = lstatSync(join(dir, name));
    out[name] = { mode: st.mode, bytes: readFileSync(join(dir, name)).toString('base64') };
  }
  return out;
}

function expectNoRawValue(text: string, values: string[]): void {
  for (const v of rawForms(values)) expect({ value: v, leaked: text.includes(v) }).toEqual({ value: v, leaked: false });
}

describe('pre-commit hook, through real git commits', () => {
  it('a staged SSN blocks the commit; the finding is masked and the hint says how to go on', () => {
    const r = repo();
    const install = r.cli(['hook', 'install']);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('installed the pre-commit hook: .git/hooks/pre-commit');
    expect(statSync(join(r.dir, '.git/hooks/pre-commit')).mode & 0o111).not.toBe(0);

    r.write({ 'case notes.txt': `Case notes\nSubject SSN: ${SSN_A}\n` });
    r.git('add', 'case notes.txt');
    const blocked = r.tryGit('commit', '-m', 'add notes');
    const output = blocked.stdout + blocked.stderr;
    expect(blocked.code).not.toBe(0);
    expect(commits(r)).toBe(1);
    expect(output).toContain('case notes.txt:2:14  critical US_SSN  ***-**-4391');
    expect(output).toContain('the commit is blocked');
    expect(output).toContain("pii-scan redact --in-place 'case notes.txt' && git add 'case notes.txt'");
    expect(output).toContain('pii-scan:allow US_SSN -- reason');
    expect(output).toContain('git commit --no-verify');
    expectNoRawValue(output, [SSN_A]);

    // --no-verify is the explicit escape.
    expect(r.tryGit('commit', '-q', '--no-verify', '-m', 'add notes anyway').code).toBe(0);
    expect(commits(r)).toBe(2);
  });

  it('a staged image blocks the commit (it was not read); exclude: in the config accepts it', () => {
    const r = repo();
    expect(r.cli(['hook', 'install']).code).toBe(0);
    // A screenshot of a worksheet: the scan cannot read it, so it cannot call the commit clean.
    r.write({ 'scans/roster.png': Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(40, 7)]) });
    r.git('add', 'scans/roster.png');
    const blocked = r.tryGit('commit', '-m', 'add scan');
    expect(blocked.code).not.toBe(0);
    expect(commits(r)).toBe(1);
    expect(blocked.stderr).toContain('pii-scan: skipped: scans/roster.png: image OCR could not read; not scanned');
    expect(blocked.stderr).toContain("list them under exclude: in .pii-scan.yaml (e.g. '*.png')");
    expect(blocked.stderr).toContain('git commit --no-verify');
    r.write({ '.pii-scan.yaml': "exclude: ['scans/*.png']\n" });
    r.git('add', '.pii-scan.yaml');
    const ok = r.tryGit('commit', '-m', 'add scan');
    expect(ok.code).toBe(0);
    expect(commits(r)).toBe(2);
  });

  it('a UTF-16 database export without a byte-order mark is read: its SSN blocks the commit', () => {
    const r = repo();
    expect(r.cli(['hook', 'install']).code).toBe(0);
    r.write({ 'export.csv': Buffer.from(`id,name,ssn\r\n1,Jane Roe,${SSN_A}\r\n`, 'utf16le') });
    r.git('add', 'export.csv');
    const blocked = r.tryGit('commit', '-m', 'export');
    expect(blocked.code).not.toBe(0);
    expect(commits(r)).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain('critical US_SSN  ***-**-4391');
  });

  it('git commit -a (git scans a temporary index) is checked too', () => {
    const r = repo();
    r.cli(['hook', 'install']);
    r.write({ 'README.md': `# project\nowner SSN ${SSN_B}\n` });
    const blocked = r.tryGit('commit', '-a', '-m', 'edit readme');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('README.md:2:11  critical US_SSN  ***-**-2298');
    expect(commits(r)).toBe(1);
  });

  it('commits a clean staged version even when the working tree holds an SSN', () => {
    const r = repo();
    r.cli(['hook', 'install']);
    r.write({ 'notes.txt': 'meeting at noon\n' });
    r.git('add', 'notes.txt');
    r.write({ 'notes.txt': `meeting at noon\nSSN: ${SSN_A}\n` }); // not staged
    const ok = r.tryGit('commit', '-m', 'clean notes');
    expect(ok.stderr).toContain('no findings');
    expect(ok.code).toBe(0);
    expect(commits(r)).toBe(2);
    expect(r.git('show', 'HEAD:notes.txt')).toBe('meeting at noon\n');
  });

  it('an old value does not block an unrelated edit of its file; --all-lines reports it', () => {
    const r = repo();
    r.write({ 'roster.txt': `Team roster\nLopez SSN: ${SSN_A}\nshift: nights\n` });
    commitAll(r, 'roster with an old value');
    r.cli(['hook', 'install']);
    r.write({ 'roster.txt': `Team roster (updated)\nLopez SSN: ${SSN_A}\nshift: days\n` });
    r.git('add', 'roster.txt');

    const json = r.cli(['scan', '--staged', '-f', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { findings: unknown[]; summary: { git: unknown } };
    expect(report.findings).toEqual([]);
    expect(report.summary.git).toEqual({ mode: 'staged', changedLinesOnly: true, files: 1, unchangedLines: 1 });

    const all = r.cli(['scan', '--staged', '--all-lines']);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('roster.txt:2:12  critical US_SSN  ***-**-4391');

    const ok = r.tryGit('commit', '-m', 'update roster');
    expect(ok.code).toBe(0);
    expect(commits(r)).toBe(3);
  });

  it('an inline pii-scan:allow lets the commit through, and the summary counts it', () => {
    const r = repo();
    r.cli(['hook', 'install']);
    r.write({ 'fixture.txt': `# pii-scan:allow US_SSN -- synthetic test fixture\nSSN: ${SSN_A}\nSSN: ${SSN_B} // pii-scan:allow\n` });
    r.git('add', 'fixture.txt');
    const ok = r.tryGit('commit', '-m', 'fixture');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('not reported: 2 suppressed inline (pii-scan:allow)');
  });

  it('keeps an existing hook: it runs first, and its failure still blocks the commit', () => {
    const r = repo();
    const log = join(r.dir, '..', 'old-hook.log');
    const hooks = join(r.dir, '.git/hooks');
    writeFileSync(join(hooks, 'pre-commit'), `#!/bin/sh\necho "old hook ran" >&2\necho ran >> '${log}'\nexit \${OLD_HOOK_EXIT:-0}\n`);
    chmodSync(join(hooks, 'pre-commit'), 0o750);
    const install = r.cli(['hook', 'install']);
    expect(install.stdout).toContain('kept your pre-commit hook as .git/hooks/pre-commit.pii-scan-chained: it runs first');
    expect(readFileSync(join(hooks, 'pre-commit.pii-scan-chained'), 'utf8')).toContain('old hook ran');

    r.write({ 'a.txt': 'nothing here\n' });
    r.git('add', 'a.txt');
    const ok = r.tryGit('commit', '-m', 'a');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('old hook ran');
    expect(readFileSync(log, 'utf8')).toBe('ran\n');

    // The old hook fails: the commit is blocked with its exit code, even though the content is clean.
    writeFileSync(join(hooks, 'pre-commit.pii-scan-chained'), `#!/bin/sh\necho "old hook says no" >&2\nexit 3\n`);
    r.write({ 'b.txt': 'still nothing\n' });
    r.git('add', 'b.txt');
    const no = r.tryGit('commit', '-m', 'b');
    expect(no.code).not.toBe(0);
    expect(no.stderr).toContain('old hook says no');
    expect(commits(r)).toBe(2);

    // And when the old hook passes, pii-scan still blocks a staged value.
    writeFileSync(join(hooks, 'pre-commit.pii-scan-chained'), `#!/bin/sh\necho "old hook ok" >&2\n`);
    r.write({ 'c.txt': `SSN ${SSN_A}\n` });
    r.git('add', 'c.txt');
    const blocked = r.tryGit('commit', '-m', 'c');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('old hook ok');
    expect(blocked.stderr).toContain('c.txt:1:5  critical US_SSN');
  });

  it('honours core.hooksPath, relative to the top of the working tree, from a subfolder', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', 'tools/hooks');
    r.write({ 'src/app.txt': 'code\n' });
    const install = r.cli(['hook', 'install'], { cwd: join(r.dir, 'src') });
    expect(install.code).toBe(0);
    expect(existsSync(join(r.dir, 'tools/hooks/pre-commit'))).toBe(true);
    expect(existsSync(join(r.dir, 'src/tools'))).toBe(false);
    expect(existsSync(join(r.dir, '.git/hooks/pre-commit'))).toBe(false);
    r.write({ 'src/app.txt': `code\nSSN: ${SSN_A}\n` });
    r.git('add', 'src/app.txt');
    const blocked = r.tryGit('commit', '-m', 'app');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('src/app.txt:2:6  critical US_SSN');
  });

  it('install is idempotent, and uninstall restores the hooks folder byte for byte (mode included)', () => {
    const r = repo();
    const hooks = join(r.dir, '.git/hooks');
    writeFileSync(join(hooks, 'pre-commit'), Buffer.from('#!/bin/sh\r\n# héllo \u0000 odd bytes\r\nexit 0\r\n', 'utf8'));
    chmodSync(join(hooks, 'pre-commit'), 0o741);
    const before = snapshot(hooks);

    expect(r.cli(['hook', 'install']).code).toBe(0);
    const once = snapshot(hooks);
    expect(once).not.toEqual(before);
    const again = r.cli(['hook', 'install']);
    expect(again.stdout).toContain('already installed');
    expect(snapshot(hooks)).toEqual(once);

    const un = r.cli(['hook', 'uninstall']);
    expect(un.code).toBe(0);
    expect(un.stdout).toContain('put your pre-commit hook back');
    expect(snapshot(hooks)).toEqual(before);
    expect(r.cli(['hook', 'uninstall']).stdout).toContain("is not pii-scan's hook; left alone");
  });

  it('uninstall removes a hooks folder that install created, and nothing else', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks/pre');
    r.write({ '.githooks/README': 'shared hooks live here\n' });
    const before = snapshot(join(r.dir, '.githooks'));
    r.cli(['hook', 'install']);
    expect(existsSync(join(r.dir, '.githooks/pre/pre-commit'))).toBe(true);
    r.cli(['hook', 'uninstall']);
    expect(existsSync(join(r.dir, '.githooks/pre'))).toBe(false);
    expect(snapshot(join(r.dir, '.githooks'))).toEqual(before);
    expect(r.cli(['hook', 'uninstall']).stdout).toContain('no pii-scan hook in .githooks/pre');
  });

  it('--force sets the old hook aside (it does not run); uninstall puts it back', () => {
    const r = repo();
    const hooks = join(r.dir, '.git/hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\necho "old hook ran" >&2\nexit 1\n');
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    const before = snapshot(hooks);
    const install = r.cli(['hook', 'install', '--force']);
    expect(install.stdout).toContain('set your pre-commit hook aside as .git/hooks/pre-commit.pii-scan-replaced');
    r.write({ 'a.txt': 'clean\n' });
    r.git('add', 'a.txt');
    const ok = r.tryGit('commit', '-m', 'a');
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('old hook ran');
    r.cli(['hook', 'uninstall']);
    expect(snapshot(hooks)).toEqual(before);
  });

  it('never overwrites silently: a taken backup name makes install refuse', () => {
    const r = repo();
    const hooks = join(r.dir, '.git/hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    writeFileSync(join(hooks, 'pre-commit.pii-scan-chained'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const before = snapshot(hooks);
    const refused = r.cli(['hook', 'install']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is already there');
    expect(snapshot(hooks)).toEqual(before);
  });

  it('from a linked worktree, installs into the hooks folder the worktrees share', () => {
    const r = repo();
    const wt = join(r.dir, '..', 'wt');
    r.git('worktree', 'add', '-q', '-b', 'side', wt);
    expect(r.cli(['hook', 'install'], { cwd: wt }).code).toBe(0);
    expect(existsSync(join(r.dir, '.git/hooks/pre-commit'))).toBe(true);
    writeFileSync(join(wt, 'w.txt'), `SSN: ${SSN_B}\n`);
    const add = r.tryGit('-C', wt, 'add', 'w.txt');
    expect(add.code).toBe(0);
    const blocked = r.tryGit('-C', wt, 'commit', '-m', 'w');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('w.txt:1:6  critical US_SSN');
  });

  it('outside a git repository, hook install is an error', () => {
    const home = dirs.make('pii-scan-home-');
    const r = makeRepo(join(home, 'r'), home);
    const outside = dirs.make('pii-scan-nogit-');
    const res = r.cli(['hook', 'install'], { cwd: outside });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not inside a git working tree');
  });
});
