/**
 * What a rule costs the detection core, and whether two builds find the same: the dense corpus
 * scanned in one process by each build's ByteScanner (no start-up, no report), with every rule and
 * without the one named, rounds alternated, CPU milliseconds (user + system) per scan, min and
 * median. Each line ends with a digest of the findings (rule, span, place, confidence, why,
 * fingerprint): two builds must print the same one.
 *
 *   node scripts/engine-share.mjs [--against DIR] [--rule person] [--mb 4] [--rounds 9]
 *
 * Runs this checkout's dist/ (npm run build first) and DIR's; needs bench/.corpus/dense-<mb>mb.txt
 * or writes it. --min-confidence 0 is what it judges at: every candidate judged and placed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeDenseCorpus } from './bench-dense-corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const mb = Number(arg('mb', '4'));
const rounds = Number(arg('rounds', '9'));
const rule = arg('rule', 'person');
const checkouts = [root, ...(arg('against') ? [resolve(arg('against'))] : [])];

const corpus = join(root, 'bench', '.corpus', `dense-${mb}mb.txt`);
if (!existsSync(corpus)) {
  mkdirSync(dirname(corpus), { recursive: true });
  await writeDenseCorpus(corpus, mb);
}
const bytes = readFileSync(corpus);

const builds = [];
for (const dir of checkouts) {
  const load = (file) => import(pathToFileURL(join(dir, 'dist', file)).href);
  const { BUILTIN_RULES_DIR, loadRuleDefs } = await load('config/load.js');
  const { compileRules } = await load('engine/ruleset.js');
  const { ByteScanner } = await load('engine/byte-scanner.js');
  const { sniff } = await load('text/decoder.js');
  const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
  const without = defs.filter((d) => d.id !== rule && d.entity !== rule);
  if (without.length === defs.length) throw new Error(`no rule or entity named '${rule}'`);
  builds.push({ dir, ByteScanner, sniff, sets: { all: compileRules(defs), [`no ${rule}`]: compileRules(without) } });
}

/** One scan in 64 KB chunks, as the CLI reads a file; the findings' digest and count. */
function scan(build, rules) {
  const scanner = new build.ByteScanner(rules, build.sniff(bytes).decoder, { defaultRegion: 'US' }, 0);
  const hash = createHash('sha256');
  let n = 0;
  const take = (found) => {
    for (const f of found) {
      n++;
      hash.update(`${f.ruleId} ${f.index} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.offset}+${f.length} ${f.confidence} ${f.why} ${f.contextHash}\n`);
    }
  };
  for (let at = 0; at < bytes.length; at += 65536) take(scanner.feed(bytes.subarray(at, at + 65536), false));
  take(scanner.feed(new Uint8Array(0), true));
  return `${n} findings ${hash.digest('hex').slice(0, 16)}`;
}

const results = new Map();
for (let r = 0; r < rounds; r++) {
  for (const build of builds) {
    for (const [set, rules] of Object.entries(build.sets)) {
      const before = process.cpuUsage();
      const found = scan(build, rules);
      const used = process.cpuUsage(before);
      const key = `${build.dir === root ? 'this' : build.dir}  ${set}`;
      const entry = results.get(key) ?? { found, ms: [] };
      entry.ms.push((used.user + used.system) / 1000);
      results.set(key, entry);
    }
  }
}

const stats = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[(sorted.length - 1) >> 1] };
};
console.log(`${mb} MB dense corpus, ${rounds} rounds, CPU ms per scan (the first round warms up)`);
const byKey = new Map();
for (const [key, { found, ms }] of results) {
  const s = stats(ms);
  byKey.set(key, s);
  console.log(`${key.padEnd(40)} min ${s.min.toFixed(0).padStart(6)}  median ${s.median.toFixed(0).padStart(6)}  ${found}`);
}
for (const build of builds) {
  const name = build.dir === root ? 'this' : build.dir;
  const all = byKey.get(`${name}  all`);
  const none = byKey.get(`${name}  no ${rule}`);
  const share = (a, b) => `${((a / b - 1) * 100).toFixed(0)} %`;
  console.log(`${name}: ${rule} adds ${share(all.min, none.min)} (min), ${share(all.median, none.median)} (median)`);
}
