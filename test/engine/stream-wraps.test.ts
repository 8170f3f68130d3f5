/**
 * Labelled values wrapped across lines in streams: a plain-text file, standard input and a staged
 * git file are read as streams (ByteScanner), which join a wrapped card, SSN or IBAN after its
 * label as documents do, at its exact bytes (redaction masks both pieces), whatever the chunks.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { commitAll, makeRepo } from '../git/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const TEXT =
  'Hello,\r\n\r\n' +
  '> as asked, Card: 4532 0151 1283\r\n> 0366 thanks\r\n' +
  'SSN: 536-22-\n    4391\n' +
  'IBAN DE89 3704 0044\n0532 0130 00 for the rent\n' +
  '2024-06-05T03:20:05Z INFO done\n';
const WRAPPED = ['4532 0151 1283\r\n> 0366', '536-22-\n    4391', 'DE89 3704 0044\n0532 0130 00'];

interface Found {
  entity: string;
  value: string;
  line: number;
  endLine?: number;
  offset: number;
  length: number;
}

const wrappedIn = (findings: readonly Found[]) => findings.filter((f) => f.endLine !== undefined && f.endLine > f.line).map((f) => f.value);

describe('wrapped labelled values in streams', () => {
  it('a plain .txt file: found across their lines, at their exact bytes', async () => {
    const dir = writeTree(dirs.make(), { 'notes.txt': TEXT });
    const r = await runCli(['scan', '--no-config', '-f', 'json', '--show-values', 'notes.txt'], { cwd: dir, env: {} });
    const findings = parseJson(r.stdout).findings as unknown as Found[];
    expect(wrappedIn(findings)).toEqual(WRAPPED);
    const bytes = Buffer.from(TEXT, 'utf8');
    for (const f of findings) expect(bytes.subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(f.value);
  });

  it('standard input, arriving in pieces cut inside the values and their breaks', async () => {
    const cuts = [20, 33, 34, 60, 61, 75, 100];
    const pieces = cuts.map((c, i) => TEXT.slice(i === 0 ? 0 : cuts[i - 1], c)).concat(TEXT.slice(cuts[cuts.length - 1]));
    const r = await runCli(['scan', '--no-config', '-f', 'json', '--show-values', '-'], { cwd: dirs.make(), env: {}, stdin: pieces });
    expect(wrappedIn(parseJson(r.stdout).findings as unknown as Found[])).toEqual(WRAPPED);
  });

  it('a staged git file', async () => {
    const home = dirs.make('pii-scan-home-');
    const repo = makeRepo(join(home, 'repo'), home);
    repo.write({ 'README.md': '# project\n' });
    commitAll(repo, 'init');
    repo.write({ 'notes.txt': TEXT });
    repo.git('add', 'notes.txt');
    const r = await runCli(['scan', '--staged', '-f', 'json', '--show-values'], { cwd: repo.dir, env: repo.env });
    expect(r.code).toBe(1);
    expect(wrappedIn(parseJson(r.stdout).findings as unknown as Found[])).toEqual(WRAPPED);
  });

  it('redacting a text file masks both pieces of each, and keeps the breaks, quote marks and indent', async () => {
    const dir = writeTree(dirs.make(), { 'notes.txt': TEXT });
    const r = await runCli(['redact', '--no-config', '--in-place', 'notes.txt'], { cwd: dir, env: {} });
    expect(r.code).toBe(0);
    const out = readFileSync(join(dir, 'notes.txt'), 'utf8');
    // The mask keeps a value's last four characters, as on one line.
    expect(out).toBe(
      'Hello,\r\n\r\n' +
        '> as asked, Card: **** **** ****\r\n> 0366 thanks\r\n' +
        'SSN: ***-**-\n    4391\n' +
        'IBAN **** **** ****\n**** **30 00 for the rent\n' +
        '2024-06-05T03:20:05Z INFO done\n',
    );
  });
});
