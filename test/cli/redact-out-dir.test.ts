/** `redact --out-dir OUT ARG…` places copies relative to each argument; `--dry-run` shows each replacement once. */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeEach(() => {
  cwd = writeTree(dirs.make(), {
    'exports/a/one.txt': 'SSN 536-22-4391\n',
    'exports/two.txt': 'SSN 536-22-4392\n',
    'other/two.txt': 'SSN 536-22-4393\n',
  });
});
afterAll(() => dirs.cleanup());
const redact = (args: string[]) => runCli(['redact', '--no-config', ...args], { cwd });

describe('redact --out-dir', () => {
  it('an absolute folder is mirrored from inside it, not as its whole absolute path', async () => {
    const r = await redact(['--out-dir', 'safe', join(cwd, 'exports')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'safe/a/one.txt'), 'utf8')).toBe('SSN ***-**-4391\n');
    expect(readFileSync(join(cwd, 'safe/two.txt'), 'utf8')).toBe('SSN ***-**-4392\n');
    expect(existsSync(join(cwd, 'safe', cwd.slice(1)))).toBe(false);
  });

  it('a file given by name lands as its name; a glob below its fixed folders', async () => {
    expect((await redact(['--out-dir', 'safe', 'exports/a/one.txt'])).code).toBe(0);
    expect(readFileSync(join(cwd, 'safe/one.txt'), 'utf8')).toBe('SSN ***-**-4391\n');
    expect((await redact(['--out-dir', 'globbed', 'exports/**/*.txt'])).code).toBe(0);
    expect(readFileSync(join(cwd, 'globbed/a/one.txt'), 'utf8')).toBe('SSN ***-**-4391\n');
    expect(readFileSync(join(cwd, 'globbed/two.txt'), 'utf8')).toBe('SSN ***-**-4392\n');
  });

  it('two inputs that would land on one copy: the second is refused (exit 2), never written over the first', async () => {
    const r = await redact(['--out-dir', 'safe', 'exports', 'other']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('other/two.txt: not redacted: its copy safe/two.txt is already written from another input');
    expect(readFileSync(join(cwd, 'safe/two.txt'), 'utf8')).toBe('SSN ***-**-4392\n');
  });
});

describe('redact --dry-run', () => {
  it('shows the replacement, not the mask twice; another style shows the masked value and its replacement', async () => {
    const masked = await redact(['--dry-run', 'exports/two.txt']);
    expect(masked.stdout).toContain('exports/two.txt:1:5  US_SSN  → ***-**-4392\n');
    const placeholder = await redact(['--dry-run', '--style', 'placeholder', 'exports/two.txt']);
    expect(placeholder.stdout).toContain('exports/two.txt:1:5  US_SSN  ***-**-4392 → [US_SSN]\n');
  });
});
