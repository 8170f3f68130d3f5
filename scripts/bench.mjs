/**
 * `npm run bench`: throughput, peak memory and start-up of the built CLI on two generated corpora
 * (sparse: prose and logs with a planted message every few KB; dense: changelogs and commits by
 * maintainers with UTF-8 names, an e-mail address every few hundred bytes, a planted message every
 * 2 KB), each against ripgrep running the shipped patterns' union on the same file.
 *
 *   npm run bench                          100 MB of each corpus
 *   BENCH_SIZES=100,1024 npm run bench     also 1 GB of each (memory should stay flat)
 *   BENCH_OLD=/tmp/old npm run bench       also the build in that checkout, alternating with this one
 *   BENCH_RUNS=5 npm run bench             runs per measurement (default 3; min and median shown)
 *   BENCH_FILES=0 npm run bench            skip the --jobs folder (default 2000 files)
 *   BENCH_TEXT=a.txt,b.log npm run bench   also these files of your own (real text), measured the same way
 *   BENCH_FOLDER=dir1,dir2 npm run bench   also the --jobs speed-up on these folders of your own
 *
 * Machines here are shared and noisy: every tool is run in turn within one round, and the rounds
 * repeat, so a burst of load hits all of them alike; read the ratios within one run. With GNU time
 * installed, each scan's CPU seconds are shown too: on a loaded machine they move less than wall time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench-corpus.mjs';
import { writeDenseCorpus } from './bench-dense-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, 'bench', '.corpus');
const sizes = (process.env.BENCH_SIZES ?? '100').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const old = process.env.BENCH_OLD ? resolve(process.env.BENCH_OLD) : undefined;
/** The builds measured: this checkout's, and the one to compare with. */
const builds = [{ label: 'pii-scan', bin: join(root, 'bin', 'pii-scan') }, ...(old ? [{ label: 'old', bin: join(old, 'bin', 'pii-scan') }] : [])];
const bin = builds[0].bin;

mkdirSync(corpusDir, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const min = (xs) => Math.min(...xs);

/**
 * Each of `tools` once per round, `runs` rounds; per tool its seconds (and whatever else it returns)
 * of every run.
 */
function alternate(tools) {
  const out = tools.map(() => []);
  for (let i = 0; i < runs; i++) tools.forEach((t, k) => out[k].push(t()));
  return out;
}

/** GNU time, where installed: the CPU seconds a scan used, steadier than wall time on a loaded machine. */
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0 ? '/usr/bin/time' : undefined;

/** The CLI's own --stats line (MB, seconds, peak RSS of the scanning process), and its CPU seconds. */
function scanFile(binPath, file) {
  const args = [binPath, 'scan', file, '--format', 'json', '-o', '/dev/null', '--stats', '--no-config'];
  const r = gnuTime
    ? spawnSync(gnuTime, ['-f', 'cpu %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = /stats: .*?([\d.]+) MB in ([\d.]+) s \(([\d.]+) MB\/s\), peak RSS (\d+) MB/.exec(r.stderr);
  if (!m) throw new Error(`no stats from ${binPath} (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { mb: Number(m[1]), seconds: Number(m[2]), rss: Number(m[4]), cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined };
}

function wall(cmd, args, input) {
  const t = process.hrtime.bigint();
  spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const hasRipgrep = spawnSync('rg', ['--version']).status === 0;

/**
 * ripgrep, one thread, ASCII mode, counting matching lines, on the shipped patterns themselves as
 * one union (rg-union.mjs: exactly the candidates pii-scan looks for, look-arounds dropped, no
 * validation or context).
 */
function ripgrep(file, union) {
  // From a file: the union is longer than one argument may be (128 KB on Linux).
  const patternFile = join(corpusDir, `union-${union.length}.rg`);
  if (!existsSync(patternFile)) writeFileSync(patternFile, `${union}\n`);
  const t = process.hrtime.bigint();
  const r = spawnSync('rg', ['-c', '-j1', '--no-unicode', '-f', patternFile, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ripgrep failed: ${r.error?.message ?? r.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

console.log(`pii-scan benchmark (node ${process.version}, ${runs} alternated runs, min / median)\n`);
for (const checkout of [root, ...(old ? [old] : [])]) execFileSync('npm', ['run', 'build', '--silent'], { cwd: checkout, stdio: 'inherit' });
const { ripgrepUnion } = await import('./rg-union.mjs');
// The street-address rule's patterns alone cost ripgrep most of its time on either corpus: the
// union without them is shown too, the baseline issue 19's target was set against.
const unions = [
  { label: 'ripgrep', union: await ripgrepUnion(), what: "all shipped patterns' union" },
  { label: 'rg -addr', union: await ripgrepUnion(['street-address']), what: 'the union less street-address' },
];

const secs = (xs) => `${min(xs).toFixed(2)} / ${median(xs).toFixed(2)} s`;

/** One file: each build's MB/s and peak RSS, ripgrep's, and pii-scan's share of ripgrep's speed. */
function measure(label, file) {
  const tools = builds.map((b) => () => scanFile(b.bin, file));
  if (hasRipgrep) for (const u of unions) tools.push(() => ripgrep(file, u.union));
  const results = alternate(tools);
  const mb = results[0][0].mb;
  const rate = (xs) => `${(mb / min(xs)).toFixed(1)} / ${(mb / median(xs)).toFixed(1)} MB/s`;
  console.log(`${label} (${mb.toFixed(1)} MB)`);
  const rgs = hasRipgrep ? unions.map((_, k) => results[builds.length + k].map((r) => r.seconds)) : [];
  builds.forEach((b, k) => {
    const s = results[k].map((r) => r.seconds);
    const rss = Math.max(...results[k].map((r) => r.rss));
    const share = rgs.map((rg, u) => `  ${(min(rg) / min(s)).toFixed(2)}× / ${(median(rg) / median(s)).toFixed(2)}× ${unions[u].label}`).join('');
    const cpu = results[k].every((r) => r.cpu !== undefined) ? `  CPU ${secs(results[k].map((r) => r.cpu))}` : '';
    console.log(`  ${b.label.padEnd(9)} ${secs(s).padStart(18)}  ${rate(s).padStart(22)}  peak RSS ${String(rss).padStart(4)} MB${share}${cpu}`);
  });
  if (old) {
    const ratio = (field) => {
      const [mine, theirs] = [0, 1].map((k) => results[k].map((r) => r[field]));
      return `${(min(theirs) / min(mine)).toFixed(2)}× / ${(median(theirs) / median(mine)).toFixed(2)}×`;
    };
    const cpu = results[0][0].cpu !== undefined ? `, CPU ${ratio('cpu')}` : '';
    console.log(`  ${'old/new'.padEnd(9)} wall ${ratio('seconds')}${cpu} (above 1: this build is faster)`);
  }
  rgs.forEach((rg, u) => console.log(`  ${unions[u].label.padEnd(9)} ${secs(rg).padStart(18)}  ${rate(rg).padStart(22)}  (${unions[u].what})`));
}

for (const mb of sizes) {
  for (const [kind, write] of [
    ['corpus', writeCorpus],
    ['dense', writeDenseCorpus],
  ]) {
    const file = join(corpusDir, `${kind}-${mb}mb.txt`);
    if (!existsSync(file) || statSync(file).size < mb * 1024 * 1024) {
      process.stdout.write(`generating ${file} … `);
      await write(file, mb);
      console.log('done');
    }
    measure(`${mb} MB ${kind === 'dense' ? 'dense non-ASCII corpus' : 'sparse corpus'}`, file);
  }
}
for (const file of (process.env.BENCH_TEXT ?? '').split(',').filter(Boolean)) measure(file, file);

// Start-up: a 1 KB draft on stdin against bare node, in turn.
const draft = join(corpusDir, 'draft-1k.txt');
writeFileSync(draft, 'Team, staging at 0500 at the usual lot. Bring vests and the ram. '.repeat(16).slice(0, 1024));
const input = readFileSync(draft);
{
  const tools = [() => wall(process.execPath, ['-e', '0']), ...builds.map((b) => () => wall(process.execPath, [b.bin, 'scan', '-', '--no-config'], input))];
  const rounds = Math.max(7, runs);
  const out = tools.map(() => []);
  for (let i = 0; i < rounds; i++) tools.forEach((t, k) => out[k].push(t()));
  const ms = (xs) => `${(min(xs) * 1000).toFixed(0)} / ${(median(xs) * 1000).toFixed(0)} ms`;
  console.log(`\nstart-up, 1 KB draft on stdin (${rounds} alternated runs, min / median): bare node ${ms(out[0])}`);
  builds.forEach((b, k) =>
    console.log(`  ${b.label.padEnd(9)} ${ms(out[k + 1])}  (${(min(out[k + 1]) / min(out[0])).toFixed(2)}× / ${(median(out[k + 1]) / median(out[0])).toFixed(2)}× bare node)`),
  );
}

// --jobs: folders of small-to-medium files cut from each generated corpus (the same bytes every time).
const fileCount = Number(process.env.BENCH_FILES ?? 2000);
if (fileCount > 0) {
  for (const [kind, write] of [
    ['files', writeCorpus],
    ['dense-files', writeDenseCorpus],
  ]) {
    const folder = join(corpusDir, `${kind}-${fileCount}`);
    const marker = join(folder, '.complete');
    if (!existsSync(marker)) {
      process.stdout.write(`\ngenerating ${fileCount} files in ${folder} … `);
      rmSync(folder, { recursive: true, force: true });
      const source = join(corpusDir, `${kind}-source.txt`);
      await write(source, Math.ceil((fileCount * 12) / 1024) + 1, 7);
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
    jobsSpeedup(`${fileCount} files cut from the ${kind === 'files' ? 'sparse' : 'dense'} corpus`, folder);
  }
}
for (const folder of (process.env.BENCH_FOLDER ?? '').split(',').filter(Boolean)) jobsSpeedup(folder, folder);

/**
 * Wall time (start-up included) of the default, --jobs 1 and --jobs <cores> on one folder, and of
 * one --shard process per core side by side: what the machine allows with no coordination at all.
 */
function jobsSpeedup(label, folder) {
  const cores = availableParallelism();
  const timed = (fn) => () => {
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  const scan = (binPath, jobs) =>
    timed(() => {
      const r = spawnSync(process.execPath, [binPath, 'scan', folder, '--no-config', ...(jobs ? ['--jobs', String(jobs)] : []), '--format', 'json', '-o', '/dev/null'], { stdio: 'ignore' });
      if (r.status !== 0 && r.status !== 1) throw new Error(`pii-scan --jobs ${jobs} exited ${r.status}`);
    });
  const shards = timed(() => {
    const args = (k) => [bin, 'scan', folder, '--no-config', '--jobs', '1', '--shard', `${k}/${cores}`, '--format', 'json', '-o', '/dev/null'];
    const script = `const { spawn } = require('node:child_process'); let left = ${cores};
      for (const a of ${JSON.stringify(Array.from({ length: cores }, (_, k) => args(k + 1)))}) spawn(process.execPath, a, { stdio: 'ignore' }).on('exit', () => --left || process.exit(0));`;
    spawnSync(process.execPath, ['-e', script], { stdio: 'ignore' });
  });
  const names = ['--jobs 1', `--jobs ${cores}`, 'default', `${cores} shards`];
  const tools = [scan(bin, 1), scan(bin, cores), scan(bin, undefined), shards];
  if (old) names.push('old default'), tools.push(scan(old && builds[1].bin, undefined));
  const out = alternate(tools);
  console.log(`\n--jobs: ${label} (${cores} cores, wall time with start-up, min / median)`);
  names.forEach((n, k) => console.log(`  ${n.padEnd(12)} ${secs(out[k]).padStart(18)}  ${(min(out[0]) / min(out[k])).toFixed(2)}× / ${(median(out[0]) / median(out[k])).toFixed(2)}× of --jobs 1`));
}
