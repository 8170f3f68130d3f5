import type { RedactFs } from '../../src/redact/redact-fs.js';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { realFs } from '../../src/redact/redact-file.js';
import { runCli, tempDirs, writeTree, ROOT } from '../cli/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const KEY = { PII_SCAN_KEY: 'correct horse battery staple 42' };
const DRAFT = 'FIELD OPERATIONS WORKSHEET\r\nTarget DOB 04/12/1981 SSN 536-22-4391 — café ☕\r\ncall (213) 621-0002, plate 7ABC123 (CA)\r\n';

let cwd: string;
beforeEach(() => {
  cwd = dirs.make();
});

const redact = (args: string[], opts: { stdin?: string | Buffer; env?: Record<string, string>; deps?: { redactFs: RedactFs } } = {}) =>
  runCli(['redact', '--no-config', ...args], { cwd, stdin: opts.stdin, env: opts.env ?? {}, ...(opts.deps ? { deps: opts.deps } : {}) });

const scanClean = async (path: string) => (await runCli(['scan', '--no-config', path], { cwd })).code === 0;

describe('styles', () => {
  it('mask keeps the shape and the last four where that is the practice', async () => {
    const r = await redact(['-'], { stdin: DRAFT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '***** ********** *********\r\nTarget DOB **/**/**** SSN ***-**-4391 — café ☕\r\ncall (***) ***-0002, plate ******* (CA)\r\n',
    );
    expect(r.stderr).toContain('redacted 5 values in 1 of 1 file');
  });

  it('placeholder names the entity', async () => {
    const r = await redact(['--style', 'placeholder', '-'], { stdin: DRAFT });
    expect(r.stdout).toBe(
      '[DOCUMENT_MARKING]\r\nTarget DOB [DATE_OF_BIRTH] SSN [US_SSN] — café ☕\r\ncall [PHONE_NUMBER], plate [LICENSE_PLATE] (CA)\r\n',
    );
  });

  it('remove deletes the values and nothing else', async () => {
    const r = await redact(['--style', 'remove', '-'], { stdin: DRAFT });
    expect(r.stdout).toBe('\r\nTarget DOB  SSN  — café ☕\r\ncall , plate  (CA)\r\n');
  });

  it('hash gives a keyed pseudonym: same key and value agree across files and runs, another key differs', async () => {
    writeTree(cwd, { 'a.txt': 'SSN 536-22-4391\n', 'b.txt': 'her soc sec is 536 22 4391.\n' });
    const a = await redact(['--style', 'hash', 'a.txt'], { env: KEY });
    const b = await redact(['--style', 'hash', 'b.txt'], { env: KEY });
    const again = await redact(['--style', 'hash', 'a.txt'], { env: KEY });
    const other = await redact(['--style', 'hash', 'a.txt'], { env: { PII_SCAN_KEY: 'a different key, also long' } });
    const pseudonym = (s: string) => /\[US_SSN:([a-z]+)\]/.exec(s)?.[1];
    expect(pseudonym(a.stdout)).toMatch(/^[a-z]{10}$/);
    expect(pseudonym(b.stdout)).toBe(pseudonym(a.stdout));
    expect(pseudonym(again.stdout)).toBe(pseudonym(a.stdout));
    expect(pseudonym(other.stdout)).not.toBe(pseudonym(a.stdout));
  });

  it('config chooses a style per entity over the run default', async () => {
    writeTree(cwd, { '.pii-scan.yaml': 'redact:\n  style: placeholder\n  styles: { US_SSN: mask }\n', 'd.txt': 'SSN 536-22-4391 call (213) 621-0002\n' });
    const r = await runCli(['redact', 'd.txt'], { cwd });
    expect(r.stdout).toBe('SSN ***-**-4391 call [PHONE_NUMBER]\n');
  });
});

describe('only the matched spans change', () => {
  it('keeps CRLF, a missing final newline, invalid UTF-8 and a BOM byte for byte', async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('a\r\nbad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' SSN 536-22-4391 end'),
    ]);
    const r = await redact(['-'], { stdin: input });
    const expected = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('a\r\nbad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' SSN ***-**-4391 end'),
    ]);
    expect(r.stdoutBytes!.equals(expected)).toBe(true);
  });

  it('writes UTF-16 files back in UTF-16 with the same byte order', async () => {
    const text = 'line\r\nSSN 536-22-4391 ok';
    writeTree(cwd, { 'le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    const r = await redact(['le.txt']);
    expect(r.stdoutBytes!.equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('line\r\nSSN ***-**-4391 ok', 'utf16le')]))).toBe(true);
  });

  it('redacts a value that straddles the 64 KB read chunks', async () => {
    const pad = 'x'.repeat(65536 - 9); // the SSN starts 5 bytes before the first chunk ends
    writeTree(cwd, { 'big.txt': `${pad}SSN 536-22-4391 tail\n` });
    const r = await redact(['big.txt']);
    expect(r.stdout).toBe(`${pad}SSN ***-**-4391 tail\n`);
  });

  it('redacts a file with more findings than a function call takes arguments', async () => {
    // 200,000 findings: collecting them with push(...all) overflowed the call stack and the file was left as it was.
    const line = 'SSN 536-22-4391 ';
    writeTree(cwd, { 'dense.txt': `${line.repeat(200_000)}\n` });
    const r = await redact(['--in-place', 'dense.txt']);
    expect(r.stdout).toContain('redacted 200000 values in 1 of 1 file');
    expect(readFileSync(join(cwd, 'dense.txt'), 'utf8')).toBe(`${'SSN ***-**-4391 '.repeat(200_000)}\n`);
  });

  it('rescans its own output: a placeholder that gives a nearby number SSN context gets that number redacted too', async () => {
    // "412779025" alone is not an SSN; after "[US_SSN]" lands beside it, a rescan would report it.
    const r = await redact(['--style', 'placeholder', '-'], { stdin: 'Subject 536-22-4391 then 412779025\n' });
    expect(r.stdout).toBe('Subject [US_SSN] then [US_SSN]\n');
    expect(r.stderr).toContain('redacted 2 values');
  });

  it('merges overlapping findings so no fragment survives', async () => {
    writeTree(cwd, {
      'r.yaml': "id: case-ref\nentity: CASE_REF\nseverity: high\npatterns:\n  - { regex: 'CASE \\d{3} \\d{3} \\d{4}', score: 0.5 }\n",
      'd.txt': 'ref CASE 213 621 0002 call\n',
    });
    // The phone rule finds 213 621 0002 inside the case reference, as surely as the case rule
    // (so overlap resolution reports both); both must go, as one span.
    const scan = await runCli(['scan', '--no-config', '--rules', 'r.yaml', '--format', 'json', 'd.txt'], { cwd });
    expect(JSON.parse(scan.stdout).findings.map((f: { entity: string }) => f.entity)).toEqual(['CASE_REF', 'PHONE_NUMBER']);
    const r = await redact(['--rules', 'r.yaml', '--style', 'placeholder', 'd.txt']);
    expect(r.stdout).toBe('ref [CASE_REF] call\n');
  });
});

describe('guarantees on the fixture corpus', () => {
  const corpus = join(ROOT, 'fixtures', 'corpus', 'positive');
  const files = readdirSync(corpus).sort();

  it.each(['mask', 'placeholder', 'hash', 'remove'])('%s: rescanning the output finds nothing, and redacting twice equals once', async (style) => {
    const out1 = join(cwd, 'once');
    const out2 = join(cwd, 'twice');
    const first = await runCli(['redact', '--no-config', '--style', style, '--out-dir', out1, corpus], { cwd, env: KEY });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const rescan = await runCli(['scan', '--no-config', '--format', 'json', out1], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
    const second = await runCli(['redact', '--no-config', '--style', style, '--out-dir', out2, out1], { cwd, env: KEY });
    expect(second.code).toBe(0);
    for (const f of files) {
      // Copies mirror paths relative to the folder given, however it was given (here absolute).
      const once = readFileSync(join(out1, f));
      const twice = readFileSync(join(out2, f));
      expect(twice.equals(once)).toBe(true);
    }
  });
});

describe('in place', () => {
  it('rewrites atomically, keeps the file mode, and keeps a backup when asked', async () => {
    writeTree(cwd, { 'd.txt': DRAFT });
    chmodSync(join(cwd, 'd.txt'), 0o640);
    const r = await redact(['--in-place', '--backup', '.orig', 'd.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('d.txt: 5 redacted');
    expect(readFileSync(join(cwd, 'd.txt.orig'), 'utf8')).toBe(DRAFT);
    expect(await scanClean('d.txt')).toBe(true);
    expect(statSync(join(cwd, 'd.txt')).mode & 0o777).toBe(0o640);
    expect(readdirSync(cwd).sort()).toEqual(['d.txt', 'd.txt.orig']);
  });

  it('leaves files without findings untouched (same inode, same bytes)', async () => {
    writeTree(cwd, { 'clean.txt': 'nothing to see\n' });
    const before = statSync(join(cwd, 'clean.txt'));
    const r = await redact(['--in-place', 'clean.txt']);
    expect(r.code).toBe(0);
    expect(statSync(join(cwd, 'clean.txt')).ino).toBe(before.ino);
  });

  it('--dry-run shows masked changes and writes nothing', async () => {
    writeTree(cwd, { 'd.txt': DRAFT });
    const r = await redact(['--dry-run', 'd.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('d.txt:2:27  US_SSN  → ***-**-4391');
    expect(r.stdout).toContain('would redact 5 values in 1 of 1 file');
    expect(r.stdout).not.toContain('536-22');
    expect(readFileSync(join(cwd, 'd.txt'), 'utf8')).toBe(DRAFT);
    expect(readdirSync(cwd)).toEqual(['d.txt']);
  });

  it('--format json summarises per file and per entity', async () => {
    writeTree(cwd, { 'd.txt': DRAFT, 'e.txt': 'clean\n' });
    const r = await redact(['--in-place', '--format', 'json', 'd.txt', 'e.txt']);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({
      files: 2,
      changed: 1,
      redactions: 5,
      byEntity: { DATE_OF_BIRTH: 1, DOCUMENT_MARKING: 1, LICENSE_PLATE: 1, PHONE_NUMBER: 1, US_SSN: 1 },
    });
    expect(j.files.map((f: { path: string; changed: boolean }) => [f.path, f.changed])).toEqual([['d.txt', true], ['e.txt', false]]);
  });
});

describe('--out-dir', () => {
  it('mirrors paths relative to the folder given, copies clean files, names binary files as not read (exit 2), leaves the originals alone', async () => {
    writeTree(cwd, {
      'exports/a/one.txt': 'SSN 536-22-4391\n',
      'exports/b/two.txt': 'no pii\n',
      'exports/c.bin': Buffer.from([0, 1, 2, 3]),
    });
    const r = await redact(['--out-dir', 'safe', 'exports']);
    // A file that was not read has no safe copy: the run cannot vouch for the folder.
    expect(r.code).toBe(2);
    expect(readFileSync(join(cwd, 'safe/a/one.txt'), 'utf8')).toBe('SSN ***-**-4391\n');
    expect(readFileSync(join(cwd, 'safe/b/two.txt'), 'utf8')).toBe('no pii\n');
    expect(existsSync(join(cwd, 'safe/c.bin'))).toBe(false);
    expect(r.stderr).toContain('not read: exports/c.bin: binary file (NUL bytes); not redacted');
    expect(readFileSync(join(cwd, 'exports/a/one.txt'), 'utf8')).toBe('SSN 536-22-4391\n');
  });
});

describe('failures leave the original untouched and exit 2', () => {
  const untouched = (name: string, content: string) => expect(readFileSync(join(cwd, name), 'utf8')).toBe(content);
  const noTemps = () => expect(readdirSync(cwd).filter((f) => f.includes('.tmp'))).toEqual([]);

  it('refuses --style hash without a key, before reading anything', async () => {
    writeTree(cwd, { 'd.txt': DRAFT });
    const r = await redact(['--style', 'hash', '--in-place', 'd.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--style hash needs a key');
    untouched('d.txt', DRAFT);
  });

  it('refuses a key that is too short', async () => {
    writeTree(cwd, { 'd.txt': DRAFT, 'k': 'short\n' });
    const r = await redact(['--style', 'hash', '--key-file', 'k', 'd.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at least 16 bytes');
  });

  it('refuses to rewrite a read-only file', async () => {
    writeTree(cwd, { 'd.txt': DRAFT });
    chmodSync(join(cwd, 'd.txt'), 0o444);
    const r = await redact(['--in-place', 'd.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('d.txt: not redacted: file is read-only');
    untouched('d.txt', DRAFT);
    noTemps();
  });

  it('reports a read-only folder (temporary file cannot be created)', async () => {
    writeTree(cwd, { 'd.txt': DRAFT, 'e.txt': 'SSN 536-22-4391\n' });
    const denied: RedactFs = {
      ...realFs,
      open: (async (path: string, ...rest: unknown[]) => {
        if (String(path).includes('d.txt')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return (open as (...a: unknown[]) => ReturnType<typeof open>)(path, ...rest);
      }) as RedactFs['open'],
    };
    const r = await redact(['--in-place', 'd.txt', 'e.txt'], { deps: { redactFs: denied } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('d.txt: not redacted: permission denied');
    untouched('d.txt', DRAFT);
    untouched('e.txt', 'SSN ***-**-4391\n'); // the other file is still redacted
    noTemps();
  });

  it('survives a full disk in the middle of writing', async () => {
    const big = DRAFT.repeat(2000); // several writes: the disk fills after the first
    writeTree(cwd, { 'd.txt': big });
    const full: RedactFs = {
      ...realFs,
      open: (async (...args: Parameters<typeof open>) => {
        const handle = await open(...args);
        let writes = 0;
        return new Proxy(handle, {
          get(target, prop, receiver) {
            if (prop === 'write') {
              return async (...a: unknown[]) => {
                if (++writes > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
                return (target.write as (...x: unknown[]) => unknown).apply(target, a);
              };
            }
            const v = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
      }) as RedactFs['open'],
    };
    const r = await redact(['--in-place', 'd.txt'], { deps: { redactFs: full } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('d.txt: not redacted: ENOSPC');
    untouched('d.txt', big);
    noTemps();
  });

  it('fails when the rename cannot happen, and cleans up', async () => {
    writeTree(cwd, { 'd.txt': DRAFT });
    const stuck: RedactFs = {
      ...realFs,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    const r = await redact(['--in-place', 'd.txt'], { deps: { redactFs: stuck } });
    expect(r.code).toBe(2);
    untouched('d.txt', DRAFT);
    noTemps();
  });

  it('needs --in-place or --out-dir for several files, and refuses --in-place on stdin', async () => {
    writeTree(cwd, { 'a.txt': 'x', 'b.txt': 'y' });
    expect((await redact(['a.txt', 'b.txt'])).code).toBe(2);
    expect((await redact(['--in-place', '-'], { stdin: 'SSN 536-22-4391' })).code).toBe(2);
    writeFileSync(join(cwd, 'a.txt'), 'x');
  });
});

describe('standard input', () => {
  it('--dry-run on stdin prints the preview, not the text', async () => {
    const r = await runCli(['redact', '--no-config', '--dry-run', '-'], { cwd: dirs.make(), stdin: 'SSN 536-22-4391\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('-:1:5  US_SSN  → ***-**-4391\nwould redact 1 value in 1 of 1 file (US_SSN 1)\n');
  });
});
