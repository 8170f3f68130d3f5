/** `pii-scan watchlist create` and `--watchlist`: exact matches in any format, whatever the formatting, never printed. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeAll(async () => {
  cwd = writeTree(dirs.make(), {
    'people.csv': 'name,ssn,address\n"BROOKS, DAVID",536-22-4391,"1423 North Elm Street, Springfield, IL 62704"\n',
    'notes.txt': 'Case notes: David Brooks was seen today.\n',
    'export.json': JSON.stringify({ rows: [{ subject: 'Maria Lopez', ssn: '536 22 4391' }] }),
    'other.txt': 'Case notes: David Brookes was seen today.\n',
  });
  const r = await runCli(['watchlist', 'create', 'people.csv', '-o', 'watch.pii', '--cost', '10'], { cwd });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('3 entries');
});
afterAll(() => dirs.cleanup());

describe('watch lists', () => {
  it('the watch file holds hashes only', () => {
    expect(readFileSync(join(cwd, 'watch.pii'), 'utf8')).not.toMatch(/brooks|david|4391|elm/i);
  });

  it('a name in the other order in text, and an SSN without dashes in JSON, are critical WATCHLIST_MATCHes, masked', async () => {
    const r = await runCli(['scan', '--watchlist', 'watch.pii', '-f', 'json', 'notes.txt', 'export.json'], { cwd });
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: Array<{ entity: string; severity: string; path: string }> }).findings.filter((f) => f.entity === 'WATCHLIST_MATCH');
    expect(found.map((f) => [f.path, f.severity])).toEqual([['notes.txt', 'critical'], ['export.json', 'critical']]);
    expect(r.stdout).not.toContain('Brooks');
  });

  it('a near miss is not a match', async () => {
    const r = await runCli(['scan', '--watchlist', 'watch.pii', '-f', 'json', 'other.txt'], { cwd });
    expect(r.stdout).not.toContain('WATCHLIST_MATCH');
  });

  it('a file that is not a watch list is an error (exit 2) that does not quote it', async () => {
    const r = await runCli(['scan', '--watchlist', 'notes.txt', 'notes.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a watch list');
    expect(r.stderr).not.toContain('Brooks');
  });
});
