/**
 * `npm run bench`: throughput, peak memory and start-up of the built CLI on a generated corpus.
 *
 *   npm run bench                 100 MB corpus
 *   BENCH_SIZES=100,1024 npm run bench   also 1 GB (memory should stay flat)
 *   BENCH_FILES=0 npm run bench          skip the --jobs folder (default 2000 files)
 *   BENCH_TEXT=a.txt,b.log npm run bench also these files of your own (real text), measured the same way
 *   BENCH_FOLDER=dir1,dir2 npm run bench  also the --jobs speed-up on these folders of your own
 *
 * Machines here are shared and noisy: read the ratios within one run, not absolute times
 * across runs. Each measurement is the best of BENCH_RUNS (default 2).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'pii-scan');
const corpusDir = join(root, 'bench', '.corpus');
const sizes = (process.env.BENCH_SIZES ?? '100').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 2);

mkdirSync(corpusDir, { recursive: true });

function best(fn) {
  let out;
  for (let i = 0; i < runs; i++) {
    const r = fn();
    if (!out || r.seconds < out.seconds) out = r;
  }
  return out;
}

/** The CLI's own --stats line: MB, seconds, peak RSS of the scanning process. */
function scanFile(file) {
  const r = spawnSync(process.execPath, [bin, 'scan', file, '--format', 'json', '-o', '/dev/null', '--stats', '--no-config'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const m = /stats: .*?([\d.]+) MB in ([\d.]+) s \(([\d.]+) MB\/s\), peak RSS (\d+) MB/.exec(r.stderr);
  if (!m) throw new Error(`no stats from pii-scan (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  return { mb: Number(m[1]), seconds: Number(m[2]), mbps: Number(m[3]), rss: Number(m[4]) };
}

function wall(cmd, args, input) {
  const t = process.hrtime.bigint();
  spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Two ripgrep baselines, one thread, ASCII mode, counting matching lines: the shipped patterns
 * themselves as one union (rg-union.mjs: exactly the candidates pii-scan looks for, look-arounds
 * dropped), and a union of simpler candidate shapes (what a quick grep for PII would use). The
 * exact union is far slower for ripgrep on some text (its bounded repetitions are costly for a DFA).
 */
const SHAPES = [
  '\\d{3}[- .]\\d{2}[- .]\\d{4}', '\\d{9,19}', '[A-Z0-9]{5,8}', '[A-HJ-NPR-Z0-9]{17}', '\\(?\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}',
  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', '[A-Z]{2}\\d{2}[A-Z0-9]{11,30}',
  '\\d{1,2}/\\d{1,2}/\\d{2,4}', '-?\\d{1,3}\\.\\d{4,}, ?-?\\d{1,3}\\.\\d{4,}', 'FOUO|CUI//|//[A-Z]+', 'A\\d{8,9}',
].join('|');

function ripgrep(file, union) {
  const rg = spawnSync('rg', ['--version']);
  if (rg.status !== 0) return undefined;
  return best(() => {
    const t = process.hrtime.bigint();
    const r = spawnSync('rg', ['-c', '-j1', '--no-unicode', '-e', union, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`ripgrep failed: ${r.stderr}`);
    return { seconds: Number(process.hrtime.bigint() - t) / 1e9 };
  });
}

console.log(`pii-scan benchmark (node ${process.version}, ${runs} runs each, best kept)\n`);
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const { ripgrepUnion } = await import('./rg-union.mjs');
const exact = await ripgrepUnion();

/** One file: pii-scan's MB/s and peak RSS, and its share of each ripgrep baseline's speed. */
function measure(label, file) {
  const r = best(() => scanFile(file));
  const share = (rg) => (rg ? `${(r.mb / rg.seconds).toFixed(0)} MB/s (pii-scan ${((rg.seconds / r.seconds) * 100).toFixed(1)}%)` : 'not installed');
  console.log(
    `${label.padEnd(28)} ${r.mbps.toFixed(1).padStart(7)} MB/s  peak RSS ${String(r.rss).padStart(4)} MB  | ripgrep: shipped patterns ${share(ripgrep(file, exact))}, simple shapes ${share(ripgrep(file, SHAPES))}`,
  );
}

for (const mb of sizes) {
  const file = join(corpusDir, `corpus-${mb}mb.txt`);
  if (!existsSync(file) || statSync(file).size < mb * 1024 * 1024) {
    process.stdout.write(`generating ${mb} MB corpus … `);
    await writeCorpus(file, mb);
    console.log('done');
  }
  measure(`${mb} MB generated corpus`, file);
}
for (const file of (process.env.BENCH_TEXT ?? '').split(',').filter(Boolean)) measure(file, file);

// Start-up: a 1 KB draft on stdin against bare node.
const draft = join(corpusDir, 'draft-1k.txt');
writeFileSync(draft, 'Team, staging at 0500 at the usual lot. Bring vests and the ram. '.repeat(16).slice(0, 1024));
const input = readFileSync(draft);
const bare = median(Array.from({ length: 7 }, () => wall(process.execPath, ['-e', '0'])));
const scan = median(Array.from({ length: 7 }, () => wall(process.execPath, [bin, 'scan', '-', '--no-config'], input)));
console.log(`\nstart-up: bare node ${(bare * 1000).toFixed(0)} ms, pii-scan on a 1 KB draft ${(scan * 1000).toFixed(0)} ms (${(scan / bare).toFixed(2)}× bare node)`);

// --jobs: a folder of small-to-medium files (cut from a generated corpus, so the same bytes every time).
const fileCount = Number(process.env.BENCH_FILES ?? 2000);
if (fileCount > 0) {
  const folder = join(corpusDir, `files-${fileCount}`);
  const marker = join(folder, '.complete');
  if (!existsSync(marker)) {
    process.stdout.write(`\ngenerating ${fileCount} files … `);
    rmSync(folder, { recursive: true, force: true });
    const source = join(corpusDir, 'files-source.txt');
    await writeCorpus(source, Math.ceil((fileCount * 12) / 1024) + 1, 7);
    const text = readFileSync(source, 'utf8');
    let at = 0;
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < fileCount; i++) {
      // 1 KB to ~24 KB, cut at a line end; 40 files a folder.
      const want = 1024 + (next() % 23552);
      let end = text.indexOf('\n', at + want);
      if (end < 0) end = text.length;
      if (at >= text.length) at = 0;
      const dir = join(folder, `d${String(Math.floor(i / 40)).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `f${String(i).padStart(5, '0')}.txt`), text.slice(at, end + 1));
      at = end + 1;
    }
    rmSync(source);
    writeFileSync(marker, '');
    console.log('done');
  }
  jobsSpeedup(`${fileCount} generated files`, folder);
}
for (const folder of (process.env.BENCH_FOLDER ?? '').split(',').filter(Boolean)) jobsSpeedup(folder, folder);

/** Wall time (start-up included) of --jobs 1 against --jobs <cores> on one folder. */
function jobsSpeedup(label, folder) {
  const jobsRun = (jobs) =>
    best(() => {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'scan', folder, '--no-config', '--jobs', String(jobs), '--format', 'json', '-o', '/dev/null'], { stdio: 'ignore' });
      if (r.status !== 0 && r.status !== 1) throw new Error(`pii-scan --jobs ${jobs} exited ${r.status}`);
      return { seconds: Number(process.hrtime.bigint() - t) / 1e9 };
    });
  const cores = availableParallelism();
  const one = jobsRun(1);
  const many = jobsRun(cores);
  // What the machine allows with no coordination at all: one process per --shard, side by side.
  const shards = best(() => {
    const t = process.hrtime.bigint();
    const args = (k) => [bin, 'scan', folder, '--no-config', '--jobs', '1', '--shard', `${k}/${cores}`, '--format', 'json', '-o', '/dev/null'];
    const script = `const { spawn } = require('node:child_process'); let left = ${cores};
      for (const a of ${JSON.stringify(Array.from({ length: cores }, (_, k) => args(k + 1)))}) spawn(process.execPath, a, { stdio: 'ignore' }).on('exit', () => --left || process.exit(0));`;
    spawnSync(process.execPath, ['-e', script], { stdio: 'ignore' });
    return { seconds: Number(process.hrtime.bigint() - t) / 1e9 };
  });
  console.log(
    `--jobs: ${label}, --jobs 1 ${one.seconds.toFixed(2)} s, --jobs ${cores} ${many.seconds.toFixed(2)} s: ${(one.seconds / many.seconds).toFixed(2)}× ` +
      `(${cores} cores, wall time with start-up; ${cores} --shard processes side by side: ${(one.seconds / shards.seconds).toFixed(2)}×)`,
  );
}
