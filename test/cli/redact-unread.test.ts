/**
 * A copy with a part that was not read cannot be called safe: redact names that part (`not read:`)
 * and exits 2 unless --no-fail-on-skipped; what a copy merely looks like beyond its values is a
 * `note:` and does not fail the run.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { runCli, tempDirs, writeTree } from './helpers.js';
import { FIXTURES } from '../documents/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** A zip with a text entry holding an SSN and a binary entry nobody can read. */
const BUNDLE = zipSync({ 'notes.txt': strToU8('SSN 536-22-4391\n'), 'blob.bin': new Uint8Array([0, 1, 2, 0, 0, 9, 0, 7]) });
/** An entry only a local header names, beside a listed one with a value: left out of the copy (a note). */
const LOCAL_ONLY = readFileSync(join(FIXTURES, 'hostile/local-only.zip'));

describe('redact: parts not read', () => {
  it('a zip with a binary entry: the copy is written and redacted, the entry is named as not read, exit 2', async () => {
    const cwd = writeTree(dirs.make(), { 'in/bundle.zip': BUNDLE });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).toContain('pii-scan: not read: in/bundle.zip: entry blob.bin: binary file');
    expect(r.stderr).toContain('--no-fail-on-skipped');
    expect(r.code).toBe(2);
    const copy = unzipSync(readFileSync(join(cwd, 'safe/bundle.zip')));
    expect(Buffer.from(copy['notes.txt']!).toString()).toBe('SSN ***-**-4391\n');
  });

  it('--no-fail-on-skipped: the same notes, exit 0', async () => {
    const cwd = writeTree(dirs.make(), { 'in/bundle.zip': BUNDLE });
    const r = await runCli(['redact', '--no-config', '--no-fail-on-skipped', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).toContain('pii-scan: not read: in/bundle.zip: entry blob.bin: binary file');
    expect(r.code).toBe(0);
  });

  it('--dry-run says the same and exits 2 too', async () => {
    const cwd = writeTree(dirs.make(), { 'in/bundle.zip': BUNDLE });
    const r = await runCli(['redact', '--no-config', '--dry-run', 'in'], { cwd });
    expect(r.stderr).toContain('pii-scan: not read: in/bundle.zip: entry blob.bin: binary file');
    expect(r.code).toBe(2);
  });

  it('an input that is not read at all (a binary file) is named, not copied, and fails the run', async () => {
    const cwd = writeTree(dirs.make(), { 'in/a.txt': 'SSN 536-22-4391\n', 'in/b.bin': new Uint8Array([0, 0, 1, 0, 2, 0]) });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).toContain('pii-scan: not read: in/b.bin: binary file');
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, 'safe/b.bin'))).toBe(false);
  });

  it('a note about the copy (bytes the archive does not list are left out) is a note, exit 0; in JSON, per file', async () => {
    const cwd = writeTree(dirs.make(), { 'in/extra.zip': LOCAL_ONLY });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).toMatch(/pii-scan: note: in\/extra\.zip: \d+ bytes outside the archive's listed entries/);
    expect(r.stderr).not.toContain('not read:');
    expect(r.code).toBe(0);
    const j = await runCli(['redact', '--no-config', '-f', 'json', '--out-dir', 'safe2', 'in'], { cwd });
    const out = JSON.parse(j.stdout);
    expect(out.files[0].notes).toEqual([expect.stringMatching(/bytes outside the archive's listed entries/)]);
    expect(out.diagnostics).toEqual([]);
  });

  it('in JSON, a part not read is a diagnostic with notScanned', async () => {
    const cwd = writeTree(dirs.make(), { 'in/bundle.zip': BUNDLE });
    const r = await runCli(['redact', '--no-config', '-f', 'json', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([{ path: 'in/bundle.zip', level: 'skipped', message: expect.stringContaining('entry blob.bin: binary file'), notScanned: true }]);
  });
});
