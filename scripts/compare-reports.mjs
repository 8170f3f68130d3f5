/**
 * The byte-identical guard for speed work: scans the bench corpora (sparse and dense) with one or
 * two builds and compares the reports' SHA-256 digests. A change that only makes scanning faster
 * must leave every report byte for byte as it was.
 *
 *   node scripts/compare-reports.mjs                       digests of this checkout's build
 *   node scripts/compare-reports.mjs --against /tmp/old    also of the checkout there (built), compared
 *   COMPARE_MB=20 node scripts/compare-reports.mjs …       smaller corpora (default 100 MB each)
 *   COMPARE_ONLY=stdin node scripts/compare-reports.mjs …  only the cases whose name has that
 *
 * Each case runs `bin/pii-scan scan FILE --no-config --format json --show-values` with the case's
 * own flags (every candidate at --min-confidence 0; the default threshold, which takes the path
 * that only counts weak candidates; stdin, which reads in other chunk sizes; -o FILE, which writes
 * the report through the report file rather than standard output). Exit 1 when a digest
 * differs; the digests are also written to bench/.corpus/digests-<commit>-<size>mb.json, and a
 * clean `--against` checkout's are read back from there next time instead of scanning again.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench-corpus.mjs';
import { writeDenseCorpus } from './bench-dense-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, 'bench', '.corpus');
const mb = Number(process.env.COMPARE_MB ?? 100);
const at = process.argv.indexOf('--against');
const other = at === -1 ? undefined : resolve(process.argv[at + 1]);

/** The corpora, made on first use (the same bytes every time). */
export async function benchCorpora(size = mb) {
  mkdirSync(corpusDir, { recursive: true });
  const sparse = join(corpusDir, `corpus-${size}mb.txt`);
  const dense = join(corpusDir, `dense-${size}mb.txt`);
  if (!existsSync(sparse) || statSync(sparse).size < size * 1024 * 1024) await writeCorpus(sparse, size);
  if (!existsSync(dense) || statSync(dense).size < size * 1024 * 1024) await writeDenseCorpus(dense, size);
  return { sparse, dense };
}

const { sparse, dense } = await benchCorpora();
const CASES = [
  { name: 'sparse, --min-confidence 0', file: sparse, args: ['--min-confidence', '0'] },
  { name: 'dense, --min-confidence 0', file: dense, args: ['--min-confidence', '0'] },
  { name: 'dense, default threshold', file: dense, args: [] },
  { name: 'dense, stdin, --min-confidence 0', file: dense, args: ['--min-confidence', '0'], stdin: true },
  { name: 'dense, -o FILE, --min-confidence 0', file: dense, args: ['--min-confidence', '0'], toFile: true },
];

/** Digest of one case's report, streamed (a dense report is larger than the corpus). */
async function digest(checkout, c) {
  if (!c.toFile) return digestOf(checkout, c, []);
  // The report file is written by other code than standard output: hash what lands in the file.
  const out = join(corpusDir, `report-${process.pid}.json`);
  try {
    const r = await digestOf(checkout, c, ['-o', out]);
    const { digest: d, bytes, findings } = await digestOf(undefined, { file: out });
    return { ...r, digest: d, bytes, findings };
  } finally {
    rmSync(out, { force: true });
  }
}

/** Digest of a scan's standard output, or (no checkout) of the file itself. */
function digestOf(checkout, c, extra) {
  return new Promise((done, fail) => {
    const bin = checkout && join(checkout, 'bin', 'pii-scan');
    const child = checkout
      ? spawn(process.execPath, [bin, 'scan', c.stdin ? '-' : c.file, '--no-config', '--format', 'json', '--show-values', ...c.args, ...extra], {
          stdio: [c.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        })
      : spawn('cat', [c.file], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (c.stdin) createReadStream(c.file).pipe(child.stdin);
    const hash = createHash('sha256');
    let bytes = 0;
    let findings = 0;
    let carry = ''; // a key split between two reads is counted once
    let stderr = '';
    child.stdout.on('data', (d) => {
      hash.update(d);
      bytes += d.length;
      const text = carry + d.toString('latin1');
      for (let i = text.indexOf('"ruleId"'); i !== -1; i = text.indexOf('"ruleId"', i + 1)) findings++;
      carry = text.slice(-7);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0 && (code !== 1 || !checkout)) fail(new Error(`${checkout ?? 'cat'}: ${c.name ?? c.file}: exit ${code}: ${stderr.slice(0, 400)}`));
      else done({ digest: hash.digest('hex'), exit: code, bytes, findings });
    });
  });
}

const commitOf = (checkout) => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: checkout, encoding: 'utf8' }).trim();
const dirty = (checkout) => execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: checkout, encoding: 'utf8' }).trim() !== '';

const only = process.env.COMPARE_ONLY; // a part of a case's name: run just the cases that have it
const checkouts = other ? [root, other] : [root];
const results = {};
for (const checkout of checkouts) results[checkout] = {};
let differ = 0;
const cases = CASES.filter((k) => !only || k.name.includes(only));
const digestFile = (checkout) => join(corpusDir, `digests-${commitOf(checkout)}${dirty(checkout) ? '-dirty' : ''}-${mb}mb.json`);
/** A clean checkout's digests from an earlier run: the build to compare against is scanned once. */
const stored = (checkout) => {
  if (checkout === root || dirty(checkout) || !existsSync(digestFile(checkout))) return {};
  return JSON.parse(readFileSync(digestFile(checkout), 'utf8'));
};
const earlier = Object.fromEntries(checkouts.map((k) => [k, stored(k)]));
for (const c of cases) {
  for (const checkout of checkouts) results[checkout][c.name] = earlier[checkout][c.name] ?? (await digest(checkout, c));
  const [mine, theirs] = checkouts.map((k) => results[k][c.name]);
  const same = theirs ? mine.digest === theirs.digest && mine.exit === theirs.exit : undefined;
  if (same === false) differ++;
  const verdict = same === undefined ? '' : same ? '  identical' : `  DIFFERENT (other: ${theirs.digest.slice(0, 16)}, ${theirs.findings} findings, exit ${theirs.exit})`;
  console.log(`${c.name.padEnd(34)} ${mine.digest.slice(0, 16)}  ${String(mine.findings).padStart(7)} findings  ${(mine.bytes / 1e6).toFixed(1)} MB of JSON  exit ${mine.exit}${verdict}`);
}
for (const checkout of checkouts) writeFileSync(digestFile(checkout), JSON.stringify({ ...earlier[checkout], ...results[checkout] }, null, 2) + '\n');
if (other) console.log(differ === 0 ? `all ${cases.length} reports byte-identical to ${other}` : `${differ} of ${cases.length} reports differ from ${other}`);
process.exit(differ === 0 ? 0 : 1);
