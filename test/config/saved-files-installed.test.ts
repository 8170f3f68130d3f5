/**
 * The installed binary with a saved file of the build truncated or damaged (see saved-files.test.ts):
 * it notes the file on stderr and finds what the rules find. Runs a copy of bin/, dist/ and rules/.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, ROOT } from '../cli/helpers.js';

const dirs: string[] = [];
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const truncated = (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length * 0.6));
/** `b` with one bit of one byte of its body changed. */
const flipped = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[c.length - 1000]! ^= 0x10;
  return c;
};

describe('the installed binary', () => {
  /** bin/, dist/ and rules/ as an install has them. */
  function installedCopy(): string {
    const dir = tempDir('pii-installed-');
    for (const part of ['bin', 'dist', 'rules', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  }
  /** A file long enough for the prefilter, an SSN at its end. */
  const input = `${'nothing to see on this line, just some plain filler words here.\n'.repeat(2000)}SSN: 536-22-4391\n`;
  const scan = (dir: string) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'pii-scan'), '-f', 'json', '-'], { cwd: dir, input, env: childEnv(), encoding: 'utf8', timeout: 60_000 });

  it('uses its saved files without a note', () => {
    const r = scan(installedCopy());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  it.each([
    ['a truncated saved prefilter', 'builtin-prefilter.bin', truncated, /builtin-prefilter\.bin: truncated/],
    ['a saved prefilter with a byte flipped', 'builtin-prefilter.bin', flipped, /builtin-prefilter\.bin: damaged/],
    ['a truncated rules snapshot', 'builtin-rules.json', truncated, /builtin-rules\.json: truncated/],
    ['a rules snapshot with a byte flipped', 'builtin-rules.json', flipped, /builtin-rules\.json: damaged/],
  ])('with %s: still finds what the rules find, and notes it on stderr', (_what, name, change, note) => {
    const dir = installedCopy();
    const file = join(dir, 'dist', name);
    writeFileSync(file, change(readFileSync(file)));
    const r = scan(dir);
    expect(r.stderr).toMatch(new RegExp(`^pii-scan: note: .*${note.source}`, 'm'));
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { entity: string; line: number }[] }).findings.map((f) => [f.entity, f.line])).toEqual([['US_SSN', 2001]]);
  });
});
