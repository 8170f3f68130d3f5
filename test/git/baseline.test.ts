/** Baselines: create, use, stale entries; the file holds no value and no unkeyed hash of one. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { rawForms, SSN_A, SSN_B, SSN_C } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const PHONE = '(213) 621-0002';
const FILES = {
  'notes.txt': `Case notes\nSSN: ${SSN_A}\ncall me at ${PHONE}\nsecond copy SSN: ${SSN_A}\n`,
  'sub/other.txt': `SSN: ${SSN_B}\n`,
};

interface BaselineDoc {
  version: number;
  hash: string;
  salt: string;
  entries: Array<{ path: string; ruleId: string; entity: string; hash: string; occurrence: number }>;
}

const cli = (argv: string[], cwd: string) => runCli(argv, { cwd });
const readDoc = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BaselineDoc;

async function project(): Promise<string> {
  const dir = writeTree(dirs.make(), FILES);
  const r = await cli(['baseline', 'create'], dir);
  expect(r.code).toBe(0);
  return dir;
}

describe('baseline create', () => {
  it('records each finding by rule, path and keyed hash, numbering repeats within a file', async () => {
    const dir = writeTree(dirs.make(), FILES);
    const r = await cli(['baseline', 'create'], dir);
    expect(r.stdout).toBe(
      'pii-scan: wrote .pii-scan-baseline.json: 4 findings in 2 files (PHONE_NUMBER 1, US_SSN 3); values are stored only as salted hashes\n',
    );
    const doc = readDoc(join(dir, '.pii-scan-baseline.json'));
    expect(doc.version).toBe(1);
    expect(doc.hash).toBe('hmac-sha256');
    expect(Buffer.from(doc.salt, 'base64').length).toBe(32);
    expect(doc.entries.map((e) => [e.path, e.ruleId, e.entity, e.occurrence])).toEqual(
      expect.arrayContaining([
        ['notes.txt', 'us-ssn', 'US_SSN', 1],
        ['notes.txt', 'us-ssn', 'US_SSN', 2],
        ['notes.txt', 'phone-number', 'PHONE_NUMBER', 1],
        ['sub/other.txt', 'us-ssn', 'US_SSN', 1],
      ]),
    );
    expect(doc.entries).toHaveLength(4);
    const ssnA = doc.entries.filter((e) => e.path === 'notes.txt' && e.ruleId === 'us-ssn');
    expect(ssnA[0]!.hash).toBe(ssnA[1]!.hash);
  });

  it('holds no raw value and no unkeyed hash of one; a new salt gives new hashes, re-creating keeps the salt', async () => {
    const dir = await project();
    const file = join(dir, '.pii-scan-baseline.json');
    const text = readFileSync(file, 'utf8');
    const values = [SSN_A, SSN_B, PHONE];
    for (const v of rawForms(values)) expect({ v, leaked: text.includes(v) }).toEqual({ v, leaked: false });
    const upper = (v: string) => v.replace(/[^0-9A-Za-z@._]/g, '').toUpperCase();
    for (const v of [...rawForms(values), ...values.map(upper)]) {
      for (const algo of ['md5', 'sha1', 'sha256', 'sha512']) {
        for (const enc of ['hex', 'base64'] as const) {
          const h = createHash(algo).update(v).digest(enc);
          expect({ v, algo, leaked: text.includes(h) }).toEqual({ v, algo, leaked: false });
        }
      }
    }
    const hashes = readDoc(file).entries.map((e) => e.hash).sort();
    // Same content elsewhere, a fresh salt: no hash in common.
    const other = await project();
    const otherHashes = readDoc(join(other, '.pii-scan-baseline.json')).entries.map((e) => e.hash);
    expect(otherHashes.filter((h) => hashes.includes(h))).toEqual([]);
    // Re-creating in place keeps the salt, so an unchanged project gives the same file.
    expect((await cli(['baseline', 'create'], dir)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('-o writes elsewhere; paths are relative to the baseline file; scan errors leave no file', async () => {
    const dir = writeTree(dirs.make(), FILES);
    expect((await cli(['baseline', 'create', '-o', 'sub/known.json', 'notes.txt'], dir)).code).toBe(0);
    expect(readDoc(join(dir, 'sub/known.json')).entries.map((e) => e.path)).toEqual(['../notes.txt', '../notes.txt', '../notes.txt']);
    const bad = await cli(['baseline', 'create', '-o', 'b.json', 'missing.txt'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('baseline not written');
    expect(() => readFileSync(join(dir, 'b.json'))).toThrow();
  });
});

describe('scan --baseline', () => {
  it('reports nothing known, and counts it in every format', async () => {
    const dir = await project();
    const json = await cli(['scan', '-f', 'json', '--baseline', '.pii-scan-baseline.json', 'notes.txt', 'sub'], dir);
    expect(json.code).toBe(0);
    const report = parseJson(json.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary['baseline']).toEqual({ file: '.pii-scan-baseline.json', entries: 4, ignored: 4, stale: [] });
    const text = await cli(['scan', '--baseline', '.pii-scan-baseline.json', 'notes.txt', 'sub'], dir);
    expect(text.stdout).toBe('✔ no findings; 2 inputs scanned (100 B)\n  baseline .pii-scan-baseline.json: 4 known findings not reported\n');
    const gh = await cli(['scan', '-f', 'github', '--baseline', '.pii-scan-baseline.json', 'notes.txt', 'sub'], dir);
    expect(gh.stdout).toBe('pii-scan: no findings; 2 inputs scanned\npii-scan: not reported: 4 in the baseline\n');
  });

  it('reports new values, and a third copy of a value the baseline knows twice; a moved value stays known', async () => {
    const dir = await project();
    writeFileSync(
      join(dir, 'notes.txt'),
      `third copy SSN: ${SSN_A}\n\nCase notes\n\n\ncall me at ${PHONE}\nSSN: ${SSN_A}\nnew SSN: ${SSN_C}\nsecond copy SSN: ${SSN_A}\n`,
    );
    const res = await cli(['scan', '-f', 'json', '--baseline', '.pii-scan-baseline.json', 'notes.txt', 'sub'], dir);
    expect(res.code).toBe(1);
    const report = parseJson(res.stdout);
    // Occurrences are counted in file order: the first two copies of SSN_A are the known ones.
    expect(report.findings.map((f) => `${f.line} ${f.value}`)).toEqual(['8 ***-**-1234', '9 ***-**-4391']);
    expect(report.summary['baseline']).toMatchObject({ ignored: 4, stale: [] });
  });

  it('lists stale entries (text and JSON): values gone from a scanned file, and files that no longer exist', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'notes.txt'), `Case notes\nSSN: ${SSN_A}\n`);
    rmSync(join(dir, 'sub/other.txt'));
    const res = await cli(['scan', '-f', 'json', '--baseline', '.pii-scan-baseline.json', 'notes.txt'], dir);
    expect(res.code).toBe(0);
    expect(parseJson(res.stdout).summary['baseline']).toEqual({
      file: '.pii-scan-baseline.json',
      entries: 4,
      ignored: 1,
      stale: [
        { path: 'notes.txt', ruleId: 'phone-number', entity: 'PHONE_NUMBER', count: 1 },
        { path: 'notes.txt', ruleId: 'us-ssn', entity: 'US_SSN', count: 1 },
        { path: 'sub/other.txt', ruleId: 'us-ssn', entity: 'US_SSN', count: 1 },
      ],
    });
    const text = await cli(['scan', '--baseline', '.pii-scan-baseline.json', 'notes.txt'], dir);
    expect(text.stdout).toBe(
      [
        '✔ no findings; 1 input scanned (28 B)',
        '  baseline .pii-scan-baseline.json: 1 known finding not reported; 3 stale entries matched nothing (pii-scan baseline create rewrites it):',
        '    notes.txt  PHONE_NUMBER (phone-number)',
        '    notes.txt  US_SSN (us-ssn)',
        '    sub/other.txt  US_SSN (us-ssn)',
        '',
      ].join('\n'),
    );
  });

  it('a file that exists but was not scanned is not stale', async () => {
    const dir = await project();
    const res = await cli(['scan', '-f', 'json', '--baseline', '.pii-scan-baseline.json', 'sub'], dir);
    expect(parseJson(res.stdout).summary['baseline']).toMatchObject({ ignored: 1, stale: [] });
  });

  it('baseline: in .pii-scan.yaml applies (relative to the config); --no-baseline turns it off', async () => {
    const dir = await project();
    writeTree(dir, { '.pii-scan.yaml': 'baseline: .pii-scan-baseline.json\n' });
    const fromSub = await cli(['scan', '-f', 'json', 'other.txt'], join(dir, 'sub'));
    expect(fromSub.code).toBe(0);
    expect(parseJson(fromSub.stdout).summary['baseline']).toMatchObject({ file: '../.pii-scan-baseline.json', ignored: 1 });
    const off = await cli(['scan', '-f', 'json', '--no-baseline', 'other.txt'], join(dir, 'sub'));
    expect(off.code).toBe(1);
    expect(parseJson(off.stdout).summary['baseline']).toBeUndefined();
  });

  it('a missing or broken baseline is an error, never silently ignored', async () => {
    const dir = await project();
    const missing = await cli(['scan', '--baseline', 'nope.json', 'notes.txt'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read baseline: no such file or folder');
    writeFileSync(join(dir, 'bad.json'), '{"version": 1, "hash": "hmac-sha256", "salt": "c2hvcnQ=", "entries": []}');
    const bad = await cli(['scan', '--baseline', 'bad.json', 'notes.txt'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a pii-scan baseline: salt: expected at least 16 random bytes in base64');
  });
});
