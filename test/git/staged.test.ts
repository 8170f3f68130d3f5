/** `scan --staged`: the index's content, the lines the commit adds or changes, git's odd corners. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, type JsonReport } from '../cli/helpers.js';
import { parsePatchHunks } from '../../src/sources/git.js';
import { commitAll, makeRepo, SSN_A, SSN_B, SSN_C, type Repo } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

function repo(files: Record<string, string | Uint8Array> = { 'README.md': '# project\n' }): Repo {
  const home = dirs.make('pii-scan-home-');
  const r = makeRepo(join(home, 'repo'), home);
  r.write(files);
  commitAll(r, 'init');
  return r;
}

async function scan(r: Repo, argv: string[], cwd = r.dir) {
  return runCli(argv, { cwd, env: r.env });
}

async function staged(r: Repo, extra: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const res = await scan(r, ['scan', '--staged', '-f', 'json', ...extra]);
  return { code: res.code, report: parseJson(res.stdout), stderr: res.stderr };
}

const where = (report: JsonReport) => report.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.entity}`);
const lines = (n: number, fill = 'filler line') => Array.from({ length: n }, (_, i) => `${fill} ${i + 1}`);

describe('scan --staged', () => {
  it('reads the index, not the working tree, and reports line numbers of the staged version', async () => {
    const r = repo();
    r.write({ 'notes.txt': `one\ntwo\nSSN: ${SSN_A}\n` });
    r.git('add', 'notes.txt');
    r.write({ 'notes.txt': `${lines(5).join('\n')}\none\ntwo\nSSN: ${SSN_A}\nand SSN ${SSN_B}\n` });
    const { code, report } = await staged(r);
    expect(code).toBe(1);
    expect(where(report)).toEqual(['notes.txt:3:6 US_SSN']);
    // The working tree has moved on: a plain scan sees it there.
    const plain = parseJson((await scan(r, ['scan', '-f', 'json', 'notes.txt'])).stdout);
    expect(where(plain)).toEqual(['notes.txt:8:6 US_SSN', 'notes.txt:9:9 US_SSN']);
  });

  it('counts only added or changed lines, across several hunks; --all-lines counts every line', async () => {
    const base = lines(10);
    base[1] = `old SSN: ${SSN_A}`;
    const r = repo({ 'log.txt': `${base.join('\n')}\n` });
    const next = [...base];
    next[4] = `new SSN: ${SSN_B}`;
    next.splice(8, 0, `another SSN: ${SSN_C}`);
    r.write({ 'log.txt': `${next.join('\n')}\n` });
    r.git('add', 'log.txt');
    const { report } = await staged(r);
    expect(where(report)).toEqual(['log.txt:5:10 US_SSN', 'log.txt:9:14 US_SSN']);
    expect(report.summary['git']).toEqual({ mode: 'staged', changedLinesOnly: true, files: 1, unchangedLines: 1 });
    const all = await staged(r, ['--all-lines']);
    expect(where(all.report)).toEqual(['log.txt:2:10 US_SSN', 'log.txt:5:10 US_SSN', 'log.txt:9:14 US_SSN']);
    expect(all.report.summary['git']).toEqual({ mode: 'staged', changedLinesOnly: false, files: 1, unchangedLines: 0 });
  });

  it('text output says how many findings sat on unchanged lines', async () => {
    const r = repo({ 'a.txt': `SSN: ${SSN_A}\nx\n` });
    r.write({ 'a.txt': `SSN: ${SSN_A}\ny\n` });
    r.git('add', 'a.txt');
    const res = await scan(r, ['scan', '--staged']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      '✔ no findings; 1 input scanned (19 B)\n' +
        '  staged changes: 1 file, lines added or changed only; 1 finding on unchanged lines not reported (--all-lines shows them)\n',
    );
  });

  it('works before the first commit, with paths holding spaces, unicode, glob characters and a leading dash', async () => {
    const home = dirs.make('pii-scan-home-');
    const r = makeRepo(join(home, 'repo'), home);
    r.write({
      'dir with space/naïve résumé.txt': `SSN ${SSN_A}\n`,
      '*.txt': `SSN ${SSN_B}\n`,
      '-dash.txt': `SSN ${SSN_C}\n`,
      'clean.txt': 'nothing\n',
    });
    r.git('add', '-A');
    const { report } = await staged(r);
    expect(where(report).sort()).toEqual(['*.txt:1:5 US_SSN', '-dash.txt:1:5 US_SSN', 'dir with space/naïve résumé.txt:1:5 US_SSN']);
    // Paths narrow the scan, taken literally: `*.txt` is that one file, not a pattern.
    const narrowed = await staged(r, ['--', '*.txt']);
    expect(where(narrowed.report)).toEqual(['*.txt:1:5 US_SSN']);
    const folder = await staged(r, ['dir with space']);
    expect(where(folder.report)).toEqual(['dir with space/naïve résumé.txt:1:5 US_SSN']);
  });

  it('from a subfolder, paths are shown relative to it and the whole index is scanned', async () => {
    const r = repo();
    r.write({ 'sub/a.txt': `SSN ${SSN_A}\n`, 'b.txt': `SSN ${SSN_B}\n` });
    r.git('add', '-A');
    const res = await scan(r, ['scan', '--staged', '-f', 'json'], join(r.dir, 'sub'));
    expect(where(parseJson(res.stdout)).sort()).toEqual(['../b.txt:1:5 US_SSN', 'a.txt:1:5 US_SSN']);
  });

  it('skips binary files, links and excluded paths with a note, and ignores deleted and purely renamed files', async () => {
    const r = repo({ 'old.txt': `SSN ${SSN_A}\n`, 'gone.txt': `SSN ${SSN_B}\n`, '.pii-scan.yaml': "exclude: ['private/**']\n" });
    r.git('mv', 'old.txt', 'renamed.txt');
    r.git('rm', '-q', 'gone.txt');
    r.write({ 'blob.bin': Buffer.from([0x53, 0x53, 0x4e, 0x20, 0x00, 0x01, 0x02]), 'private/p.txt': `SSN ${SSN_C}\n` });
    symlinkSync('renamed.txt', join(r.dir, 'link.txt'));
    r.git('add', '-A');
    const { code, report, stderr } = await staged(r);
    // The binary file was not read: with --staged that fails the run (--fail-on-skipped is its default).
    expect(code).toBe(2);
    expect(report.findings).toEqual([]);
    expect(report.diagnostics).toEqual([
      { path: 'link.txt', level: 'skipped', message: 'symbolic link not followed' },
      { path: 'private/p.txt', level: 'skipped', message: 'excluded by configuration' },
      { path: 'blob.bin', level: 'skipped', message: expect.stringContaining('binary'), notScanned: true },
    ]);
    expect(stderr).toContain('pii-scan: skipped: blob.bin: binary');
    expect((await staged(r, ['--no-fail-on-skipped'])).code).toBe(0);
    expect(report.summary['git']).toMatchObject({ files: 4 }); // renamed, blob, link, private
    // The rename carries its old value along; --all-lines sees it.
    expect(where((await staged(r, ['--all-lines'])).report)).toEqual(['renamed.txt:1:5 US_SSN']);
  });

  it('a file git diffs as binary (a -diff attribute) has no hunks, so every line counts', async () => {
    const r = repo({ '.gitattributes': '*.csv -diff\n', 'people.csv': `name,ssn\nLopez,${SSN_A}\n` });
    r.write({ 'people.csv': `name,ssn\nLopez,${SSN_A}\nOrtiz,n/a\n` });
    r.git('add', 'people.csv');
    expect(where((await staged(r)).report)).toEqual(['people.csv:2:1 PERSON', 'people.csv:2:7 US_SSN', 'people.csv:2:1 PROFILE', 'people.csv:3:1 PERSON']);
  });

  it('with a baseline, a second copy of a known value on an added line is new, even above the old copy', async () => {
    const r = repo({ 'n.txt': `intro\nSSN: ${SSN_A}\n` });
    expect((await scan(r, ['baseline', 'create'])).code).toBe(0);
    commitAll(r, 'baseline');
    // Moved (old line removed, added elsewhere): still known.
    r.write({ 'n.txt': `SSN: ${SSN_A}\nintro\n` });
    r.git('add', 'n.txt');
    let res = await staged(r, ['--baseline', '.pii-scan-baseline.json']);
    expect(res.report.findings).toEqual([]);
    expect(res.report.summary['baseline']).toMatchObject({ ignored: 1, stale: [] });
    // A copy added above the old one: the copy is reported, not the old line.
    r.write({ 'n.txt': `copy SSN: ${SSN_A}\nintro\nSSN: ${SSN_A}\n` });
    r.git('add', 'n.txt');
    res = await staged(r, ['--baseline', '.pii-scan-baseline.json']);
    expect(where(res.report)).toEqual(['n.txt:1:11 US_SSN']);
    expect(res.report.summary['git']).toMatchObject({ unchangedLines: 0 });
    expect(res.report.summary['baseline']).toMatchObject({ ignored: 1 });
  });

  it('refuses what it cannot do, with exit 2', async () => {
    const r = repo();
    const outside = dirs.make('pii-scan-nogit-');
    const notRepo = await runCli(['scan', '--staged'], { cwd: outside, env: r.env });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain('is not inside a git working tree');
    expect((await scan(r, ['scan', '--staged', '-'])).stderr).toContain('--staged reads files from git, not standard input');
    expect((await scan(r, ['scan', '--all-lines', '.'])).stderr).toContain('--all-lines goes with --staged');
    const both = await scan(r, ['scan', '--staged', '--since', 'main']);
    expect([both.code, both.stderr]).toEqual([2, 'pii-scan: choose one of --staged and --since\n']);
  });
});

describe('patch parsing', () => {
  const parse = (text: string, chunk = 7) =>
    parsePatchHunks(
      (async function* () {
        const bytes = Buffer.from(text);
        for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
      })(),
    );

  it('reads hunk headers only: content that looks like a header is content', async () => {
    const patch = [
      'diff --git a/x b/x',
      'index 1..2 100644',
      '--- a/x',
      '+++ b/x',
      '@@ -1,2 +1,3 @@ func',
      '--- removed line that began with --',
      '+++ added line that began with ++',
      '+@@ -9 +9,9 @@ added text shaped like a hunk header',
      '+a CR is not a line end\rdiff --git a/fake b/fake',
      '@@ -10 +11,0 @@',
      '@@ -20,0 +21 @@',
      '\\ No newline at end of file',
      'diff --git a/y b/y',
      'Binary files a/y and b/y differ',
      'diff --git a/z b/z',
      'new file mode 100644',
      '',
    ].join('\n');
    for (const chunk of [1, 7, 4096]) {
      expect(await parse(patch, chunk)).toEqual([{ binary: false, added: [{ start: 1, end: 3 }, { start: 21, end: 21 }] }, { binary: true }, { binary: false, added: [] }]);
    }
  });
});
