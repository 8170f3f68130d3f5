/** What gets scanned: folders, globs, stdin, binary and empty files, and in which order. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseJson, runCli, TARGET, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN = 'SSN: 536-22-4391\n';

describe('folders', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = writeTree(dirs.make(), {
      'proj/.gitignore': 'build/\n*.log\n!keep.log\n',
      'proj/a.txt': SSN,
      'proj/Z-upper.txt': SSN,
      'proj/b/c/deep.md': SSN,
      'proj/b/c/.gitignore': 'local-only.txt\n',
      'proj/b/c/local-only.txt': SSN,
      'proj/.git/config': SSN,
      'proj/.git/objects/ab/cdef': SSN,
      'proj/node_modules/pkg/index.js': SSN,
      'proj/b/node_modules/x.js': SSN,
      'proj/build/out.txt': SSN,
      'proj/debug.log': SSN,
      'proj/keep.log': SSN,
      'proj/.env': SSN,
    });
  });

  const paths = async (argv: string[]): Promise<string[]> => {
    const r = await runCli(['-f', 'json', ...argv], { cwd });
    return parseJson(r.stdout).findings.map((f) => f.path);
  };

  it('recurses in sorted order, skips .git and node_modules, honours nested .gitignore files', async () => {
    expect(await paths(['proj'])).toEqual(['proj/.env', 'proj/Z-upper.txt', 'proj/a.txt', 'proj/b/c/deep.md', 'proj/keep.log']);
  });

  it('--no-gitignore scans ignored files but still skips .git and node_modules', async () => {
    expect(await paths(['--no-gitignore', 'proj'])).toEqual([
      'proj/.env',
      'proj/Z-upper.txt',
      'proj/a.txt',
      'proj/b/c/deep.md',
      'proj/b/c/local-only.txt',
      'proj/build/out.txt',
      'proj/debug.log',
      'proj/keep.log',
    ]);
  });

  it('paths inside a folder given as "." are relative, and "./proj" is shown as proj/', async () => {
    const r = await runCli(['-f', 'json', '.'], { cwd: `${cwd}/proj/b` });
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['c/deep.md']);
    expect(await paths(['./proj/b'])).toEqual(['proj/b/c/deep.md']);
  });

  it('a file named on the command line is scanned even inside node_modules', async () => {
    expect(await paths(['proj/node_modules/pkg/index.js'])).toEqual(['proj/node_modules/pkg/index.js']);
  });

  it('the same file given twice (directly and via its folder) is scanned once', async () => {
    const r = await runCli(['-f', 'json', 'proj/a.txt', 'proj'], { cwd });
    const report = parseJson(r.stdout);
    expect(report.findings.filter((f) => f.path.endsWith('a.txt'))).toHaveLength(1);
    expect(report.findings.map((f) => f.path)[0]).toBe('proj/a.txt');
  });

  it('output is identical across runs (deterministic order)', async () => {
    const a = await runCli(['proj', '--no-gitignore'], { cwd });
    const b = await runCli(['proj', '--no-gitignore'], { cwd });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('the text summary counts scanned inputs', async () => {
    const r = await runCli(['proj'], { cwd });
    // .gitignore files are inputs too: proj/.gitignore and proj/b/c/.gitignore.
    expect(r.stdout).toContain('✖ 5 findings (5 critical) in 5 inputs; 7 inputs scanned');
  });
});

describe('globs', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = writeTree(dirs.make(), {
      'docs/b.md': SSN,
      'docs/a.md': SSN,
      'docs/sub/c.md': SSN,
      'docs/notes.txt': SSN,
      'docs/node_modules/x.md': SSN,
      'docs/.hidden/h.md': SSN,
    });
  });

  it('expands a glob (including dot folders, not node_modules), sorted', async () => {
    const r = await runCli(['-f', 'json', 'docs/**/*.md'], { cwd });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['docs/.hidden/h.md', 'docs/a.md', 'docs/b.md', 'docs/sub/c.md']);
  });

  it('a glob that matches nothing is an error (exit 2), other inputs still scanned', async () => {
    const r = await runCli(['-f', 'json', 'docs/*.zzz', 'docs/notes.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pii-scan: error: docs/*.zzz: no files match this pattern');
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['docs/notes.txt']);
  });
});

describe('standard input', () => {
  it('"-" reads standard input and reports it as path -', async () => {
    const cwd = dirs.make();
    const r = await runCli(['-f', 'json', '-'], { cwd, stdin: 'hello\nSSN: 536-22-4391\n' });
    expect(r.code).toBe(1);
    const f = parseJson(r.stdout).findings;
    expect(f.map((x) => [x.path, x.line, x.column, x.offset])).toEqual([['-', 2, 6, 11]]);
  });

  it('with no paths and piped input, standard input is scanned', async () => {
    const cwd = dirs.make();
    const r = await runCli(['-f', 'json'], { cwd, stdin: SSN, stdinIsTTY: false });
    expect(parseJson(r.stdout).findings.map((x) => x.path)).toEqual(['-']);
  });

  it('clean piped input exits 0', async () => {
    const r = await runCli([], { cwd: dirs.make(), stdin: 'nothing here\n', stdinIsTTY: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings; 1 input scanned (13 B)');
  });

  it('positions do not depend on how stdin is chunked (SSN split across chunks, multi-byte char split)', async () => {
    const text = 'é\nSSN: 536-22-4391 and SSN: 671-03-2298\n';
    const bytes = Buffer.from(text, 'utf8');
    const whole = parseJson((await runCli(['-f', 'json', '-'], { cwd: dirs.make(), stdin: bytes })).stdout).findings;
    expect(whole.map((f) => [f.line, f.column, f.offset])).toEqual([
      [2, 6, 8],
      [2, 27, 29],
    ]);
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    const oneByOne = parseJson((await runCli(['-f', 'json', '-'], { cwd: dirs.make(), stdin: chunks })).stdout).findings;
    expect(oneByOne).toEqual(whole);
  });

  it('files and stdin together, in argument order', async () => {
    const cwd = writeTree(dirs.make(), { 'z.txt': SSN, 'a.txt': SSN });
    const r = await runCli(['-f', 'json', 'z.txt', '-', 'a.txt'], { cwd, stdin: SSN });
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['z.txt', '-', 'a.txt']);
  });
});

describe('binary and empty files', () => {
  // Known difference, found by the bundle project: the OCR engine (tesseract.js's leptonica) writes
  // its own 'libpng error: IHDR: CRC error' line to the process's stderr, which the installed
  // binary shows and the in-process edge does not capture. it.failing turns green-to-red when fixed.
  (TARGET === 'bundle' ? it.failing : it)('a binary file is skipped with a note on stderr; exit 0 when nothing else is found', async () => {
    const cwd = writeTree(dirs.make(), {
      'img.bin': Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR', 'latin1'), Buffer.from(SSN)]),
    });
    const r = await runCli(['img.bin'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('pii-scan: skipped: img.bin: image OCR could not read; not scanned\n');
    // A skipped file was not scanned: it adds to neither count.
    expect(r.stdout).toBe(
      '✔ no findings; 0 inputs scanned (0 B)\n' +
        '  not scanned: 1 input or document part (binary, an unknown encoding, unreadable; listed on stderr)\n',
    );
  });

  it('a binary file in a folder is skipped and the text files beside it are scanned', async () => {
    const cwd = writeTree(dirs.make(), { 'd/a.bin': Buffer.from([0, 1, 2, 3]), 'd/b.txt': SSN });
    const r = await runCli(['-f', 'json', 'd'], { cwd });
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => f.path)).toEqual(['d/b.txt']);
    expect(report.diagnostics).toEqual([{ path: 'd/a.bin', level: 'skipped', message: 'binary file (NUL bytes)', notScanned: true }]);
    expect(report.summary.skipped).toBe(1);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.summary.bytesScanned).toBe(SSN.length);
  });

  it('binary on standard input is skipped too', async () => {
    const r = await runCli(['-'], { cwd: dirs.make(), stdin: Buffer.from([0x00, 0x01, 0x53, 0x02]) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('pii-scan: skipped: -: binary file (NUL bytes)\n');
  });

  it('an empty file is scanned, clean', async () => {
    const cwd = writeTree(dirs.make(), { 'empty.txt': '' });
    const r = await runCli(['-f', 'json', 'empty.txt'], { cwd });
    expect(r.code).toBe(0);
    const report = parseJson(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.summary.bytesScanned).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('empty standard input is clean', async () => {
    const r = await runCli(['-'], { cwd: dirs.make(), stdin: [] });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings; 1 input scanned (0 B)');
  });
});

describe('--exclude', () => {
  it('skips matching files, noting each on stderr; repeatable', async () => {
    const cwd = writeTree(dirs.make(), { 'a.txt': SSN, 'gen/b.txt': SSN, 'c.log': SSN });
    const r = await runCli(['-f', 'json', '--exclude', 'gen/', '--exclude', '*.log', '.'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['a.txt']);
    expect(r.stderr).toBe('pii-scan: skipped: c.log: excluded by configuration\npii-scan: skipped: gen/b.txt: excluded by configuration\n');
    expect(r.code).toBe(1);
  });

  it('a command-line pattern is relative to the working folder, with or without a config file above it', async () => {
    const files = { 'sub/deep/a.txt': SSN, 'sub/deep/skip.txt': SSN };
    for (const root of [writeTree(dirs.make(), files), writeTree(dirs.make(), { ...files, '.pii-scan.yaml': 'failOn: low\n' })]) {
      const r = await runCli(['-f', 'json', '--exclude', 'deep/skip.txt', '.'], { cwd: `${root}/sub` });
      expect(parseJson(r.stdout).findings.map((f) => f.path)).toEqual(['deep/a.txt']);
    }
  });
});
