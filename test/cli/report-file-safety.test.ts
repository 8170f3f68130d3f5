/** `-o FILE` replaces a report the way redact replaces a file: mode and owner kept, never written through a link. */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

let cwd: string;
beforeEach(() => {
  cwd = dirs.make();
  writeTree(cwd, { 'd.txt': 'SSN 536-22-4391\n' });
});

const scanTo = async (out: string) => {
  const old = process.umask(0o022);
  try {
    return await runCli(['scan', '--no-config', '--format', 'json', '-o', out, 'd.txt'], { cwd });
  } finally {
    process.umask(old);
  }
};

describe('scan -o', () => {
  it('keeps the mode of the report it replaces, whatever the umask', async () => {
    writeTree(cwd, { 'r.json': 'old report\n' });
    chmodSync(join(cwd, 'r.json'), 0o664);
    expect((await scanTo('r.json')).code).toBe(1);
    expect(statSync(join(cwd, 'r.json')).mode & 0o7777).toBe(0o664);
    expect(JSON.parse(readFileSync(join(cwd, 'r.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('a new report gets the umask’s mode', async () => {
    expect((await scanTo('new.json')).code).toBe(1);
    expect(statSync(join(cwd, 'new.json')).mode & 0o777).toBe(0o644);
    expect(readdirSync(cwd).sort()).toEqual(['d.txt', 'new.json']);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('keeps the owner and group of the report it replaces (as root)', async () => {
    writeTree(cwd, { 'r.json': 'old report\n' });
    chownSync(join(cwd, 'r.json'), 4321, 5432);
    expect((await scanTo('r.json')).code).toBe(1);
    const st = statSync(join(cwd, 'r.json'));
    expect([st.uid, st.gid]).toEqual([4321, 5432]);
  });

  it('replaces a link planted at the report name instead of writing through it', async () => {
    writeTree(cwd, { 'victim.txt': 'not yours\n' });
    chmodSync(join(cwd, 'victim.txt'), 0o600);
    symlinkSync(join(cwd, 'victim.txt'), join(cwd, 'r.json'));
    expect((await scanTo('r.json')).code).toBe(1);
    expect(readFileSync(join(cwd, 'victim.txt'), 'utf8')).toBe('not yours\n');
    expect(lstatSync(join(cwd, 'r.json')).isFile()).toBe(true);
    expect(statSync(join(cwd, 'r.json')).mode & 0o777).toBe(0o644);
  });
});
