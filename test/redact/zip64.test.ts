/**
 * ZIP64 archives are redacted, not refused: as Python's zipfile writes them (a ZIP64 extra field
 * in the local header; to a stream, a data descriptor with 8-byte sizes), as Info-ZIP writes
 * them from standard input (and a ZIP64 end record), and with sizes and offsets in the central
 * directory's extra fields. The copy passes `unzip -t`, keeps its ZIP64 structures, and its
 * untouched entries are stored byte for byte.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { readStoredZip } from '../../src/redact/documents/zip-write.js';
import { runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES } from '../documents/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const ZIP64 = ['zip64/python.zip', 'zip64/python-stream.zip', 'zip64/infozip-stdin.zip', 'hostile/zip64.zip'].map((p) => join(FIXTURES, p));
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe.each(ZIP64.map((p) => [p.slice(FIXTURES.length + 1), p]))('%s', (_name, path) => {
  it('is redacted; the copy passes unzip -t, keeps its ZIP64 records, and its other entries as stored', async () => {
    const original = readFileSync(path);
    const cwd = writeTree(dirs.make(), { [`in/${basename(path)}`]: original });
    const r = await runCli(['redact', '--no-config', '--out-dir', 'safe', 'in'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = join(cwd, 'safe', basename(path));
    const copy = readFileSync(out);
    const text = Object.values(unzipSync(copy)).map((b) => Buffer.from(b).toString()).join('');
    expect(text).toContain('Applicant SSN ***-**-4391');
    expect(text).not.toContain('536-22');
    if (hasUnzip) expect(spawnSync('unzip', ['-tq', out], { encoding: 'utf8' }).status).toBe(0);
    const before = readStoredZip(original);
    const after = readStoredZip(copy);
    expect(after.unlisted).toBe(0);
    expect(after.end64 !== undefined).toBe(before.end64 !== undefined);
    expect(after.entries.map((e) => e.name)).toEqual(before.entries.map((e) => e.name));
    for (const e of after.entries.filter((x) => x.name === 'readme.txt')) expect(Buffer.from(e.local).equals(Buffer.from(before.entries.find((b) => b.name === e.name)!.local))).toBe(true);
    const rescan = await runCli(['scan', '--no-config', '-f', 'json', 'safe'], { cwd });
    expect(JSON.parse(rescan.stdout).findings).toEqual([]);
  });
});

it("a data descriptor with 8-byte sizes (a local ZIP64 extra field) is read to its end: nothing is left over as outside the archive's entries", () => {
  expect(readStoredZip(readFileSync(join(FIXTURES, 'zip64/python-stream.zip'))).unlisted).toBe(0);
});
