/** --jobs (worker threads), --shard K/N, `merge`, and the progress line. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a, parseShard } from '../../src/run/shard.js';
import { TARGET, parseJson, plantedText, runCli, spawnCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** A few hundred files in nested folders; every seventh holds planted values, some are empty or binary. */
function corpus(dir: string, n = 300): string {
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < n; i++) {
    const folder = ['a', 'a-b', 'b/c', 'b', 'c.d', 'Z'][i % 6]!;
    const name = `${folder}/f${String(i).padStart(4, '0')}${i % 11 === 0 ? '.md' : '.txt'}`;
    if (i % 7 === 0) files[name] = `entry ${i}\n${plantedText()}`;
    else if (i % 53 === 0) files[name] = new Uint8Array([0, 1, 2, 0, 0, 0, 3, 0, 0, 0]);
    else if (i % 61 === 0) files[name] = '';
    else files[name] = `plain text ${i}\n`.repeat(1 + (i % 40));
  }
  return writeTree(dir, files);
}

/** Tests that spawn the built CLI, the same under either target: run once, in the bundle project (jest.config.js). */
const builtCli = TARGET === 'bundle' ? it : it.skip;

describe('--jobs', () => {
  let dir: string;
  beforeAll(() => {
    dir = corpus(dirs.make());
  });

  builtCli('writes byte-identical JSON with --jobs 1 and --jobs 2 (built CLI, worker threads)', () => {
    const args = ['scan', '.', 'missing-file.txt', '--no-config', '-f', 'json'];
    const one = spawnCli([...args, '--jobs', '1'], { cwd: dir });
    const two = spawnCli([...args, '--jobs', '2'], { cwd: dir });
    const three = spawnCli([...args, '--jobs', '3'], { cwd: dir });
    expect(one.code).toBe(2); // the missing file
    const report = parseJson(one.stdout);
    expect(report.findings.length).toBeGreaterThan(300);
    expect(report.summary.skipped).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(one.code);
  });

  it('gives the same text report in this process with workers (loaded from dist)', async () => {
    const one = await runCli(['scan', '.', '--no-config', '--jobs', '1'], { cwd: dir });
    const two = await runCli(['scan', '.', '--no-config', '--jobs', '2'], { cwd: dir });
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(1);
  });

  builtCli('keeps the order when more files are in flight than the window holds, behind large files', () => {
    // Large files at the front and in the middle: whichever thread claims one, the others run
    // ahead until the window of unsettled files is full, then settle in order as results come.
    // They are over 16 MB, which the main thread takes only when next in order; whichever thread
    // ends up with them, the report is the same (test/run/pooled-run.test.ts checks the rule itself).
    const big = dirs.make();
    const files: Record<string, string> = {};
    const large = `${plantedText()}${'filler line without values, just words\n'.repeat(430_000)}${plantedText()}`;
    files['a-000.txt'] = large;
    for (let i = 1; i < 700; i++) files[`a-${String(i).padStart(3, '0')}.txt`] = i === 350 ? large : i % 5 === 0 ? `note ${i}\n${plantedText()}` : `plain ${i}\n`;
    writeTree(big, files);
    const args = ['scan', '.', '--no-config', '-f', 'json'];
    const one = spawnCli([...args, '--jobs', '1'], { cwd: big });
    expect(one.code).toBe(1);
    expect(parseJson(one.stdout).summary.filesScanned).toBe(700);
    for (const jobs of ['2', '3']) {
      const many = spawnCli([...args, '--jobs', jobs], { cwd: big });
      expect(many.stdout).toBe(one.stdout);
      expect(many.code).toBe(1);
    }
  });

  it('rejects a bad --jobs', async () => {
    const r = await runCli(['scan', '.', '--jobs', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});

describe('--shard and merge', () => {
  let dir: string;
  let out: string;
  beforeAll(() => {
    dir = corpus(dirs.make(), 240);
    out = dirs.make();
  });

  it('the union of 3 shards, merged, equals the unsharded scan', async () => {
    const full = await runCli(['scan', '.', '--no-config', '-f', 'json', '--jobs', '1'], { cwd: dir });
    const parts: string[] = [];
    const counts: number[] = [];
    for (const k of [1, 2, 3]) {
      const file = join(out, `shard-${k}.json`);
      const r = await runCli(['scan', '.', '--no-config', '-f', 'json', '--shard', `${k}/3`, '-o', file], { cwd: dir });
      expect(r.code).toBe(1);
      parts.push(file);
    }
    for (const p of parts) counts.push(parseJson(require_(p)).summary.filesScanned);
    // Balanced: no shard holds more than half of the files.
    for (const c of counts) expect(c).toBeLessThan(parseJson(full.stdout).summary.filesScanned / 2);
    const merged = await runCli(['merge', ...parts, '-f', 'json'], { cwd: dir });
    expect(merged.code).toBe(1);
    const a = parseJson(full.stdout);
    const b = parseJson(merged.stdout);
    expect(b.findings).toEqual(a.findings);
    expect(b.summary).toEqual(a.summary);
    expect(b.findings.every((f) => f.masked)).toBe(true);
    // Other formats read the merged findings too.
    const sarif = await runCli(['merge', ...parts, '-f', 'sarif'], { cwd: dir });
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(a.findings.length);
    // …with the same fingerprints as a direct SARIF scan, so code scanning sees the same alerts.
    const direct = await runCli(['scan', '.', '--no-config', '-f', 'sarif', '--jobs', '1'], { cwd: dir });
    const prints = (text: string) =>
      (JSON.parse(text).runs[0].results as Array<{ partialFingerprints: Record<string, string> }>).map((r) => r.partialFingerprints['piiScanFinding/v1']);
    expect(prints(sarif.stdout)).toEqual(prints(direct.stdout));
  });

  it('standard input belongs to shard 1 only', async () => {
    const one = await runCli(['scan', '-', '--no-config', '-f', 'json', '--shard', '1/2'], { cwd: dir, stdin: plantedText() });
    const two = await runCli(['scan', '-', '--no-config', '-f', 'json', '--shard', '2/2'], { cwd: dir, stdin: plantedText() });
    expect(parseJson(one.stdout).findings.length).toBeGreaterThan(0);
    expect(parseJson(two.stdout).summary.filesScanned).toBe(0);
  });

  it('refuses bad shard values with exit 2', async () => {
    for (const bad of ['0/3', '4/3', '1/0', 'x', '2', '1/2/3']) {
      const r = await runCli(['scan', '.', '--shard', bad], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--shard/);
    }
    const none = await runCli(['scan', '.', '--shard', 'auto'], { cwd: dir, env: {} });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no shard variables/);
  });

  it('reads the usual index variables with --shard auto', () => {
    expect(parseShard('auto', { PII_SCAN_SHARD: '2/5' })).toEqual({ index: 2, total: 5 });
    expect(parseShard('auto', { PII_SCAN_SHARD: '2', PII_SCAN_SHARDS: '5' })).toEqual({ index: 2, total: 5 });
    expect(parseShard('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '4' })).toEqual({ index: 3, total: 4 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0', PII_SCAN_SHARDS: '4' })).toEqual({ index: 1, total: 4 });
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '4', PII_SCAN_SHARDS: '4' })).toThrow(/not between 1 and 4/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '1' })).toThrow(/PII_SCAN_SHARDS/);
    expect(parseShard(' 3 / 8 ', {})).toEqual({ index: 3, total: 8 });
  });

  it('hashes paths with FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('refuses to mix masked and unmasked reports unless --show-values, and never unmasks', async () => {
    const masked = join(out, 'masked.json');
    const shown = join(out, 'shown.json');
    writeFileSync(join(dir, 'one.txt'), plantedText());
    await runCli(['scan', 'one.txt', '--no-config', '-f', 'json', '-o', masked], { cwd: dir });
    await runCli(['scan', 'one.txt', '--no-config', '-f', 'json', '--show-values', '-o', shown], { cwd: dir });
    const mixed = await runCli(['merge', masked, shown, '-f', 'json'], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/refusing to merge masked reports with unmasked/);
    const forced = await runCli(['merge', masked, shown, '-f', 'json', '--show-values'], { cwd: dir });
    expect(forced.code).toBe(1);
    expect(forced.stdout).not.toContain('536-22-4391');
    // Unmasked reports alone: masked again unless --show-values.
    const again = await runCli(['merge', shown, '-f', 'text'], { cwd: dir });
    expect(again.stdout).not.toContain('536-22-4391');
    const kept = await runCli(['merge', shown, '-f', 'json', '--show-values'], { cwd: dir });
    expect(kept.stdout).toContain('536-22-4391');
    const plain = await runCli(['merge', masked, '-f', 'json', '--show-values'], { cwd: dir });
    expect(plain.stdout).not.toContain('536-22-4391');
  });

  it('exits 2 when a report cannot be read or had errors', async () => {
    const bad = join(out, 'bad.json');
    writeFileSync(bad, '{not json');
    const clean = join(out, 'clean.json');
    writeFileSync(join(dir, 'clean.txt'), 'nothing here\n');
    await runCli(['scan', 'clean.txt', '--no-config', '-f', 'json', '-o', clean], { cwd: dir });
    expect((await runCli(['merge', clean], { cwd: dir })).code).toBe(0);
    const r = await runCli(['merge', clean, bad, join(out, 'nope.json')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json is not JSON/);
    expect(r.stderr).toMatch(/cannot read .*nope\.json/);
    const witherr = join(out, 'witherr.json');
    await runCli(['scan', 'clean.txt', 'missing.txt', '--no-config', '-f', 'json', '-o', witherr], { cwd: dir });
    expect((await runCli(['merge', clean, witherr], { cwd: dir })).code).toBe(2);
  });
});

describe('progress on stderr', () => {
  it('draws files, bytes and MB/s on a terminal, then clears the line', async () => {
    const dir = corpus(dirs.make(), 40);
    const r = await runCli(['scan', '.', '--no-config', '-f', 'json', '--jobs', '1'], { cwd: dir, stderrIsTTY: true });
    expect(r.stderr).toMatch(/\r\u001b\[Kpii-scan: \d+ files?, [\d.]+ MB, [\d.]+ MB\/s/);
    expect(r.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(r.stdout).not.toContain('\r');
  });

  it('is silent when stderr is not a terminal, in CI, or when the report prints to the same terminal', async () => {
    const dir = corpus(dirs.make(), 20);
    const plain = await runCli(['scan', '.', '--no-config', '--jobs', '1'], { cwd: dir });
    expect(plain.stderr).not.toContain('\r');
    const ci = await runCli(['scan', '.', '--no-config', '--jobs', '1'], { cwd: dir, stderrIsTTY: true, env: { CI: 'true' } });
    expect(ci.stderr).not.toContain('\r');
    const same = await runCli(['scan', '.', '--no-config', '--jobs', '1'], { cwd: dir, stderrIsTTY: true, stdoutIsTTY: true });
    expect(same.stderr).not.toContain('\r');
  });
});

function require_(path: string): string {
  return readFileSync(path, 'utf8');
}
